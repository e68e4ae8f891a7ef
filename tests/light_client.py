"""A page without a browser: one Streamlit session driven over Streamlit's own websocket protocol.

Used by bench/class_load.py (sixty students on one machine) and tests/test_class_load.py. What it does
is what Streamlit's frontend does on the wire, and no more:
- connects to `ws://HOST:PORT/_stcore/stream` with the subprotocols the browser offers (`streamlit`, an
  auth-token placeholder, and on a reconnect the last session id), optionally from a chosen loopback
  source address (`local_addr`, so a proxy hashing on the client's address spreads clients);
- asks for a run with a `rerun_script` BackMsg carrying the page's query string, and keeps the query
  string the server rewrites (`page_info_changed`), as the browser's address bar does;
- honours `auto_rerun`: every `interval` seconds it asks for a run of that fragment (`is_auto_rerun`),
  as the browser's setInterval does for `st.fragment(run_every=...)`, until `stop_auto_rerun`;
- keeps the messages marked cacheable and reports their hashes with every rerun request
  (`cached_message_hashes`), as the browser's message cache does, so the server may send a reference
  (`ref_hash`) instead of the element again;
- presses buttons and fills text inputs by sending only those widgets' states (a trigger, a string).
  The browser sends every widget's state with every request; sending only the changed ones is enough
  because the server keeps the others' last values (the light client never has stale values to echo).
- on a closed websocket (a server gone) it reconnects, like the browser, and asks for a run with the
  same query string.
What it does NOT do: render anything, run JavaScript components (the live charts and the link check
arrive as bytes and are dropped), fetch static files, answer component messages or send heartbeats.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Iterable

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

CACHE_RUNS = 2  # full runs a cached message outlives unseen (the browser's maxCachedMessageAge default)
TEXT_FIELDS = ("body", "label")  # where an element's words are: markdown, alerts; widgets' labels


def words(element) -> str:
    """An element's words: a markdown's or an alert's body, a widget's label, the lesson head's line."""
    kind = element.WhichOneof("type")
    inner = getattr(element, kind) if kind else None
    if kind == "bidi_component":
        return lesson_line(getattr(inner, "bytes", b""))
    for name in TEXT_FIELDS:
        text = getattr(inner, name, None)
        if isinstance(text, str) and text:
            return text
    return ""


def lesson_line(payload: bytes) -> str:
    """The line under the lesson's buttons (markdown, as the head draws it), from its payload; "" for
    any other component's."""
    if not payload.startswith(b'{"head"'):
        return ""
    head = json.loads(payload)["head"]
    return f"{head['where'][head['phase']]} {head['taken']}"


