/* A test fixture, never shipped: holds a file open as Word holds a document
 * (no sharing: share mode 0) or as a PDF viewer does (FILE_SHARE_READ with "r"),
 * until its standard input closes or 60 seconds pass. Prints "held" when the
 * file is open, so the test knows when to try exporting over it.
 *   hold-open.exe FILE [r] */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
    if (argc < 2) return 2;
    DWORD share = (argc > 2 && argv[2][0] == L'r') ? FILE_SHARE_READ : 0;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        printf("error %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    char buf[16];
    DWORD n;
    /* Returns when the test closes our standard input (or kills us). */
    ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf, sizeof buf, &n, NULL);
    CloseHandle(h);
    return 0;
}
