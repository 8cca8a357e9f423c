"""Our PDF export of a 30-page plan against LibreOffice converting our own DOCX of
the same plan, run side by side, alternating, in one run.

Both are timed as whole commands (process start to exit), as an officer would use
them: `kehoach convert long.json long.pdf` and
`soffice --headless --convert-to pdf long.docx` (with a warmed-up profile).

    python3 bench/pdf_vs_libreoffice.py [target/release/kehoach] [runs]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


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
    t_ours, t_lo = [], []
    for _ in range(runs):
        for cmd, acc in ((our_cmd, t_ours), (lo_cmd, t_lo)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            acc.append(time.perf_counter() - t0)
    lo = os.path.join(lo_dir, "long.pdf")
    m_ours, m_lo = statistics.median(t_ours), statistics.median(t_lo)
    s_ours, s_lo = os.path.getsize(ours), os.path.getsize(lo)
    spread = lambda t: f"(min {min(t) * 1000:.0f}, max {max(t) * 1000:.0f})"
    print(f"runs: {runs} each, alternating")
    print(f"kehoach convert → PDF: median {m_ours * 1000:.0f} ms {spread(t_ours)}, {pages(ours)} pages, {s_ours / 1024:.0f} KiB")
    print(f"LibreOffice DOCX → PDF: median {m_lo * 1000:.0f} ms {spread(t_lo)}, {pages(lo)} pages, {s_lo / 1024:.0f} KiB")
    # The best runs as well as the medians: the best run is the least disturbed by
    # whatever else the machine does, which weighs far more, in proportion, on a
    # 15 ms command than on a 1.2 s one.
    print(f"speed: ours {m_lo / m_ours:.0f}x faster by median, {min(t_lo) / min(t_ours):.0f}x by best run; "
          f"size: ours {s_ours / s_lo:.2f}x LibreOffice's")


if __name__ == "__main__":
    main()
