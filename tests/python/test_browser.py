"""The answer pages in a real browser: headless Chromium (Debian's chromium + chromium-driver, driven by
python3-selenium) opens a rendered page and the running server, follows a reference link, asks a follow-up
question through the box and saves screenshots; axe-core (run inside Chromium) and the W3C Nu HTML checker
(vnu.jar) judge the pages. Each part skips with a message when its tool is absent (tools/install-deps.sh and
tools/install-web-checkers.sh install them)."""
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from serve_util import CLI, ROOT, Server

pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")
ARTIFACTS = os.environ.get("PHARMAKON_ARTIFACTS") or os.path.join(tempfile.gettempdir(), "pharmakon-artifacts")
CHECKERS = os.environ.get("PHARMAKON_WEB_CHECKERS") or os.path.join(ROOT, "tools", "web-checkers", "node_modules")
AXE = os.path.join(CHECKERS, "axe-core", "axe.min.js")
VNU = os.path.join(CHECKERS, "vnu-jar", "build", "dist", "vnu.jar")


def chromium_paths():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    return browser, driver


@pytest.fixture(scope="module")
def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("python3-selenium is not installed (tools/install-deps.sh installs it)")
    path, driver = chromium_paths()
    if not path or not driver:
        pytest.skip("chromium and chromium-driver are not installed (tools/install-deps.sh installs them)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = path
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600",
              "--disable-extensions", "--no-first-run"):
        opts.add_argument(a)
    d = webdriver.Chrome(service=Service(driver), options=opts)
    d.set_page_load_timeout(30)
    yield d
    d.quit()


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    assert s.stop() == 0


