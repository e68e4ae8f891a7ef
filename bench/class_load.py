"""A class of sixty on this machine: how fast the students' pages follow the teacher, whether every
answer is counted, what the server spends, and what happens when one of two servers dies (a script,
not a test; issue #16).

    python bench/class_load.py [--students 60] [--seconds 60] [--skip-nginx]

Part 1, one server: ONE fresh `streamlit run app.py` with LOGREG_VIZ_CLASS_STORE an SQLite file in a
temp dir. The teacher is a real Chromium page (started with `Classroom.start`, opened with its lead
link); for `--seconds` it presses Step, Next ▶ twice, asks the class the value its page offers and
reveals it, with think times of 1.5–3 s. The students are `--students` light clients
(tests/light_client.py) plus 2 Chromium pages as a cross-check of the light clients' figures.

How a light client differs from a browser: it speaks Streamlit's websocket protocol exactly as the
frontend does for what it uses (rerun_script with the page's query string and the rewritten one
after it, the poll fragment's auto-reruns every 0.5 s, cached-message hashes, a widget's trigger or
string when it presses or types, the same reconnect with the same query string), but it renders
nothing: no DOM, no layout, no JavaScript components (the live charts' figures arrive as bytes and
are dropped, plotly.js is never fetched), no static files, no heartbeats, and it sends only the
widgets it changes rather than every widget's state (the server keeps the others'). So the server's
side is what a browser costs it; the client's side is nearly free, which is what lets sixty run on
the two cores the server also needs.

Measured, for every teacher action (click taken in the teacher's browser, performance.timeOrigin +
now(), the same wall clock as the students'): the time until each student's page shows it — a light
client when the ForwardMsg carrying the sign arrives ("Steps the teacher has taken: **N**.", "Phase
k of", the question's text input, the revealed value), a browser when the text is on its page.
p50/p95/max over all (action, student) pairs; target p95 ≤ 1 s. Answers: every light student answers
every question (right; the first or second known slip, e.g. dz's sign flipped, α forgotten; every
sixth changes its mind; student 0 floods 20 answers in 1 s); after each reveal the store's count
(`Classroom.answers`) must equal the number of distinct students the page told "Sent.", and each
student's stored value the last one it was told was sent. Server CPU seconds and peak RSS from /proc.

Part 2, two servers behind nginx (docs/nginx-class.conf): a real redis-server as the store, two
`streamlit run app.py` on it, nginx in front hashing on the client's address; each light client
connects from its own 127.0.0.X. The same class runs; halfway, the server the teacher is NOT on is
killed (SIGKILL). Its students' websockets close; they reconnect through nginx with the same query
string (student=ID), land on the other server and go on. Reported: how many were on it, how long
until each page said it follows the teacher again, answers lost (target 0), p95 follow latency
before and after the kill.

Loopback only; every wait has a time-out; every process started is stopped by its pid. Prints a table
with the targets beside the figures and writes bench/results/class_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from browser_support import launch  # noqa: E402
from class_roles import BrowserStudent, Teacher  # noqa: E402
from class_scenario import Lesson, join, latency_summary  # noqa: E402
from class_services import start_app, start_recipe  # noqa: E402
from load_test import cpu_seconds, rss_mb  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from logreg_viz.classroom import Classroom, open_store  # noqa: E402

TARGET_P95 = 1.0  # s from the teacher's click to a student's page showing it
RESULTS = ROOT / "bench" / "results" / "class_load.json"


class Meter:
    """A server's CPU seconds and RSS, sampled now and then; peak kept."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.marks: dict[str, dict] = {}
        self.peak = 0.0

    def mark(self, name: str) -> dict:
        self.marks[name] = {"cpu_s": round(cpu_seconds(self.pid), 2), "rss_mb": round(rss_mb(self.pid), 1)}
        self.peak = max(self.peak, self.marks[name]["rss_mb"])
        return self.marks[name]

    async def sample(self, every: float = 0.5) -> None:
        while True:
            self.peak = max(self.peak, rss_mb(self.pid))
            await asyncio.sleep(every)


def names(lesson: Lesson) -> set[str]:
    return {s.name for s in lesson.students}


