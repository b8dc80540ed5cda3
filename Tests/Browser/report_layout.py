#!/usr/bin/env python3
"""The monthly report's HTML in a real browser: headless Chromium at 1280 px and printed to A4, in zh and en.

    python3 Tests/Browser/report_layout.py GOVDESK_BINARY ARTIFACTS_FOLDER

Builds a demo database with the given govdesk, renders the October 2026 report as HTML in both languages and, through
Selenium and Debian's chromium + chromium-driver, checks by measurement that nothing is wider than its box (tables,
their cells, charts and the text inside the charts), that the ranking table's last column header is on screen, that
the award reasons have no scrollbars, that Chinese text is drawn with a CJK font (no tofu), that the training mark is
shown, and that the A4 PDF (Chrome DevTools' Page.printToPDF) carries every column header of the ranking table
(`pdftotext -layout`) and starts each part of the report on a new page. Full-page screenshots, the PDFs and their
text are left in ARTIFACTS_FOLDER.

Needs Python 3 with selenium (pip), chromium, chromium-driver and poppler-utils (pdftotext); fonts-noto-cjk for
Chinese. GOVDESK_CHROMIUM and GOVDESK_CHROMEDRIVER name other browser or driver paths. The product never needs Python:
this is a test tool only (docs/testing.md; `swift test` runs it through Tests/govdeskTests/BrowserReportTests.swift).

Exit status: 0 all checks passed, 1 a check failed, 2 the check could not run (missing tool, govdesk failed).
The last line says `report layout: N passed, M failed`.
"""

import argparse
import base64
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

MONTH = "2026-10"
# The demo's period ends with October 2026; its open tickets are as of this instant (govdesk demo --help).
NOW = "2026-11-02T09:00+08:00"
WIDTH, HEIGHT = 1280, 900
# A4 less the report's @page margins (10 mm each side): the width the printed page lays out in, in CSS pixels.
A4_CONTENT_WIDTH = 718
# Fonts that draw Chinese; a CJK character drawn by any other font is a tofu box or a wrong fallback.
CJK_FONT = re.compile(
    r"CJK|Source Han|Han Sans|Han Serif|WenQuanYi|PingFang|YaHei|SimSun|SimHei|Hei|Song|Ming|Kai|Droid Sans Fallback"
    r"|AR PL|Noto (Sans|Serif) (SC|TC|HK|JP|KR)",
    re.IGNORECASE,
)
CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


class SetupError(Exception):
    """The check could not run: a tool is missing or govdesk failed."""


class Checks:
    """Counts and prints checks: `ok` or `FAIL` with what was measured."""

    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {name}", flush=True)
        else:
            self.failures.append(f"{name}: {detail}")
            print(f"FAIL  {name}: {detail}", flush=True)
        return ok


