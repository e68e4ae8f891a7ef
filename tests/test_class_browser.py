"""A class in a real browser: a teacher's page and two students' pages (a phone and a tablet) on one
server. Follow, branch, rejoin, ask, answer; then the server restarts mid-question on the same port and
store, the pages reconnect by themselves, nothing is lost, and the teacher reveals. A forged teacher key
gets a student's page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import free_port, streamlit_server

pytestmark = pytest.mark.browser

WAIT_MS = 8000  # a follower's poll is every 0.5 s: 8 s only bounds a failing test, it is not the target


def settled(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30000)


def shows(page, text: str, timeout: int = WAIT_MS) -> None:
    """Wait until the page's main column shows `text` (a following page must, without any input)."""
    try:
        page.wait_for_function(
            "t => (document.querySelector('[data-testid=stMain]')?.innerText || '').includes(t)",
            arg=text,
            timeout=timeout,
        )
    except Exception as error:  # say what the page showed instead
        raise AssertionError(f"{text!r} not shown at {page.url}; the page shows:\n{main_text(page)[:1500]}") from error


def main_text(page) -> str:
    return page.inner_text('[data-testid="stMain"]')


def open_page(browser, url: str, width: int, height: int):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    settled(page)
    return page


def no_errors(*pages) -> None:
    for page in pages:
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in main_text(page)


def test_a_class_follows_answers_survives_a_restart_and_reveals(browser, tmp_path: Path):
    env = {"LOGREG_VIZ_CLASS_STORE": str(tmp_path / "classes.sqlite3")}
    port = free_port()
    with streamlit_server(env, port=port) as (url, _):
        teacher = open_page(browser, url, 1280, 800)
        teacher.get_by_role("button", name="Start a class").click()
        shows(teacher, "Invite the class")
        code = re.search(r"[?&]class=([A-Z0-9]{6})", teacher.url).group(1)
        phone = open_page(browser, f"{url}/?class={code}", 375, 740)
        tablet = open_page(browser, f"{url}/?class={code}", 768, 1024)
        for student in (phone, tablet):
            shows(student, "following the teacher")
            assert "&student=" in student.url

        teacher.get_by_role("button", name=re.compile(r"^Step")).first.click()
        for student in (phone, tablet):
            shows(student, "Steps the teacher has taken: 1")
        teacher.get_by_role("button", name=re.compile(r"^Next")).click()
        for student in (phone, tablet):
            shows(student, "Phase 1 of 11")

        tablet.get_by_role("button", name="Explore on my own").click()
        shows(tablet, "exploring on your own")
        teacher.get_by_role("button", name=re.compile(r"^Step")).first.click()
        shows(phone, "Steps the teacher has taken: 2")
        tablet.wait_for_timeout(1500)  # three polls: an explorer's page stays its own
        assert "Steps the teacher has taken" not in main_text(tablet)
        tablet.get_by_role("button", name="Rejoin the class").click()
        shows(tablet, "Steps the teacher has taken: 2")

        teacher.get_by_label("Ask the class to predict").click()
        teacher.get_by_role("option", name="backward: dz").click()
        teacher.get_by_role("button", name="Ask the class").click()
        for student, typed in ((phone, "-0.2134"), (tablet, "0.2134")):  # dz after two steps, by hand: −0.21342
            shows(student, "Question 1: predict dz")
            student.get_by_label(re.compile("Question 1: predict dz")).fill(typed)
            student.get_by_role("button", name="Send").click()
            shows(student, "Your answer:")
        shows(teacher, "2 answered")
        no_errors(teacher, phone, tablet)

    # The server goes down mid-question and comes back on the same port and store: the pages reconnect
    with streamlit_server(env, port=port) as (url, _):
        for page in (teacher, phone, tablet):  # reconnected, and the new server's run done (not the old page)
            page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60000)
            settled(page)
        shows(phone, "Your answer: −0.2134", timeout=60000)
        shows(tablet, "Your answer: 0.2134", timeout=60000)
        shows(teacher, "2 answered", timeout=60000)  # the teacher's page leads again once the old one is quiet
        teacher.get_by_role("button", name="Reveal the answer").click()
        shows(phone, "Right: you said −0.2134")
        shows(tablet, "flipped the sign of dz")
        shows(teacher, "flipped the sign of dz")

        secret = re.search(r"[?&]lead=([^&]+)", teacher.url).group(1)
        forged = open_page(browser, f"{url}/?class={code}&lead={secret[:-3]}abc", 1280, 800)
        shows(forged, "not this class's")
        assert "lead=" not in forged.url and "&student=" in forged.url
        assert forged.get_by_role("button", name="Ask the class").count() == 0
        no_errors(teacher, phone, tablet, forged)
