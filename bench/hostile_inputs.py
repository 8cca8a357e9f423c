"""Hostile and unlucky inputs against the `kehoach` command line: each case's exit
code, the first line it says, its time and its peak memory, for one build or two
side by side (before and after). The table in docs/reliability.md is its output.

    python3 bench/hostile_inputs.py --new target/release/kehoach [--old OLD] > table.md

Every input is made here (Python's standard library, Pillow, Ghostscript); nothing
is read from the network. A command runs with its address space capped (4 GiB) and
a time limit (120 s), so that a build without a limit shows where it stops instead
of taking the machine with it. Peak memory is the process's own (wait4's rusage)."""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time

CAP_BYTES = 4 << 30
TIME_LIMIT = 120
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures")
sys.path.insert(0, os.path.join(FIXTURES, "make"))
import hostile  # noqa: E402  (the inputs the tests use, made the same way)


def run(cmd, env):
    """(exit code or 'killed', first line said, seconds, peak MiB)."""
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         preexec_fn=cap, env=env)
    timer = threading.Timer(TIME_LIMIT, p.kill)
    timer.start()
    err = p.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(p.pid, 0)
    timer.cancel()
    seconds = time.perf_counter() - t0
    if os.WIFSIGNALED(status):
        code = f"signal {os.WTERMSIG(status)}"
    else:
        code = str(os.waitstatus_to_exitcode(status))
    # Progress lines («đang nhận dạng trang 3/8») are not what it says.
    lines = [l for l in err.splitlines() if l.strip() and "đang nhận dạng" not in l]
    said = " / ".join(lines[:2]) if lines else "(nothing)"
    if seconds >= TIME_LIMIT:
        said = f"stopped after {TIME_LIMIT} s"
    return code, said, seconds, usage.ru_maxrss / 1024


def cases(d, sample_json):
    """(what, files made, arguments after the binary)."""
    out = []
    p = os.path.join(d, "anh-20000.png")
    hostile.huge_png(p)
    out.append(("PNG 20000×20000, 8-bit grey (400 KB)", ["convert", p, os.path.join(d, "o.json")]))
    p = os.path.join(d, "jpeg-20000.pdf")
    hostile.huge_jpeg_pdf(p)
    out.append(("JPEG 20000×20000 inside a PDF", ["convert", p, os.path.join(d, "o.json")]))
    p = os.path.join(d, "fax.tif")
    subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffg4", "-r200", f"-sOutputFile={p}",
                    os.path.join(FIXTURES, "hai-an-2024-cds.office.pdf")], check=True)
    out.append(("multi-page fax TIFF (Ghostscript, 200 dpi)", ["convert", p, os.path.join(d, "tiff.json")]))
    p = os.path.join(d, "long-nhau.docx")
    hostile.nested_docx(p, 100_000)
    out.append(("DOCX, tables nested 100,000 deep", ["convert", p, os.path.join(d, "o.json")]))
    p = os.path.join(d, "chuoi-100mb.json")
    with open(p, "w", encoding="utf-8") as f:
        f.write(sample_json.replace('"closing": "', '"closing": "' + "a" * (100 << 20), 1))
    out.append(("plan JSON holding a 100 MB string", ["convert", p, os.path.join(d, "o.pdf")]))
    p = os.path.join(d, "hai-lan.json")
    with open(p, "w", encoding="utf-8") as f:
        f.write(sample_json.replace('"title":', '"title": "Kế hoạch cũ",\n  "title":', 1))
    out.append(("plan JSON with a key twice", ["convert", p, os.path.join(d, "o2.pdf")]))
    share = os.path.join(d, "thu-muc-chung")
    os.makedirs(share)
    with open(os.path.join(share, "rac.txt"), "wb") as f:
        f.truncate(1 << 30)
    old = time.time() - 3600
    os.utime(os.path.join(share, "rac.txt"), (old, old))
    out.append(("shared folder holding a 1 GB .txt", ["--db", os.path.join(d, "k.db"), "templates", "sync", share]))
    p = os.path.join(d, "ke-hoach.txt")
    os.symlink("/dev/zero", p)
    out.append((".txt that is a link to /dev/zero", ["convert", p, os.path.join(d, "o.json")]))
    p = os.path.join(d, "rong.png")
    open(p, "wb").close()
    out.append(("empty .png", ["convert", p, os.path.join(d, "o.json")]))
    p = os.path.join(d, "anh-hong.png")
    open(p, "wb").write(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR" + bytes([0, 0, 1, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 1, 2, 3, 4]))
    out.append(("PNG with a damaged header", ["convert", p, os.path.join(d, "o.json")]))
    p = os.path.join(d, "khong-chu.pdf")
    hostile.no_text_pdf(p)
    out.append(("PDF whose font has no Unicode map", ["convert", p, os.path.join(d, "o.json")]))
    office = open(os.path.join(FIXTURES, "hai-an-2024-cds.office.pdf"), "rb").read()
    at = office.rindex(b"startxref")
    said = int(office[at + 9:].split()[0])
    p = os.path.join(d, "xref-lech.pdf")
    open(p, "wb").write(office[:at] + b"startxref\n%d\n%%%%EOF\n" % (said + 3))
    out.append(("PDF whose startxref is 3 bytes off", ["convert", p, os.path.join(d, "o.json")]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--new", required=True)
    ap.add_argument("--old")
    args = ap.parse_args()
    builds = [("after", os.path.abspath(args.new))]
    if args.old:
        builds.insert(0, ("before", os.path.abspath(args.old)))
    sample = subprocess.run([builds[-1][1], "sample"], capture_output=True, text=True, check=True).stdout
    env = dict(os.environ, LANG="C.UTF-8")
    rows = []
    for label, binary in builds:
        with tempfile.TemporaryDirectory(prefix="kehoach-hostile-") as d:
            env["XDG_DATA_HOME"] = os.path.join(d, "data")  # the log goes there
            for what, argv in cases(d, sample):
                code, said, seconds, mib = run([binary] + argv, env)
                said = said.replace(d + os.sep, "")
                rows.append((what, label, code, said, seconds, mib))
                print(f"{label:6} {what}: {code} {seconds:.2f} s {mib:.0f} MiB", file=sys.stderr)
    print("| input | build | exit | what it says (first lines) | time | peak memory |")
    print("|---|---|---|---|---|---|")
    order = {}
    for r in rows:
        order.setdefault(r[0], len(order))
    for what, label, code, said, seconds, mib in sorted(rows, key=lambda r: (order[r[0]], r[1] != "before")):
        said = said.replace("|", "\\|")
        if len(said) > 160:
            said = said[:157] + "…"
        print(f"| {what} | {label} | {code} | {said} | {seconds:.2f} s | {mib:.0f} MiB |")


if __name__ == "__main__":
    main()
