"""What every run of the page needs around the lesson: the page's configuration and CSS, the check of
the server's promised settings, memory settled once, and `section()`, a part that fails alone."""

from __future__ import annotations

import contextlib
import gc
import logging
import sys

import streamlit as st

from logreg_viz.safety import safety_problems

# Static page CSS (no user data ever reaches it): less padding around the main column, so the graph
# gets the width it needs at 1280×720 and the first chart shows without scrolling on a projector.
# Then what WCAG asks and Streamlit's defaults miss, in the theme's own text colour so the dark theme
# reads too: captions at 75 % opacity, not 60 % (3.9:1 on white, under the 4.5:1 small text needs;
# 6:1 now); a button's shortcut key as opaque as its label; and a focus ring a keyboard user sees
# on every control (Streamlit's is a faint halo on buttons and a 1 px border tint on fields). The
# ring is #0072B2, the light theme's primary colour: 5.2:1 on white, 3.6:1 on the dark theme's
# background. A field's box (its input's parent) carries the ring, which the input's own would be
# clipped by; a radio's, a toggle's or a slider's own input is invisible, so its label or the
# slider's thumb carries it. The ring wins over plotly.js's own 1 px one (hence !important).
# tests/test_accessibility.py checks all of it with axe-core and by tabbing through the page.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding: 3rem 1.5rem 3rem 1.5rem; max-width: none;}
.st-key-page_title h1 {font-size: 2rem; padding: 0;}
@media (max-width: 640px) {[data-testid="stMainBlockContainer"] {padding: 3rem 0.75rem 3rem 0.75rem;}
  .st-key-page_title h1 {font-size: 1.6rem;}}
[data-testid="stApp"] [data-testid="stCaptionContainer"] {opacity: 0.75;}
[data-testid="stApp"] button:enabled kbd {opacity: 1;}
[data-testid="stApp"] :focus-visible {outline: 3px solid #0072B2 !important; outline-offset: 2px;}
[data-testid="stApp"] :is(input, textarea):focus-visible {outline: none !important;}
[data-testid="stApp"] :has(> :is(input:not([type="range"], [type="radio"], [type="checkbox"]), textarea):focus-visible),
[data-testid="stApp"] :has(> * > input[type="range"]:focus-visible),
[data-testid="stApp"] label:has(input:is([type="radio"], [type="checkbox"]):focus-visible) {
  outline: 3px solid #0072B2; outline-offset: 2px;}
</style>"""
# Presenter mode: type that reads from the back of a room (the charts' own text is set in px).
PRESENTER_CSS = """<style>
[data-testid="stMain"] {font-size: 1.3rem;}
.st-key-page_title h1 {font-size: 2.6rem;}
[data-testid="stMain"] .katex {font-size: 1.6em;}
[data-testid="stMain"] :is(p, li, label, td, th) {font-size: 1.25rem;}
[data-testid="stMain"] [data-testid="stCaptionContainer"] :is(p, span) {font-size: 1.15rem;}
[data-testid="stMain"] button p {font-size: 1.25rem;}
[data-testid="stMain"] button kbd {font-size: 1rem;}
[data-testid="stMain"] [data-testid="stCode"] code {font-size: 1.1rem;}
.st-key-class_invite h1 {font-size: 5rem;}
[data-testid="stMain"] [data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 1.1rem;}
</style>"""
SECTION_FAILED = "could not be drawn for these settings"

log = logging.getLogger("logreg_viz.app")
if not log.handlers:  # the teacher's console: a failed section's traceback, with the time
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def configure_page(presenting: bool, fold: bool) -> None:
    """The page's title, icon and width; the sidebar folded for a presenter; the page's CSS."""
    st.set_page_config(
        page_title="logreg-viz · one gradient step at a time",
        page_icon="📉",
        layout="wide",
        initial_sidebar_state="collapsed" if fold else "auto",
    )
    st.html(PAGE_CSS + (PRESENTER_CSS if presenting else ""))


def note(text: str) -> None:
    """A side note: small grey type on a screen, the page's own (large) type in presenter mode, where
    small type cannot be read from the back of the room."""
    if st.session_state.get("presenter"):
        st.markdown(text)
    else:
        st.caption(text)


@contextlib.contextmanager
def section(what: str):
    """A part of the page that fails alone: the learner reads a short message and the rest of the page
    still works; the traceback goes to the server's log for the teacher, never to the page.
    (Streamlit's rerun and stop signals are BaseExceptions and pass through.)"""
    try:
        yield
    except Exception:
        log.exception("the %s failed", what)
        st.error(
            f"The {what} {SECTION_FAILED} — the rest of the page still works. Try other settings or "
            "Reset; the details are in the server's log.",
            icon="🧯",
        )


@st.cache_resource(show_spinner=False)
def settings_problems() -> tuple[str, ...]:
    """The classroom settings in force that differ from the README's promises: checked and logged once."""
    problems = tuple(safety_problems(st.get_option))
    for problem in problems:
        log.warning("unsafe setting: %s (see .streamlit/config.toml and the README)", problem)
    return problems


def check_safety_settings() -> None:
    """Say on the page, to the teacher, which promised settings are not in force."""
    if problems := settings_problems():
        st.warning(
            "**This server is not set up as the README promises** — check `.streamlit/config.toml` "
            "(the server's console says if it could not be read): " + "; ".join(problems) + ".",
            icon="⚠️",
        )


@st.cache_resource(show_spinner=False)
def settle_memory() -> bool:
    """Once per server process, after the first page has imported everything: move every object
    alive now (the libraries, mostly) out of the garbage collector's sight. Streamlit's full
    collection after each rerun is off (config), and Python's own full collections then scan only
    what the lessons create, a few ms instead of about 0.1 s holding up every session."""
    gc.collect()
    gc.freeze()
    return True
