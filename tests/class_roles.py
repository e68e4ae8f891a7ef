"""Who is in a class when a bench or a test runs one: the teacher (a real Chromium page), students as
light clients (tests/light_client.py) and students as real Chromium pages; and what "following" means.

A teacher's action is an `Action`: the words a student's page shows once it follows (its `sign`), the
wall time of the teacher's click (taken in the teacher's browser: performance.timeOrigin + now(), the
same clock as the students' on one machine), and, per student, the wall time the sign reached them: a
light client when the ForwardMsg carrying it arrives, a browser when the text is on its page.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from light_client import LightPage, words
from playwright.async_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.Alert_pb2 import Alert

VIEWPORT = {"width": 1280, "height": 720}
CLICK_JS = """document.addEventListener('click', () => {
  window.__clickAt = (performance.timeOrigin + performance.now()) / 1000; }, true);"""
IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
# A browser student: the wall time the page first shows `sign` (checked after every change to the page).
WATCH_JS = """(sign) => {
  window.__seen = window.__seen || {};
  const look = () => {
    if (window.__seen[sign] || !document.body.innerText.includes(sign)) return false;
    window.__seen[sign] = (performance.timeOrigin + performance.now()) / 1000;
    return true;
  };
  if (look()) return;
  const observer = new MutationObserver(() => { if (look()) observer.disconnect(); });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""
SEEN_JS = "(sign) => (window.__seen || {})[sign] || null"
REPLY_TIMEOUT = 60.0  # s a student waits for the page to answer a Send


@dataclass
class Action:
    """One thing the teacher did, and when each student's page showed it."""

    kind: str
    sign: str  # as the page's markdown has it (a light client reads the markdown source)
    clicked: float = math.nan
    seen: dict[str, float] = field(default_factory=dict)

    @property
    def shown(self) -> str:
        """The sign as a browser shows it (markdown's ** gone)."""
        return self.sign.replace("**", "")

    def latencies(self) -> dict[str, float]:
        return {name: at - self.clicked for name, at in self.seen.items()}


class Teacher:
    """The teacher's page in Chromium: its buttons, with the click's wall time."""

    def __init__(self, page) -> None:
        self.page = page
        self.waited: list[float] = []  # s from each click until its effect was seen (on the page or in the store)

    @classmethod
    async def open(cls, browser, url: str) -> Teacher:
        page = await browser.new_page(viewport=VIEWPORT)
        await page.add_init_script(CLICK_JS)
        await page.goto(url)
        ready = page.get_by_role("button", name="Ask the class").or_(page.locator('[data-testid="stException"]'))
        await ready.first.wait_for(timeout=60_000)
        if await page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"the teacher's page shows an exception: {await page.inner_text('body')}"[:2000])
        return cls(page)

    async def idle(self, timeout: float = 5_000) -> None:
        """A moment for the page to settle; its 1 s fragment may keep it running under load, so go on
        after `timeout` ms (the action's effect has been seen already)."""
        await asyncio.sleep(0.3)  # the page's script-state flips after a debounce
        with contextlib.suppress(PlaywrightTimeout):
            await self.page.wait_for_selector(IDLE, timeout=timeout)

    async def press(self, name: str | re.Pattern, done, timeout: float = 60.0) -> float:
        """Click the button and wait until `done()` (an async check of its effect) holds and the page
        has settled; the click's wall time. (Waiting for the script state alone is not enough: under
        load the run may not have started when the page is first looked at.)"""
        await self.page.evaluate("() => { window.__clickAt = null; }")
        button = self.page.get_by_role("button", name=name).first
        try:
            await button.wait_for(timeout=timeout * 1000)
        except PlaywrightTimeout as error:
            text = await self.text()
            raise TimeoutError(f"no button {name} on the teacher's page in {timeout:.0f} s: {text}"[:3000]) from error
        await button.click()
        clicked = await self.page.evaluate("() => window.__clickAt")
        deadline = time.monotonic() + timeout
        while not await done():
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"the teacher's {name} did not take within {timeout:.0f} s: {await self.text()}"[:3000]
                )
            await asyncio.sleep(0.1)
        self.waited.append(time.time() - clicked)
        await self.idle()
        return clicked

    async def text(self) -> str:
        return await self.page.inner_text('[data-testid="stMain"]')

    async def taken(self) -> int:
        found = re.search(r"Steps taken: ([\d,]+)\.", await self.text())
        return int(found.group(1).replace(",", "")) if found else 0

    async def phase(self) -> int:
        found = re.search(r"Phase (\d+) of \d+", await self.text())
        return int(found.group(1)) if found else 0


class LightStudent:
    """A student on a light client: follows (records when each action's sign arrives) and answers."""

    def __init__(self, name: str, page: LightPage) -> None:
        self.name, self.page = name, page
        self.pending: list[Action] = []
        self.alerts: list[tuple[float, int, str]] = []  # (wall time, Alert.Format, body): what the page said
        self.sent: dict[int, list[str]] = {}  # qid → every answer sent
        self.confirmed: dict[int, str] = {}  # qid → the last answer the page said "Sent." to
        self.following: list[float] = []  # wall times the page said it follows the teacher
        self.replies: list[float] = []  # s from pressing Send to the page's run with the reply finished
        self.unanswered = 0  # sends the page did not finish a run for within REPLY_TIMEOUT
        page.watchers.append(self._watch)

    @property
    def student_id(self) -> str:
        return parse_qs(self.page.query).get("student", [""])[0]

    def _watch(self, at: float, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "alert":
            self.alerts.append((at, element.alert.format, element.alert.body))
        elif kind == "markdown" and "**following the teacher**" in element.markdown.body:
            self.following.append(at)
        if self.pending:
            text = words(element)
            for action in self.pending:
                if self.name not in action.seen and action.sign in text:
                    action.seen[self.name] = at
            self.pending = [a for a in self.pending if self.name not in a.seen]

    def expect(self, action: Action) -> None:
        self.pending.append(action)

    async def answer(self, qid: int, text: str, wait: bool = True) -> None:
        """Type `text` as the answer to question `qid` and press Send; with `wait`, until the page
        answers, noting whether it said "Sent."."""
        before, start = len(self.alerts), time.monotonic()
        self.sent.setdefault(qid, []).append(text)
        await self.page.submit(f"Question {qid}: predict", text)
        if not wait:
            return
        try:
            await self.page.wait_run(REPLY_TIMEOUT)
        except TimeoutError:
            self.unanswered += 1
            return
        self.replies.append(time.monotonic() - start)
        for _, kind, _ in self.alerts[before:]:
            if kind == Alert.SUCCESS:  # "Sent." (an error alert says why not)
                self.confirmed[qid] = text


class BrowserStudent:
    """A student in Chromium, as a cross-check of the light clients: records when each sign shows."""

    def __init__(self, name: str, page) -> None:
        self.name, self.page = name, page
        self.pending: list[Action] = []

    @classmethod
    async def open(cls, browser, url: str, name: str) -> BrowserStudent:
        page = await browser.new_page(viewport=VIEWPORT)
        await page.goto(url)
        await page.get_by_text("following the teacher").wait_for(timeout=60_000)
        return cls(name, page)

    async def expect(self, action: Action) -> None:
        self.pending.append(action)
        await self.page.evaluate(WATCH_JS, action.shown)

    async def collect(self) -> None:
        for action in self.pending:
            at = await self.page.evaluate(SEEN_JS, action.shown)
            if at:
                action.seen[self.name] = at
        self.pending = [a for a in self.pending if self.name not in a.seen]