# Everything measured in the page comes back from one script per state (screen at 1280 px, print at A4 width).
MEASURE = r"""
const lang = arguments[0];
const round = x => Math.round(x * 10) / 10;
const describe = el => {
  const cls = el.className && el.className.baseVal === undefined ? '.' + String(el.className).split(' ').join('.') : '';
  const key = el.closest('table') ? el.closest('table').dataset.table : undefined;
  const section = el.closest('section');
  const title = section && section.querySelector('h2') ? section.querySelector('h2').textContent : '';
  return `${el.tagName.toLowerCase()}${cls === '.' ? '' : cls}${key ? '[' + key + ']' : ''}` +
    ` "${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 24)}"${title ? ' in ' + title : ''}`;
};
const result = {};
const root = document.documentElement;
result.viewport = [innerWidth, root.clientWidth];
result.pageWidth = [root.scrollWidth, root.clientWidth];

// Boxes whose content is wider than they are: a table wider than its wrapper scrolls, a cell's text runs out.
const overflow = [];
const boxSelector = 'main, header, footer, section, .part, .cards, .card, figure, .table-wrap, table, thead, ' +
  'tbody, tr, th, td, p, h1, h2';
for (const el of document.querySelectorAll(boxSelector)) {
  if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
    overflow.push(`${describe(el)}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
  }
}
for (const wrap of document.querySelectorAll('.table-wrap')) {
  const t = wrap.querySelector('table');
  if (t && t.getBoundingClientRect().right > wrap.getBoundingClientRect().right + 1) {
    overflow.push(`${describe(t)}: ends at ${round(t.getBoundingClientRect().right)}, its wrapper at ` +
      `${round(wrap.getBoundingClientRect().right)}`);
  }
}
result.overflow = overflow;

// Charts: drawn, inside their figure, and every text inside the SVG's own box (the SVG clips what is outside).
const charts = [];
const chartProblems = [];
let smallestText = Infinity;
for (const svg of document.querySelectorAll('svg')) {
  const r = svg.getBoundingClientRect();
  const fig = svg.closest('figure');
  const f = fig ? fig.getBoundingClientRect() : r;
  charts.push([round(r.width), round(r.height)]);
  if (r.width < 100 || r.height < 40) {
    chartProblems.push(`svg ${charts.length} is ${round(r.width)}×${round(r.height)} px`);
  }
  if (r.left < f.left - 1 || r.right > f.right + 1) {
    chartProblems.push(`svg ${charts.length} (${round(r.left)}–${round(r.right)}) outside its figure ` +
      `(${round(f.left)}–${round(f.right)})`);
  }
  const vb = svg.viewBox.baseVal;
  const scale = vb.width > 0 ? r.width / vb.width : 1;
  const boxes = [];
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox();
    if (b.width === 0) continue;
    smallestText = Math.min(smallestText, parseFloat(getComputedStyle(t).fontSize) * scale);
    if (b.x < -1 || b.x + b.width > vb.width + 1 || b.y < -1 || b.y + b.height > vb.height + 1) {
      chartProblems.push(`svg ${charts.length}: text "${t.textContent}" at x ${round(b.x)}–` +
        `${round(b.x + b.width)}, y ${round(b.y)}–${round(b.y + b.height)} leaves the chart ` +
        `(0–${vb.width} × 0–${vb.height})`);
    }
    boxes.push([b, t.textContent]);
  }
  // Text on text: shrunk by 1.5 units so that neighbours that merely touch pass.
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, an] = boxes[i], [b, bn] = boxes[j];
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) - 3;
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) - 3;
      if (w > 0 && h > 0) chartProblems.push(`svg ${charts.length}: "${an}" overlaps "${bn}"`);
    }
  }
}
result.charts = charts;
result.smallestChartText = round(smallestText);
result.chartProblems = chartProblems;

// A table by its language-free key, else by its section's title (reports made before tables carried the key).
const byKey = (key, titles) => {
  const t = document.querySelector(`table[data-table="${key}"]`);
  if (t) return t;
  for (const s of document.querySelectorAll('section')) {
    const h = s.querySelector('h2');
    if (h && titles.includes(h.textContent.trim())) return s.querySelector('table');
  }
  return null;
};

const ranking = byKey('departments', ['承办单位排名', 'Department ranking']);
if (ranking) {
  const ths = [...ranking.querySelectorAll('thead th')];
  const wrap = ranking.closest('.table-wrap') || ranking.parentElement;
  const w = wrap.getBoundingClientRect();
  const last = ths[ths.length - 1];
  const l = last.getBoundingClientRect();
  const textRect = el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  };
  result.ranking = {
    headers: ths.map(th => th.textContent.trim()),
    textSpan: round(textRect(last).right - textRect(ths[0]).left),
    rows: ranking.querySelectorAll('tbody tr').length,
    last: {text: last.textContent.trim(), left: round(l.left), right: round(l.right), scrollWidth: last.scrollWidth,
           clientWidth: last.clientWidth},
    wrapRight: round(w.right),
    viewportWidth: root.clientWidth,
    hidden: ths.filter(th => th.getBoundingClientRect().right > Math.min(w.right, root.clientWidth) + 1)
      .map(th => `${th.textContent.trim()} (ends at ${round(th.getBoundingClientRect().right)})`),
  };
}

const awards = byKey('hall-awards', ['月度考评表彰', 'Evaluation awards']);
if (awards) {
  const rows = [...awards.querySelectorAll('tbody tr')];
  const problems = [];
  for (const tr of rows) {
    const td = tr.lastElementChild;
    const cs = getComputedStyle(td);
    const bx = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
    const by = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    const what = `${tr.firstElementChild.textContent.trim()} ${tr.children[1].textContent.trim()}`;
    if (td.scrollWidth > td.clientWidth + 1) {
      problems.push(`${what}: reason ${td.scrollWidth} px wide in ${td.clientWidth} px`);
    }
    if (td.scrollHeight > td.clientHeight + 1) {
      problems.push(`${what}: reason ${td.scrollHeight} px high in ${td.clientHeight} px`);
    }
    if (td.offsetWidth - td.clientWidth - bx > 0.5 || td.offsetHeight - td.clientHeight - by > 0.5) {
      problems.push(`${what}: the reason cell shows a scrollbar`);
    }
    if (['scroll', 'auto'].includes(cs.overflowX) || ['scroll', 'auto'].includes(cs.overflowY)) {
      problems.push(`${what}: the reason cell has overflow ${cs.overflowX}/${cs.overflowY}`);
    }
    for (const cell of tr.children) {
      const c = getComputedStyle(cell);
      if (c.textOverflow === 'ellipsis' && cell.scrollWidth > cell.clientWidth) {
        problems.push(`${what}: text cut with …`);
      }
    }
  }
  // The award, its place and the winner are short: a line break inside one (优秀窗/口, 名/次) is a fault.
  const broken = [];
  const short = [...awards.querySelectorAll('thead th'), ...awards.querySelectorAll('tbody td:not(:last-child)')];
  for (const cell of short) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].map(q => Math.round(q.top)));
    if (lines.size > 1) broken.push(`"${cell.textContent.trim()}" on ${lines.size} lines`);
  }
  result.awards = {rows: rows.length, kinds: rows.map(tr => tr.firstElementChild.textContent.trim()), problems,
                   broken: [...new Set(broken)]};
}

const mark = document.querySelector('.training');
result.training = mark ? {text: mark.textContent.trim(), height: mark.getBoundingClientRect().height} : null;
result.parts = [...document.querySelectorAll('.part.break')].map(p => {
  const first = p.querySelector('figcaption, h2');
  return first ? first.textContent.trim() : '';
});
const trend = document.querySelector('figure');
result.trend = trend ? {
  caption: trend.querySelector('figcaption') ? trend.querySelector('figcaption').textContent.trim() : '',
  months: new Set([...trend.querySelectorAll('svg rect title')].map(t => t.textContent.split(' ')[0])).size,
} : null;
return result;
"""


