"""The example's report in a real browser: Debian's Chromium, headless, driven by Selenium
through Debian's chromedriver (`.ci/run` installs both; the machine is offline, so the
browser is told not to reach for the network). Under CI a missing browser fails."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import qcode
from tests.conftest import ROOT

if TYPE_CHECKING:
    from selenium.webdriver import Chrome
    from selenium.webdriver.remote.webelement import WebElement

EXAMPLE = ROOT / "examples" / "sustaining_social_work"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1600",
)
VISIBLE = (
    "return Array.from(document.querySelectorAll('.segment')).filter(s => s.checkVisibility())"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chrome]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} missing: CI installs chromium and chromium-driver")
        pytest.skip(f"{', '.join(missing)} not on this machine")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def project() -> qcode.Project:
    return qcode.load(EXAMPLE / "sustaining_social_work.json")


def _open(browser: Chrome, page: Path) -> None:
    """Open ``page`` and wait until it is loaded. Opening the page already shown can return
    while the old document is still there or the new one half parsed, so the old one is
    marked first and the wait is for an unmarked document whose loading is complete."""
    from selenium.webdriver.support.wait import WebDriverWait

    browser.execute_script("window.qcodeOldPage = true")
    browser.get_log("browser")  # what earlier pages logged
    browser.get_log("performance")
    browser.get(page.as_uri())
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "return !window.qcodeOldPage && document.readyState === 'complete'"
        )
    )


def _type(browser: Chrome, box: WebElement, *keys: str) -> None:
    """Type ``keys`` into the filter and wait until the list shows what the box now says:
    the page filters on a timer after each key, and marks the filter it applied (a fixed
    wait lost the race on a busy machine)."""
    from selenium.webdriver.support.wait import WebDriverWait

    box.send_keys(*keys)
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "var box = document.getElementById('filter');"
            "return box.getAttribute('data-applied') === box.value"
        )
    )


def test_the_example_report_loads_offline_without_a_console_message(
    browser: Chrome, tmp_path: Path
) -> None:
    _open(browser, EXAMPLE / "report.html")
    assert browser.title == (
        "\u2068Sustaining social work: practitioner experiences of Contextual Safeguarding"
        "\u2069: qcode report"  # the name isolated
    )
    assert browser.get_log("browser") == []
    requested = [
        event["params"]["request"]["url"]
        for entry in browser.get_log("performance")
        if (event := json.loads(entry["message"])["message"])["method"]
        == "Network.requestWillBeSent"
    ]
    # The browser's own pages (chrome:, data:) aside, the report is the one thing loaded.
    assert [url for url in requested if not url.startswith(("chrome", "data:"))] == [
        (EXAMPLE / "report.html").as_uri()
    ]
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_every_code_and_theme_is_shown(browser: Chrome, project: qcode.Project) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, EXAMPLE / "report.html")
    for code in project.codes:
        heading = browser.find_element(By.ID, f"code-{code.id}-name")
        assert heading.text == project.path(code)
        assert heading.is_displayed()
    for theme in project.themes:
        article = browser.find_element(By.ID, f"theme-{theme.id}")
        assert article.find_element(By.TAG_NAME, "h3").text == theme.name
        listed = [a.text for a in article.find_elements(By.CSS_SELECTOR, ".theme-codes a")]
        assert listed == [project.path(code) for code in project.codes_of(theme)]


def test_the_filter_narrows_the_segments_and_clearing_it_shows_them_all(
    browser: Chrome, project: qcode.Project
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, EXAMPLE / "report.html")
    every = sum(len({c.code for c in e.codings}) for _, e in project.iter_excerpts())
    assert len(browser.execute_script(VISIBLE)) == every == 32
    shown = browser.find_element(By.ID, "shown")
    assert shown.text == "32 of 32 segments shown"

    box = browser.find_element(By.ID, "filter")
    _type(browser, box, "digital diary entry")
    diary = project.source("Digital diary entry")
    expected = sum(len({c.code for c in e.codings}) for e in diary.excerpts)
    visible = browser.execute_script(VISIBLE)
    assert expected == 2 and len(visible) == expected
    assert all(s.find_element(By.CSS_SELECTOR, ".meta bdi.f").text == diary.name for s in visible)
    assert shown.text == "2 of 32 segments shown"

    _type(browser, box, Keys.CONTROL, "a", Keys.DELETE)
    _type(browser, box, "the toll")  # a code's name: its segments, and any that say both words
    visible = browser.execute_script(VISIBLE)
    codes = {s.find_element(By.XPATH, "ancestor::section[1]").get_attribute("id") for s in visible}
    assert f"segments-{project.code('The toll').id}" in codes
    assert len(visible) >= 6

    _type(browser, box, Keys.CONTROL, "a", Keys.DELETE)
    assert len(browser.execute_script(VISIBLE)) == 32
    assert shown.text == "32 of 32 segments shown"


def test_segments_are_paged_and_the_next_page_is_one_key_away(
    browser: Chrome, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import synthetic

    page = tmp_path / "paged.html"
    page.write_text(qcode.report(synthetic(3, 100, codes=2)), "utf-8")  # 30 and 270 segments
    _open(browser, page)
    assert len(browser.execute_script(VISIBLE)) == 40
    buttons = browser.find_elements(By.CSS_SELECTOR, "button.more")
    assert [b.text for b in buttons] == [
        "Show 10 more (10 not shown)",
        "Show 20 more (250 not shown)",
    ]
    buttons[1].send_keys(Keys.ENTER)
    assert len(browser.execute_script(VISIBLE)) == 60
    assert buttons[1].text == "Show 20 more (230 not shown)"
    # Focus moves to the first segment the key showed: code 1's 21st, after code 0's 20.
    assert browser.switch_to.active_element == browser.execute_script(VISIBLE)[40]
    assert browser.get_log("browser") == []


def test_a_large_project_s_segments_are_folded_a_match_opens_its_code_and_clearing_folds_it(
    browser: Chrome, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import synthetic

    page = tmp_path / "folded.html"
    project = synthetic(5, 220, codes=3)  # 1,100 segments
    page.write_text(qcode.report(project), "utf-8")
    _open(browser, page)
    assert browser.execute_script(VISIBLE) == []
    details = browser.find_elements(By.CSS_SELECTOR, ".code-segments details")
    assert [d.get_attribute("open") for d in details] == [None, None, None]
    _type(browser, browser.find_element(By.ID, "filter"), '"co')  # every code, as typed
    assert [d.get_attribute("open") for d in details] == ["true", "true", "true"]
    _type(browser, browser.find_element(By.ID, "filter"), 'de 2"')  # what no longer
    assert [d.get_attribute("open") for d in details] == [None, None, "true"]  # matches folds
    assert len(browser.execute_script(VISIBLE)) == 20
    coded = len(project.excerpts_of("Code 2"))
    assert coded == 550
    assert browser.find_element(By.ID, "shown").text == f"{coded} of 1100 segments shown"
    box = browser.find_element(By.ID, "filter")
    _type(browser, box, Keys.CONTROL, "a", Keys.DELETE)  # what the filter opened, it folds
    assert [d.get_attribute("open") for d in details] == [None, None, None]
    details[0].find_element(By.TAG_NAME, "summary").click()  # opened by hand: stays open
    _type(browser, box, '"code 0"')
    _type(browser, box, Keys.CONTROL, "a", Keys.DELETE)
    assert [d.get_attribute("open") for d in details] == ["true", None, None]
    assert len(browser.execute_script(VISIBLE)) == 20


def test_the_filter_finds_either_unicode_form_and_only_the_segments_fields(
    browser: Chrome, tmp_path: Path
) -> None:
    """Typed text (NFC, as keyboards make it) finds text in NFD; the page's own words
    ("case:", "coder:", the place, "(no text)") find nothing; context stops at a blank line
    (CRLF)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    b = qcode.ProjectBuilder("Forms")
    calm = b.code("Calm")
    b.user("Ann")
    text = unicodedata.normalize("NFD", "Le café était fermé.\r\n\r\nAilleurs, rien.")
    source = b.text_source("Notes", text)
    b.update(b.participant("P1"), sources=[source])
    b.quote(source, unicodedata.normalize("NFD", "café"), codes=[calm])
    b.quote(source, "rien", codes=[calm])
    collage = b.source("Collage", kind="collage", content=qcode.PictureContent())
    b.excerpt(collage, qcode.PictureRegion(1, 2, 30, 40), codes=[calm])  # shows "(no text)"
    page = tmp_path / "forms.html"
    page.write_text(qcode.report(b.build()), "utf-8")
    _open(browser, page)
    box = browser.find_element(By.ID, "filter")
    shown = browser.find_element(By.ID, "shown")
    for typed, count in (("café", 1), ("fermé", 1), ("case", 0), ("coder", 0),
                         ("characters", 0), ("no text", 0), ("p1 ann notes", 2),
                         ("calm rien", 1), ("collage", 1)):  # fmt: skip
        if box.get_attribute("value"):
            _type(browser, box, Keys.CONTROL, "a", Keys.DELETE)
        _type(browser, box, typed)
        assert (typed, shown.text) == (typed, f"{count} of 3 segments shown")


