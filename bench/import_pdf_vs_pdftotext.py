"""Import of a 30-page PDF plan against `pdftotext` on the same file, run side by
side, alternating, in one run.

The PDF is LibreOffice's print of our DOCX of the 30-page sample plan (a PDF as an
office makes it, not our own writer's). Both are timed as whole commands, process
start to exit: `kehoach convert long.pdf long.json` reads the PDF and builds the
plan (outline, targets, tasks, footer) and writes its JSON; `pdftotext long.pdf -`
only extracts the text.

    python3 bench/import_pdf_vs_pdftotext.py [target/release/kehoach] [runs] [other kehoach]

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
    other = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
    other_cmd = [other, "convert", pdf, os.path.join(work, "other.json")] if other else None
    theirs = ["pdftotext", pdf, "-"]
    for cmd in (ours, other_cmd, theirs):
        if cmd:
            subprocess.run(cmd, check=True, capture_output=True)  # warm the page cache
    results = {"ours": [], "other": [], "theirs": []}
    for _ in range(runs):
        for cmd, key in ((ours, "ours"), (other_cmd, "other"), (theirs, "theirs")):
            if cmd:
                results[key].append(timed(cmd))
    stats = {k: summary(v) for k, v in results.items() if v}
    med = lambda key: stats[key][0]
    best = lambda key: stats[key][1]
    peak = lambda key: stats[key][3]
    spread = lambda key: f"(min {stats[key][1] * 1000:.1f}, max {stats[key][2] * 1000:.1f})"
    print(f"{pages} pages, {os.path.getsize(pdf) / 1024:.0f} KiB; runs: {runs} each, alternating")
    print(f"kehoach convert PDF → plan JSON: median {med('ours') * 1000:.1f} ms {spread('ours')}, peak {peak('ours'):.1f} MiB  [{kehoach}]")
    if other:
        print(f"other kehoach PDF → plan JSON:   median {med('other') * 1000:.1f} ms {spread('other')}, peak {peak('other'):.1f} MiB  [{other}]")
    print(f"pdftotext PDF → text:           median {med('theirs') * 1000:.1f} ms {spread('theirs')}, peak {peak('theirs'):.1f} MiB")
    print(f"ratio ours/pdftotext: {med('ours') / med('theirs'):.2f} by median, {best('ours') / best('theirs'):.2f} by best run")


if __name__ == "__main__":
    main()
