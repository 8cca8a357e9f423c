#!/usr/bin/env python3
"""The Windows build tested under Wine, from the Linux side.

The engine's unit tests run under Wine through cargo (scripts/test); integration
tests that call python3 or poppler cannot run inside Wine, so the Windows build is
tested here through its command line, against the Linux build on the same inputs:

- golden flows: `sample` -> DOCX and PDF byte for byte the Linux build's; import
  of a received PDF, a DOCX, a text file (LF and CRLF) equal to Linux's; a scanned
  PDF read by OCR with the title, number, agency and every target figure equal and
  at least 98.5 % of the words equal; a store on a path with a drive letter and
  Vietnamese letters with add, list, derive, check, export; a report from a CSV as
  Excel saves it on a Vietnamese Windows to XLSX; a sync of a shared folder whose
  name has Vietnamese letters, and a UNC folder that cannot be reached;
- what Windows does differently: exporting over a file Word or a PDF viewer holds
  open, file names with device names, the OCR library missing;
- the installer run silently (/S): refused without WebView2, then files in place,
  the installed CLI answers and reads a scan, a second install over it keeps a
  database made by the first (an older schema migrated with its backup), the
  uninstaller removes the program and keeps the data;
- the app started under Wine reaches the WebView2 check and says it is missing
  (a message box, exit code 2, the log), without a crash.

Prints each check and the counts; exits 1 when one failed.

  xvfb-run tests/windows/wine_tests.py --stage target/windows/stage \
      --setup dist/kehoach-X-setup.exe --linux target/debug/kehoach [--shots docs/img]
"""

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINE = ROOT / "scripts" / "windows" / "wine"
FIX = ROOT / "tests" / "fixtures"
WEBVIEW2_KEY = r"HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"


class Checks:
    def __init__(self):
        self.passed = []
        self.failed = []

    def check(self, name, ok, detail=""):
        (self.passed if ok else self.failed).append(name)
        mark = "ok  " if ok else "FAIL"
        print(f"{mark} {name}" + (f"\n     {detail}" if detail and not ok else ""), flush=True)
        return ok

    def group(self, name, fn, *args):
        print(f"== {name}", flush=True)
        try:
            fn(self, *args)
        except Exception:
            self.check(f"{name}: ran to the end", False, traceback.format_exc())


class Wine:
    """Runs Windows programs in one Wine prefix of its own."""

    def __init__(self, prefix):
        self.prefix = Path(prefix)
        # Wine links the user's Desktop and Documents to $HOME's: a home of the
        # test's own, so the installer's shortcuts land there, not in the real one.
        home = self.prefix.parent / (self.prefix.name + "-home")
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        self.env = dict(os.environ, WINEPREFIX=str(self.prefix), HOME=str(home))
        self.env.pop("KEHOACH_DB", None)

    def run(self, args, env=None, timeout=600, input=None, check=False):
        e = dict(self.env, **(env or {}))
        p = subprocess.run([str(WINE)] + [str(a) for a in args], env=e, capture_output=True,
                           timeout=timeout, input=input)
        if check and p.returncode != 0:
            raise RuntimeError(f"{args}: exit {p.returncode}\n{p.stderr.decode(errors='replace')}")
        return p

    def popen(self, args, **kw):
        return subprocess.Popen([str(WINE)] + [str(a) for a in args], env=self.env, **kw)

    def wait_server(self):
        """Waits for every program of the prefix to end (the uninstaller returns
        before it has finished: it copies itself and runs from the copy)."""
        subprocess.run(["/usr/lib/wine/wineserver", "-w"], env=self.env, timeout=300)

    def c_drive(self):
        return self.prefix / "drive_c"

    def user_dir(self):
        users = self.c_drive() / "users"
        me = os.environ.get("USER") or "root"
        return users / me if (users / me).exists() else next(p for p in users.iterdir() if p.name != "Public")


def winpath(p):
    """A Linux path as the Windows program sees it (Wine maps Z: to /)."""
    return "Z:" + str(p).replace("/", "\\")


