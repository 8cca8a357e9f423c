// The scan review (Bản quét) of the import screen: each page's picture with the
// words the OCR was unsure of framed, beside the recognised text with the same
// words highlighted. The officer corrects the text against the paper and has it
// read again; the picture and its frames stay (they show the paper, not the text).
import { el } from "./dom.js";

const describe = (m) => m.figure
  ? `«${m.text}»: số liệu đọc từ ảnh quét — đối chiếu với bản giấy`
  : `«${m.text}» — độ tin cậy ${Math.round(m.confidence)}%`;

// The text as lines of editable divs, each doubtful word of a line in a <mark>.
function textView(text, marksByLine) {
  const view = el("div", { class: "scan-text", contenteditable: "true", spellcheck: "false", id: "scan-text" });
  text.split("\n").forEach((line, i) => {
    const row = el("div", { "data-line": i + 1 });
    let rest = line;
    // In the line's order (a figure's mark comes after the doubtful words').
    const marks = [...(marksByLine.get(i + 1) ?? [])].sort((a, b) => a.bbox[0] - b.bbox[0]);
    for (const m of marks) {
      const at = rest.indexOf(m.text);
      if (at < 0) continue;
      row.append(rest.slice(0, at), el("mark", { class: m.figure ? "figure" : "", "data-page": m.page, title: describe(m) }, m.text));
      rest = rest.slice(at + m.text.length);
    }
    row.append(rest || (row.childNodes.length ? "" : el("br")));
    view.append(row);
  });
  return view;
}

// The text as the officer left it: a line per div.
export function editedText(view) {
  return [...view.children].map((row) => row.textContent).join("\n");
}

// One page's picture with the doubtful words framed (boxes in the picture's own
// pixels, placed in percent so the picture may be scaled to the screen).
function pageView(page, onMark) {
  // Placed through the CSSOM: the page's CSP (style-src 'self') refuses style
  // attributes.
  const frames = page.marks.map((m) => {
    const frame = el("span", {
      class: m.figure ? "scan-mark figure" : "scan-mark",
      title: describe(m),
      onclick: () => onMark(m),
    });
    const pct = (v, of) => `${(100 * v) / of}%`;
    Object.assign(frame.style, {
      left: pct(m.bbox[0], page.width),
      top: pct(m.bbox[1], page.height),
      width: pct(m.bbox[2] - m.bbox[0], page.width),
      height: pct(m.bbox[3] - m.bbox[1], page.height),
    });
    return frame;
  });
  return el("div", { class: "scan-page", "data-page": page.number },
    el("img", { src: page.image, alt: `Trang ${page.number} của bản quét` }), frames);
}

// The review: page buttons, the page, and the text; `onReread(text)` reads the
// corrected text again.
export function scanReview(scan, onReread) {
  const marksByLine = new Map();
  for (const p of scan.pages) for (const m of p.marks) {
    const list = marksByLine.get(m.line) ?? [];
    list.push({ ...m, page: p.number });
    marksByLine.set(m.line, list);
  }
  const text = textView(scan.text, marksByLine);
  const holder = el("div", { class: "scan-holder" });
  // A frame clicked on the picture: its line in the text, scrolled to and lit.
  const toLine = (m) => {
    const row = text.querySelector(`[data-line="${m.line}"]`);
    if (!row) return;
    row.scrollIntoView({ block: "center" });
    text.querySelectorAll(".lit").forEach((r) => r.classList.remove("lit"));
    row.classList.add("lit");
  };
  const buttons = scan.pages.map((p) => el("button", {
    class: "scan-page-button", "data-page": p.number,
    onclick: () => show(p.number),
  }, `Trang ${p.number}${p.marks.length ? ` (${p.marks.length})` : ""}`));
  const show = (n) => {
    const page = scan.pages.find((p) => p.number === n) ?? scan.pages[0];
    holder.replaceChildren(pageView(page, toLine));
    buttons.forEach((b) => b.classList.toggle("current", Number(b.dataset.page) === page.number));
  };
  // A highlighted word clicked in the text: its page shown.
  text.addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) show(Number(mark.dataset.page));
  });
  const all = scan.pages.flatMap((p) => p.marks);
  const figures = all.filter((m) => m.figure).length;
  const section = el("details", { class: "scan-review", open: "" },
    el("summary", {}, `Bản quét: ${scan.pages.length} trang, ${all.length - figures} chữ đọc không chắc (tô vàng), ${figures} số liệu chỉ tiêu, số và ngày văn bản (khung xanh) — đối chiếu với bản giấy, sửa rồi bấm «Đọc lại»`),
    el("div", { class: "scan-pages" }, buttons),
    el("div", { class: "scan-columns" }, holder,
      el("div", { class: "scan-side" }, text,
        el("div", { class: "scan-buttons" },
          el("button", { id: "scan-reread", onclick: () => onReread(editedText(text)) }, "Đọc lại văn bản đã sửa")))));
  show(scan.pages[0]?.number);
  return section;
}
