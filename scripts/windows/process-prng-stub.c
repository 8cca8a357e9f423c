/* A test fixture, never shipped: Wine 8.0 has no bcryptprimitives.dll, whose
 * ProcessPrng every Rust program since 1.78 imports on Windows (rust-lang/rust
 * #121337). This DLL, placed in the test Wine prefix's system32, exports it over
 * BCryptGenRandom, which Wine has. Windows 10 and 11 have the real one. */
#include <windows.h>

typedef LONG NTSTATUS;
__declspec(dllimport) NTSTATUS WINAPI BCryptGenRandom(void *alg, PUCHAR buffer, ULONG size, ULONG flags);

#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
