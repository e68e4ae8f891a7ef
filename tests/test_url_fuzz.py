"""Hostile links: every query parameter with hostile values warns by name, falls back to the default,
and the page rewrites the address to the clean state; nothing from the URL reaches the page unescaped."""

from __future__ import annotations

import re

import pytest
from helpers import APP, charts, check_plain_message, code_spans, failures, node_texts, shown, sigma
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from logreg_viz.state import MAX_N, PRESETS, State
from logreg_viz.url import parse_query_params, to_query_params

KEYS = [
    "n",
    *(f"x{i}" for i in range(1, MAX_N + 1)),
    *(f"w{i}" for i in range(1, MAX_N + 1)),
    "y",
    "b",
    "lr",
    "steps",
    "loss",
    "view",
    "pair",
    "mode",
    "eps",
    "presenter",
    "hide",
    "data",
    "runs",
    "preset",
]
HOSTILE = [
    "",
    " ",
    "abc",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e308",
    "-1e308",
    "1e-320",
    "0x10",
    "1_000",
    "²",
    "10" * 5000,  # 10 KB
    "<script>alert('x')</script>",
    "\"'><img src=x onerror=alert(1)>",
    "`rm -rf`",
    "a\n\n# a heading\n\n[link](javascript:alert(1))",
    "**bold** $x^2$ :red[red]",
    "\x00\x1b[31m",
    "%3Cscript%3E",
    "w1,w1",
    "10@0;0@3",
    ";;;",
]


def check_safe(warning: str, *quoted: str) -> None:
    """A warning is one line of markdown in which everything from the link sits in a code span, quoted
    exactly as given (shortened past 40 characters): nothing markdown, maths or HTML could act on."""
    check_plain_message(warning, list(quoted))
    own_words = code_spans(warning)[1]
    assert "&lt;" not in own_words and "&amp;" not in own_words  # escaped once, by markdown, not twice
    assert "False" not in own_words and "True" not in own_words  # defaults as a link writes them: 0, 1
    assert len(warning) < 400


def check_clean(state: State) -> None:
    """The address written back reads with no warning and reproduces the same view. (A setting that
    only one mode uses, like ε outside nudge mode, is left out of the address.)"""
    params = to_query_params(state)
    again, warnings = parse_query_params(params)
    assert warnings == [] and to_query_params(again) == params


@pytest.mark.parametrize("key", KEYS)
def test_every_parameter_with_every_hostile_value_warns_by_name_or_is_a_valid_value(key):
    for value in HOSTILE:
        state, warnings = parse_query_params({key: value})
        for warning in warnings:
            check_safe(warning, value)
        check_clean(state)
        if warnings:
            assert len(warnings) == 1 and f"`{key}`" in warnings[0], (key, value, warnings)
            assert state == State(), (key, value)  # the default stands in
        elif state != State():  # only a plain number in range for a numeric key gets through: a subnormal
            assert value == "1e-320" and key in {"x1", "x2", "w1", "w2", "b", "y"}, (key, value, state)
        else:  # or a way of writing the default: no branches
            assert key == "runs" and value in ("", " ", ";;;"), (key, value)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_name_misspelled_warns_and_renders_the_default(name):
    misspellings = {name[:-1], name + "s", name.upper(), " " + name, name.replace("_", "-"), name[1:] + name[0]}
    for wrong in misspellings - set(PRESETS):
        state, warnings = parse_query_params({"preset": wrong})
        assert state == State() and len(warnings) == 1 and "`preset`" in warnings[0] and name in warnings[0]
        check_safe(warnings[0])


def test_repeated_and_unknown_keys_warn_and_the_last_value_wins():
    state, warnings = parse_query_params({"lr": ["0.5", "nan", "0.2"], "<b>": "1", "": "2"})
    assert state.lr == 0.2
    assert any("` lr `" in w and "3 times" in w for w in warnings)
    assert any("` <b> `" in w for w in warnings) and any("parameter (empty) ignored" in w for w in warnings)
    for warning in warnings:
        check_safe(warning)


texts = st.text(max_size=60) | st.sampled_from(HOSTILE) | st.floats().map(repr)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=12), texts | st.lists(texts, max_size=3), max_size=8))
def test_any_query_string_parses_without_error_to_a_clean_state(params):
    state, warnings = parse_query_params(params)
    for warning in warnings:
        check_safe(warning)
    check_clean(state)


# The page itself -----------------------------------------------------------------------------------

HOSTILE_LINKS = [
    {"x1": "nan", "w2": "inf", "lr": "1e308", "steps": "-0"},
    {"b": "10" * 5000, "y": "<script>alert('x')</script>"},
    {"loss": "\"'><img src=x onerror=alert(1)>", "view": "`x`", "mode": "a\n\n# big"},
    {"n": "9", "x4": "1", "pair": "w9,b", "eps": "0.3"},
    {"presenter": "yes", "hide": "2", "data": "../../etc/passwd", "runs": "1@nan"},
    {"preset": "lectur", "zz": "1", "%3Cb%3E": "x"},
    {"x1": ["1", "2", "abc"], "mode": ["quiz", "nudge"]},
]


def run(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


@pytest.mark.parametrize("params", HOSTILE_LINKS, ids=lambda p: ",".join(p)[:40])
def test_a_hostile_link_warns_renders_defaults_and_rewrites_the_address(params):
    at = run(params)
    assert not at.exception and not failures(at)
    warnings = [w.value for w in at.warning]
    for key, value in params.items():
        if isinstance(value, list):
            value = value[-1]
        named = f"`{key}`" if key.isprintable() else None
        if value not in ("quiz", "nudge", "1") and named:
            assert any(named in w or f"` {key} `" in w for w in warnings), (key, warnings)
    for warning in warnings:
        check_safe(warning)
    fwd, _ = node_texts(charts(at)[0])
    assert f"a = {shown(sigma(1.0))}" in fwd  # the lecture's example, x1 = 1 and x2 = 2 kept
    clean = {k: at.query_params[k] for k in at.query_params}
    state, again = parse_query_params(clean)
    assert again == [] and clean == to_query_params(state)  # the address is the clean state, nothing else
    # no URL text reaches raw HTML: st.html carries only the page's own static CSS
    for element in at.get("html"):
        body = element.proto.body
        assert not re.search(r"script|onerror|img|passwd|big", body)
