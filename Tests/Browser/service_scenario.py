#!/usr/bin/env python3
"""One ticket's whole life through the web service's pages, in a real browser (headless Chromium at 1280 px).

    python3 Tests/Browser/service_scenario.py GOVDESK_BINARY ARTIFACTS_FOLDER

Builds a demo database with the given govdesk (a training database: every active staff member's password is
govdesk-demo), starts `govdesk serve` on a free port and, through Selenium and Debian's chromium + chromium-driver,
plays issue 14's scenario as people would, filling in and submitting the plain forms: a log-in with a wrong password
is refused; the operator op01 logs a call under 城市管理 whose description carries HTML and script; the dispatcher pd01
finds it under 待派单 and dispatches it to the preselected 潞州区城市管理局 (CGJ); the liaison cgj1 sees it under 待签收 with its
deadline, signs and replies; the reviewer sh01 rejects the reply; the liaison replies again; the reviewer approves; a
citizen, logged out, finds nothing on /track with other last four digits, then looks it up with the phone's last four
digits and sees 已办结, the department and the approved reply but none of the caller's personal data; the supervisor db01
opens the monthly report from the queue's links. After each step it checks the state, the deadlines and the 已完成
notice, that the description is shown as text (no alert, no injected element), that the page does not scroll sideways
at 1280 px and that Chinese is drawn with a CJK font, and leaves a full-page screenshot (01-….png, 02-….png, …) and
the page's HTML in ARTIFACTS_FOLDER, with the server's output (serve.stdout.txt, serve.stderr.txt).

Needs Python 3 with selenium (pip), chromium and chromium-driver; fonts-noto-cjk for Chinese. GOVDESK_CHROMIUM and
GOVDESK_CHROMEDRIVER name other browser or driver paths. The product never needs Python: this is a test tool only
(docs/testing.md; `swift test` runs it through Tests/govdeskTests/BrowserServiceTests.swift).

Exit status: 0 all checks passed, 1 a check failed, 2 the check could not run (missing tool, govdesk failed).
The last line says `service scenario: N passed, M failed`.
"""

import argparse
import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

WIDTH, HEIGHT = 1280, 900
PASSWORD = "govdesk-demo"
OPERATOR, DISPATCHER, LIAISON, REVIEWER, SUPERVISOR = "op01", "pd01", "cgj1", "sh01", "db01"
DEPARTMENT, DEPARTMENT_CODE = "潞州区城市管理局", "CGJ"
# The call: a caller, a phone whose last four digits the citizen types on /track, and a description that would run
# script or load an image if the pages put it into HTML unescaped.
CALLER = "韩秀英"
PHONE = "13935517206"
WRONG_LAST_FOUR = "7260"
STREET = "东街街道"
ADDRESS = "英雄中路88号院3号楼"
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(2)>'
DESCRIPTION = f"小区门口路灯连续一周不亮，夜间出行不便。{SCRIPT} {IMAGE}"
FIRST_REPLY = "已派人到现场查看，路灯线路老化，已安排维修。"
REJECTION = "答复未写明修复时间，请补充后重新答复。"
SECOND_REPLY = "经现场核实，路灯线路已于当日更换，现已恢复照明，请来电人知悉。"
STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
# Fonts that draw Chinese; a CJK character drawn by any other font is a tofu box or a wrong fallback.
CJK_FONT = re.compile(
    r"CJK|Source Han|Han Sans|Han Serif|WenQuanYi|PingFang|YaHei|SimSun|SimHei|Hei|Song|Ming|Kai|Droid Sans Fallback"
    r"|AR PL|Noto (Sans|Serif) (SC|TC|HK|JP|KR)",
    re.IGNORECASE,
)
CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Where each page's Chinese is measured: the first match of each selector that exists.
FONT_SELECTORS = ["nav .brand", "h1", "h2", "label", "th", ".notice", "button"]


class SetupError(Exception):
    """The check could not run: a tool is missing, govdesk failed or the server did not start."""


class Stopped(BaseException):
    """SIGTERM (the Swift test's watchdog): the scenario ends, and its browser and server with it."""


def stop_on_sigterm(number, frame):
    raise Stopped(f"stopped by signal {number}")


