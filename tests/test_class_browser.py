"""A class in a real browser: a teacher's page and two students' pages (a phone and a tablet) on one
server. Follow, branch, rejoin, ask, answer; then the server restarts mid-question on the same port and
store, the pages reconnect by themselves, nothing is lost, and the teacher reveals. A forged teacher key
gets a student's page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import TEXT_AUDIT_JS, axe_violations, free_port, streamlit_server, text_problems
from test_accessibility import KNOWN as KNOWN_AXE
from test_screens import PAGE_TEXT_JS

from logreg_viz.classroom import Classroom, open_store

pytestmark = pytest.mark.browser

WAIT_MS = 20000  # a follower looks every 0.1 s: 20 s only bounds a failing test on a busy machine, it is not the target


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
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=30000)
    page.wait_for_selector(".live-chart.js-plotly-plot", timeout=30000)  # the page's run drew the lesson
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

        # the teacher pauses the run at a frame (here: scrubs to it with the keyboard): the class sees that frame
        lesson = teacher.locator(".live-chart.js-plotly-plot").first
        teacher.wait_for_function("() => document.querySelector('.live-chart').dataset.frames > 0")
        lesson.focus()
        for _ in range(3):
            lesson.press("ArrowRight")
            teacher.wait_for_timeout(150)
        for student in (phone, tablet):
            student.wait_for_function(
                "() => document.querySelector('.live-chart.js-plotly-plot')?.layout.sliders?.[0]?.active === 3",
                timeout=WAIT_MS,
            )

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
        for page in (teacher, phone, tablet):
            page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60000)
        # The teacher's page (a new session) leads again once the old one has been quiet for 5 s. What the
        # pages show until their new run is the old server's: wait for that run before trusting any of it
        # (a student's page never reads "notRunning": its poll's fragment keeps running, drawing nothing).
        teacher.wait_for_timeout(1500)
        settled(teacher)
        teacher.get_by_role("button", name="Reveal the answer").wait_for(timeout=60000)
        shows(phone, "Your answer: −0.2134", timeout=60000)
        shows(tablet, "Your answer: 0.2134", timeout=60000)
        shows(teacher, "2 answered", timeout=60000)
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


SCREENS = {  # name: (width, height, smallest page text, as in test_screens.py)
    "phone": (375, 740, 12),
    "tablet": (768, 1024, 13),
    "laptop": (1280, 720, 13),
    "projector": (1920, 1080, 16),
}
HOSTILE_NICKNAME = "*b* [a](x) $x$ :red[y]<i"  # 24 characters: emphasis, link, formula, colour, HTML
ARTIFACTS = Path(__file__).parent / "artifacts" / "screens"


def readable(page, width: int, smallest: float, name: str) -> None:
    """Every chart's text readable and apart, the page's own words at least `smallest` px, nothing
    sideways, no serious accessibility problem; a screenshot kept for the record."""
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"class-{name}.png"), full_page=True)
    problems = text_problems(page.evaluate(TEXT_AUDIT_JS), smallest)
    assert problems == [], "\n".join(problems[:10])
    small = [(size, text) for size, text in page.evaluate(PAGE_TEXT_JS) if size < smallest]
    assert small == [], f"{name}: the page's own text under {smallest} px: {small[:5]}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = axe_violations(page, known=KNOWN_AXE)
    assert violations == [], f"{name}: {violations}"


def test_the_class_reads_on_every_screen(browser, tmp_path: Path):
    env = {"LOGREG_VIZ_CLASS_STORE": str(tmp_path / "classes.sqlite3")}
    with streamlit_server(env) as (url, _):
        room = Classroom(open_store(env["LOGREG_VIZ_CLASS_STORE"]))
        for teacher_screen, query in (("projector", "presenter=1&"), ("laptop", "")):
            width, height, smallest = SCREENS[teacher_screen]
            code, secret = room.start(f"screens-{teacher_screen}")
            teacher = open_page(browser, f"{url}/?{query}class={code}&lead={secret}", width, height)
            shows(teacher, "Invite the class")
            students = {  # the projector is the teacher's: students have phones, tablets and laptops
                name: open_page(browser, f"{url}/?class={code}", w, h)
                for name, (w, h, _) in SCREENS.items()
                if name != "projector"
            }
            if teacher_screen == "projector":  # a nickname is shown as the text it is, never as markdown
                field = students["laptop"].get_by_role("textbox", name="Your nickname in the class")
                field.fill(HOSTILE_NICKNAME)
                field.press("Enter")
                shows(students["laptop"], f"you are {HOSTILE_NICKNAME} ·")
            teacher.get_by_role("button", name="Ask the class").click()
            for (name, student), typed in zip(students.items(), ("-0.2689", "0.2689", "1e-3"), strict=True):
                shows(student, "Question 1: predict dz")
                student.get_by_label(re.compile("Question 1: predict dz")).fill(typed)
                student.get_by_role("button", name="Send").click()
                shows(student, "Your answer:")
                if teacher_screen == "projector":
                    readable(student, SCREENS[name][0], SCREENS[name][2], f"student-{name}-asked")
            shows(teacher, "3 answered")
            readable(teacher, width, smallest, f"teacher-{teacher_screen}-asked")
            teacher.get_by_role("button", name="Reveal the answer").click()
            shows(teacher, "flipped the sign of dz")
            readable(teacher, width, smallest, f"teacher-{teacher_screen}-revealed")
            for name, student in students.items():
                shows(student, "Question 1: dz = −0.2689")
                if teacher_screen == "projector":
                    readable(student, SCREENS[name][0], SCREENS[name][2], f"student-{name}-revealed")
                student.context.close()
            teacher.context.close()