def test_the_heatmap_has_a_cell_per_pair_of_codes_that_occur_together(
    browser: Chrome, project: qcode.Project, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, EXAMPLE / "report.html")
    titles = browser.execute_script(  # the names' isolate marks (U+2068, U+2069) left out
        "return Array.from(document.querySelectorAll('svg.heatmap rect.cell'),"
        " r => r.querySelector('title').textContent.replace(/[\u2068\u2069]/g, ''))"
    )
    pairs = qcode.analysis.cooccurrence(project, mode="overlap").records()
    together = {str(row[side]) for row in pairs for side in ("code_id_a", "code_id_b")}
    paths = [project.path(code) for code in project.codes if str(code.id) in together]
    assert len(titles) == len(paths) ** 2 == 144  # of the 18 codes applied, 12 share text
    pairs = [title.rsplit(": ", 1)[0] for title in titles]
    assert pairs == [f"{a} and {b}" for a in paths for b in paths]
    toll, coping = paths.index("The toll"), paths.index("Coping")
    assert titles[toll * len(paths) + coping] == "The toll and Coping: 2"
    lefts = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.heatmap text.label'), t => t.getBBox().x)"
    )
    assert len(lefts) == len(paths) and min(lefts) >= 0  # every label inside the map
    svg = browser.find_element(By.CSS_SELECTOR, "svg.heatmap")
    assert svg.is_displayed() and svg.get_attribute("role") == "img"
    svg.screenshot(str(tmp_path / "heatmap.png"))
    assert (tmp_path / "heatmap.png").stat().st_size > 5_000