class LightPage:
    """One session of the app, as a browser tab would hold it, without the tab.

    `elements` is the page as last drawn: delta path → Element. `watchers` are called with (wall
    time the message arrived, element) for every element that arrives; `closed_at` / `reopened_at`
    are wall times of the last lost and regained connection."""

    def __init__(self, base: str, query: str, local_addr: str | None = None, name: str = "") -> None:
        self.uri = base.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.query = query
        self.local_addr = local_addr
        self.name = name
        self.elements: dict[tuple, object] = {}
        self.watchers: list[Callable[[float, object], None]] = []
        self.session_id = ""
        self.page_hash = ""
        self.runs = 0  # full runs finished
        self.started = 0  # full runs begun (each begins with a new_session message)
        self._asked = 0  # `started` when this page last asked for a whole run
        self.finished = asyncio.Event()  # set when a whole run begun after the last request has finished
        self.closed_at: float | None = None
        self.reopened_at: float | None = None
        self.reconnects = 0
        self.exceptions: list[str] = []
        self.bytes_in = 0
        self.upstream = ""  # the process that answered, as a proxy says
        self.values: dict[str, object] = {}  # widget id → its value, as the browser keeps it
        self._ws = None
        self._cache: dict[str, tuple[ForwardMsg, int]] = {}
        self._forms: dict[str, tuple[str, str]] = {}  # a form's label → (text input id, submit button id)
        self._drawn_in: dict[tuple, int] = {}  # delta path → the run that drew it last
        self._timers: dict[str, asyncio.Task] = {}
        self._reader: asyncio.Task | None = None
        self._stopping = False

    # --- the connection

    async def open(self, timeout: float = 30.0) -> None:
        """Connect, ask for the first run and wait until it finished."""
        await self._connect()
        self._reader = asyncio.create_task(self._read_forever())
        await self.wait_run(timeout)

    async def close(self) -> None:
        self._stopping = True
        for task in [*self._timers.values(), self._reader]:
            if task:
                task.cancel()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()

    async def _connect(self) -> None:
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"] + ([self.session_id] if self.session_id else [])
        extra = {"local_addr": (self.local_addr, 0)} if self.local_addr else {}
        self._ws = await websockets.connect(
            self.uri, subprotocols=protocols, max_size=None, open_timeout=5, ping_interval=None, **extra
        )
        self.upstream = self._ws.response.headers.get("X-Upstream", "")  # behind docs/nginx-class.conf
        self.finished.clear()
        await self.rerun()

    async def _read_forever(self) -> None:
        while not self._stopping:
            try:
                async for data in self._ws:
                    self._take(data, time.time())
            except websockets.ConnectionClosed:
                pass
            if self._stopping:
                return
            await self._reconnect()

    async def _reconnect(self) -> None:
        """As the browser: the connection is lost, the page stays; retry until a server answers."""
        self.closed_at, self.reopened_at = time.time(), None
        for task in self._timers.values():
            task.cancel()
        self._timers.clear()
        delay = 0.1
        while not self._stopping:
            await asyncio.sleep(delay)
            try:
                await self._connect()
            except (TimeoutError, OSError, websockets.InvalidHandshake):
                delay = min(delay * 2, 1.0)
                continue
            self.reconnects += 1
            return

    # --- what the server sends

    def _take(self, data: bytes, at: float) -> None:
        self.bytes_in += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                return
            body = ForwardMsg()
            body.CopyFrom(cached[0])
            body.metadata.CopyFrom(msg.metadata)
            msg, kind = body, "delta"
        elif msg.metadata.cacheable:
            self._cache[msg.hash] = (msg, self.runs)
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            if msg.hash in self._cache:
                self._cache[msg.hash] = (self._cache[msg.hash][0], self.runs)
            element = msg.delta.new_element
            self._keep_value(element)
            path = tuple(msg.metadata.delta_path)
            self.elements[path] = element
            self._drawn_in[path] = self.runs
            if element.WhichOneof("type") == "exception":
                self.exceptions.append(element.exception.message)
            for watch in list(self.watchers):
                watch(at, element)
        elif kind == "new_session":
            self.started += 1
            self.session_id = msg.new_session.initialize.session_id
            self.page_hash = msg.new_session.page_script_hash
            if self.closed_at is not None and self.reopened_at is None:
                self.reopened_at = at
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._every(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment in msg.stop_auto_rerun.fragment_ids:
                if task := self._timers.pop(fragment, None):
                    task.cancel()
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:  # a whole run: what it did not draw is gone
                self.elements = {p: e for p, e in self.elements.items() if self._drawn_in.get(p) == self.runs}
                self.runs += 1
                self._cache = {h: v for h, v in self._cache.items() if self.runs - v[1] <= CACHE_RUNS}
            whole = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
            if msg.script_finished in whole and self.started > self._asked:  # not a run begun before the request
                self.finished.set()

    def _keep_value(self, element) -> None:
        """A widget's value as the browser holds it: its default when first drawn, then whatever the
        server sets (`set_value`); a redraw without `set_value` leaves the value the browser has."""
        kind = element.WhichOneof("type")
        widget = getattr(element, kind)
        if not hasattr(widget, "set_value") or not getattr(widget, "id", ""):
            return
        if not hasattr(widget, "value"):  # a widget whose value has another shape (a list, an index)
            return
        if widget.set_value:
            self.values[widget.id] = widget.value
        elif widget.id not in self.values and hasattr(widget, "default"):
            self.values[widget.id] = widget.default

    def _every(self, fragment: str, interval: float) -> None:
        if fragment in self._timers:
            return

        async def tick() -> None:
            while True:
                await asyncio.sleep(interval)
                with contextlib.suppress(websockets.ConnectionClosed):
                    await self.rerun(fragment=fragment)

        self._timers[fragment] = asyncio.create_task(tick())

    # --- what the page asks for

    async def rerun(self, states: Iterable[WidgetState] = (), fragment: str = "") -> None:
        """A rerun request as the browser sends it: the query string, the widgets changed, the cache."""
        back = BackMsg()
        client = back.rerun_script
        client.query_string = self.query
        client.page_script_hash = self.page_hash
        client.widget_states.widgets.extend(states)
        client.cached_message_hashes.extend(self._cache)
        if fragment:
            client.fragment_id = fragment
            client.is_auto_rerun = True
        else:
            self.finished.clear()
            self._asked = self.started
        await self._ws.send(back.SerializeToString())

    async def wait_run(self, timeout: float = 30.0) -> None:
        await asyncio.wait_for(self.finished.wait(), timeout)

    def find(self, kind: str, start: str) -> object | None:
        """The last element of `kind` (number_input, text_input, button, markdown …) whose words start so."""
        for element in reversed(list(self.elements.values())):
            if element.WhichOneof("type") == kind and words(element).startswith(start):
                return getattr(element, kind)
        return None

    def value(self, kind: str, label: str):
        """The value the widget of `kind` labelled `label…` holds now, as a browser would show it."""
        widget = self.find(kind, label)
        return None if widget is None else self.values.get(widget.id)

    def texts(self) -> list[str]:
        return [words(e) for e in self.elements.values()]

    async def click(self, label: str) -> None:
        button = self.find("button", label)
        if button is None:
            raise LookupError(f"{self.name}: no button '{label}' on the page")
        await self.rerun([WidgetState(id=button.id, trigger_value=True)])

    async def submit(self, label: str, text: str, button_label: str = "Send") -> None:
        """Type `text` into the form's text input labelled `label…` and press its submit button. A form
        redrawn mid-run (a flood of sends) is still the one the person types into: its ids are kept."""
        field = self.find("text_input", label)
        if field is not None:
            buttons = [
                e.button
                for e in self.elements.values()
                if e.WhichOneof("type") == "button" and e.button.form_id == field.form_id and e.button.is_form_submitter
            ]
            if buttons:
                self._forms[label] = (field.id, buttons[-1].id)
        if label not in self._forms:
            raise LookupError(f"{self.name}: no text input '{label}' with a submit button on the page")
        field_id, button_id = self._forms[label]
        typed = WidgetState(id=field_id, string_value=text)
        await self.rerun([typed, WidgetState(id=button_id, trigger_value=True)])
