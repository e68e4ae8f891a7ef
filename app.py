"""logreg-viz: the explorer page. `streamlit run app.py`

Everything shown comes from `logreg_viz`; the page (`page/`) lays it out, keeps the state in the URL,
and remembers the steps taken so Undo can go back. This file configures the page and dispatches: the
lesson first, then the section of the teaching mode on screen (`page/modes/`), then the replay.
"""

from __future__ import annotations

import os
import sys
import time

import streamlit as st

from logreg_viz.modes import section_name
from logreg_viz_components.page_components import link_check
from page import echo
from page.charts import run_history
from page.class_page import class_bar, start_of_run
from page.classroom import class_params, publish
from page.controls import controls, on_link_dropped
from page.export import export_buttons
from page.frame import check_safety_settings, configure_page, section, settle_memory
from page.lesson import banners, story
from page.lesson_ops import take_inbox
from page.modes import answers_hidden, view_of
from page.replay import replay
from page.session import init_session, session
from page.step_through import step_through
from page.widgets import read_widgets, reset_hidden_features, sync_url


def main() -> None:
    init_session()  # reads the link first, so a value it accepts is in force in this very run
    if take_inbox():  # the lesson head's Step, Undo, …: taken before anything reads the controls
        session().pop_rerun_page()  # this run is the whole page already
    presenting = read_widgets().presenter
    configure_page(presenting, fold=session().pop_fold_sidebar() or presenting)
    check_safety_settings()
    reset_hidden_features()
    start_of_run()  # a following student's page takes the teacher's view before the widgets are read
    # The widgets' values are in session state before they are drawn, so the charts are sent first
    # and the sidebar last: a changed control shows on the charts as early as possible.
    state = read_widgets()
    sync_url(state, class_params())
    with st.container(key="page_title"):
        st.title("Logistic regression, one step at a time")
    with section("class"):
        class_bar(state)
    story(state, keep_numbers=answers_hidden(state))
    args = (state.x, state.y, state.w, state.b, state.lr, state.steps, state.loss)
    with section("banners"):
        banners(state, run_history(*args))
    step_through(state)
    if own_section := view_of(state).section:
        with section(section_name(state.mode)):
            own_section(state)
    if answers_hidden(state):
        session().quiz_hiding_animation = True
        until = "the teacher reveals the answer" if session().class_question else "the quiz is done"
        st.info(f"The surface and the downloads show every derivative, so they wait until {until}.", icon="🙈")
    else:
        replay(state)
        with section("export section"):
            export_buttons(state, args)
    link_check(on_link_dropped)
    controls()
    publish(state)
    echo.drawn()  # the controls are drawn: values the server wrote are the browser's from here
    settle_memory()


if os.environ.get("LOGREG_VIZ_TIMING"):  # bench/bench_browser.py reads the script's time per rerun
    _start, _cpu = time.perf_counter(), time.thread_time()  # wall clock, and this thread's own CPU
    main()
    _ms, _cpu_ms = (time.perf_counter() - _start) * 1e3, (time.thread_time() - _cpu) * 1e3
    print(f"logreg-viz script_ms={_ms:.2f} cpu_ms={_cpu_ms:.2f}", file=sys.stderr, flush=True)
else:
    main()