async def one_server(args, work: Path) -> dict:
    store = str(work / "class.sqlite3")
    app = start_app(work, store, "app")
    meter = Meter(app.pid)
    students = []
    try:
        room = Classroom(open_store(store))
        code, secret = room.start("bench")
        base = f"http://127.0.0.1:{app.port}"
        meter.mark("started")
        async with async_playwright() as p:
            browser = await launch(p)
            teacher = await Teacher.open(browser, f"{base}/?class={code}&lead={secret}")
            browsers = [await BrowserStudent.open(browser, f"{base}/?class={code}", f"b{i}") for i in range(2)]
            meter.mark("teacher and 2 browsers")
            t = time.monotonic()
            students = await join(base, code, args.students, spread=False)
            joined_s = time.monotonic() - t
            meter.mark("students joined")
            lesson = Lesson(room, code, teacher, students, browsers)
            sampler = asyncio.create_task(meter.sample())
            cpu0, t0 = cpu_seconds(app.pid), time.monotonic()
            await lesson.play(args.seconds)
            cpu_class, class_s = cpu_seconds(app.pid) - cpu0, time.monotonic() - t0
            sampler.cancel()
            meter.mark("class over")
            follow_w1 = check_w1(room, code, students)
            for s in students:
                await s.page.close()
            await asyncio.sleep(2)
            meter.mark("students gone")
            await browser.close()
        return {
            "students": args.students,
            "join_all_s": round(joined_s, 2),
            "class_s": round(class_s, 1),
            "actions": len(lesson.actions),
            "by_kind": {k: sum(a.kind == k for a in lesson.actions) for k in ("step", "next", "ask", "reveal")},
            "follow_light": latency_summary(lesson.actions, names(lesson)),
            "follow_browser": latency_summary(lesson.actions, {b.name for b in browsers}),
            "follow_light_by_kind": {
                k: latency_summary([a for a in lesson.actions if a.kind == k], names(lesson))
                for k in ("step", "next", "ask", "reveal")
            },
            "questions": lesson.questions,
            "teacher_failures": lesson.failures,
            "answer_reply": reply_summary(students),
            "teacher_click_to_effect": seconds_summary(teacher.waited),
            "w1_matches_teacher": follow_w1,
            "server": meter.marks,
            "server_peak_rss_mb": round(meter.peak, 1),
            "server_cpu_s_during_class": round(cpu_class, 1),
            "server_cpu_per_student_s_per_min": round(cpu_class / args.students / (class_s / 60), 3),
            "server_rss_per_student_mb": round(
                (meter.marks["students joined"]["rss_mb"] - meter.marks["teacher and 2 browsers"]["rss_mb"])
                / args.students,
                2,
            ),
            "light_exceptions": sum(len(s.page.exceptions) for s in students),
            "traceback_in_log": "Traceback" in app.text(),
        }
    finally:
        for s in students:
            await s.page.close()
        app.stop()


def seconds_summary(values: list[float]) -> dict:
    values = sorted(values)
    at = lambda q: round(values[min(len(values) - 1, round(q * (len(values) - 1)))], 2) if values else None  # noqa: E731
    return {"count": len(values), "p50": at(0.5), "p95": at(0.95), "max": at(1.0)}


def reply_summary(students) -> dict:
    """From pressing Send to the page's run with the reply finished, over every answer not flooded."""
    return seconds_summary([v for s in students for v in s.replies]) | {"no_reply": sum(s.unanswered for s in students)}


def check_w1(room: Classroom, code: str, students) -> dict:
    """Each light student's w1 number input against the teacher's published view."""
    view = room.snapshot(code).lead.view
    want = float(view.get("w1", "nan"))
    shown = [s.page.value("number_input", "w1") for s in students]
    same = sum(1 for v in shown if v is not None and abs(v - want) < 1e-12)
    return {"teacher_w1": want, "students_showing_it": same, "students": len(students)}


