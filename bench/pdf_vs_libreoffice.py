"""Our PDF export of a 30-page plan against LibreOffice converting our own DOCX of
the same plan, run side by side, alternating, in one run.

Both are timed as whole commands (process start to exit), as an officer would use
them: `kehoach convert long.json long.pdf` and
`soffice --headless --convert-to pdf long.docx` (with a warmed-up profile).

    python3 bench/pdf_vs_libreoffice.py [target/release/kehoach] [runs] [other kehoach]

With another build of kehoach (an earlier commit's, say), it is timed in the same
alternation, so the two builds are compared side by side.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from whole_command import summary, timed  # noqa: E402


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(l.split()[1] for l in out.splitlines() if l.startswith("Pages:")))


def main():
    kehoach = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/kehoach")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    work = tempfile.mkdtemp(prefix="kehoach-bench-")
    plan = os.path.join(work, "long.json")
    with open(plan, "w") as f:
        subprocess.run([kehoach, "sample", "--repeat", "11"], stdout=f, check=True)
    docx = os.path.join(work, "long.docx")
    subprocess.run([kehoach, "convert", plan, docx], check=True, capture_output=True)
    ours = os.path.join(work, "long.pdf")
    lo_dir = os.path.join(work, "lo")
    profile = "file://" + os.path.join(work, "lo-profile")
    lo_cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless",
              "--convert-to", "pdf", "--outdir", lo_dir, docx]
    our_cmd = [kehoach, "convert", plan, ours]
    subprocess.run(lo_cmd, check=True, capture_output=True)  # warm-up: creates the profile
    subprocess.run(our_cmd, check=True, capture_output=True)
    other = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
    other_cmd = [other, "convert", plan, os.path.join(work, "other.pdf")] if other else None
    if other_cmd:
        subprocess.run(other_cmd, check=True, capture_output=True)
    results = {"ours": [], "other": [], "lo": []}
    for _ in range(runs):
        for cmd, key in ((our_cmd, "ours"), (other_cmd, "other"), (lo_cmd, "lo")):
            if cmd:
                results[key].append(timed(cmd))
    lo = os.path.join(lo_dir, "long.pdf")
    stats = {k: summary(v) for k, v in results.items() if v}
    med = lambda key: stats[key][0]
    best = lambda key: stats[key][1]
    peak = lambda key: stats[key][3]
    spread = lambda key: f"(min {stats[key][1] * 1000:.0f}, max {stats[key][2] * 1000:.0f})"
    s_ours, s_lo = os.path.getsize(ours), os.path.getsize(lo)
    print(f"runs: {runs} each, alternating")
    print(f"kehoach convert → PDF: median {med('ours') * 1000:.1f} ms {spread('ours')}, peak {peak('ours'):.1f} MiB, {pages(ours)} pages, {s_ours / 1024:.0f} KiB  [{kehoach}]")
    if other:
        print(f"other kehoach → PDF:   median {med('other') * 1000:.1f} ms {spread('other')}, peak {peak('other'):.1f} MiB  [{other}]")
    print(f"LibreOffice DOCX → PDF: median {med('lo') * 1000:.0f} ms {spread('lo')}, peak {peak('lo'):.1f} MiB, {pages(lo)} pages, {s_lo / 1024:.0f} KiB")
    # The best runs as well as the medians: the best run is the least disturbed by
    # whatever else the machine does, which weighs far more, in proportion, on a
    # 15 ms command than on a 1.2 s one.
    print(f"speed: ours {med('lo') / med('ours'):.0f}x faster by median, {best('lo') / best('ours'):.0f}x by best run; "
          f"size: ours {s_ours / s_lo:.2f}x LibreOffice's")


if __name__ == "__main__":
    main()