def run(command, timeout, what, cwd=None):
    """Runs a command, returning its standard output; a failure is a SetupError naming `what`. govdesk runs without
    the GOVDESK_ variables of the caller, in a folder of its own (no ./Config: the built-in rules)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GOVDESK_DB", "GOVDESK_ACTOR", "GOVDESK_NOW",
                                                              "GOVDESK_CONFIG")}
    env["GOVDESK_CALENDAR_WARNING"] = "off"
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SetupError(f"{what}: {error}") from error
    if done.returncode != 0:
        raise SetupError(f"{what}: exit {done.returncode}: {done.stderr.strip()[:500]}")
    return done.stdout


def make_reports(govdesk, folder, artifacts, tickets):
    """A demo database and the month's report as HTML in zh and en, in `artifacts`."""
    db = os.path.join(folder, "demo.sqlite")
    started = time.monotonic()
    run([govdesk, "demo", "--db", db, "--tickets", str(tickets)], 300, "govdesk demo", cwd=folder)
    print(f"demo database with {tickets} tickets in {time.monotonic() - started:.1f} s", flush=True)
    reports = {}
    for lang in ("zh", "en"):
        out = os.path.abspath(os.path.join(artifacts, f"report-{lang}.html"))
        run(
            [govdesk, "--db", db, "--now", NOW, "--lang", lang, "report", "monthly", "--month", MONTH,
             "--format", "html", "--out", out, "--force"],
            120, f"govdesk report monthly --lang {lang}", cwd=folder)
        reports[lang] = out
    return reports