def test_long_code_names_stay_inside_the_heatmap(browser: Chrome, tmp_path: Path) -> None:
    """Labels are clipped by the room they take: a wide (CJK) character takes two columns,
    a broad capital nearly two, a combining accent none."""
    b = qcode.ProjectBuilder("Labels")
    names = ("社会福祉の実践における若者と地域の安全についての考察と記録のための長い名前の例です",
             "A long code name in Latin letters that goes on well past the room it has",
             "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",  # forty broad capitals
             unicodedata.normalize("NFD", "Éléments périphériques éprouvés et élégants"),  # NFD
             "Short")  # fmt: skip
    codes = [b.code(name) for name in names]
    source = b.text_source("Notes", "One two three.")
    b.quote(source, "two", codes=codes)
    page = tmp_path / "labels.html"
    page.write_text(qcode.report(b.build()), "utf-8")
    _open(browser, page)
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.heatmap text.label'),"
        " t => [t.textContent, t.getBBox().x, t.getBBox().width])"
    )
    assert [label for label, _, _ in boxes] == [  # each isolated: FSI ... PDI
        f"\u2068{label}\u2069"
        for label in (
            "社会福祉の実践における若者と地域の安全についての…",
            "A long code name in Latin letters that goes on well…",
            "W" * 27 + "…",
            unicodedata.normalize("NFD", "Éléments périphériques éprouvés et élégants"),
            "Short",
        )
    ]
    assert all(left >= 0 and width > 20 for _, left, width in boxes), boxes


def test_a_right_to_left_name_does_not_reorder_the_page_s_own_words(
    browser: Chrome, tmp_path: Path
) -> None:
    """A source named with a right-to-left override, and an Arabic code name, turned the
    segment's line around ("02-9 sretcarahc") and put the code's count inside its name."""
    b = qcode.ProjectBuilder("RTL")
    b.user("Ana")
    source = b.text_source("Interview \u202eevil", "He said: hello there, a test.")
    arabic = b.code("عربي")
    b.quote(source, "hello there", codes=[b.code("Trust \u202eyduts"), arabic])
    page = tmp_path / "rtl.html"
    page.write_text(qcode.report(b.build()), "utf-8")
    _open(browser, page)
    lefts = browser.execute_script(
        "return Array.from(document.querySelector('.segment .meta').children,"
        " e => e.getBoundingClientRect().left)"
    )
    assert len(lefts) == 4 and lefts == sorted(lefts)  # source, kind, place, coder in order
    heading = browser.execute_script(
        "var h = document.querySelector('.code-segments h3');"
        " return [h.querySelector('.path').getBoundingClientRect().right,"
        " h.querySelector('.count').getBoundingClientRect().left]"
    )
    assert heading[0] <= heading[1]  # the count after the name, not inside it
    tree = browser.execute_script(
        "return Array.from(document.querySelectorAll('ul.tree li'), li => ["
        "li.querySelector('bdi').getBoundingClientRect().right,"
        " li.querySelector('.count').getBoundingClientRect().left])"
    )
    assert len(tree) == 2 and all(name <= count for name, count in tree)
