#!/usr/bin/env python3
"""Builds assets/ocr/bigrams.txt, the word pairs of plans the OCR post-correction
knows: from the reference plans (tests/fixtures/*.txt, official texts) and the
built-in templates. One pair a line, with how often it occurs."""
import collections, glob, json, os, re, unicodedata

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
texts = []
for p in sorted(glob.glob(os.path.join(root, "tests/fixtures/*.txt"))):
    texts.append(open(p, encoding="utf-8").read())
def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
for p in sorted(glob.glob(os.path.join(root, "assets/templates/*.json"))):
    texts.extend(strings(json.load(open(p, encoding="utf-8"))))
pairs = collections.Counter()
word = re.compile(r"^[^\W\d_]+$")
for t in texts:
    for line in unicodedata.normalize("NFC", t).splitlines():
        ws = [w.strip(".,;:()«»\"'!?").lower() for w in line.split()]
        for a, b in zip(ws, ws[1:]):
            if word.match(a) and word.match(b) and "{" not in a + b:
                pairs[(a, b)] += 1
with open(os.path.join(root, "assets/ocr/bigrams.txt"), "w", encoding="utf-8") as f:
    f.write("# Word pairs of plans (scripts/ocr-vocabulary.py): pair<TAB>count\n")
    for (a, b), n in sorted(pairs.items()):
        f.write(f"{a} {b}\t{n}\n")
print(len(pairs), "pairs")
