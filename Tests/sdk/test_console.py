"""The admin console (`GET /ui`) in headless Chromium, against a governed gateway in front of
the in-process mock: sign in, keys, the request log, blocking, a non-admin key's view,
keyboard use, and no browser console errors on any page at desktop and phone widths.

Screenshots of every page at 1280 and 390 px go to `$CONSOLE_SCREENSHOTS` (default: a pytest
temporary directory)."""

from __future__ import annotations

import base64
import os
import shutil
import time
from pathlib import Path

import httpx
import openai
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from conftest import Gateway, shut_down, start_governed_gateway

MASTER = "sk-console-master"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# The response cache and a word guardrail, so the activity page has something to count.
ACTIVITY_SETTINGS = """\
litellm_settings:
  cache: true
guardrails:
  - guardrail_name: words
    litellm_params: {guardrail: content_filter, blocked_words: [forbidden-word], default_on: true}
"""
PAGES = ["overview", "keys", "teams", "users", "models", "logs", "activity"]

pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)), reason="needs Debian's chromium and chromium-driver"
)


@pytest.fixture(scope="module")
def console_gateway(tmp_path_factory) -> Gateway:
    gateway = start_governed_gateway(
        tmp_path_factory.mktemp("console"), "console-gateway", MASTER, batch_write_seconds=0.2, prices=(0.000001, 0.000002),
        settings=ACTIVITY_SETTINGS,
    )
    yield gateway
    shut_down(gateway.process)


