"""Predict, then reveal: the class predicts da, dz, dw, db and the updated parameters one at a time;
with `hide` on, the graph keeps every derivative back until it has been predicted."""

from __future__ import annotations

import streamlit as st

from logreg_viz.display import fmt
from logreg_viz.quiz import Progress, answer, hidden_nodes, progress_for, question_count, questions
from logreg_viz.state import State
from logreg_viz.stepthrough import Phase
from logreg_viz.text import quote

from ..session import session
from .base import Lesson, ModeView


def progress(state: State) -> Progress:
    """This example's place in the quiz (started over when the example or the parameters change)."""
    ss = session()
    ss.quiz = progress_for(ss.quiz, (state.x, state.y, state.w, state.b, state.lr, state.loss))
    return ss.quiz


def answers_pending(state: State) -> bool:
    """With hidden values, while some are still to be predicted."""
    return state.hide and progress(state).index < question_count(state.n, state.dx)


def hidden(state: State, lesson: Lesson) -> frozenset[str]:
    """Every node whose derivative the class has not yet predicted (none when nothing is hidden, or
    once every answer is in)."""
    if not answers_pending(state):
        return frozenset()
    return hidden_nodes((n.name for n in lesson.p.graph.nodes), questions(lesson.walk), progress(state).index)


def check_guess(state: State, items: list[Phase]) -> None:
    """The Check button: read the typed number, mark it, move on."""
    ss = session()
    ss.quiz, right = answer(progress(state), items, str(st.session_state.get("quiz_guess", "")))
    if right is not None:
        score = ss.quiz_score
        ss.quiz_score = (score[0] + int(right), score[1] + 1)


def render(state: State, lesson: Lesson) -> None:
    """Predict, then reveal: the score, the last answer marked, the next question."""
    items = questions(lesson.walk)
    now = progress(state)
    right, asked = session().quiz_score
    st.markdown(f"**Predict, then reveal** · score this session: **{right} / {asked}**")
    last = now.last
    if last and last[0] == "unreadable":
        st.warning(f"{quote(last[2])} is not a number: type one such as -0.27 or 1.5e-3.")
    elif last:
        verdict, name, guess, latex = last
        if verdict == "right":
            st.success(f"Right: you said {fmt(guess)}.", icon="✅")
        else:
            st.error(f"Not quite: you said {fmt(guess)}. Here is how {name} is worked out:", icon="✖️")
        st.latex(latex)
    if now.index < len(items):
        item = items[now.index]
        with st.form("quiz_form", clear_on_submit=True):
            st.text_input(
                f"Question {now.index + 1} of {len(items)}: {item.name} = ?",
                key="quiz_guess",
                placeholder="a number, e.g. -0.27",
            )
            st.form_submit_button("Check", on_click=check_guess, args=(state, items), type="primary")
    else:
        st.info("Every value revealed. Take the step (Step, key s) and predict the next one.", icon="🎓")
        if session().pop_quiz_hiding_animation():
            st.rerun(scope="app")  # the animation below kept the answers away until now: bring it back


VIEW = ModeView(with_graph=render, hidden=hidden, answers_pending=answers_pending)