def die_with_parent():
    """In the server's process before exec, on Linux: the kernel sends it SIGTERM when this script dies, even by
    SIGKILL, so a killed check leaves no server behind."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Checks:
    """Counts and prints checks: `ok` or `FAIL` with what was seen."""

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


def clean_environment():
    """The caller's environment without the GOVDESK_ variables that would choose another database, actor or clock."""
    env = {k: v for k, v in os.environ.items() if k not in ("GOVDESK_DB", "GOVDESK_ACTOR", "GOVDESK_NOW",
                                                              "GOVDESK_CONFIG")}
    env["GOVDESK_CALENDAR_WARNING"] = "off"
    return env


def run(command, timeout, what, cwd=None):
    """Runs a command, returning its standard output; a failure is a SetupError naming `what`. govdesk runs without
    the GOVDESK_ variables of the caller, in a folder of its own (no ./Config: the built-in rules)."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                              env=clean_environment())
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SetupError(f"{what}: {error}") from error
    if done.returncode != 0:
        raise SetupError(f"{what}: exit {done.returncode}: {done.stderr.strip()[:500]}")
    return done.stdout


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`govdesk serve` on a free port, its output in the artifacts folder; stopped by `stop`, also on failure."""

    def __init__(self, govdesk, db, folder, artifacts):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.stdout = open(os.path.join(artifacts, "serve.stdout.txt"), "wb")
        self.stderr = open(os.path.join(artifacts, "serve.stderr.txt"), "wb")
        try:
            self.process = subprocess.Popen(
                [govdesk, "serve", "--db", db, "--port", str(self.port)], cwd=folder, env=clean_environment(),
                stdin=subprocess.DEVNULL, stdout=self.stdout, stderr=self.stderr,
                preexec_fn=die_with_parent if sys.platform.startswith("linux") else None)
        except OSError as error:
            self.close_files()
            raise SetupError(f"govdesk serve: {error}") from error

    def wait_until_healthy(self, seconds=60):
        deadline = time.monotonic() + seconds
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"govdesk serve exited {self.process.returncode} before answering /healthz "
                                 "(see serve.stderr.txt)")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
                    last = f"status {answer.status}"
            except urllib.error.HTTPError as error:
                last = f"status {error.code}"
            except (urllib.error.URLError, OSError) as error:
                last = str(error)
            time.sleep(0.2)
        raise SetupError(f"govdesk serve did not answer GET /healthz with 200 within {seconds} s ({last})")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.close_files()
        return self.process.returncode

    def close_files(self):
        self.stdout.close()
        self.stderr.close()


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
        driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    except Exception as error:  # selenium raises several kinds; all mean the browser did not start
        raise SetupError(f"cannot start {chromium} through {chromedriver}: {str(error).strip()[:400]}") from error
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    driver.set_page_load_timeout(30)
    return driver


def gone(element):
    """A wait condition: `element`'s document has been left. Chromium answers a look at a node of a document it has
    left either with a stale-element error or, now and then, with an inspector error ("Node with given id does not
    belong to the document"): both mean the page changed."""
    from selenium.common.exceptions import WebDriverException

    def check(driver):
        try:
            element.is_enabled()
            return False
        except WebDriverException:  # StaleElementReferenceException is one
            return True
    return check