@pytest.fixture(scope="module")
def page_files():
    out = {}
    d = tempfile.mkdtemp(prefix="pharmakon-pages-")
    for name, args in {"moa-naltrexone": ["moa", "naltrexone"],
                       "moa-naltrexone-patient": ["moa", "naltrexone", "--audience", "patient"],
                       "interactions": ["interactions", "naltrexone", "oxycodone", "buprenorphine"],
                       "dose": ["dose-check", "naltrexone", "500", "mg", "--route", "oral", "--every", "24h"]}.items():
        p = subprocess.run([CLI, *args, "--format", "html"], capture_output=True, text=True)
        assert p.returncode in (0, 1), p.stderr
        path = os.path.join(d, name + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(p.stdout)
        out[name] = path
    return out


def shot(driver, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    # the whole page: grow the window to the document's height first
    h = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 12000)")
    driver.set_window_size(1200, max(800, h))
    path = os.path.join(ARTIFACTS, name + ".png")
    driver.save_screenshot(path)
    driver.set_window_size(1200, 1600)
    return path


def test_rendered_page_opens_and_a_reference_link_reaches_its_target(browser, page_files):
    from selenium.webdriver.common.by import By
    browser.get("file://" + page_files["moa-naltrexone"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "What is the mechanism of action of naltrexone?"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.CSS_SELECTOR, "svg.picture").is_displayed()
    link = browser.find_element(By.CSS_SELECTOR, "a[href='#ref-1']")
    link.click()
    assert browser.current_url.endswith("#ref-1")
    target = browser.find_element(By.ID, "ref-1")
    assert target.is_displayed()
    # the target is scrolled into view
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert -1 <= top < browser.execute_script("return window.innerHeight")  # -1: sub-pixel rounding of the scroll
    record = target.find_element(By.CSS_SELECTOR, ".records a")
    assert record.get_attribute("href").startswith("https://")
    assert shot(browser, "moa-naltrexone-file")
    browser.get("file://" + page_files["moa-naltrexone-patient"])
    assert "Warnings and contraindications" in browser.page_source
    shot(browser, "moa-naltrexone-patient-file")


def test_server_pages_reader_choice_and_follow_up_question(browser, server):
    from selenium.webdriver.common.by import By
    browser.get(server.url + "/")
    shot(browser, "start-page")
    browser.get(server.url + "/moa/naltrexone")
    assert "Personalize" in browser.page_source
    browser.find_element(By.LINK_TEXT, "Patient").click()
    assert "audience=patient" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, ".readers a[aria-current]").text == "Patient"
    box = browser.find_element(By.ID, "q")
    box.send_keys("Can I take naltrexone with oxycodone?")
    box.submit()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Can I take naltrexone with oxycodone?"
    assert "naltrexone blocks the effects of oxycodone" in browser.page_source  # the patient wording carried on
    shot(browser, "follow-up-interactions-patient")
    browser.get(server.url + "/interactions?drugs=naltrexone,oxycodone,buprenorphine")
    shot(browser, "interactions-clinician")


def axe_results(driver):
    with open(AXE, encoding="utf-8") as f:
        driver.execute_script(f.read())
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', description: String(e)}])));")


def test_axe_finds_no_serious_or_critical_violation(browser, server, page_files):
    if not os.path.exists(AXE):
        pytest.skip(f"axe-core is not installed ({AXE}; run tools/install-web-checkers.sh)")
    browser.set_script_timeout(60)
    urls = ["file://" + p for p in page_files.values()] + [server.url + "/", server.url + "/moa/naltrexone?audience=researcher",
                                                           server.url + "/ask?q=hello"]
    problems = []
    for u in urls:
        browser.get(u)
        for v in json.loads(axe_results(browser)):
            if v.get("impact") in ("serious", "critical"):
                problems.append((u, v["id"], v.get("description"), [n.get("target") for n in v.get("nodes", [])][:3]))
    assert not problems, problems


def test_nu_html_checker_finds_no_error(page_files, server):
    java = shutil.which("java")
    if not java or not os.path.exists(VNU):
        pytest.skip(f"vnu.jar or java is absent ({VNU}; run tools/install-web-checkers.sh)")
    files = list(page_files.values())
    d = os.path.dirname(files[0])
    for name, path in {"start": "/", "ask-error": "/ask?q=hello", "researcher": "/moa/buprenorphine?audience=researcher"}.items():
        st, _, body = server.get(path)
        f = os.path.join(d, f"served-{name}.html")
        with open(f, "w", encoding="utf-8") as out:
            out.write(body)
        files.append(f)
    p = subprocess.run([java, "-jar", VNU, "--errors-only", "--format", "json", *files], capture_output=True, text=True,
                       timeout=120)
    messages = json.loads(p.stderr or '{"messages": []}')["messages"]
    errors = [(os.path.basename(m.get("url", "")), m.get("lastLine"), m.get("message")) for m in messages
              if m.get("type") == "error"]
    assert not errors, errors


def test_patient_page_in_plain_words_keeps_every_warning(browser, page_files):
    """The patient page of the default knowledge base: lay names from the KB, no receptor jargon or affinities,
    every boxed warning and contraindication the clinician page shows."""
    from selenium.webdriver.common.by import By
    browser.get("file://" + page_files["moa-naltrexone"])
    clinician_warnings = [li.text.split(" [")[0] for li in browser.find_elements(By.CSS_SELECTOR, "ul.warnings li")]
    browser.get("file://" + page_files["moa-naltrexone-patient"])
    main = browser.find_element(By.TAG_NAME, "main").text.split("\nReferences\n")[0]  # reference titles are the sources'
    assert "receptor" not in main and "pKi" not in main
    assert "pain relief" in main            # effect:analgesia's lay name
    patient_warnings = [li.text.split(" [")[0] for li in browser.find_elements(By.CSS_SELECTOR, "ul.warnings li")]
    assert len(patient_warnings) == len(clinician_warnings) > 0
    kinds = " ".join(patient_warnings)
    assert "Contraindication" in kinds
    shot(browser, "moa-naltrexone-patient-plain-words")


def test_review_counts_and_approved_only_in_the_browser(browser):
    """A board's review file (the golden fixture's): the status box shows the counts, each statement its own review,
    and --approved-only says what it left out."""
    from selenium.webdriver.common.by import By
    kb = os.environ.get("PHARMAKON_GOLDEN_KB")
    if not kb:
        pytest.skip("PHARMAKON_GOLDEN_KB is not set (ctest sets it)")
    reviews = os.path.join(ROOT, "tests", "data", "reviews", "golden-board.toml")
    d = tempfile.mkdtemp(prefix="pharmakon-reviewed-")
    pages = {}
    for name, extra in {"reviewed": [], "approved-only": ["--approved-only"]}.items():
        p = subprocess.run([CLI, "--no-default", "--kb", kb, "--reviews", reviews, *extra, "moa", "naltrexone",
                            "--format", "html"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        pages[name] = os.path.join(d, name + ".html")
        with open(pages[name], "w", encoding="utf-8") as f:
            f.write(p.stdout)
    browser.get("file://" + pages["reviewed"])
    status = browser.find_element(By.CSS_SELECTOR, "section.status").text
    assert "4 of " in status and "statements approved, 1 under review, 2 submitted" in status
    assert browser.find_element(By.CSS_SELECTOR, ".steps li[aria-current]").text == "Curated (not reviewed)"
    assert "approved by Example Hospital P&T Committee (test fixture), 2026-11-20" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "moa-naltrexone-reviewed")
    browser.get("file://" + pages["approved-only"])
    status = browser.find_element(By.CSS_SELECTOR, "section.status").text
    assert "Approved (4 of 4 statements approved" in status
    assert "approved statements only (--approved-only)" in status
    assert browser.find_element(By.CSS_SELECTOR, ".steps li[aria-current]").text == "Approved"
    assert "not clinically reviewed" not in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "moa-naltrexone-approved-only")