def linux(kehoach, args, env=None):
    e = dict(os.environ, **(env or {}))
    e.pop("KEHOACH_DB", None)
    return subprocess.run([str(kehoach)] + [str(a) for a in args], capture_output=True, env=e, timeout=600)


def text_of(plan):
    """Every string of a plan's JSON, in order: its words as read."""
    out = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(plan)
    return " ".join(out).split()


def version_info(path, key):
    """A value of a Windows program's version resource (the file's Properties →
    Details), found as the UTF-16 key followed by its value."""
    data = Path(path).read_bytes()
    at = data.find(key.encode("utf-16-le"))
    if at < 0:
        return None
    at += len(key) * 2
    while data[at:at + 2] == b"\0\0":
        at += 2
    end = at
    while data[end:end + 2] != b"\0\0":
        end += 2
    return data[at:end].decode("utf-16-le", errors="replace")


def untimed(v):
    """A plan's JSON without its store timestamps (when it was added differs)."""
    if isinstance(v, dict):
        return {k: untimed(x) for k, x in v.items() if k not in ("created", "updated")}
    if isinstance(v, list):
        return [untimed(x) for x in v]
    return v


def words_equal(a, b):
    """The share of `a`'s words that `b` has in the same order."""
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in m.get_matching_blocks())
    return 100.0 * same / max(1, len(a))


# ----- golden flows --------------------------------------------------------------

def golden_documents(c, w, exe, kehoach, work):
    lin = linux(kehoach, ["sample"])
    win = w.run([exe, "sample"])
    c.check("sample: the JSON is the Linux build's", win.returncode == 0 and win.stdout == lin.stdout,
            win.stderr.decode(errors="replace")[-500:])
    (work / "mau.json").write_bytes(lin.stdout)
    for ext in ["docx", "pdf"]:
        lo, wo = work / f"linux.{ext}", work / f"windows.{ext}"
        linux(kehoach, ["convert", work / "mau.json", lo])
        r = w.run([exe, "convert", winpath(work / "mau.json"), winpath(wo)])
        same = wo.exists() and lo.read_bytes() == wo.read_bytes()
        detail = r.stderr.decode(errors="replace")[-400:]
        if wo.exists() and not same:
            detail += f"\n{len(lo.read_bytes())} bytes against {len(wo.read_bytes())}"
        c.check(f"sample → {ext.upper()}: byte for byte the Linux build's ({lo.stat().st_size} bytes)", same, detail)