@pytest.fixture(scope="module")
def admin(console_gateway: Gateway) -> httpx.Client:
    with httpx.Client(base_url=console_gateway.root, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    directory = Path(os.environ.get("CONSOLE_SCREENSHOTS") or tmp_path_factory.mktemp("console-screenshots"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def wait(driver, condition, seconds: float = 10):
    # Pages redraw: an element read while its page is replaced is read again.
    return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def open_console(driver, gateway: Gateway, page: str = "") -> None:
    driver.get(f"{gateway.root}/ui" + (f"#/{page}" if page else ""))


def sign_in(driver, gateway: Gateway, key: str) -> None:
    open_console(driver, gateway)
    field = wait(driver, ready.element_to_be_clickable((By.ID, "signin-key")))
    field.send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "form.signin button[type=submit]").click()
    wait(driver, ready.visibility_of_element_located((By.ID, "signout")))


def visit(driver, page: str) -> None:
    """Goes to a page and waits until it has drawn (its content replaced the empty frame)."""
    driver.execute_script("location.hash = arguments[0]", f"#/{page}")
    wait(driver, lambda d: d.execute_script(
        "const root = document.querySelector('#main .page'); return root && root.childElementCount > 0 && location.hash.startsWith(arguments[0])",
        f"#/{page}",
    ))


def openai_key_info(gateway: Gateway, secret: str) -> dict:
    return httpx.get(f"{gateway.root}/key/info", headers={"Authorization": f"Bearer {secret}"}).json()["info"]


def save_full_page(driver, path: Path, width: int) -> None:
    """The whole page at `width` CSS pixels (a phone's viewport below 500), not just the window."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    metrics = {"width": width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": width < 500}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": 900})
    path.write_bytes(base64.b64decode(shot["data"]))


def button(driver, label: str):
    return wait(driver, ready.element_to_be_clickable((By.CSS_SELECTOR, f"button[aria-label='{label}']")))


def log_shows(driver, text: str, seconds: float = 10) -> bool:
    """Reloads the request log until a row holds `text` (rows reach the store every 0.2 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        visit(driver, "logs")
        if text in driver.find_element(By.CSS_SELECTOR, "#main .page").text:
            return True
        driver.execute_script("location.hash = '#/models'")
        time.sleep(0.3)
    return False


def test_an_admin_creates_a_key_sees_its_request_blocks_it_and_sees_the_refusal(browser, console_gateway):
    sign_in(browser, console_gateway, MASTER)
    visit(browser, "keys")
    browser.find_element(By.XPATH, "//button[text()='Create key']").click()
    dialog = wait(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    dialog.find_element(By.XPATH, ".//label[text()='key_alias']/following-sibling::input").send_keys("console-made")
    dialog.find_element(By.XPATH, ".//label[text()='max_budget']/following-sibling::input").send_keys("5")
    dialog.find_element(By.XPATH, ".//label[text()='tags']/following-sibling::input").send_keys("console, ui")
    dialog.find_element(By.XPATH, ".//button[text()='Create']").click()
    secret = wait(browser, ready.visibility_of_element_located((By.ID, "new-secret"))).text
    assert secret.startswith("sk-")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    wait(browser, lambda d: "console-made" in d.find_element(By.CSS_SELECTOR, "#main .page").text)

    client = openai.OpenAI(base_url=console_gateway.base_url, api_key=secret)
    answer = client.chat.completions.create(model="mock", messages=[{"role": "user", "content": "hello from the console test"}])
    assert answer.choices[0].message.content
    assert log_shows(browser, "console-made"), "the key's request never appeared in the request log"
    row = browser.find_element(By.XPATH, "//td[@data-label='Key'][text()='console-made']/..")
    assert "200" in row.text

    # Edit sends only what changed: the budget, not the tags left as they were.
    visit(browser, "keys")
    button(browser, "Edit console-made").click()
    dialog = wait(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    budget = dialog.find_element(By.XPATH, ".//label[text()='max_budget']/following-sibling::input")
    assert budget.get_attribute("value") == "5"
    budget.clear()
    budget.send_keys("7.5")
    dialog.find_element(By.XPATH, ".//button[text()='Save']").click()
    wait(browser, lambda d: "$7.50" in d.find_element(By.CSS_SELECTOR, "#main .page").text)
    assert sorted(openai_key_info(console_gateway, secret)["tags"]) == ["console", "ui"]

    button(browser, "Block console-made").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button[aria-label='Unblock console-made']"))
    with pytest.raises(openai.AuthenticationError) as refused:
        client.chat.completions.create(model="mock", messages=[{"role": "user", "content": "after the block"}])
    assert refused.value.status_code == 401
    assert log_shows(browser, "401"), "the refused request never appeared in the request log"
    refusal = browser.find_element(By.XPATH, "//td[@data-label='Status'][.='401']/..")
    assert "console-made" in refusal.text and "mock" in refusal.text

    refusal.find_element(By.CSS_SELECTOR, "button.link").click()
    details = wait(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]"))).text
    assert "status_code" in details and "401" in details
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))

    # The status filter: failures only, then successes only.
    Select(browser.find_element(By.ID, "log-status")).select_by_visible_text("Failure")
    browser.find_element(By.XPATH, "//form[@aria-label='Filters']//button[text()='Filter']").click()
    wait(browser, lambda d: "status=failure" in d.current_url)
    statuses = lambda d: {cell.text for cell in d.find_elements(By.CSS_SELECTOR, "td[data-label='Status']")}
    wait(browser, lambda d: "401" in statuses(d))
    assert all(status >= "400" for status in statuses(browser)), statuses(browser)
    Select(browser.find_element(By.ID, "log-status")).select_by_visible_text("Success")
    browser.find_element(By.XPATH, "//form[@aria-label='Filters']//button[text()='Filter']").click()
    wait(browser, lambda d: "status=success" in d.current_url and "200" in statuses(d))
    assert statuses(browser) == {"200"}
    assert console_errors(browser) == []


def test_a_key_that_is_not_an_admin_sees_only_itself(browser, console_gateway, admin, screenshots):
    made = admin.post("/key/generate", json={"key_alias": "console-own", "max_budget": 2}).json()
    admin.post("/key/generate", json={"key_alias": "console-other"}).raise_for_status()
    sign_in(browser, console_gateway, made["key"])
    nav = [link.text for link in browser.find_elements(By.CSS_SELECTOR, "#nav a")]
    assert nav == ["Models", "My key"]
    page = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#main .page dl")).text
    assert "console-own" in page and "$2.00" in page
    save_full_page(browser, screenshots / "me-1280.png", 1280)
    assert "console-other" not in browser.page_source
    # A hash naming an admin page falls back to what the key may see.
    visit(browser, "keys")
    assert browser.find_element(By.CSS_SELECTOR, "#main h1").text == "Models"
    assert "api_base" not in browser.page_source and "Upstream" not in browser.find_element(By.ID, "main").text
    browser.find_element(By.ID, "signout").click()
    wait(browser, ready.visibility_of_element_located((By.ID, "signin-key")))
    assert browser.execute_script("return sessionStorage.length") == 0
    assert console_errors(browser) == []


def test_signing_in_works_with_the_keyboard_alone(browser, console_gateway):
    open_console(browser, console_gateway)
    wait(browser, ready.element_to_be_clickable((By.ID, "signin-key")))
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "signin-key"
    active.send_keys(MASTER, Keys.ENTER)
    wait(browser, lambda d: d.execute_script("return location.hash") == "#/overview")
    # Tab to the "Keys" link and follow it, open the create dialog, close it with Escape.
    for _ in range(12):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.text == "Keys":
            break
    assert browser.switch_to.active_element.text == "Keys"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser, lambda d: d.find_elements(By.XPATH, "//button[text()='Create key']"))
    create = browser.find_element(By.XPATH, "//button[text()='Create key']")
    browser.execute_script("arguments[0].focus()", create)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    assert browser.switch_to.active_element.tag_name in ("input", "textarea", "select")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    # The focus ring is drawn (an outline wider than none).
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert console_errors(browser) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_draws_without_console_errors(browser, console_gateway, admin, screenshots, width):
    admin.post("/team/new", json={"team_alias": "console-team", "max_budget": 10}).raise_for_status()
    admin.post("/user/new", json={"user_id": f"console-user-{width}", "user_email": "ops@example.com"}).raise_for_status()
    openai.OpenAI(base_url=console_gateway.base_url, api_key=MASTER).chat.completions.create(
        model="mock", messages=[{"role": "user", "content": "for the charts"}]
    )
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
    sign_in(browser, console_gateway, MASTER)
    for page in PAGES:
        visit(browser, page)
        save_full_page(browser, screenshots / f"{page}-{width}.png", width)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page} scrolls sideways at {width} px"
        assert console_errors(browser) == [], page
    # The create form and a log row's details, in their dialogs.
    visit(browser, "keys")
    browser.find_element(By.XPATH, "//button[text()='Create key']").click()
    wait(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    save_full_page(browser, screenshots / f"keys-create-{width}.png", width)
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    visit(browser, "logs")
    browser.find_element(By.CSS_SELECTOR, "td button.link").click()
    wait(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "dialog[open]")))
    save_full_page(browser, screenshots / f"logs-detail-{width}.png", width)
    assert console_errors(browser) == []


def test_cache_hits_and_guardrail_blocks_are_counted(browser, console_gateway):
    client = openai.OpenAI(base_url=console_gateway.base_url, api_key=MASTER, max_retries=0)
    for _ in range(2):
        client.chat.completions.create(model="mock", messages=[{"role": "user", "content": "the same question twice"}])
    with pytest.raises(openai.PermissionDeniedError):
        client.chat.completions.create(model="mock", messages=[{"role": "user", "content": "say forbidden-word"}])
    sign_in(browser, console_gateway, MASTER)
    visit(browser, "activity")
    tiles = {tile.find_element(By.TAG_NAME, "span").text: tile.find_element(By.TAG_NAME, "strong").text
             for tile in browser.find_elements(By.CSS_SELECTOR, ".tile")}
    assert int(tiles["Cache hits"]) >= 1
    assert int(tiles["Guardrail blocks"]) >= 1
    assert console_errors(browser) == []