def start_browser(chromium, chromedriver):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        raise SetupError(f"selenium is not installed for {sys.executable} ({error}); pip install selenium") from error
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WIDTH},{HEIGHT}", "--force-device-scale-factor=1", "--lang=zh-CN"):
        options.add_argument(argument)
    try:
        return webdriver.Chrome(options=options, service=Service(chromedriver))
    except Exception as error:  # selenium raises several kinds; all mean the browser did not start
        raise SetupError(f"cannot start {chromium} through {chromedriver}: {str(error).strip()[:400]}") from error


def load(driver, path, width, media):
    """Opens the report in a window `width` CSS pixels wide for `media` (screen or print), fonts loaded. For print the
    page itself is laid out `width` wide: the window's scrollbar, which paper has not, is added to the window."""
    def metrics(w):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": w, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    metrics(width)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    driver.get("file://" + os.path.abspath(path))
    driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done(true));")
    if media == "print":
        scrollbar = driver.execute_script("return innerWidth - document.documentElement.clientWidth")
        if scrollbar > 0:
            metrics(width + scrollbar)


def full_page_screenshot(driver, path):
    size = driver.execute_script(
        "return [Math.max(innerWidth, document.documentElement.scrollWidth), document.documentElement.scrollHeight]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
    with open(path, "wb") as file:
        file.write(base64.b64decode(shot["data"]))
    return size


def cjk_rendering(driver, lang):
    """Nodes with Chinese text and the fonts that drew them: [(what, cjk chars, glyphs from CJK fonts, fonts)]."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    # The ranking is the first wide table; its third column holds the departments' (Chinese) names.
    selectors = ["table.wide tbody td:nth-child(3)", "svg text[text-anchor=end]"]
    if lang == "zh":
        selectors = ["h1", ".training", "h2", "thead th", "figcaption"] + selectors
    found = []
    for selector in selectors:
        node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            found.append((selector, -1, 0, "not in the page"))
            continue
        text = driver.execute_cdp_cmd("DOM.resolveNode", {"nodeId": node})
        value = driver.execute_cdp_cmd("Runtime.callFunctionOn", {
            "objectId": text["object"]["objectId"], "returnByValue": True,
            "functionDeclaration": "function() { return [...this.childNodes].filter(n => n.nodeType === 3)"
                                   ".map(n => n.textContent).join(''); }"})["result"]["value"]
        fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        cjk_glyphs = sum(f["glyphCount"] for f in fonts if CJK_FONT.search(f["familyName"]))
        found.append((f"{selector} \"{value[:16]}\"", len(CJK_CHAR.findall(value)), cjk_glyphs,
                      ", ".join(f"{f['familyName']} ({f['glyphCount']})" for f in fonts)))
    return found


def print_pdf(driver, path):
    """A4 through Chrome DevTools, the page's own @page margins, backgrounds as on screen."""
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True,
        "displayHeaderFooter": False, "scale": 1})
    with open(path, "wb") as file:
        file.write(base64.b64decode(pdf["data"]))


def header_pieces(header):
    """What of a column header must be found in the PDF's text: its words (a header may wrap on paper, at a space or
    after a hyphen); a Chinese header whole, since breaking one inside is itself a fault."""
    if CJK_CHAR.search(header):
        return [re.sub(r"\s+", "", header)]
    return [piece for piece in re.split(r"[\s]+|(?<=-)", header) if piece.strip("-")]


