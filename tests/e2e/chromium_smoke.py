#!/usr/bin/env python3
"""The UI in Chromium, the engine of Windows' WebView2: a smoke set of the
end-to-end scenarios (first start, list, editor, import review, derive, export,
Theo dõi) against the real engine.

The app built with the test-only feature `chromium-bridge` serves the pages of
`ui/` and runs its own commands on Tauri's mock runtime (src-tauri/src/bridge.rs);
Debian's Chromium loads the pages through chromedriver. Dialogs are answered as in
app_e2e.py (KEHOACH_E2E_DIALOG).

  tests/e2e/chromium_smoke.py --app target/debug/kehoach-bridge [--shots docs/img]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from app_e2e import (docx_text, fill_profile, free_port, list_titles, new_report, save_state, tab,  # noqa: E402
                     type_results, wait_port)
from webdriver import Session  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def chrome_capabilities(profile_dir):
    # The flags this machine's Chromium needs offline and as root (no sandbox, no
    # background connections), at the size of the app's window.
    return {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--disable-quic", f"--user-data-dir={profile_dir}",
                     "--window-size=1366,768", "--lang=vi"],
        },
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True, help="kehoach-app built with --features chromium-bridge")
    ap.add_argument("--shots")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="kehoach-chromium-")
    answers = os.path.join(work, "dialog-answers")
    open(answers, "w").close()

    def answer(path):
        with open(answers, "a", encoding="utf-8") as f:
            f.write(os.path.abspath(path) + "\n")

    bridge_port, driver_port = free_port(), free_port()
    env = dict(os.environ, KEHOACH_DB=os.path.join(work, "kehoach.db"), KEHOACH_E2E_DIALOG=answers,
               KEHOACH_NO_VIEWER="1", KEHOACH_BRIDGE=f"127.0.0.1:{bridge_port}")
    bridge = subprocess.Popen([args.app], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(work, "bridge.log"), "w"))
    driver = subprocess.Popen(["chromedriver", f"--port={driver_port}"], stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(work, "chromedriver.log"), "w"))
    passed = []
    s = None
    try:
        wait_port(bridge_port)
        wait_port(driver_port)
        s = Session(f"http://127.0.0.1:{driver_port}", capabilities=chrome_capabilities(os.path.join(work, "chrome")))
        s.cmd("POST", "/url", {"url": f"http://127.0.0.1:{bridge_port}/"})
        version = s.run("return navigator.userAgent")
        print(f"chromium: {version}")

        # 1. First start: the agency profile, the seeded sample, search.
        fill_profile(s)
        if args.shots:
            s.screenshot(os.path.join(args.shots, "chromium-first-start.png"))
        s.find("#dialog .buttons button.primary").click()
        s.wait("profile saved", lambda: not s.run("return document.querySelector('#dialog').open"))
        s.wait("the seeded sample plan", lambda: any("Chuyển đổi số" in t for t in list_titles(s)), 20)
        search = s.find("#search")
        search.type("chuyen doi so xa tan an")
        s.wait("search without diacritics", lambda: len(list_titles(s)) == 1)
        search.clear()
        s.run("document.querySelector('#search').dispatchEvent(new Event('input'))")
        passed.append("first start: profile asked, sample seeded, search without diacritics")

        # 2. The editor: a new plan from the general template, a target typed with a
        # deadline the engine labels, autosaved.
        s.find("#new-plan").click()
        s.wait("template picker", lambda: s.find("#dialog h2").text() == "Kế hoạch mới: chọn mẫu")
        s.find("#template-confirm").click()
        s.wait("second plan in the list", lambda: len(list_titles(s)) == 2)
        title = s.find('[data-path="title"] input')
        title.clear()
        title.type("Kế hoạch thử trong Chromium năm 2027")
        tab(s, "body")
        labels = s.run("return [...document.querySelectorAll('.sec-label')].map(e => e.textContent)")
        assert labels == ["I.", "II.", "III.", "IV.", "V."], labels
        tab(s, "targets")
        s.find("#add-target").click()
        row = '[data-pane="targets"] .item:last-child'
        s.find(f"{row} [data-field=text]").type("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 85%")
        deadline = s.find(f"{row} [data-field=deadline]")
        deadline.type("thang 12 nam 2027\t")
        s.wait("deadline label from the engine", lambda: deadline.value() == "tháng 12 năm 2027", 10)
        s.wait("autosave", lambda: save_state(s).startswith("Đã lưu"), 10)
        if args.shots:
            time.sleep(0.3)
            s.screenshot(os.path.join(args.shots, "chromium-editor.png"))
        passed.append(f"editor: new plan, computed labels, a target with its deadline read ({deadline.value()!r}), autosaved")

        # 3. Import review of a received PDF (LibreOffice's print of an office DOCX).
        answer(os.path.join(FIXTURES, "hai-an-2024-cds.office.pdf"))
        s.find("#import-plan").click()
        s.wait("import review", lambda: s.find("#dialog h2").text() == "Nhập kế hoạch: kiểm tra trước khi lưu", 30)
        rows = s.run("return document.querySelectorAll('#dialog tr.recognised').length")
        assert rows >= 6, f"recognised targets highlighted: {rows}"
        if args.shots:
            time.sleep(0.3)
            s.screenshot(os.path.join(args.shots, "chromium-import.png"))
        s.find("#import-save").click()
        s.wait("imported plan opened", lambda: s.find("#editor-title").text() == "Chuyển đổi số quận Hải An năm 2024", 20)
        passed.append(f"import review of a received PDF: {rows} targets recognised, saved, opened")

        # 4. Derive this unit's plan; a weakened target is reported beside it.
        s.find("#menu-inherit summary").click()
        s.find("#btn-derive").click()
        s.wait("derive dialog", lambda: s.find("#dialog h2").text().startswith("Lập kế hoạch của đơn vị"))
        year = s.find('#dialog [data-path="year"] input')
        year.clear()
        year.type("2025")
        s.find("#template-confirm").click()
        s.wait("what to take from the parent", lambda: s.find("#dialog h2").text() == "Lấy chỉ tiêu, nhiệm vụ nào từ kế hoạch cấp trên?")
        s.find("#take-confirm").click()
        s.wait("derived plan opened", lambda: s.find("#editor-title").text() == "Chuyển đổi số xã Hòa Bình năm 2025", 20)
        tab(s, "targets")
        sentence = s.find('[data-path="targets[0]"] [data-field="text"]')
        original = sentence.value()
        sentence.clear()
        sentence.type(original.replace("100%", "90%", 1))
        s.wait("weaker target reported beside it",
               lambda: "thấp hơn kế hoạch cấp trên" in s.run("return document.querySelector('[data-path=\"targets[0]\"] .hint.error')?.textContent || ''"), 10)
        if args.shots:
            time.sleep(0.3)
            s.screenshot(os.path.join(args.shots, "chromium-derive.png"))
        sentence.clear()
        sentence.type(original)
        s.wait("error gone", lambda: not s.run("return !!document.querySelector('[data-path=\"targets[0]\"] .hint.error')"), 10)
        passed.append("derive from the imported parent; a weakened target reported beside it, and cleared")

        # 5. Export DOCX through the button (the save dialog answered).
        out = os.path.join(work, "xuat", "cap-duoi.docx")
        os.makedirs(os.path.dirname(out))
        answer(out)
        s.find("#btn-export").click()
        s.wait("export finished", lambda: s.find("#dialog h2").text() == "Đã xuất tệp DOCX", 30)
        s.find("#dialog .buttons button").click()
        text = docx_text(out)
        assert "Chuyển đổi số xã Hòa Bình năm 2025".upper() in text.upper(), text[:400]
        passed.append("DOCX exported through the UI, read by python-docx")

        # 6. Theo dõi: a period of the sample plan, results evaluated by the engine.
        verdict = new_report(s, "Chuyển đổi số xã Tân An năm 2026", "2026-H1", "6 tháng đầu năm 2026")
        type_results(s, {"ct1": "100", "ct2": "82,5"})
        s.wait("evaluated by the engine", lambda: verdict("ct1") == "Đạt" and verdict("ct2") == "Chưa đạt", 10)
        bars = s.run("return document.querySelectorAll('#report-chart rect[data-target]').length")
        assert bars >= 2, bars
        if args.shots:
            s.run("document.querySelector('#report-body').scrollIntoView()")
            time.sleep(0.3)
            s.screenshot(os.path.join(args.shots, "chromium-tracking.png"))
        passed.append("Theo dõi: results evaluated (Đạt, Chưa đạt), the chart drawn")

        # Nothing the page logged as an error on the way (a JS API WebKit has and
        # Chromium lacks, or the reverse, would show here).
        logs = s.cmd("POST", "/se/log", {"type": "browser"}) or []
        severe = [l["message"] for l in logs if l.get("level") == "SEVERE" and "favicon" not in l["message"]]
        assert not severe, severe
        passed.append("no error in the browser's console")
    finally:
        if s:
            s.quit()
        driver.terminate()
        bridge.terminate()
        for p in (driver, bridge):
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    for p in passed:
        print(f"ok   {p}")
    print(f"chromium: {len(passed)} scenarios passed")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