def full_page_screenshot(driver, path):
    size = driver.execute_script(
        "return [Math.max(innerWidth, document.documentElement.scrollWidth), document.documentElement.scrollHeight]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
    with open(path, "wb") as file:
        file.write(base64.b64decode(shot["data"]))
    return size


def cjk_rendering(driver):
    """Nodes with Chinese text and the fonts that drew them: [(what, cjk chars, glyphs from CJK fonts, fonts)]."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = []
    for selector in FONT_SELECTORS:
        node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            continue
        text = driver.execute_cdp_cmd("DOM.resolveNode", {"nodeId": node})
        value = driver.execute_cdp_cmd("Runtime.callFunctionOn", {
            "objectId": text["object"]["objectId"], "returnByValue": True,
            "functionDeclaration": "function() { return [...this.childNodes].filter(n => n.nodeType === 3)"
                                   ".map(n => n.textContent).join(''); }"})["result"]["value"]
        chars = len(CJK_CHAR.findall(value))
        if chars == 0:
            continue
        fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        cjk_glyphs = sum(f["glyphCount"] for f in fonts if CJK_FONT.search(f["familyName"]))
        found.append((f"{selector} \"{value.strip()[:16]}\"", chars, cjk_glyphs,
                      ", ".join(f"{f['familyName']} ({f['glyphCount']})" for f in fonts)))
    return found


# What every page is measured for, in one script.
MEASURE = r"""
const root = document.documentElement;
const text = el => el ? el.textContent.replace(/\s+/g, ' ').trim() : '';
return {
  width: [root.scrollWidth, root.clientWidth, innerWidth],
  title: document.title,
  h1: text(document.querySelector('h1')),
  body: document.body ? document.body.innerText : '',
  notice: text(document.querySelector('.notice')),
  error: text(document.querySelector('.error')),
  who: text(document.querySelector('nav .who')),
  scripts: document.querySelectorAll('script').length,
  injected: [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x' ||
    i.hasAttribute('onerror')).length,
};
"""

# The rows of the table under the h2 whose text starts with arguments[0] (up to the next h2): its headers and cells.
SECTION = r"""
const start = arguments[0];
const h2 = [...document.querySelectorAll('h2')].find(h => h.textContent.trim().startsWith(start));
if (!h2) return null;
let el = h2.nextElementSibling;
while (el && el.tagName !== 'H2' && !el.querySelector('table') && el.tagName !== 'TABLE') el = el.nextElementSibling;
if (!el || el.tagName === 'H2') return {heading: h2.textContent.trim(), headers: [], rows: []};
const table = el.tagName === 'TABLE' ? el : el.querySelector('table');
return {
  heading: h2.textContent.trim(),
  headers: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
  rows: [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(td => td.textContent.trim())),
};
"""

# A ticket page's facts: the cards (状态, 办理时限 …) and the rows of its two-column tables (诉求内容, 签收时限 …).
TICKET = r"""
const cards = {};
for (const card of document.querySelectorAll('.cards .card')) {
  const label = card.querySelector('.label');
  const value = card.querySelector('.value');
  if (label && value) cards[label.textContent.trim()] = value.textContent.trim();
}
const rows = {};
for (const tr of document.querySelectorAll('table:not(.wide) tr')) {
  const th = tr.querySelector('th'), td = tr.querySelector('td');
  // innerText: what is drawn, so markup that became elements would not count as shown.
  if (th && td && !(th.textContent.trim() in rows)) rows[th.textContent.trim()] = td.innerText;
}
const forms = [...document.querySelectorAll('form[method=post]')].map(f => f.getAttribute('action'));
return {cards, rows, forms};
"""


class Scenario:
    """The browser, the server and the checks; each step ends with `page`, which measures and photographs."""

    def __init__(self, checks, driver, base, artifacts):
        self.checks = checks
        self.driver = driver
        self.base = base
        self.artifacts = artifacts
        self.step = 0
        self.number = None

    # Navigation and forms, as a person would: the address bar, fields, buttons.

    def open(self, path):
        self.driver.get(self.base + path)
        self.fonts_ready()

    def fonts_ready(self):
        """Waits until the new document has loaded entirely, then for its fonts: an element looked up while the
        browser is still between two documents belongs to neither."""
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(self.driver, 20).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete")
        self.driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done(true));")

    def css(self, selector, within=None):
        from selenium.webdriver.common.by import By
        return (within or self.driver).find_element(By.CSS_SELECTOR, selector)

    def all(self, selector, within=None):
        from selenium.webdriver.common.by import By
        return (within or self.driver).find_elements(By.CSS_SELECTOR, selector)

    def type_into(self, form, name, value):
        field = self.css(f"[name='{name}']", form)
        field.clear()
        field.send_keys(value)

    def choose(self, form, name, value=None, text_contains=None, starts="", prefer=None):
        """Selects by value, or the first option whose text starts with `starts` and contains `text_contains` (one
        that also contains `prefer` when there is one); returns the selected option's text."""
        from selenium.webdriver.support.ui import Select
        select = Select(self.css(f"select[name='{name}']", form))
        if value is not None:
            select.select_by_value(value)
        else:
            options = [o.text for o in select.options if o.text.startswith(starts) and text_contains in o.text]
            if not options:
                raise AssertionError(f"no option of {name} says {text_contains!r} on {self.path()}")
            select.select_by_visible_text(next((o for o in options if prefer and prefer in o), options[0]))
        return select.first_selected_option.text

    def submit(self, form):
        """Clicks the form's button and waits for the next page (the old one goes stale)."""
        from selenium.webdriver.support.ui import WebDriverWait
        from selenium.webdriver.support import expected_conditions
        button = self.css("button", form)
        old = self.css("html")
        button.click()
        WebDriverWait(self.driver, 20).until(gone(old))
        self.fonts_ready()

    def form(self, action_suffix):
        """The post form whose action ends with `action_suffix`, or None."""
        forms = [f for f in self.all("form[method=post]") if (f.get_attribute("action") or "").endswith(action_suffix)]
        return forms[0] if forms else None

    def path(self):
        url = self.driver.current_url
        return url[len(self.base):] if url.startswith(self.base) else url

    def log_in(self, code, password=PASSWORD):
        self.open("/login")
        form = self.css("form[action='/login']")
        self.type_into(form, "code", code)
        self.type_into(form, "password", password)
        self.submit(form)

    def log_out(self, who):
        form = self.css("nav form[action='/logout']")
        self.submit(form)
        m = self.measure()
        self.checks.check(f"{who} logs out with 退出 in the nav bar", not m["who"] and "退出" not in m["body"],
                          f"after 退出 the page {self.path()} still shows {m['who'] or '退出'}")

    # Measurements.

    def measure(self):
        return self.driver.execute_script(MEASURE)

    def ticket(self):
        return self.driver.execute_script(TICKET)

    def section(self, heading):
        return self.driver.execute_script(SECTION, heading)

    def page(self, name, what):
        """After a step: a screenshot and the page's HTML, the checks every page must pass; returns the measures."""
        from selenium.common.exceptions import NoAlertPresentException
        self.step += 1
        stem = f"{self.step:02d}-{name}"
        alert = None
        try:
            alert = self.driver.switch_to.alert.text
            self.driver.switch_to.alert.dismiss()
        except NoAlertPresentException:
            pass
        self.checks.check(f"{stem}: no alert opened ({what})", alert is None, f"an alert says {alert!r}")
        m = self.measure()
        size = full_page_screenshot(self.driver, os.path.join(self.artifacts, f"{stem}.png"))
        with open(os.path.join(self.artifacts, f"{stem}.html"), "w", encoding="utf-8") as file:
            file.write(self.driver.page_source)
        print(f"{stem}: {self.path()} \"{m['title']}\", {size[0]}×{size[1]} px", flush=True)
        self.checks.check(f"{stem}: the page has a heading", bool(m["h1"]),
                          f"{self.path()}: no h1 (an error or an empty page), title {m['title']!r}, "
                          f"text {m['body'][:200]!r}")
        self.checks.check(f"{stem}: no horizontal scrollbar at {WIDTH} px", m["width"][0] <= m["width"][1],
                          f"scrollWidth {m['width'][0]} > clientWidth {m['width'][1]} (innerWidth {m['width'][2]})")
        self.checks.check(f"{stem}: no script element or injected image in the page",
                          m["scripts"] == 0 and m["injected"] == 0,
                          f"{m['scripts']} script elements, {m['injected']} images with src=x or onerror")
        fonts = cjk_rendering(self.driver)
        tofu = [f"{w}: {chars} CJK characters, {glyphs} glyphs from CJK fonts ({used})"
                for w, chars, glyphs, used in fonts if glyphs < chars]
        self.checks.check(f"{stem}: Chinese drawn with a CJK font ({len(fonts)} kinds of text)", fonts and not tofu,
                          "; ".join(tofu) or "no Chinese text found")
        return m

    def expect_done(self, stem, action, m):
        """The 已完成：… notice an action leaves on the page it lands on."""
        self.checks.check(f"{stem}: the notice says 已完成：{action}", m["notice"].startswith("已完成：")
                          and action in m["notice"],
                          f"notice {m['notice']!r}, error {m['error']!r} on {self.path()}")

    def expect_ticket(self, stem, state, deadline=None):
        """On the ticket page: its number in the URL, the state card and, when given, a deadline with a date."""
        t = self.ticket()
        on_page = self.path().split("?")[0] == f"/tickets/{self.number}"
        self.checks.check(f"{stem}: on the ticket's page /tickets/{self.number}", on_page, f"at {self.path()}")
        self.checks.check(f"{stem}: the state is {state}", t["cards"].get("状态") == state,
                          f"状态 card {t['cards'].get('状态')!r}")
        if deadline:
            card = t["cards"].get(deadline, "")
            row = t["rows"].get(deadline, "")
            self.checks.check(f"{stem}: {deadline} shows a date and time", bool(STAMP.search(card))
                              and bool(STAMP.search(row)), f"card {card!r}, table row {row!r}")
        return t

    def expect_description_as_text(self, stem, t):
        shown = t["rows"].get("诉求内容", "")
        self.checks.check(f"{stem}: the description's <script> and <img> are shown as text",
                          SCRIPT in shown and IMAGE in shown, f"诉求内容 shows {shown!r}")

    def expect_in_queue(self, stem, heading, deadline_column=None):
        s = self.section(heading)
        rows = [r for r in (s or {}).get("rows", []) if r and r[0] == self.number]
        if not self.checks.check(f"{stem}: {self.number} listed under {heading}", bool(rows),
                                 f"section {s['heading'] if s else heading + ' not on the page'} lists "
                                 f"{[r[0] for r in (s or {}).get('rows', [])][:10]}"):
            return
        if deadline_column:
            headers = s["headers"]
            column = headers.index(deadline_column) if deadline_column in headers else -1
            cell = rows[0][column] if 0 <= column < len(rows[0]) else ""
            self.checks.check(f"{stem}: the row shows its {deadline_column}", bool(STAMP.search(cell)),
                              f"columns {headers}, row {rows[0]}")

    def open_from_queue(self):
        link = [a for a in self.all("a") if a.text.strip() == self.number]
        if not link:
            raise AssertionError(f"no link to {self.number} on {self.path()}")
        old = self.css("html")
        link[0].click()
        from selenium.webdriver.support.ui import WebDriverWait
        from selenium.webdriver.support import expected_conditions
        WebDriverWait(self.driver, 20).until(gone(old))
        self.fonts_ready()

    # The scenario.

    def wrong_password(self):
        self.log_in(OPERATOR, "not-the-password")
        m = self.page("login-wrong-password", "a log-in with a wrong password")
        self.checks.check("a wrong password is refused with 工号或密码不正确",
                          "工号或密码不正确" in m["body"] and not m["who"],
                          f"at {self.path()}, error {m['error']!r}, logged in as {m['who']!r}")

    def intake(self):
        self.log_in(OPERATOR)
        m = self.measure()
        self.checks.check(f"the operator {OPERATOR} is logged in", OPERATOR in m["who"],
                          f"at {self.path()}, nav shows {m['who']!r}, error {m['error']!r}")
        self.open("/intake")
        form = self.css("form[action='/intake']")
        self.choose(form, "type", "complaint")
        self.choose(form, "channel", "phone")
        topic = self.choose(form, "topic", text_contains=f"（通常 {DEPARTMENT}）", starts="城市管理/",
                            prefer="城市管理/市政设施/路灯不亮")
        self.checks.check(f"a topic under 城市管理 usually handled by {DEPARTMENT} is offered",
                          topic.startswith("城市管理/"), f"chose {topic!r}")
        self.topic = topic.split("（")[0]
        self.type_into(form, "caller", CALLER)
        self.type_into(form, "phone", PHONE)
        self.type_into(form, "street", STREET)
        self.type_into(form, "address", ADDRESS)
        self.type_into(form, "text", DESCRIPTION)
        self.page("intake-form", "the operator's filled-in intake form")
        self.submit(self.css("form[action='/intake']"))
        found = re.match(r"/tickets/([0-9A-Za-z-]+)", self.path())
        if not found:
            m = self.measure()
            raise AssertionError(f"the intake did not lead to a ticket: at {self.path()}, error {m['error']!r}")
        self.number = found.group(1)
        print(f"ticket {self.number}: {self.topic}", flush=True)
        m = self.page("ticket-received", "the new ticket")
        stem = f"{self.step:02d}"
        self.expect_done(stem, "受理", m)
        t = self.expect_ticket(stem, "已受理")
        self.expect_description_as_text(stem, t)
        self.log_out("the operator")

    def dispatch(self):
        self.log_in(DISPATCHER)
        self.open("/queue")
        self.page("queue-dispatcher", "the dispatcher's queue")
        self.expect_in_queue(f"{self.step:02d}", "待派单")
        self.open_from_queue()
        self.page("ticket-dispatcher", "the ticket with the dispatch form")
        stem = f"{self.step:02d}"
        t = self.expect_ticket(stem, "已受理")
        self.expect_description_as_text(stem, t)
        form = self.form(f"/tickets/{self.number}/dispatch")
        if not self.checks.check(f"{stem}: the dispatch form is on the ticket's page", form is not None,
                                 f"post forms: {t['forms']}"):
            raise AssertionError("no dispatch form")
        from selenium.webdriver.support.ui import Select
        lead = Select(self.css("select[name='lead']", form)).first_selected_option
        self.checks.check(f"{stem}: the lead department is preselected to {DEPARTMENT_CODE}",
                          lead.get_attribute("value") == DEPARTMENT_CODE, f"preselected {lead.text!r}")
        self.submit(form)
        m = self.page("ticket-dispatched", "the ticket after dispatch")
        stem = f"{self.step:02d}"
        self.expect_done(stem, "派单", m)
        t = self.expect_ticket(stem, "待签收", "签收时限")
        self.checks.check(f"{stem}: the lead is {DEPARTMENT}", DEPARTMENT in t["cards"].get("主办单位", ""),
                          f"主办单位 card {t['cards'].get('主办单位')!r}")
        self.log_out("the dispatcher")

    def sign_and_reply(self):
        self.log_in(LIAISON)
        self.open("/queue")
        self.page("queue-liaison", "the liaison's queue")
        self.expect_in_queue(f"{self.step:02d}", "待签收", "签收时限")
        self.open_from_queue()
        form = self.form(f"/tickets/{self.number}/sign")
        if not self.checks.check(f"{self.step:02d}: the liaison's ticket page has the sign form", form is not None,
                                 f"post forms: {self.ticket()['forms']}"):
            raise AssertionError("no sign form")
        self.submit(form)
        m = self.page("ticket-signed", "the ticket after signing")
        stem = f"{self.step:02d}"
        self.expect_done(stem, "签收", m)
        t = self.expect_ticket(stem, "办理中", "办理时限")
        self.expect_description_as_text(stem, t)
        self.reply(FIRST_REPLY, "ticket-replied")

    def reply(self, text, name):
        form = self.form(f"/tickets/{self.number}/reply")
        if not self.checks.check(f"{self.step + 1:02d}: the liaison's ticket page has the reply form",
                                 form is not None, f"post forms: {self.ticket()['forms']}"):
            raise AssertionError("no reply form")
        self.type_into(form, "text", text)
        self.choose(form, "outcome", "resolved")
        self.submit(form)
        m = self.page(name, "the ticket after the reply")
        stem = f"{self.step:02d}"
        self.expect_done(stem, "答复", m)
        self.expect_ticket(stem, "待审核", "办理时限")
        self.log_out("the liaison")

    def review(self, approve):
        self.log_in(REVIEWER)
        self.open("/queue")
        self.page("queue-reviewer" if not approve else "queue-reviewer-again", "the reviewer's queue")
        self.expect_in_queue(f"{self.step:02d}", "待审核")
        self.open_from_queue()
        action = "approve" if approve else "reject"
        form = self.form(f"/tickets/{self.number}/{action}")
        if not self.checks.check(f"{self.step + 1:02d}: the reviewer's ticket page has the {action} form",
                                 form is not None, f"post forms: {self.ticket()['forms']}"):
            raise AssertionError(f"no {action} form")
        if not approve:
            self.type_into(form, "reason", REJECTION)
        self.submit(form)
        m = self.page("ticket-approved" if approve else "ticket-rejected", f"the ticket after {action}")
        stem = f"{self.step:02d}"
        self.expect_done(stem, "审核通过" if approve else "驳回", m)
        if approve:
            self.expect_ticket(stem, "已办结")
        else:
            self.expect_ticket(stem, "办理中", "办理时限")
        self.log_out("the reviewer")

    def reply_again(self):
        self.log_in(LIAISON)
        self.open("/queue")
        self.page("queue-liaison-again", "the liaison's queue after the rejection")
        self.expect_in_queue(f"{self.step:02d}", "办理中")
        self.open_from_queue()
        self.reply(SECOND_REPLY, "ticket-replied-again")

    def track(self):
        self.open("/track")
        m = self.measure()
        self.checks.check("a citizen on /track is not logged in", not m["who"], f"nav shows {m['who']!r}")
        # Other last four digits first: the page must say nothing of the ticket (one try, under the throttle).
        form = self.css("form[action='/track']")
        self.type_into(form, "number", self.number)
        self.type_into(form, "phone", WRONG_LAST_FOUR)
        self.submit(form)
        m = self.page("track-wrong-phone", "/track with other last four digits")
        stem = f"{self.step:02d}"
        shown = [what for what in ("已办结", DEPARTMENT, SECOND_REPLY) if what in m["body"]]
        self.checks.check(f"{stem}: /track with other last four digits finds nothing and says so",
                          bool(m["error"]) and not shown, f"error {m['error']!r}; shown: {', '.join(shown)}")
        form = self.css("form[action='/track']")
        self.type_into(form, "number", self.number)
        self.type_into(form, "phone", PHONE[-4:])
        self.page("track-form", "the citizen's filled-in /track form")
        self.submit(self.css("form[action='/track']"))
        m = self.page("track-result", "what the citizen sees")
        stem = f"{self.step:02d}"
        body = m["body"]
        self.checks.check(f"{stem}: /track shows the ticket {self.number}", self.number in body,
                          f"text {body[:300]!r}")
        self.checks.check(f"{stem}: /track shows 已办结", "已办结" in body, f"text {body[:300]!r}")
        self.checks.check(f"{stem}: /track shows the department {DEPARTMENT}", DEPARTMENT in body,
                          f"text {body[:300]!r}")
        self.checks.check(f"{stem}: /track shows the approved reply", SECOND_REPLY in body, f"text {body[:400]!r}")
        page = self.driver.page_source
        leaks = [what for what, value in (("the caller's name", CALLER), ("the phone", PHONE),
                                          ("the phone's first seven digits", PHONE[:7]), ("the address", ADDRESS),
                                          ("the description", DESCRIPTION[:12]), ("the description's script", "alert("))
                 if value in body or value in page]
        self.checks.check(f"{stem}: /track shows none of the caller's name, phone, address or description",
                          not leaks, f"shown: {', '.join(leaks)}")
        internal = [what for what, value in (("the rejected reply", FIRST_REPLY), ("the rejection reason", REJECTION))
                    if value in body]
        if internal:
            print(f"note: /track also shows {', '.join(internal)}", flush=True)

    def report(self):
        self.log_in(SUPERVISOR)
        self.open("/queue")
        self.page("queue-supervisor", "the supervisor's queue")
        stem = f"{self.step:02d}"
        links = [(a.get_attribute("href") or "", a) for a in self.all("a")]
        reports = [(href, a) for href, a in links if re.search(r"/reports/\d{4}-\d{2}$", href)]
        if not self.checks.check(f"{stem}: the supervisor's queue links monthly reports /reports/YYYY-MM",
                                 bool(reports), f"links: {[h for h, _ in links][:20]}"):
            return
        month = time.strftime("%Y-%m")
        current = [(h, a) for h, a in reports if h.endswith(month)]
        href, link = (current or reports)[0]
        print(f"report links: {', '.join(h[len(self.base):] for h, _ in reports)}; opening {href[len(self.base):]}",
              flush=True)
        old = self.css("html")
        link.click()
        from selenium.webdriver.support.ui import WebDriverWait
        from selenium.webdriver.support import expected_conditions
        WebDriverWait(self.driver, 60).until(expected_conditions.staleness_of(old))
        self.fonts_ready()
        m = self.page("report", "the monthly report")
        stem = f"{self.step:02d}"
        self.checks.check(f"{stem}: the report is open at {href[len(self.base):]}",
                          self.path() == href[len(self.base):] and ("报告" in m["h1"] or "月" in m["h1"]),
                          f"at {self.path()}, h1 {m['h1']!r}, text {m['body'][:200]!r}")

    def play(self):
        self.wrong_password()
        self.intake()
        self.dispatch()
        self.sign_and_reply()
        self.review(approve=False)
        self.reply_again()
        self.review(approve=True)
        self.track()
        self.report()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("govdesk", help="the govdesk binary to test")
    parser.add_argument("artifacts", help="a folder for the screenshots, pages and server output (created if missing)")
    parser.add_argument("--chromium", default=os.environ.get("GOVDESK_CHROMIUM") or shutil.which("chromium")
                        or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=os.environ.get("GOVDESK_CHROMEDRIVER")
                        or shutil.which("chromedriver") or "/usr/bin/chromedriver")
    parser.add_argument("--tickets", type=int, default=300, help="tickets in the demo database (default 300)")
    args = parser.parse_args()

    checks = Checks()
    started = time.monotonic()
    folder = tempfile.mkdtemp(prefix="govdesk-service-")
    driver = None
    server = None
    setup_error = None
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        for tool, path in (("govdesk", args.govdesk), ("chromium", args.chromium),
                           ("chromedriver", args.chromedriver)):
            if not (os.path.isfile(path) and os.access(path, os.X_OK)):
                raise SetupError(f"{tool} not found at {path}")
        os.makedirs(args.artifacts, exist_ok=True)
        artifacts = os.path.abspath(args.artifacts)
        govdesk = os.path.abspath(args.govdesk)
        db = os.path.join(folder, "demo.sqlite")
        run([govdesk, "demo", "--db", db, "--tickets", str(args.tickets)], 300, "govdesk demo", cwd=folder)
        print(f"demo database with {args.tickets} tickets in {time.monotonic() - started:.1f} s", flush=True)
        staff = run([govdesk, "--db", db, "staff", "list"], 60, "govdesk staff list", cwd=folder)
        missing = [code for code in (OPERATOR, DISPATCHER, LIAISON, REVIEWER, SUPERVISOR)
                   if not re.search(rf"(?<!\w){re.escape(code)}(?!\w)", staff)]
        if missing:
            raise SetupError(f"the demo has no staff {', '.join(missing)} (govdesk staff list)")
        server = Server(govdesk, db, folder, artifacts)
        server.wait_until_healthy()
        print(f"govdesk serve at {server.base}", flush=True)
        driver = start_browser(args.chromium, args.chromedriver)
        print(f"browser: {driver.capabilities.get('browserVersion')}, artifacts in {artifacts}", flush=True)
        scenario = Scenario(checks, driver, server.base, artifacts)
        try:
            scenario.play()
        except Exception as error:  # a step that cannot go on: the scenario stops there, as a failed check
            checks.check(f"the scenario goes on after step {scenario.step:02d}", False,
                         f"{type(error).__name__}: {str(error).strip()[:400]} (at {scenario.path()})")
            try:
                full_page_screenshot(driver, os.path.join(artifacts, f"{scenario.step + 1:02d}-stopped.png"))
            except Exception:  # the browser itself may be gone
                pass
    except (SetupError, Stopped) as error:
        setup_error = error
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            status = server.stop()
            print(f"govdesk serve stopped (exit {status}; its output in serve.stdout.txt, serve.stderr.txt)",
                  flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    if setup_error is not None:
        print(f"service scenario: could not run: {setup_error}", flush=True)
        return 2
    print(f"took {time.monotonic() - started:.1f} s", flush=True)
    if checks.failures:
        print("failed:", flush=True)
        for failure in checks.failures:
            print(f"  {failure}", flush=True)
    print(f"service scenario: {checks.passed} passed, {len(checks.failures)} failed", flush=True)
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
