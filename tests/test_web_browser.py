"""`docgen serve` in a real browser: Debian's chromium driven by Selenium through chromium-driver.

The clerk's year in one run: open the workspace and the plan, download a unit's blank form, fill
it as the unit does (python-docx) and upload it with a second, changed report of another unit;
read the values, confirm the overwrite after reading the diff, see the unit marked as reported;
rebuild; open the consolidated report's page preview; download a decision and read its text.
A screenshot of each page is left in build/web-screenshots/ for people to look at.

Skipped, saying why, only when no browser is installed and DOCGEN_REQUIRE_BROWSER is unset
(.ci/run sets it: there a missing browser fails).
"""

import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from clerk import all_text
from conftest import ROOT
from webtools import PLAN, YEN_MO, fill_form, make_built

SHOTS = ROOT / "build" / "web-screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)


def _tool(names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


@pytest.fixture
def browser(tmp_path):
    browser_path, driver_path = _tool(BROWSERS), _tool(DRIVERS)
    if not browser_path or not driver_path:
        message = ("không có trình duyệt để kiểm thử docgen serve (apt-get install chromium chromium-driver);"
                   f" tìm thấy: chromium={browser_path}, chromedriver={driver_path}")
        if os.environ.get("DOCGEN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "tai-ve"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=vi", "--disable-gpu"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def server(tmp_path):
    from docgen.web.serve import bind

    root = make_built(tmp_path / "ws")
    servers = bind(root, 0)
    thread = threading.Thread(target=servers.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, servers.url
    finally:
        servers.stop()
        thread.join(10)


def _shot(driver, name: str) -> None:
    """A screenshot of the whole page (the window stretched to the page's height)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 600), 8000))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    driver.set_window_size(1280, 900)


def _downloaded(driver, name: str, timeout: float = 60) -> Path:
    path = driver.downloads / name
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.is_file() and not (driver.downloads / f"{name}.crdownload").exists() and path.stat().st_size:
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} not downloaded: {sorted(p.name for p in driver.downloads.iterdir())}")


def _body(driver) -> str:
    """The page's text; a page reloading itself (a build's progress) is read again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    for _ in range(300):  # a loaded machine: the page after a POST may still be arriving
        try:
            return driver.find_element("tag name", "body").text
        except (StaleElementReferenceException, NoSuchElementException):
            time.sleep(0.1)
    raise AssertionError("the page never settled")


def _open(driver, element) -> None:
    """Click a link or a form's button and wait until the next page has loaded: reading the body
    right after the click may still read the old page on a loaded machine (a CI run did). The old
    page is marked by a script variable the next page does not have; while the browser is between
    the pages, asking may fail, and is asked again."""
    from selenium.common.exceptions import WebDriverException

    driver.execute_script("window.docgenOldPage = true")
    element.click()
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            if driver.execute_script("return !window.docgenOldPage && document.readyState === 'complete'"):
                return
        except WebDriverException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the page after the click never came: {driver.current_url}")


def _wait_text(driver, text: str, timeout: float = 300) -> None:
    end = time.monotonic() + timeout
    while text not in _body(driver):
        assert time.monotonic() < end, f"{text!r} never shown: {_body(driver)}"
        time.sleep(0.25)


def test_a_clerks_year_in_the_browser(browser, server, office, tmp_path):
    from selenium.webdriver.common.by import By

    root, url = server
    driver = browser
    driver.get(url)
    assert "ninh-binh-2021 kế hoạch" in _body(driver)
    assert "Đã dựng, khớp hồ sơ" in _body(driver)
    _shot(driver, "1-bo-ho-so")

    _open(driver, driver.find_element(By.LINK_TEXT, PLAN))
    assert "Đã báo cáo: 15/16 đơn vị." in _body(driver)
    row = driver.find_element(By.ID, "don-vi-yen_mo")
    assert "Chưa báo cáo, đã quá hạn" in row.text
    _shot(driver, "2-ke-hoach")

    # The units download their blank forms and fill them in Word.
    row.find_element(By.LINK_TEXT, "Tải yen_mo.docx").click()
    yen_mo = _downloaded(driver, "yen_mo.docx")
    fill_form(yen_mo, YEN_MO)
    driver.find_element(By.ID, "don-vi-kim_son").find_element(By.LINK_TEXT, "Tải kim_son.docx").click()
    kim_son = _downloaded(driver, "kim_son.docx")
    fill_form(kim_son, dict(YEN_MO, viec_lam="3.400"), day="06")

    driver.find_element(By.CSS_SELECTOR, 'input[type="file"][name="tep"]').send_keys(f"{yen_mo}\n{kim_son}")
    _open(driver, driver.find_element(By.XPATH, '//button[text()="Đọc biểu mẫu"]'))
    page = _body(driver)
    assert "Đã ghi kết quả" in page and ("Phòng Lao động - Thương binh và Xã hội huyện Yên Mô — báo cáo ngày"
                                            " 10/12/2021") in page
    assert "Số lao động được giải quyết việc làm mỗi năm (người) 2.150" in page
    assert ("Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn: ghi đè results/kim_son.yaml bằng biểu mẫu"
            " kim_son.docx") in page
    assert re.search(r"^- +viec_lam: 3360$", page, re.M) and re.search(r"^\+ +viec_lam: 3400$", page, re.M)
    _shot(driver, "3-bieu-mau-da-nhan")
    _open(driver, driver.find_element(By.XPATH, '//button[starts-with(text(), "Xác nhận ghi đè")]'))
    assert "Đã ghi đè theo xác nhận của bạn." in _body(driver)
    assert "Đã báo cáo: 16/16 đơn vị." in _body(driver)
    _shot(driver, "4-da-ghi-de")

    _open(driver, driver.find_element(By.LINK_TEXT, f"Về trang kế hoạch {PLAN}"))
    assert "Đã báo cáo 10/12/2021" in driver.find_element(By.ID, "don-vi-yen_mo").text
    assert "Hồ sơ đã đổi từ lần dựng trước: cần dựng lại" in _body(driver)
    _shot(driver, "5-ke-hoach-da-bao-cao")

    _open(driver, driver.find_element(By.XPATH, '//button[text()="Dựng lại"]'))
    _wait_text(driver, "Xong lúc")
    assert "văn bản đã ghi" in _body(driver)
    _shot(driver, "6-dung-lai")

    _open(driver, driver.find_element(By.LINK_TEXT, "Về danh sách kế hoạch và văn bản"))
    assert "ninh-binh-2021 kế hoạch\nĐã dựng, khớp hồ sơ" in _body(driver)
    _open(driver, driver.find_element(By.LINK_TEXT, "Báo cáo tổng hợp kết quả năm 2021"))
    _open(driver, driver.find_element(By.XPATH, '//button[text()="Xem trước các trang"]'))
    _wait_text(driver, "Trang 1/")  # LibreOffice makes the pages: seconds on a loaded machine
    images = driver.find_elements(By.CSS_SELECTOR, ".page img")
    assert images
    assert all(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 300
               for img in images)
    _shot(driver, "7-bao-cao-tong-hop")

    driver.get(url + f"ke-hoach/{PLAN}/khen-thuong")
    _shot(driver, "8-khen-thuong")
    _open(driver, driver.find_element(By.LINK_TEXT, "Quyết định 01/QĐ-LĐTBXH"))
    _shot(driver, "9-quyet-dinh")
    driver.find_element(By.LINK_TEXT, "Tải .docx").click()
    decision = _downloaded(driver, "01-giay-khen.docx")
    text = all_text(decision)  # python-docx: body paragraphs, then the header table and the others
    assert "Số: 01/QĐ-LĐTBXH" in text
    assert "Về việc tặng Giấy khen của Giám đốc Sở" in text
    assert decision.read_bytes() == (root / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx").read_bytes()

    _open(driver, driver.find_element(By.LINK_TEXT, "Sổ văn bản đi"))
    assert "01/QĐ-LĐTBXH" in _body(driver)
    _shot(driver, "10-so-van-ban")
