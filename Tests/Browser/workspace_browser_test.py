"""The workspace in a real browser, used as a new user would use it.

    python3 Tests/Browser/workspace_browser_test.py --diaban .build/debug/diaban --screenshot out.png

Starts `diaban serve` on a copy of the bundled Nghệ An scenarios and drives headless Chromium
(Debian's, through Playwright) through the workspace: the page opens in Vietnamese; the
train-border what-if is written with the form (officers found by id and, for one, by a name
typed without diacritics) and saved over the bundled file after the confirmation; it is
solved with a short time limit while the page shows the gap; the report's map appears;
a long solve of the baseline is stopped and keeps its best plan; the what-if is compared
with the baseline (table and map); a tab is closed while its solve runs, and the solve stops
by itself; the work plan (Kế hoạch công tác) of a finished solve is made on the pool, one
officer's month shows, the .ics and the printable page download, and the officer is re-planned
after a stretch of blocked days is added; the page switches to English. A screenshot is taken and must not be blank.

Then, back in Vietnamese, a leader decides on the stopped baseline solve's moves in the Decide
tab: some accepted (by mouse and by keyboard), one rejected with a note, one kept; the
decisions are saved as decisions.csv, the plan is made again with them (live, then the cost
against the proposal, the moves that appeared or disappeared and the report with the decisions
on its map), the re-plan's decisions are saved over the first file after the page asks, and
they are adopted into a new register after the confirmation dialog names the date, the
reference and the file; the register's assignment and a commune's history show. The command
line then reads the saved file (diaban solve --decisions) and finds the register sound
(diaban register check). A screenshot of the Decide panel must not be blank either.

Last, an officer leaves: a what-if that removes CB05 is made with the form, solved (the report
shows CB05 as the previous officer of their communes, marked "rời đi"), and its plan adopted into
a new register; the register shows the departure with its decision, one of CB05's communes has
two periods, and the command line's history of CB05 names the departure.

The page may ask nothing of any other host. The server is stopped with SIGTERM and must exit 0
without leaving a temporary file, or a register's -wal or -shm file, behind.

scripts/workspace-browser-test runs it with the pinned Playwright of scripts/setup.
"""
import argparse
import csv
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata

from playwright.sync_api import expect, sync_playwright

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))
import screenshot  # noqa: E402

OFFICERS = ["CB02", "CB11", "CB24", "CB37"]
# The generated province the advice step runs on.
SMALL = "small/scenario.yaml"


def step(text):
    print(f"[{time.monotonic() - START:6.1f} s] {text}", flush=True)