async def two_servers(args, work: Path) -> dict:
    services, students = [], []
    try:
        apps, setting, base = start_recipe(work, services)
        room = Classroom(open_store(setting))
        code, secret = room.start("bench")
        async with async_playwright() as p:
            browser = await launch(p)
            teacher = await Teacher.open(browser, f"{base}/?class={code}&lead={secret}")
            students = await join(base, code, args.students, spread=True)
            probe = (await join(base, code, 1, spread=False))[0]  # from 127.0.0.1, as the teacher's browser
            teacher_on = probe.page.upstream
            await probe.page.close()
            victim = next(a for a in apps if not teacher_on.endswith(f":{a.port}"))
            on_victim = [s for s in students if s.page.upstream.endswith(f":{victim.port}")]
            lesson = Lesson(room, code, teacher, students)
            killed = {}

            async def kill_halfway(cycle: int) -> None:
                if not killed and time.monotonic() >= halfway:
                    killed["at"], killed["actions_before"] = time.time(), len(lesson.actions)
                    victim.kill()

            halfway = time.monotonic() + args.seconds / 2
            await lesson.play(args.seconds, on_cycle=kill_halfway)
            if not killed:
                killed["at"], killed["actions_before"] = time.time(), len(lesson.actions)
                victim.kill()
            if len(lesson.actions) == killed["actions_before"]:  # the kill came at the end: one more cycle
                await lesson.play(0)
            await lesson.settle(2)
            await browser.close()
        back = sorted(
            min((t for t in s.following if t > killed["at"]), default=float("inf")) - killed["at"] for s in on_victim
        )
        before = lesson.actions[: killed["actions_before"]]
        after = lesson.actions[killed["actions_before"] :]
        return {
            "students": args.students,
            "teacher_on": teacher_on,
            "killed": f"{victim.name} ({victim.port})",
            "students_on_killed": len(on_victim),
            "students_reconnected": sum(s.page.reconnects > 0 for s in on_victim),
            "following_again_s": {
                "p50": back[len(back) // 2] if back else None,
                "p95": back[min(len(back) - 1, round(0.95 * (len(back) - 1)))] if back else None,
                "max": back[-1] if back else None,
                "never": sum(b == float("inf") for b in back),
            },
            "follow_before_kill": latency_summary(before, names(lesson)),
            "follow_after_kill": latency_summary(after, names(lesson)),
            "questions": lesson.questions,
            "teacher_failures": lesson.failures,
            "answers_lost": sum(len(q["lost"]) + len(q["sent_not_stored"]) for q in lesson.questions),
            "traceback_in_logs": {a.name: "Traceback" in a.text() for a in apps},
        }
    finally:
        for s in students:
            await s.page.close()
        for service in reversed(services):
            service.stop()


def row(what: str, value, target: str = "") -> str:
    return f"  {what:<52} {value!s:>22}   {target}"


def spread(s: dict, keys=("p50", "p95", "max")) -> str:
    """'0.31 / 0.80 / 1.20': the figures of a latency summary, in seconds."""
    return " / ".join("-" if s.get(k) is None else f"{s[k]:.2f}" for k in keys)


def report(results: dict) -> None:
    one, two = results.get("one_server"), results.get("two_servers")
    target = f"p95 ≤ {TARGET_P95}"
    if one:
        light, brw, w1 = one["follow_light"], one["follow_browser"], one["w1_matches_teacher"]
        print(f"\nOne server, {one['students']} light students + 2 browsers, {one['actions']} teacher actions")
        print(row("follow p50 / p95 / max, light (s)", spread(light), target))
        print(row("follow p50 / p95 / max, browsers (s)", spread(brw), target))
        print(row("(action, student) pairs never seen: light / browsers", f"{light['missed']} / {brw['missed']}", "0"))
        for kind, s in one["follow_light_by_kind"].items():
            print(row(f"  {kind}: p50 / p95 / max (s)", spread(s)))
        for q in one["questions"]:
            counts = f"{q['stored']} / {q['students_sent']} / {len(q['lost'])}"
            print(row(f"question {q['qid']} ({q['item']}): stored / senders / lost", counts, "n / n / 0"))
        print(row("teacher's click → its effect p50 / p95 / max (s)", spread(one["teacher_click_to_effect"])))
        reply = one["answer_reply"]
        print(row("Send → reply p50 / p95 / max (s)", spread(reply)))
        print(row("sends with no reply in 60 s", reply["no_reply"], "0"))
        print(row("students showing the teacher's w1", f"{w1['students_showing_it']} / {one['students']}", "all"))
        print(row("server CPU during the class (s)", one["server_cpu_s_during_class"]))
        print(row("server CPU per student per minute (s)", one["server_cpu_per_student_s_per_min"]))
        print(row("server RSS peak (MB)", one["server_peak_rss_mb"]))
        print(row("server RSS per student (MB)", one["server_rss_per_student_mb"]))
        print(row("teacher's actions that never took effect", len(one["teacher_failures"]), "0"))
        print(row("Traceback in the server's log", one["traceback_in_log"], "False"))
    if two:
        back, on = two["following_again_s"], f"{two['students_on_killed']} / {two['students_reconnected']}"
        before_after = f"{spread(two['follow_before_kill'], ['p95'])} / {spread(two['follow_after_kill'], ['p95'])}"
        print(f"\nTwo servers behind nginx, one killed: {two['killed']}, teacher on {two['teacher_on']}")
        print(row("students on the killed server / reconnected", on, "equal"))
        print(row("following again after the kill p50 / p95 / max (s)", spread(back)))
        print(row("never following again", back["never"], "0"))
        print(row("follow p95 before / after the kill (s)", before_after, target))
        for q in two["questions"]:
            counts = f"{q['stored']} / {q['students_sent']} / {len(q['lost'])}"
            print(row(f"question {q['qid']} ({q['item']}): stored / senders / lost", counts, "n / n / 0"))
        print(row("answers lost", two["answers_lost"], "0"))
        print(row("teacher's actions that never took effect", len(two["teacher_failures"]), "0"))
        print(row("Traceback in a server's log", two["traceback_in_logs"], "none"))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--skip-nginx", action="store_true")
    args = parser.parse_args()
    if args.students > 250:
        parser.error("--students: at most 250 (one loopback address each)")
    results = {"args": vars(args), "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    with tempfile.TemporaryDirectory(prefix="class-load-") as tmp:
        work = Path(tmp)
        (work / "one").mkdir()
        results["one_server"] = await asyncio.wait_for(one_server(args, work / "one"), args.seconds + 400)
        keep(results)
        if not args.skip_nginx:
            (work / "two").mkdir()
            results["two_servers"] = await asyncio.wait_for(two_servers(args, work / "two"), args.seconds + 400)
            keep(results)
    report(results)
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


def keep(results: dict) -> None:
    """Write what is measured so far (a later part that fails does not lose an earlier one's figures)."""
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
