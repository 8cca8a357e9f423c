"""Import of a 30-page PDF plan against `pdftotext` on the same file, run side by
side, alternating, in one run.

The PDF is LibreOffice's print of our DOCX of the 30-page sample plan (a PDF as an
office makes it, not our own writer's). Both are timed as whole commands, process
start to exit: `kehoach convert long.pdf long.json` reads the PDF and builds the
plan (outline, targets, tasks, footer) and writes its JSON; `pdftotext long.pdf -`
only extracts the text.

    python3 bench/import_pdf_vs_pdftotext.py [target/release/kehoach] [runs]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    kehoach = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/kehoach")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    work = tempfile.mkdtemp(prefix="kehoach-bench-")
    plan = os.path.join(work, "long.json")
    with open(plan, "w") as f:
        subprocess.run([kehoach, "sample", "--repeat", "11"], stdout=f, check=True)
    docx = os.path.join(work, "long.docx")
    subprocess.run([kehoach, "convert", plan, docx], check=True, capture_output=True)
    profile = "file://" + os.path.join(work, "lo-profile")
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", work, docx], check=True, capture_output=True)
    pdf = os.path.join(work, "long.pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:"))
    ours = [kehoach, "convert", pdf, os.path.join(work, "back.json")]
    theirs = ["pdftotext", pdf, "-"]
    for cmd in (ours, theirs):
        subprocess.run(cmd, check=True, capture_output=True)  # warm the page cache
    t_ours, t_theirs = [], []
    for _ in range(runs):
        for cmd, acc in ((ours, t_ours), (theirs, t_theirs)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            acc.append(time.perf_counter() - t0)
    m_o, m_t = statistics.median(t_ours), statistics.median(t_theirs)
    spread = lambda t: f"(min {min(t) * 1000:.1f}, max {max(t) * 1000:.1f})"
    print(f"{pages} pages, {os.path.getsize(pdf) / 1024:.0f} KiB; runs: {runs} each, alternating")
    print(f"kehoach convert PDF → plan JSON: median {m_o * 1000:.1f} ms {spread(t_ours)}")
    print(f"pdftotext PDF → text:           median {m_t * 1000:.1f} ms {spread(t_theirs)}")
    print(f"ratio ours/pdftotext: {m_o / m_t:.2f} by median, {min(t_ours) / min(t_theirs):.2f} by best run")


if __name__ == "__main__":
    main()