def without_diacritics(text):
    folded = unicodedata.normalize("NFD", text)
    return "".join(c for c in folded if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")


def officer_name(scenarios, officer):
    with open(os.path.join(scenarios, "nghe-an", "data", "officers.csv"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(",")
            if fields[0] == officer:
                return fields[1]
    raise AssertionError(f"{officer} is not in officers.csv")


def start_server(diaban, scenarios):
    # A closed tab's solve stops 3 s after its page is gone (30 s by default).
    server = subprocess.Popen([diaban, "serve", "--scenarios", scenarios, "--port", "0", "--stop-unwatched-after", "3"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    chooser = selectors.DefaultSelector()
    chooser.register(server.stdout, selectors.EVENT_READ)
    if not chooser.select(timeout=60):
        server.kill()
        raise AssertionError("diaban serve printed no address within 60 s")
    line = server.stdout.readline()
    found = re.search(r"http://\S+", line)
    if not found:
        server.kill()
        raise AssertionError(f"diaban serve printed no address: {line!r} {server.stderr.read()}")
    return server, found.group(0)


def pick(page, input_id, text, key):
    """Types into a picker and chooses the option with `key`."""
    page.fill(f"#{input_id}", text)
    option = page.locator(f"#{input_id} ~ ul.pick-list li[data-key='{key}']")
    expect(option).to_be_visible()
    option.click()


SEEN_AS_A_PERSON = """() => {
    const header = document.querySelector('header.masthead');
    const box = header.getBoundingClientRect();
    const problems = [];
    // The header holds its content: nothing of it is cut off or hidden under what follows.
    if (header.scrollHeight > header.clientHeight + 1) problems.push(`the header shows ${header.clientHeight} px of its ${header.scrollHeight} px`);
    for (const el of header.querySelectorAll('.brand, #tabs button, .lang button')) {
        const r = el.getBoundingClientRect();
        if (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) problems.push(`${el.id || el.className || el.tagName} lies outside the header`);
    }
    // Every tab is on the screen and is what a click at its centre reaches.
    for (const tab of document.querySelectorAll('#tabs button')) {
        const r = tab.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (r.width < 1 || r.height < 1) { problems.push(`${tab.id} has no size`); continue; }
        if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) { problems.push(`${tab.id}'s centre (${x}, ${y}) is off the screen`); continue; }
        const hit = document.elementFromPoint(x, y);
        if (!hit || !(hit === tab || tab.contains(hit))) problems.push(`a click at ${tab.id}'s centre reaches ${hit ? hit.tagName + '#' + hit.id + '.' + hit.className : 'nothing'}`);
    }
    return problems;
}"""


def ask_to_adopt(page, register, effective, reference):
    """Fills Decide's adoption into a new register (started from 2025-07-01) and asks to adopt."""
    page.fill("#reg-path", register)
    expect(page.locator("#reg-asof")).to_be_visible()
    page.fill("#reg-asof", "2025-07-01")
    page.fill("#reg-effective", effective)
    page.fill("#reg-reference", reference)
    page.click("#decide-adopt")


PHONE_CHECKS = r"""() => {
  const out = [];
  const measure = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('input[placeholder]')) {
    if (!el.offsetParent || !el.placeholder) continue;
    const cs = getComputedStyle(el);
    measure.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const need = measure.measureText(el.placeholder).width;
    if (need > room + 1) out.push(`${el.id}: the placeholder "${el.placeholder}" needs ${need.toFixed(0)} px and has ${room.toFixed(0)}`);
  }
  for (const box of document.querySelectorAll('p.links')) {
    const items = [...box.children].filter((c) => c.offsetParent);
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1].getBoundingClientRect(), b = items[i].getBoundingClientRect();
      if (Math.abs(a.top - b.top) < 4 && b.left - a.right < 6) out.push(`"${items[i - 1].textContent}" touches "${items[i].textContent}"`);
    }
  }
  const zero = document.body.innerText.match(/(^|[\s(])[-−]0([.,]0+)?(?=[\s)%]|$)/m);
  if (zero) out.push(`"${zero[0].trim()}" is shown`);
  return out;
}"""


def fits_at_phone_width(page, what):
    """At 390 px: every placeholder is seen whole, links and buttons side by side keep apart,
    and no number reads "-0"; then back to the desktop width."""
    page.set_viewport_size({"width": 390, "height": 844})
    problems = page.evaluate(PHONE_CHECKS)
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert not problems, f"{what} at 390 px: " + "; ".join(problems)


def looks_right(page, width, height):
    """Checks the header as a person sees it, at the given window size."""
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    problems = page.evaluate(SEEN_AS_A_PERSON)
    assert not problems, f"at {width}×{height}: " + "; ".join(problems)


def run(page, address, scenarios, diaban, time_limit, shot):
    step("open the workspace")
    page.goto(address)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#tab-scenarios")).to_have_text("Kịch bản")
    step("the header and every tab are seen and reached, at desktop and at phone width")
    for width, height in [(1400, 900), (390, 844)]:
        looks_right(page, width, height)
    # At phone width the page itself never scrolls sideways: a wide table scrolls in its own box.
    expect(page.locator("#scenario-list tr[data-path='nghe-an/baseline.yaml']")).to_be_attached()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"at 390 px the Scenarios panel is {overflow} px wider than the window"
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(page.locator("#scenario-list tr[data-path='nghe-an/baseline.yaml']")).to_be_visible()
    expect(page.locator("#scenario-list tr[data-path='nghe-an/what-if-train-border.yaml']")).to_be_visible()

    step("write the train-border what-if with the form")
    page.click("#tab-whatif")
    page.select_option("#wi-base", "nghe-an/baseline.yaml")
    page.fill("#wi-file", "what-if-train-border.yaml")
    page.fill("#wi-name", "Nghệ An, four officers trained in border security")
    page.fill("#wi-question", "What if four ethnic-affairs officers are trained in border security?")
    page.fill("#wi-description", "CB02, CB11, CB24 and CB37 (ethnic-affairs) are trained in border-security.")
    for n, officer in enumerate(OFFICERS):
        page.select_option("#wi-op", "setSpecialties")
        page.click("#wi-add")
        # The last officer is found by name, typed without diacritics.
        query = without_diacritics(officer_name(scenarios, officer)).lower() if n == len(OFFICERS) - 1 else officer
        pick(page, f"wi-c{n}-officer", query, officer)
        pick(page, f"wi-c{n}-add", "border", "border-security")
    page.click("#wi-check")
    expect(page.locator("#wi-result .msg.ok")).to_be_visible()
    expect(page.locator("#wi-yaml")).to_contain_text("base: \"baseline.yaml\"")
    page.click("#wi-save")
    # The bundled file of that name exists: the page asks before replacing it.
    expect(page.locator("#modal-yes")).to_be_visible()
    page.click("#modal-yes")
    expect(page.locator("#wi-result .msg.ok")).to_contain_text("nghe-an/what-if-train-border.yaml")
    saved = open(os.path.join(scenarios, "nghe-an", "what-if-train-border.yaml"), encoding="utf-8").read()
    for officer in OFFICERS:
        assert re.search(r'op: "setSpecialties", officer: "%s", add: \["border-security"\]' % officer, saved), saved
    check = subprocess.run([diaban, "check", os.path.join(scenarios, "nghe-an", "what-if-train-border.yaml")],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr

    step(f"solve it with a {time_limit} s time limit")
    page.click("#wi-solve")
    expect(page.locator("#solve-scenario")).to_have_value("nghe-an/what-if-train-border.yaml")
    page.fill("#solve-time", str(time_limit))
    page.click("#solve-start")
    expect(page.locator("#solve-gap")).to_have_text(re.compile(r"\d.*%"), timeout=(time_limit + 60) * 1000)
    expect(page.locator("#solve-status")).to_be_visible(timeout=(time_limit + 120) * 1000)
    status = page.inner_text("#solve-status")
    assert re.search(r"Tối ưu|Khả thi", status), status
    report = page.frame_locator("#report-frame")
    expect(report.locator("svg#map")).to_be_visible(timeout=60_000)
    expect(report.locator("#map g.c")).to_have_count(130)
    # Each commune is drawn as an area under its marker, carrying its code.
    expect(report.locator("#map path.area[data-commune]")).to_have_count(130)
    step(f"solved: {status}; gap {page.inner_text('#solve-gap')}")

    step("take the plan away: plan.csv as diaban solve --out writes it, the decision sheet, the report printed")
    plan = page.request.get(address.rstrip("/") + page.get_attribute("#solve-csv", "href"))
    assert plan.ok and plan.headers["content-disposition"] == 'attachment; filename="plan.csv"', plan.headers
    rows = plan.text().splitlines()
    assert rows[0] == "commune,commune_name,terrain,workload,officer,officer_name,distance_km,previous_officers,moved,move", rows[0]
    assert len(rows) > 130, f"plan.csv has {len(rows)} lines"
    sheet = page.request.get(address.rstrip("/") + page.get_attribute("#solve-sheet", "href"))
    assert sheet.ok and sheet.body().startswith(b"\xef\xbb\xbfmove,commune,"), sheet.body()[:80]
    expect(page.locator("#solve-print")).to_be_visible()
    expect(page.locator("#solve-print")).to_have_text("In báo cáo")
    fits_at_phone_width(page, "the Solve panel with a finished solve")

    step("start a long solve of the baseline and stop it")
    page.select_option("#solve-scenario", "nghe-an/baseline.yaml")
    page.fill("#solve-time", "120")
    page.click("#solve-start")
    expect(page.locator("#job-detail code")).to_have_text("nghe-an/baseline.yaml")
    # Stop once the search has a plan (its first progress report), unless it already ended.
    expect(page.locator("#solve-incumbent")).to_have_text(re.compile(r"\d"), timeout=120_000)
    if page.locator("#solve-stop").is_visible():
        page.click("#solve-stop")
    expect(page.locator("#solve-status")).to_be_visible(timeout=120_000)
    stopped = page.inner_text("#solve-status")
    assert re.search(r"Bị dừng: phương án tốt nhất|Tối ưu", stopped), stopped
    expect(page.frame_locator("#report-frame").locator("svg#map")).to_be_visible(timeout=60_000)
    step(f"stopped: {stopped}")

    step("compare the what-if with the baseline")
    page.click("#tab-compare")
    page.check("#compare-pick input[type=radio][data-path='nghe-an/baseline.yaml']")
    page.check("#compare-pick input[type=checkbox][data-path='nghe-an/what-if-train-border.yaml']")
    page.fill("#compare-time", str(time_limit))
    # Solve both again, side by side on the pool, rather than reuse the earlier solves.
    page.check("#compare-resolve")
    page.click("#compare-start")
    expect(page.locator("#compare-status li[data-path='nghe-an/baseline.yaml']")).to_contain_text(re.compile("đang giải|xong"))
    compared = page.frame_locator("#compare-frame")
    expect(compared.locator("table.cmp")).to_be_visible(timeout=(2 * time_limit + 120) * 1000)
    expect(compared.locator("table.cmp thead")).to_contain_text("train-border")
    expect(compared.locator("svg#map")).to_be_visible()

    step("close a tab while its solve runs: the solve stops by itself")
    other = page.context.new_page()
    other.goto(address + "#solve")
    other.select_option("#solve-scenario", "nghe-an/baseline.yaml")
    other.fill("#solve-time", "120")
    other.click("#solve-start")
    expect(other.locator("#solve-incumbent")).to_have_text(re.compile(r"\d"), timeout=120_000)
    job = other.locator("#job-detail .job").get_attribute("id").removeprefix("job-")
    other.close()
    deadline = time.monotonic() + 60
    snapshot = {}
    while time.monotonic() < deadline:
        snapshot = page.request.get(f"{address}api/jobs/{job}").json()
        if snapshot.get("state") not in ("queued", "running"):
            break
        time.sleep(0.25)
    assert snapshot.get("stopReason") == "unwatched" or snapshot.get("result", {}).get("status") == "optimal", snapshot
    assert snapshot.get("result", {}).get("hasPlan"), snapshot
    step(f"the closed tab's solve ended: {snapshot.get('stopReason') or snapshot.get('result', {}).get('status')}")

    step("the work plan of a finished solve, one officer's month, the downloads, a re-plan after blocked days")
    page.click("#tab-workplan")
    expect(page.locator("#tab-workplan")).to_have_text("Kế hoạch công tác")
    page.click("#workplan-start")
    expect(page.locator("#workplan-status")).to_be_visible(timeout=180_000)
    summary = page.inner_text("#workplan-status")
    assert "cán bộ tối ưu" in summary, summary
    page.select_option("#workplan-officer", "CB05")
    expect(page.locator("#workplan-month-view td.c-trip").first).to_be_visible()
    expect(page.locator("#workplan-month-view td.c-holiday[data-date='2026-01-01']")).to_be_visible()
    ics = page.request.get(address.rstrip("/") + page.get_attribute("#workplan-ics", "href")).text()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in ics and "CB05" in ics, ics[:300]
    printable = page.request.get(address.rstrip("/") + page.get_attribute("#workplan-print", "href")).text()
    assert "Tháng 1/2026" in printable and "LÃNH ĐẠO PHÊ DUYỆT" in printable, printable[:300]
    page.click("#workplan-add-blocked")
    row = page.locator("#workplan-blocked tbody tr").last
    row.locator("input[type=date]").nth(0).fill("2026-01-13")
    row.locator("input[type=date]").nth(1).fill("2026-01-16")
    row.locator("input[type=text]").fill("tập huấn")
    page.click("#workplan-replan")
    expect(page.locator("#workplan-month-view td.c-blocked[data-date='2026-01-14']")).to_be_visible(timeout=120_000)
    assert page.locator("#workplan-month-view td.c-trip[data-date='2026-01-14']").count() == 0
    step(f"work plan: {summary}")
    # Back to the comparison, which the English page shows again.
    page.click("#tab-compare")
    expect(page.frame_locator("#compare-frame").locator("table.cmp")).to_be_visible(timeout=60_000)

    step("switch to English")
    page.click(".lang button[data-lang='en']")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#tab-compare")).to_have_text("Compare")
    for width, height in [(1400, 900), (390, 844)]:
        looks_right(page, width, height)
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(page.frame_locator("#compare-frame").locator("html")).to_have_attribute("lang", "en", timeout=60_000)
    expect(page.frame_locator("#compare-frame").locator("svg#map")).to_be_visible(timeout=60_000)

    page.screenshot(path=shot, full_page=True)
    width, height, colours, drawn = screenshot.analyse(shot)
    step(f"screenshot {shot}: {width}×{height} px, {colours} colours, {100 * drawn:.1f}% drawn")
    assert not screenshot.is_blank(colours, drawn), "the screenshot is blank"

    decide(page, scenarios, diaban, time_limit, decide_shot(shot))
    departure(page, scenarios, diaban, time_limit)
    advice(page)


def advice(page):
    step("staffing advice on the small generated province: a bad budget refused where typed, then one training")
    page.click("#tab-advice")
    word = "Tư vấn nhân sự" if page.get_attribute("html", "lang") == "vi" else "Staffing advice"
    expect(page.locator("#tab-advice")).to_have_text(word)
    page.select_option("#advice-scenario", SMALL)
    page.fill("#advice-train", "1.5")
    page.click("#advice-start")
    expect(page.locator("#advice-train + .field-error")).to_be_visible()
    assert page.locator("#advice-state").count() == 0, "a bad budget started an advice"
    page.fill("#advice-train", "1")
    page.fill("#advice-hire", "0")
    page.click("#advice-start")
    expect(page.locator("#advice-train + .field-error")).to_have_count(0)
    expect(page.locator("#advice-stop")).to_be_attached()
    table = page.locator("#advice-table-train")
    expect(table).to_be_visible(timeout=120_000)
    rows = table.locator("tbody tr")
    expect(page.locator("#advice-state")).to_contain_text(f"{rows.count()}/{rows.count()}" if page.get_attribute("html", "lang") == "vi"
                                                          else f"{rows.count()} of {rows.count()}")
    chart = page.locator("#advice-chart-train")
    expect(chart).to_be_visible()
    page.wait_for_function("() => document.querySelector('#advice-chart-train').naturalWidth > 0")
    # At a phone's width the chart with each label above its bar takes the wide one's place.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.querySelector('#advice-chart-train').currentSrc.includes('layout=narrow')")
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(page.locator("#advice-joint")).to_be_visible()
    key = rows.first.get_attribute("data-key")
    step(f"advice: {rows.count()} trainings ranked, the first {key}; make a what-if from it")
    rows.first.locator("button.whatif").click()
    expect(page.locator("#advice-whatif .msg.ok")).to_be_visible()
    page.click("#advice-open-scenarios")
    made = f"{SMALL.rsplit('/', 1)[0]}/what-if-{key}.yaml"
    expect(page.locator(f"#scenario-list tr[data-path='{made}']")).to_be_visible()
    step(f"{made} is in the scenario list")


def decide_shot(shot):
    return re.sub(r"(\.png)?$", "-decide.png", shot, count=1)


def decided_rows(path):
    """decisions.csv as the workspace saved it: UTF-8 with a byte-order mark, CRLF lines."""
    data = open(path, "rb").read()
    assert data.startswith(b"\xef\xbb\xbf"), "decisions.csv has no byte-order mark"
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "decisions.csv lines do not end in CRLF"
    lines = text.split("\r\n")[:-1]
    header = lines[0].split(",")
    return [dict(zip(header, line.split(","))) for line in lines[1:]]


def decide(page, scenarios, diaban, time_limit, shot):
    step("decide on the stopped baseline solve's moves, in Vietnamese")
    page.click(".lang button[data-lang='vi']")
    page.click("#tab-solve")
    expect(page.locator("#solve-decide")).to_be_visible(timeout=60_000)
    page.click("#solve-decide")
    expect(page.locator("#tab-decide")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tab-decide")).to_have_text("Quyết định")
    rows = page.locator("#decide-moves tbody tr")
    expect(rows.first).to_be_visible(timeout=60_000)
    total = rows.count()
    assert total >= 10, f"only {total} moves to decide"
    # One move kept (one no rule forces), one rejected with a note, five accepted: by mouse and by keyboard.
    keepable = page.locator("#decide-moves tbody tr").filter(has=page.locator("label.v-keep:not(.off)"))
    kept = keepable.last.get_attribute("data-move")
    moves = [m for m in (rows.nth(i).get_attribute("data-move") for i in range(8)) if m != kept]
    accepted, rejected = moves[:5], moves[5]
    accepted_commune = page.locator(f"#decide-moves tr[data-move='{accepted[0]}']").get_attribute("data-commune")
    for m in accepted[:2]:
        page.click(f"#decide-moves tr[data-move='{m}'] label.v-accept")
    for m in accepted[2:]:
        page.focus(f"#dm-{m}-pending")
        page.keyboard.press("a")
    page.click(f"#decide-moves tr[data-move='{rejected}'] label.v-reject")
    page.fill(f"#dm-{rejected}-note", "Thường vụ: giữ cán bộ cũ, chờ họp")
    page.focus(f"#dm-{kept}-pending")
    page.keyboard.press("k")
    for m in accepted:
        expect(page.locator(f"#decide-moves tr[data-move='{m}']")).to_have_attribute("data-decision", "accept")
    expect(page.locator(f"#dm-{kept}-keep")).to_be_checked()
    expect(page.locator("#decide-counts")).to_have_text(f"5 đồng ý · 1 không đồng ý · 1 giữ nguyên · {total - 7} chờ")

    step("save decisions.csv beside the scenario")
    page.fill("#decide-file", "decisions.csv")
    page.click("#decide-save")
    expect(page.locator("#decide-message .msg.ok")).to_contain_text("nghe-an/decisions.csv")
    saved = decided_rows(os.path.join(scenarios, "nghe-an", "decisions.csv"))
    verdicts = [r["decision"] for r in saved]
    assert (verdicts.count("accept"), verdicts.count("reject"), verdicts.count("keep")) == (5, 1, 1), verdicts
    assert any(r["decision"] == "reject" and "Thường vụ" in r["note"] for r in saved), saved

    step(f"re-plan with the decisions ({2 * time_limit} s)")
    page.fill("#decide-time", str(2 * time_limit))
    page.click("#decide-replan")
    expect(page.locator("#decide-state")).to_be_visible()
    expect(page.locator("#decide-cost")).to_be_visible(timeout=(2 * time_limit + 120) * 1000)
    expect(page.locator("#decide-review .msg.ok")).to_contain_text("tuân thủ mọi quyết định")
    expect(page.locator("#decide-cost tbody tr")).to_have_count(12)
    expect(page.locator("#decide-appeared")).to_be_attached()
    expect(page.locator("#decide-disappeared")).to_be_attached()
    report = page.frame_locator("#decide-report-frame")
    expect(report.locator("svg#map")).to_be_visible(timeout=60_000)
    expect(report.locator("svg#map circle.dring.v-accept")).to_have_count(5)
    expect(report.locator("svg#map circle.dring.v-reject")).to_have_count(1)
    expect(report.locator("svg#map circle.dring.v-keep")).to_have_count(1)
    # The re-plan's own moves: the accepted ones carried, the refusals standing as earlier rows.
    expect(page.locator("#decide-moves tr[data-decision='accept']")).to_have_count(5)
    step(f"re-planned: {page.inner_text('#decide-review .msg.ok')}")
    # The review's differences and the rows' gains at phone width: no "-0", nothing cut or touching.
    fits_at_phone_width(page, "the Decide panel with its review")

    step("save the re-plan's decisions over the first file, after the page asks")
    page.click("#decide-save")
    expect(page.locator("#modal-text")).to_contain_text("nghe-an/decisions.csv")
    page.click("#modal-yes")
    expect(page.locator("#decide-message .msg.ok")).to_contain_text("nghe-an/decisions.csv")
    resaved = decided_rows(os.path.join(scenarios, "nghe-an", "decisions.csv"))
    earlier = sorted(r["decision"] for r in resaved if r["source"] == "earlier")
    assert earlier == ["keep", "reject"], resaved
    # The command line reads it as its own, while the page goes on.
    replan = subprocess.Popen([diaban, "solve", os.path.join(scenarios, "nghe-an", "baseline.yaml"), "--decisions",
                               os.path.join(scenarios, "nghe-an", "decisions.csv"), "--time-limit", str(time_limit), "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    step("adopt into a new register after the confirmation")
    ask_to_adopt(page, "nghe-an/so-theo-doi.sqlite", "2026-01-01", "Quyết định số 15/QĐ-TU")
    dialog = page.locator("#modal-text")
    for words in ["Quyết định số 15/QĐ-TU", "01/01/2026", "nghe-an/so-theo-doi.sqlite", "01/07/2025"]:
        expect(dialog).to_contain_text(words)
    page.click("#modal-yes")
    expect(page.locator("#reg-result .msg.ok")).to_contain_text("Quyết định số 15/QĐ-TU", timeout=60_000)
    pairs = page.locator("#reg-assignment tbody tr")
    expect(pairs.first).to_be_visible()
    assert pairs.count() >= 130, f"the register holds {pairs.count()} pairs"
    page.locator(f"#reg-assignment tr[data-commune='{accepted_commune}']").first.click()
    expect(page.locator("#reg-history-table tbody tr")).to_have_count(2)
    step(f"adopted: {pairs.count()} pairs in force; {accepted_commune} has two periods")

    page.locator("#panel-decide").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=shot, full_page=True)
    width, height, colours, drawn = screenshot.analyse(shot)
    step(f"screenshot of the Decide panel {shot}: {width}×{height} px, {colours} colours, {100 * drawn:.1f}% drawn")
    assert not screenshot.is_blank(colours, drawn), "the Decide panel's screenshot is blank"

    page.click(".lang button[data-lang='en']")
    expect(page.locator("#tab-decide")).to_have_text("Decide")
    expect(page.locator("#decide-moves thead")).to_contain_text("Decision")

    check = subprocess.run([diaban, "register", "check", os.path.join(scenarios, "nghe-an", "so-theo-doi.sqlite")],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "sound" in check.stdout, check.stdout + check.stderr
    out, err = replan.communicate(timeout=180)
    assert replan.returncode == 0, err
    assert "Decisions (decisions.csv): 5 accepted, 1 rejected, 1 kept" in out, out[:2000]
    step("the command line re-plans with the saved file and finds the register sound")


def departure(page, scenarios, diaban, time_limit):
    step("an officer leaves: the what-if made with the form, solved, adopted into a new register")
    page.click(".lang button[data-lang='vi']")
    page.click("#tab-whatif")
    # Another base and back: the form starts again with no change. Each choice of base draws
    # the form again; the old form's elements are marked to wait until they are replaced.
    for base in ["nghe-an/what-if-leave.yaml", "nghe-an/baseline.yaml"]:
        page.eval_on_selector("#wi-op", "e => e.setAttribute('data-stale', '')")
        page.select_option("#wi-base", base)
        expect(page.locator("#wi-op[data-stale]")).to_have_count(0)
    expect(page.locator("#wi-c0-officer")).to_have_count(0)
    step("a change left half filled: the check marks the field, beside it the reason, in the form's words")
    page.select_option("#wi-op", "setCapacity")
    page.click("#wi-add")
    pick(page, "wi-c0-officer", "CB05", "CB05")
    fits_at_phone_width(page, "the what-if form")
    page.click("#wi-check")
    expect(page.locator("#wi-result .msg.bad")).to_be_visible()
    expect(page.locator("#wi-c0-capacity")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#wi-c0-capacity ~ .field-error")).to_have_text("Định mức công việc (đơn vị/năm): chưa chọn hoặc chưa nhập.")
    # The table of problems stays, and speaks of the form: the change, the field's label, no key of the file.
    table = page.locator("#problems")
    expect(table).to_contain_text("Thay đổi 1")
    expect(table).to_contain_text("Định mức công việc")
    for words in ["op:", "Write ", "capacity:", "under op"]:
        expect(table).not_to_contain_text(words)
    page.click("#wi-changes li.change .change-head button.x")
    expect(page.locator("#wi-c0-capacity")).to_have_count(0)
    page.fill("#wi-file", "what-if-cb05-roi-di.yaml")
    page.fill("#wi-name", "Nghệ An, CB05 rời đi")
    page.fill("#wi-question", "Nếu CB05 Võ Văn Hải rời đi?")
    page.fill("#wi-description", "CB05 rời đi; các xã của CB05 giao cho cán bộ khác.")
    page.select_option("#wi-op", "removeOfficer")
    page.click("#wi-add")
    pick(page, "wi-c0-officer", "CB05", "CB05")
    page.click("#wi-check")
    expect(page.locator("#wi-result .msg.ok")).to_be_visible()
    page.click("#wi-save")
    expect(page.locator("#wi-result .msg.ok")).to_contain_text("nghe-an/what-if-cb05-roi-di.yaml")
    with open(os.path.join(scenarios, "nghe-an", "data", "current.csv"), encoding="utf-8-sig") as f:
        theirs = sorted(r["commune"] for r in csv.DictReader(f) if r["officer"] == "CB05")
    assert theirs, "CB05 tracks no commune in the bundled scenario"

    page.click("#wi-solve")
    expect(page.locator("#solve-scenario")).to_have_value("nghe-an/what-if-cb05-roi-di.yaml")
    # A time limit that is not a number is refused where it is typed, never replaced by the default.
    jobs = page.locator("#job-list tr").count()
    page.fill("#solve-time", "")
    page.locator("#solve-time").press_sequentially("1e")
    page.click("#solve-start")
    expect(page.locator("#solve-time")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#solve-time ~ .field-error")).to_have_text("Không phải là số: hãy viết một số, ví dụ 30.")
    page.wait_for_timeout(500)
    assert page.locator("#job-list tr").count() == jobs, "a solve started with a time limit that is not a number"
    page.fill("#solve-time", str(time_limit))
    page.click("#solve-start")
    expect(page.locator("#solve-time ~ .field-error")).to_have_count(0)
    expect(page.locator("#solve-status")).to_be_visible(timeout=(time_limit + 120) * 1000)
    # A solve that ended fills its progress bar.
    expect(page.locator("#solve-bar")).to_have_attribute("style", re.compile(r"width:\s*100%"))
    report = page.frame_locator("#report-frame")
    expect(report.locator("svg#map")).to_be_visible(timeout=60_000)
    # The officer who leaves is the previous officer of their communes, marked.
    expect(report.get_by_text("(rời đi)").first).to_be_visible()

    page.click("#solve-decide")
    expect(page.locator("#tab-decide")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#decide-moves tbody tr").first).to_be_visible(timeout=60_000)
    # Decide too shows CB05 as the previous officer of their communes, marked.
    for commune in theirs:
        expect(page.locator(f"#decide-moves tr[data-commune='{commune}']")).to_contain_text("Võ Văn Hải (rời đi)")
    # One row goes back to its previous choice, step by step, and the others stay as they are.
    first, second = (page.locator("#decide-moves tbody tr").nth(i).get_attribute("data-move") for i in range(2))
    row = page.locator(f"#decide-moves tr[data-move='{first}']")
    expect(page.locator(f"#dm-{first}-undo")).to_be_disabled()
    page.click(f"#decide-moves tr[data-move='{first}'] label.v-accept")
    page.click(f"#decide-moves tr[data-move='{second}'] label.v-reject")
    page.click(f"#decide-moves tr[data-move='{first}'] label.v-reject")
    expect(row).to_have_attribute("data-decision", "reject")
    page.click(f"#dm-{first}-undo")
    expect(row).to_have_attribute("data-decision", "accept")
    page.focus(f"#dm-{first}-accept")
    page.keyboard.press("u")
    expect(row).to_have_attribute("data-decision", "pending")
    expect(page.locator(f"#dm-{first}-undo")).to_be_disabled()
    expect(page.locator(f"#decide-moves tr[data-move='{second}']")).to_have_attribute("data-decision", "reject")
    page.click(f"#dm-{second}-undo")
    expect(page.locator(f"#decide-moves tr[data-move='{second}']")).to_have_attribute("data-decision", "pending")
    # H holds the row's new officer (no new commune); the counts say it, and U takes it back.
    page.focus(f"#dm-{first}-pending")
    page.keyboard.press("h")
    expect(row).to_have_attribute("data-decision", "hold")
    expect(page.locator(f"#dm-{first}-hold")).to_be_checked()
    expect(page.locator("#decide-counts")).to_contain_text("1 không giao thêm")
    page.keyboard.press("u")
    expect(row).to_have_attribute("data-decision", "pending")
    expect(page.locator("#decide-counts")).not_to_contain_text("không giao thêm")
    ask_to_adopt(page, "nghe-an/so-cb05-roi-di.sqlite", "2026-03-01", "Quyết định số 21/QĐ-TU")
    expect(page.locator("#modal-text")).to_contain_text("Quyết định số 21/QĐ-TU")
    page.click("#modal-yes")
    expect(page.locator("#reg-result .msg.ok")).to_contain_text("Quyết định số 21/QĐ-TU", timeout=60_000)
    event = page.locator("#reg-roster li[data-officer='CB05'][data-kind='leaves']")
    expect(event).to_contain_text("rời đi")
    expect(event).to_contain_text("Quyết định số 21/QĐ-TU")
    expect(page.locator("#reg-assignment tbody tr").filter(has_text="CB05")).to_have_count(0)
    # The register's starting record reads in the page's words, not as the command line names it.
    expect(page.locator("#reg-assignment")).to_contain_text("Khởi tạo sổ ngày 01/07/2025")
    expect(page.locator("#reg-assignment")).not_to_contain_text("init 2025-07-01")
    # The history of one of CB05's communes: CB05's period ends on the decision, the next begins.
    page.locator(f"#reg-assignment tr[data-commune='{theirs[0]}']").first.click()
    rows = page.locator("#reg-history-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="CB05")).to_contain_text("Quyết định số 21/QĐ-TU")
    history = subprocess.run([diaban, "register", "history", os.path.join(scenarios, "nghe-an", "so-cb05-roi-di.sqlite"), "--officer", "CB05"],
                             capture_output=True, text=True, timeout=120)
    assert history.returncode == 0 and "leaves" in history.stdout and "Quyết định số 21/QĐ-TU" in history.stdout, history.stdout + history.stderr
    check = subprocess.run([diaban, "register", "check", os.path.join(scenarios, "nghe-an", "so-cb05-roi-di.sqlite")],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "sound" in check.stdout, check.stdout + check.stderr
    step(f"CB05 left on 2026-03-01: {len(theirs)} communes handed on, the register sound")

    step("the same plan into the first register, which has moved on: refused in Vietnamese, commune by commune")
    page.fill("#reg-path", "nghe-an/so-theo-doi.sqlite")
    expect(page.locator("#reg-asof")).to_be_hidden()
    page.fill("#reg-effective", "2026-04-01")
    page.fill("#reg-reference", "Quyết định số 22/QĐ-TU")
    page.click("#decide-adopt")
    page.click("#modal-yes")
    refused = page.locator("#reg-result .msg.bad")
    expect(refused).to_contain_text("khác với sổ theo dõi", timeout=60_000)
    expect(refused).to_contain_text("Chưa ghi gì vào sổ.")
    expect(page.locator("#reg-refusal li").first).to_contain_text("phương án bắt đầu từ")
    said = refused.inner_text() + " " + page.inner_text("#reg-refusal")
    for english in ["register", "plan ", "Nothing", "differ", "nobody"]:
        assert english not in said, f"English left in the refusal: {english!r} in {said}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diaban", required=True, help="the built diaban")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--screenshot", required=True, help="where to write the screenshot (PNG)")
    parser.add_argument("--time-limit", type=int, default=5, help="seconds for each solve of the what-if")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="diaban-workspace-")
    scenarios = os.path.join(work, "scenarios")
    shutil.copytree(os.path.join(ROOT, "scenarios", "nghe-an"), os.path.join(scenarios, "nghe-an"))
    # A small generated province for the staffing advice, which solves once per candidate.
    subprocess.run([os.path.abspath(args.diaban), "generate", "--synthetic", "--communes", "12", "--seed", "18",
                    "--out", os.path.join(scenarios, "small")], check=True, capture_output=True, timeout=120)
    server, address = start_server(os.path.abspath(args.diaban), scenarios)
    step(f"diaban serve at {address}")
    failure = None
    outside = []
    page_errors = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"] if os.geteuid() == 0 else [])
            context = browser.new_context(viewport={"width": 1400, "height": 1000})

            def only_the_workspace(route):
                url = route.request.url
                if url.startswith(address) or url.startswith("data:"):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            context.route("**/*", only_the_workspace)
            page = context.new_page()
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            # A refusal the page expects (409 for a file that exists) is logged by Chromium as a
            # failed resource; only 5xx answers and script errors count.
            page.on("console", lambda m: page_errors.append(m.text)
                    if m.type == "error" and not re.match(r"Failed to load resource: .* status of 4\d\d", m.text) else None)
            expect.set_options(timeout=30_000)
            try:
                run(page, address, scenarios, os.path.abspath(args.diaban), args.time_limit, args.screenshot)
            except BaseException:
                page.screenshot(path=args.screenshot, full_page=True)
                page.screenshot(path=decide_shot(args.screenshot), full_page=True)
                raise
            browser.close()
    except BaseException as error:
        failure = error
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            code = "killed after 60 s"
        leftovers = [os.path.join(d, f) for d, _, files in os.walk(scenarios) for f in files
                     if f.startswith(".") or f.endswith((".sqlite-wal", ".sqlite-shm"))]
        shutil.rmtree(work, ignore_errors=True)
    if failure:
        raise failure
    assert not outside, f"the page asked other hosts: {outside}"
    assert not page_errors, f"the page's script failed: {page_errors}"
    assert code == 0, f"diaban serve ended with {code} after SIGTERM: {server.stderr.read()}"
    assert not leftovers, f"temporary files were left behind: {leftovers}"
    step("ok")


START = time.monotonic()
if __name__ == "__main__":
    main()
