"""Reads a DOCX with python-docx (a consumer we did not write) and prints what the
Rust tests assert on, as JSON."""
import json
import sys

import docx
from docx.oxml.ns import qn

d = docx.Document(sys.argv[1])
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def fonts_of(rpr):
    if rpr is None:
        return None
    f = rpr.find(qn("w:rFonts"))
    if f is None:
        return None
    return {k: f.get(qn("w:" + k)) for k in ("ascii", "hAnsi", "eastAsia", "cs")}


def para_info(p):
    runs = [r for r in p.runs if r.text]
    return {
        "text": p.text,
        "align": str(p.alignment) if p.alignment is not None else None,
        "sizes": sorted({r.font.size.pt for r in runs if r.font.size is not None}),
        "bold": [bool(r.bold) for r in runs],
        "italic": [bool(r.italic) for r in runs],
        "border_bottom": p._p.find(".//" + qn("w:pBdr") + "/" + qn("w:bottom")) is not None,
    }


styles_el = d.styles.element
defaults = styles_el.find(qn("w:docDefaults"))
default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
lang = default_rpr.find(qn("w:lang"))

out = {
    "default_fonts": fonts_of(default_rpr),
    "lang": lang.get(qn("w:val")) if lang is not None else None,
    "properties": {
        "title": d.core_properties.title,
        "author": d.core_properties.author,
        "language": d.core_properties.language,
    },
    "style_fonts": {s.style_id: fonts_of(s.element.find(qn("w:rPr"))) for s in d.styles if s.element.find(qn("w:rPr")) is not None},
    "sections": [],
    "tables": [],
    "paragraphs": [para_info(p) for p in d.paragraphs],
}
for s in d.sections:
    sp = s._sectPr
    pg_num = sp.find(qn("w:pgNumType"))
    header_xml = s.header._element.xml if not s.header.is_linked_to_previous else ""
    out["sections"].append({
        "width_mm": round(s.page_width.mm, 1),
        "height_mm": round(s.page_height.mm, 1),
        "orientation": str(s.orientation),
        "margins_mm": [round(x.mm, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)],
        "title_pg": s.different_first_page_header_footer,
        "page_start": pg_num.get(qn("w:start")) if pg_num is not None else None,
        "header_has_page_field": "PAGE" in header_xml and "fldChar" in header_xml,
        "header_text": s.header.paragraphs[0].text if s.header.paragraphs else "",
        "first_header_text": "".join(p.text for p in s.first_page_header.paragraphs),
    })
for t in d.tables:
    tbl = t._tbl
    borders = tbl.tblPr.find(qn("w:tblBorders"))
    vals = {}
    if borders is not None:
        for b in borders:
            vals[b.tag.replace(W, "")] = b.get(qn("w:val"))
    layout = tbl.tblPr.find(qn("w:tblLayout"))
    first_tr = tbl.tr_lst[0]
    trpr = first_tr.find(qn("w:trPr"))
    out["tables"].append({
        "rows": len(t.rows),
        "cols": len(t.columns),
        "borders": vals,
        "layout": layout.get(qn("w:type")) if layout is not None else None,
        "header_repeat": trpr is not None and trpr.find(qn("w:tblHeader")) is not None,
        "cells": [[[para_info(p) for p in c.paragraphs] for c in r.cells] for r in t.rows[:2]],
    })
print(json.dumps(out, ensure_ascii=False))