def check_pdf(checks, lang, pdf, headers, span_px, parts, artifacts):
    text = run(["pdftotext", "-layout", pdf, "-"], 60, "pdftotext")
    with open(os.path.join(artifacts, f"report-{lang}.txt"), "w", encoding="utf-8") as file:
        file.write(text)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    print(f"{lang} PDF: {len(pages)} pages", flush=True)
    checks.check(f"{lang} pdf: printed on A4", 4 <= len(pages) <= 20, f"{len(pages)} pages")

    # The ranking's header block: the line with its first two headers and the lines a wrapped header continues on.
    lines = text.splitlines()
    first = [h for h in header_pieces(headers[0])][0] if headers else ""
    second = [h for h in header_pieces(headers[1])][0] if len(headers) > 1 else ""
    blocks = ["\n".join(lines[i:i + 3]) for i, line in enumerate(lines) if first in line and second in line]
    missing = []
    if not blocks:
        missing = headers
    else:
        best = min(blocks, key=lambda b: sum(p not in b for h in headers for p in header_pieces(h)))
        missing = [h for h in headers if any(p not in best for p in header_pieces(h))]
    checks.check(
        f"{lang} pdf: all {len(headers)} column headers of the ranking table are on paper", not missing,
        f"not found under the ranking's header line in `pdftotext -layout`: {', '.join(missing)}"
        + ("" if blocks else f" (no line with both {first!r} and {second!r})"))

    # Word positions: every header word inside the printed sheet.
    bbox = run(["pdftotext", "-bbox", pdf, "-"], 60, "pdftotext -bbox")
    page_width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    words = [(html.unescape(w), float(x0), float(x1)) for x0, x1, w in re.findall(
        r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">([^<]*)</word>', bbox)]
    outside = sorted({f"{w} (x {x0:.0f}–{x1:.0f} pt)" for w, x0, x1 in words
                      if (x0 < 0 or x1 > page_width) and any(p in w for h in headers for p in header_pieces(h))})
    checks.check(f"{lang} pdf: the ranking's headers lie inside the A4 sheet ({page_width:.0f} pt wide)", not outside,
                 ", ".join(outside))

    # Printed at 100 %: Chrome shrinks a page whose content is wider than the paper, which keeps every header on the
    # sheet but makes the whole report small. The ranking's header line must be as wide on paper (pt) as the print
    # layout says (CSS px × 0.75).
    if span_px:
        first_word, last_word = header_pieces(headers[0])[0], header_pieces(headers[-1])[-1]
        span_pt = None
        for page in re.findall(r"<page .*?</page>", bbox, re.DOTALL):
            boxes = [(html.unescape(w), float(x0), float(y0), float(x1)) for x0, y0, x1, w in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="[\d.-]+">([^<]*)</word>', page)]
            for word, x0, y0, _ in boxes:
                if word != first_word:
                    continue
                ends = [x1 for w, _, y, x1 in boxes if w == last_word and y0 - 1 <= y <= y0 + 40]
                if ends:
                    span_pt = max(ends) - x0
                    break
            if span_pt is not None:
                break
        expected = span_px * 0.75
        checks.check(f"{lang} pdf: printed at 100 % (the ranking's header line {expected:.0f} pt wide)",
                     span_pt is not None and abs(span_pt / expected - 1) < 0.03,
                     f"{'not found' if span_pt is None else f'{span_pt:.0f} pt'} on paper, {expected:.0f} pt in the "
                     f"print layout: the page was shrunk to fit content wider than A4"
                     if span_pt is not None else f"no line from {first_word!r} to {last_word!r} in the PDF")

    # Each part after the first starts a page: its heading among the first lines of some page.
    late = []
    for heading in parts:
        tops = [page for page in pages if heading in "\n".join([l for l in page.splitlines() if l.strip()][:3])]
        if not tops:
            late.append(heading)
    checks.check(f"{lang} pdf: each part starts a new page ({' | '.join(parts)})", not late and len(parts) >= 3,
                 f"not at the top of a page: {', '.join(late) or 'fewer than 3 parts'}")
    return len(pages)


def check_language(checks, driver, lang, path, artifacts):
    # Screen, 1280 px.
    load(driver, path, WIDTH, "screen")
    m = driver.execute_script(MEASURE, lang)
    checks.check(f"{lang} 1280: the window is {WIDTH} px wide", m["viewport"][0] == WIDTH,
                 f"innerWidth, clientWidth {m['viewport']}")
    checks.check(f"{lang} 1280: the page does not scroll sideways", m["pageWidth"][0] <= m["pageWidth"][1] + 1,
                 f"scrollWidth {m['pageWidth'][0]} > clientWidth {m['pageWidth'][1]}")
    more = f" (+{len(m['overflow']) - 8} more)" if len(m["overflow"]) > 8 else ""
    checks.check(f"{lang} 1280: no table, cell or box wider than its container", not m["overflow"],
                 "; ".join(m["overflow"][:8]) + more)
    checks.check(f"{lang} 1280: seven charts drawn (trend, ranking, types, channels, topics, hall ×2)",
                 len(m["charts"]) >= 7, f"{len(m['charts'])} svg: {m['charts']}")
    checks.check(f"{lang} 1280: chart text inside its chart, none on another", not m["chartProblems"],
                 "; ".join(m["chartProblems"][:8]))
    r = m.get("ranking")
    if checks.check(f"{lang} 1280: ranking table present", bool(r) and r["rows"] > 0, "no ranking table with rows"):
        last = r["last"]
        checks.check(
            f"{lang} 1280: last ranking header \"{last['text']}\" fully in view",
            last["left"] >= 0 and last["right"] <= min(r["viewportWidth"], r["wrapRight"]) + 1
            and last["scrollWidth"] <= last["clientWidth"] + 1 and not r["hidden"],
            f"ends at {last['right']} px, viewport {r['viewportWidth']}, wrapper ends at {r['wrapRight']}; "
            f"scrollWidth {last['scrollWidth']}/{last['clientWidth']}; beyond view: {', '.join(r['hidden'])}")
    a = m.get("awards")
    if checks.check(f"{lang} 1280: award table present with business-model rows",
                    bool(a) and any(k in ("业务标兵", "business model") for k in a["kinds"]),
                    f"awards: {a['kinds'] if a else 'none'}"):
        checks.check(f"{lang} 1280: the {a['rows']} award reasons have no scrollbar and are not cut", not a["problems"],
                     "; ".join(a["problems"][:8]))
    t = m.get("training")
    checks.check(f"{lang} 1280: training-database mark shown",
                 bool(t) and t["height"] > 0 and ("培训" in t["text"] or "TRAINING" in t["text"]), f"{t}")
    trend = m.get("trend") or {"caption": "", "months": 0}
    claims_twelve = re.search("十二|twelve|12 ?个月|12 months", trend["caption"], re.IGNORECASE)
    checks.check(f"{lang} 1280: the trend is titled by the {trend['months']} months it shows",
                 trend["months"] > 0 and str(trend["months"]) in trend["caption"]
                 and (trend["months"] == 12 or not claims_twelve),
                 f"caption \"{trend['caption']}\" over {trend['months']} months")
    fonts = cjk_rendering(driver, lang)
    tofu = [f"{what}: {chars} CJK characters, {glyphs} glyphs from CJK fonts ({used})"
            for what, chars, glyphs, used in fonts if chars < 0 or glyphs < chars]
    checks.check(f"{lang} 1280: Chinese drawn with a CJK font ({len(fonts)} kinds of text)", not tofu, "; ".join(tofu))
    size = full_page_screenshot(driver, os.path.join(artifacts, f"report-{lang}-1280.png"))
    print(f"{lang} screenshot: {size[0]}×{size[1]} px", flush=True)

    # Print, laid out at the A4 content width: the same boxes, in the print stylesheet.
    load(driver, path, A4_CONTENT_WIDTH, "print")
    p = driver.execute_script(MEASURE, lang)
    checks.check(f"{lang} print ({A4_CONTENT_WIDTH} px): no table, cell or box wider than its container",
                 not p["overflow"] and p["pageWidth"][0] <= p["pageWidth"][1] + 1,
                 "; ".join(p["overflow"][:8]) + f" page {p['pageWidth']}")
    if p.get("ranking"):
        checks.check(f"{lang} print ({A4_CONTENT_WIDTH} px): all {len(p['ranking']['headers'])} ranking headers within "
                     "the page", not p["ranking"]["hidden"], ", ".join(p["ranking"]["hidden"]))
    if p.get("awards"):
        checks.check(f"{lang} print ({A4_CONTENT_WIDTH} px): award reasons have no scrollbar and are not cut",
                     not p["awards"]["problems"], "; ".join(p["awards"]["problems"][:8]))
    checks.check(f"{lang} print ({A4_CONTENT_WIDTH} px): chart text inside its chart, none on another",
                 not p["chartProblems"], "; ".join(p["chartProblems"][:8]))
    # 7 pt is 9.33 CSS px: smaller chart text is hard to read on paper.
    checks.check(f"{lang} print ({A4_CONTENT_WIDTH} px): chart text at least 7 pt on paper",
                 p["smallestChartText"] >= 9.3, f"smallest chart text {p['smallestChartText']} px "
                 f"({p['smallestChartText'] * 0.75:.1f} pt)")
    if p.get("awards"):
        checks.check(f"{lang} print ({A4_CONTENT_WIDTH} px): award, place and winner each on one line",
                     not p["awards"]["broken"], "; ".join(p["awards"]["broken"][:8]))

    # The PDF itself: Chrome's printing, not an emulation.
    load(driver, path, WIDTH, "screen")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = os.path.join(artifacts, f"report-{lang}.pdf")
    print_pdf(driver, pdf)
    headers = (r or p.get("ranking") or {}).get("headers", [])
    span_px = (p.get("ranking") or {}).get("textSpan")
    return check_pdf(checks, lang, pdf, headers, span_px, m["parts"], artifacts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("govdesk", help="the govdesk binary to test")
    parser.add_argument("artifacts", help="a folder for the screenshots, PDFs and HTML (created if missing)")
    parser.add_argument("--chromium", default=os.environ.get("GOVDESK_CHROMIUM") or shutil.which("chromium")
                        or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=os.environ.get("GOVDESK_CHROMEDRIVER")
                        or shutil.which("chromedriver") or "/usr/bin/chromedriver")
    parser.add_argument("--tickets", type=int, default=2000, help="tickets in the demo database (default 2000)")
    args = parser.parse_args()

    checks = Checks()
    started = time.monotonic()
    folder = tempfile.mkdtemp(prefix="govdesk-browser-")
    driver = None
    try:
        for tool, path in (("govdesk", args.govdesk), ("chromium", args.chromium),
                           ("chromedriver", args.chromedriver)):
            if not (os.path.isfile(path) and os.access(path, os.X_OK)):
                raise SetupError(f"{tool} not found at {path}")
        if not shutil.which("pdftotext"):
            raise SetupError("pdftotext not found (apt-get install poppler-utils)")
        os.makedirs(args.artifacts, exist_ok=True)
        driver = start_browser(args.chromium, args.chromedriver)
        print(f"browser: {driver.capabilities.get('browserVersion')}, artifacts in {os.path.abspath(args.artifacts)}",
              flush=True)
        reports = make_reports(os.path.abspath(args.govdesk), folder, args.artifacts, args.tickets)
        for lang in ("zh", "en"):
            check_language(checks, driver, lang, reports[lang], args.artifacts)
    except SetupError as error:
        print(f"report layout: could not run: {error}", flush=True)
        return 2
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"took {time.monotonic() - started:.1f} s", flush=True)
    if checks.failures:
        print("failed:", flush=True)
        for failure in checks.failures:
            print(f"  {failure}", flush=True)
    print(f"report layout: {checks.passed} passed, {len(checks.failures)} failed", flush=True)
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