def golden_imports(c, w, exe, kehoach, work):
    crlf = work / "ke-hoach-crlf.txt"
    crlf.write_bytes((FIX / "hai-an-2024-cds.txt").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    cases = [
        ("received PDF", FIX / "hai-an-2024-cds.office.pdf"),
        ("DOCX", FIX / "hai-phong-2022-2025-phoi-hop-btttt.office.docx"),
        ("text file", FIX / "cat-hai-2022-chi-so-cds.txt"),
        ("text file with CRLF", crlf),
        ("old Vietnamese fonts (TCVN3) DOCX", FIX / "tcvn3.docx"),
    ]
    for name, src in cases:
        lo, wo = work / f"{src.stem}.linux.json", work / f"{src.stem}.windows.json"
        linux(kehoach, ["convert", src, lo])
        r = w.run([exe, "convert", winpath(src), winpath(wo)])
        ok = wo.exists() and json.loads(lo.read_text()) == json.loads(wo.read_text())
        c.check(f"import of a {name}: the Linux build's plan", ok, r.stderr.decode(errors="replace")[-400:])
    # CRLF and LF give the same plan.
    lf = json.loads((work / "hai-an-2024-cds.linux.json").read_text()) if (work / "hai-an-2024-cds.linux.json").exists() else None
    linux(kehoach, ["convert", FIX / "hai-an-2024-cds.txt", work / "lf.json"])
    c.check("a text file's CRLF line ends read as LF",
            json.loads((work / "lf.json").read_text()) == json.loads((work / "ke-hoach-crlf.windows.json").read_text()))
    del lf


def golden_scan(c, w, exe, kehoach, work):
    src = FIX / "scan.pdf"
    lo, wo = work / "scan.linux.json", work / "scan.windows.json"
    linux(kehoach, ["convert", src, lo])
    t = time.monotonic()
    r = w.run([exe, "convert", winpath(src), winpath(wo)])
    took = time.monotonic() - t
    if not c.check("a scanned PDF read by OCR under Wine", wo.exists(), r.stderr.decode(errors="replace")[-600:]):
        return
    a, b = json.loads(lo.read_text()), json.loads(wo.read_text())
    for field in ["title", "number", "agency", "date"]:
        c.check(f"scan: {field} equal to Linux's ({a.get(field)!r})", a.get(field) == b.get(field), f"{b.get(field)!r}")
    figures = lambda p: [(t.get("comparator"), t.get("value"), t.get("unit")) for t in p.get("targets", [])]
    c.check(f"scan: every target figure equal ({len(figures(a))} targets)", figures(a) == figures(b) and figures(a),
            f"{figures(a)}\n{figures(b)}")
    share = words_equal(text_of(a), text_of(b))
    c.check(f"scan: {share:.2f} % of the words equal to Linux's (≥ 98.5 %; {len(text_of(a))} words, {took:.1f} s)",
            share >= 98.5)


def golden_store(c, w, exe, kehoach, work):
    # A drive letter and Vietnamese letters in the database's path.
    docs = w.user_dir() / "Tài liệu của tôi"
    docs.mkdir(parents=True, exist_ok=True)
    db = "C:\\users\\" + w.user_dir().name + "\\Tài liệu của tôi\\Kế hoạch.db"
    ldb = work / "linux-store.db"
    parent = FIX / "hai-an-2024-cds.office.pdf"
    child = work / "child.json"
    # (name, the Windows arguments, the Linux ones)
    steps = [
        ("add", ["plans", "add", winpath(parent)], ["plans", "add", parent]),
        ("list", ["plans", "list"], ["plans", "list"]),
        ("derive", ["plans", "derive", "1", "--agency", "Ủy ban nhân dân phường Đông Hải", "--tier", "phường"],
         ["plans", "derive", "1", "--agency", "Ủy ban nhân dân phường Đông Hải", "--tier", "phường"]),
        ("export JSON", ["plans", "export", "2", winpath(child)], ["plans", "export", "2", work / "child.linux.json"]),
        ("check against the parent", ["check", winpath(child), "--parent", "1"],
         ["check", work / "child.linux.json", "--parent", "1"]),
    ]
    for name, wargs, largs in steps:
        wr = w.run([exe, "--db", db] + wargs)
        lr = linux(kehoach, ["--db", ldb] + largs)
        # The messages name the file as each system writes its path.
        places = [(winpath(child).encode(), b"<plan>"), (str(work / "child.linux.json").encode(), b"<plan>")]

        def norm(b):
            b = b.replace(b"\r\n", b"\n")
            for old, new in places:
                b = b.replace(old, new)
            return b

        c.check(f"store: {name} answers as on Linux (exit {wr.returncode})",
                wr.returncode == lr.returncode and norm(wr.stdout) == norm(lr.stdout),
                f"windows: {wr.stdout[-300:]!r} {wr.stderr[-300:]!r}\nlinux: {lr.stdout[-300:]!r} {lr.stderr[-300:]!r}")
    c.check("store: the database is where the path with Vietnamese letters says", (docs / "Kế hoạch.db").exists())
    c.check("store: the derived plan's JSON is the Linux build's",
            child.exists() and untimed(json.loads(child.read_text())) == untimed(json.loads((work / "child.linux.json").read_text())))
    for ext in ["docx", "pdf"]:
        wo, lo = work / f"derived.windows.{ext}", work / f"derived.linux.{ext}"
        w.run([exe, "--db", db, "plans", "export", "2", winpath(wo)])
        linux(kehoach, ["--db", ldb, "plans", "export", "2", lo])
        c.check(f"store: the derived plan's {ext.upper()} is the Linux build's",
                wo.exists() and lo.exists() and wo.read_bytes() == lo.read_bytes())


def golden_report(c, w, exe, kehoach, work):
    db, ldb = work / "report.windows.db", work / "report.linux.db"
    for run, d, p in [(lambda a: w.run([exe] + a), winpath(db), winpath(work / "mau.json")),
                      (lambda a: linux(kehoach, a), str(ldb), str(work / "mau.json"))]:
        run(["plans", "add", "--db", d, p])
        run(["report", "new", "--db", d, "1", "--period", "2026-H1"])
    # As Excel saves «CSV» on a Vietnamese Windows: Windows-1258 with tone marks
    # as combining characters, ';' between fields, decimal commas, CRLF.
    csv = work / "Kết quả 6 tháng.csv"
    csv.write_bytes(b"id;value;status;date;note\r\nct1;85,5;;;S\xf5\xd2 li\xea\xf2u c\xf4ng an\r\nnv1;;done;20/05/2026;Hoa\xccn tha\xccnh\r\n")
    wr = w.run([exe, "report", "set", "--db", winpath(db), "1", winpath(csv)])
    lr = linux(kehoach, ["report", "set", "--db", ldb, "1", csv])
    c.check("report: Excel's Vietnamese CSV (Windows-1258, ';', decimal comma) taken",
            wr.returncode == 0 and lr.returncode == 0, (wr.stderr + lr.stderr).decode(errors="replace")[-500:])
    wo, lo = work / "bao-cao.windows.xlsx", work / "bao-cao.linux.xlsx"
    w.run([exe, "report", "export", "--db", winpath(db), "1", winpath(wo)])
    linux(kehoach, ["report", "export", "--db", ldb, "1", lo])
    c.check("report: the XLSX is the Linux build's byte for byte",
            wo.exists() and lo.exists() and wo.read_bytes() == lo.read_bytes())
    import openpyxl
    cells = [v for ws in openpyxl.load_workbook(wo) for row in ws.iter_rows(values_only=True) for v in row]
    c.check("report: openpyxl reads the result 85,5 against the plan's 100 %, not met",
            85.5 in cells and "Chưa đạt" in cells, str(cells)[-400:])
    wd = work / "bao-cao.windows.docx"
    w.run([exe, "report", "export", "--db", winpath(db), "1", winpath(wd)])
    import docx
    d = docx.Document(wd)
    texts = [cell.text for t in d.tables for row in t.rows for cell in row.cells]
    c.check("report: the note read from Windows-1258 printed in the report: «85,5% (Sở liệu công an)»",
            "85,5% (Sở liệu công an)" in texts, str([t for t in texts if "85" in t])[:300])


def golden_sync(c, w, exe, kehoach, work):
    share = work / "Thư mục dùng chung" / "Kế hoạch cấp trên"
    share.mkdir(parents=True)
    shutil.copy(FIX / "hai-an-2024-cds.office.pdf", share / "KH 87 quận Hải An.pdf")
    shutil.copy(FIX / "hai-phong-2022-2025-phoi-hop-btttt.office.docx", share / "Phối hợp BTTTT.docx")
    db, ldb = work / "sync.windows.db", work / "sync.linux.db"
    wr = w.run([exe, "templates", "sync", "--db", winpath(db), winpath(share)])
    lr = linux(kehoach, ["templates", "sync", "--db", ldb, share])
    c.check("sync of a folder with Vietnamese letters: exit 0", wr.returncode == 0, wr.stderr.decode(errors="replace")[-400:])
    wp = w.run([exe, "templates", "parents", "--db", winpath(db)]).stdout.replace(b"\r\n", b"\n").decode()
    lp = linux(kehoach, ["templates", "parents", "--db", ldb]).stdout.decode()
    c.check("sync: both parent plans listed, as on Linux",
            "KH 87 quận Hải An.pdf" in wp and "Phối hợp BTTTT.docx" in wp and wp == lp, f"{wp}\n---\n{lp}")
    # A UNC folder that cannot be reached: a message naming it, no panic.
    unc = r"\\máy-chủ\chia-sẻ\mẫu"
    r = w.run([exe, "templates", "sync", "--db", winpath(db), unc], timeout=180)
    err = r.stderr.decode(errors="replace")
    c.check("sync of an unreachable UNC folder: exit 1 with a message naming it",
            r.returncode == 1 and "máy-chủ" in err and "panicked" not in err, f"exit {r.returncode}: {err[-400:]}")


def windows_differences(c, w, exe, kehoach, work, hold):
    target = work / "Kế hoạch đang mở.docx"
    w.run([exe, "convert", winpath(work / "mau.json"), winpath(target)], check=True)
    before = target.read_bytes()
    for mode, who in [("", "Word"), ("r", "a PDF viewer")]:
        holder = w.popen([hold, winpath(target)] + ([mode] if mode else []), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        line = holder.stdout.readline().decode().strip()
        r = w.run([exe, "convert", winpath(work / "mau.json"), winpath(target)])
        holder.stdin.close()
        holder.wait(timeout=60)
        err = r.stderr.decode(errors="replace")
        c.check(f"a DOCX held open by {who} ({line}): exit 1, «đang mở», another name offered, the file as it was",
                r.returncode == 1 and "đang mở trong chương trình khác" in err
                and "Kế hoạch đang mở (2).docx" in err and target.read_bytes() == before
                and len(list(work.glob(".*.tmp"))) == 0, f"exit {r.returncode}: {err[-500:]}")
    r = w.run([exe, "convert", winpath(work / "mau.json"), winpath(target)])
    c.check("once closed, the export replaces it", r.returncode == 0 and target.read_bytes() == before)
    # The program under a folder with Vietnamese letters (a user named Nguyễn): the
    # OCR's models are still found (the engine reads them and hands Tesseract the
    # bytes; Tesseract's own fopen would read the path in the ANSI code page).
    stage = Path(exe[2:].replace("\\", "/")).parent
    moved = work / "Nguyễn Văn Bình" / "Chương trình Kế hoạch"
    shutil.copytree(stage, moved, ignore=shutil.ignore_patterns("kehoach-app.exe"))
    r = w.run([winpath(moved / "kehoach.exe"), "convert", winpath(FIX / "scan.pdf"), winpath(work / "scan-moved.json")])
    c.check("installed under a folder with Vietnamese letters, a scan is read",
            r.returncode == 0 and json.loads((work / "scan-moved.json").read_text()).get("number") == 87,
            r.stderr.decode(errors="replace")[-400:])
    # The OCR library missing: everything else works, a scan says what is missing.
    nowhere = {"KEHOACH_OCR_LIBRARY": r"C:\khong-co\kehoach-ocr.dll"}
    r = w.run([exe, "convert", winpath(FIX / "scan.pdf"), winpath(work / "x.json")], env=nowhere)
    err = r.stderr.decode(errors="replace")
    c.check("without the OCR library a scan is refused saying what is missing",
            r.returncode == 1 and "nhận dạng chữ" in err and "kehoach-ocr.dll" in err, err[-500:])
    r = w.run([exe, "convert", winpath(FIX / "hai-an-2024-cds.office.pdf"), winpath(work / "y.json")], env=nowhere)
    c.check("without the OCR library a text PDF is read as ever", r.returncode == 0)


# ----- the installer -------------------------------------------------------------

def installer(c, w, setup, shots):
    details = {k: version_info(setup, k) for k in ["ProductName", "ProductVersion", "CompanyName"]}
    c.check(f"the installer's properties: {details}",
            details["ProductName"] == "Kế hoạch" and details["CompanyName"] == "kehoach" and details["ProductVersion"])
    user = w.user_dir()
    install = user / "AppData" / "Local" / "Programs" / "kehoach"
    data = user / "AppData" / "Roaming" / "kehoach"
    # Without WebView2: refused, nothing installed.
    r = w.run([setup, "/S"], timeout=300)
    w.wait_server()
    c.check(f"without WebView2 the silent install refuses (exit {r.returncode}) and installs nothing",
            r.returncode == 3 and not install.exists())
    w.run(["reg", "add", WEBVIEW2_KEY, "/v", "pv", "/t", "REG_SZ", "/d", "120.0.2210.91", "/f"], check=True)
    if shots:
        installer_screens(c, w, setup, shots)
    r = w.run([setup, "/S"], timeout=600)
    w.wait_server()
    expected = ["kehoach-app.exe", "kehoach.exe", "WebView2Loader.dll", "kehoach-ocr.dll", "uninstall.exe",
                "tessdata/vie.traineddata", "tessdata/eng.traineddata", "LICENSE.txt"]
    missing = [f for f in expected if not (install / f).exists()]
    c.check(f"silent install (exit {r.returncode}): files in %LOCALAPPDATA%\\Programs\\kehoach", r.returncode == 0 and not missing, f"missing {missing}")
    links = [user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Kế hoạch.lnk", user / "Desktop/Kế hoạch.lnk"]
    c.check("Start-menu and desktop shortcuts", all(p.exists() for p in links), str([(str(p), p.exists()) for p in links]))
    q = w.run(["reg", "query", r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\kehoach"])
    c.check("listed in Apps with its version and publisher", b"DisplayVersion" in q.stdout and b"Publisher" in q.stdout, q.stdout.decode(errors="replace"))
    exe = install / "kehoach.exe"
    # The installed CLI answers, on the default database in %APPDATA%\kehoach.
    r = w.run([exe, "plans", "add", winpath(FIX / "hai-an-2024-cds.office.pdf")])
    c.check("the installed CLI adds a plan to the default database in %APPDATA%\\kehoach",
            r.returncode == 0 and (data / "kehoach.db").exists(), r.stderr.decode(errors="replace")[-400:])
    out = Path(tempfile.mkdtemp(prefix="kehoach-scan-"))
    r = w.run([exe, "convert", winpath(FIX / "scan.pdf"), winpath(out / "scan.json")])
    ok = r.returncode == 0 and json.loads((out / "scan.json").read_text()).get("number") == 87
    c.check("the installed CLI reads a scan with the installed OCR library and models", ok, r.stderr.decode(errors="replace")[-400:])
    # An older database (schema 2) as a first version would have left it: the
    # second install keeps it, and the program migrates it after a backup.
    shutil.copy(FIX / "kehoach-v2.db", data / "kehoach.db")
    r = w.run([setup, "/S"], timeout=600)
    w.wait_server()
    c.check("a second install over the first succeeds", r.returncode == 0 and (install / "kehoach.exe").exists())
    r = w.run([exe, "plans", "list"])
    backups = [p.name for p in data.rglob("*") if p.is_file() and p.name != "kehoach.db"]
    c.check(f"it keeps the database: the plans of the older one listed, backed up before migrating ({backups})",
            r.returncode == 0 and len(r.stdout.strip().splitlines()) >= 1 and backups,
            r.stdout.decode(errors="replace")[-300:] + r.stderr.decode(errors="replace")[-300:])
    # The app reaches the WebView2 check and says the runtime is missing.
    app_check(c, w, install / "kehoach-app.exe", shots)
    # Uninstall: program gone, data kept.
    r = w.run([install / "uninstall.exe", "/S"], timeout=300)
    for _ in range(120):
        if not (install / "kehoach.exe").exists():
            break
        time.sleep(0.5)
    w.wait_server()
    c.check("silent uninstall removes the program and its shortcuts",
            not (install / "kehoach.exe").exists() and not any(p.exists() for p in links))
    c.check("…and keeps the officer's data", (data / "kehoach.db").exists())


def screenshot(path):
    subprocess.run(f"xwd -root -silent | convert xwd:- -crop 640x500+192+134 +repage '{path}'", shell=True, check=True)


def installer_screens(c, w, setup, shots):
    """The installer's screens (run with the display), for docs/img."""
    proc = w.popen([setup], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = ["welcome", "license", "folder"]
    time.sleep(8)
    for name in names:
        screenshot(Path(shots) / f"windows-setup-{name}.png")
        subprocess.run(["xdotool", "key", "Return"])
        time.sleep(2)
    time.sleep(10)
    screenshot(Path(shots) / "windows-setup-finish.png")
    # Untick «Mở Kế hoạch ngay» is not needed: the app stops at the WebView2 check.
    subprocess.run(["xdotool", "key", "Return"])
    proc.wait(timeout=120)
    time.sleep(3)
    subprocess.run(["xdotool", "key", "Return"])  # the app's message box, if it opened
    w.wait_server()
    c.check("installer screens photographed", all((Path(shots) / f"windows-setup-{n}.png").exists() for n in names))


def app_check(c, w, app, shots):
    if not os.environ.get("DISPLAY"):
        c.check("the app's WebView2 check (needs a display: run under xvfb-run)", False)
        return
    log = w.user_dir() / "AppData" / "Local" / "kehoach" / "logs" / "kehoach-app.log"
    before = log.read_text(errors="replace") if log.exists() else ""
    proc = w.popen([app], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    box = None
    for _ in range(60):
        time.sleep(0.5)
        box = subprocess.run(["xdotool", "search", "--name", "Kế hoạch"], capture_output=True).stdout.split()
        if box or proc.poll() is not None:
            break
    time.sleep(1)
    if shots:
        screenshot(Path(shots) / "windows-no-webview2.png")
    subprocess.run(["xdotool", "key", "Return"])
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    err = proc.stderr.read().decode(errors="replace")
    logged = (log.read_text(errors="replace") if log.exists() else "")[len(before):]
    c.check(f"the app says WebView2 is missing (a window, exit {code}), no panic",
            bool(box) and code == 2 and "panicked" not in err, err[-400:])
    c.check("…and writes it to %LOCALAPPDATA%\\kehoach\\logs", "WebView2 Runtime" in logged, logged[-300:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stage", required=True, help="the Windows programs (kehoach.exe, kehoach-ocr.dll, tessdata)")
    ap.add_argument("--linux", required=True, help="the Linux kehoach to compare with")
    ap.add_argument("--setup", help="the installer to test")
    ap.add_argument("--shots", help="write the installer's and the app's screens here")
    ap.add_argument("--prefix", default=str(ROOT / "target" / "wine-tests"))
    a = ap.parse_args()
    shutil.rmtree(a.prefix, ignore_errors=True)
    w = Wine(a.prefix)
    w.run(["cmd", "/c", "exit"], timeout=300)  # the prefix, once
    exe = winpath(Path(a.stage).resolve() / "kehoach.exe")
    kehoach = Path(a.linux).resolve()
    c = Checks()
    work = Path(tempfile.mkdtemp(prefix="kehoach-wine-"))
    # The fixture that holds a file open as Word does.
    hold_exe = work / "hold-open.exe"
    subprocess.run(["x86_64-w64-mingw32-gcc-posix", "-municode", "-O2", "-o", hold_exe,
                    ROOT / "scripts" / "windows" / "hold-open.c"], check=True)
    hold = winpath(hold_exe)
    try:
        c.group("sample: DOCX and PDF", golden_documents, w, exe, kehoach, work)
        c.group("import", golden_imports, w, exe, kehoach, work)
        c.group("OCR of a scan", golden_scan, w, exe, kehoach, work)
        c.group("a store", golden_store, w, exe, kehoach, work)
        c.group("a report from Excel's CSV", golden_report, w, exe, kehoach, work)
        c.group("the shared folder", golden_sync, w, exe, kehoach, work)
        c.group("what Windows does differently", windows_differences, w, exe, kehoach, work, hold)
        if a.setup:
            c.group("the installer", installer, w, Path(a.setup).resolve(), a.shots)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["/usr/lib/wine/wineserver", "-k"], env=w.env)
    print(f"== Windows under Wine: {len(c.passed)} passed, {len(c.failed)} failed")
    for f in c.failed:
        print(f"   failed: {f}")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
