import pytest

from logreg_viz.state import PRESETS, State
from logreg_viz.url import parse_query_params, to_query_params


def test_empty_url_gives_the_lecture_default_and_no_warning():
    state, warnings = parse_query_params({})
    assert state == State() and warnings == []
    assert state.x == (1.0, 2.0) and state.w == (0.5, 0.25) and state.b == 0.0 and state.y == 1.0


def test_round_trip_reproduces_the_state():
    state = State(
        n=3,
        x=(0.1, -2.5, 3.0),
        y=0.0,
        w=(1e-3, 2.0, -7.25),
        b=0.3,
        lr=0.05,
        steps=250,
        loss="squared",
        view="expanded",
        pair=("w2", "b"),
    )
    again, warnings = parse_query_params(to_query_params(state))
    assert again == state and warnings == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("x1", "abc"),
        ("x1", "nan"),
        ("w2", "inf"),
        ("b", "1e308"),
        ("y", "2"),
        ("y", "-0.1"),
        ("lr", "0"),
        ("lr", "-1"),
        ("steps", "0"),
        ("steps", "2.5"),
        ("steps", "100000"),
        ("loss", "hinge"),
        ("view", "3d"),
        ("pair", "w1,w1"),
        ("pair", "w9,b"),
        ("n", "5"),
        ("n", ""),
        ("preset", "lectur"),
        ("x1", ""),
    ],
)
def test_bad_values_warn_by_name_and_fall_back(key, value):
    state, warnings = parse_query_params({key: value})
    assert len(warnings) == 1 and key in warnings[0]
    assert state == State()


def test_unknown_keys_and_repeats_warn():
    state, warnings = parse_query_params({"foo": "1", "x1": ["3", "4"]})
    assert state.x[0] == 4.0
    assert any("foo" in w for w in warnings) and any("x1" in w and "2 times" in w for w in warnings)


def test_hostile_text_is_quoted_as_typed_and_shortened():
    _, warnings = parse_query_params({"x1": "<script>alert('x')</script>" + "a" * 10_000})
    assert warnings[0].startswith("`x1` = ` <script>alert('x')</script>aaaaaaaaaaaa… ` is not a number")
    _, warnings = parse_query_params({"hide": "yes", "presenter": "`x`"})
    assert set(warnings) == {
        "`presenter` = `` `x` `` is not 1 or 0; using 0.",
        "`hide` = ` yes ` is not 1 or 0; using 1.",
    }


def test_negative_zero_reads_as_zero():
    state, _ = parse_query_params({"b": "-0"})
    assert str(state.b) == "0.0"


def test_presets_load_and_can_be_overridden():
    state, warnings = parse_query_params({"preset": "confident_wrong", "lr": "0.5"})
    assert warnings == [] and state.y == 0.0 and state.lr == 0.5 and state.w == PRESETS["confident_wrong"].state.w


def test_feature_beyond_n_is_ignored_with_a_warning():
    state, warnings = parse_query_params({"n": "1", "x2": "3"})
    assert state.n == 1 and state.x == (1.0,) and "x2" in warnings[0]


def test_the_longest_link_the_page_writes_stays_a_few_hundred_characters():
    """Full precision (a reload reproduces the view exactly), yet short: every field at its longest."""
    from urllib.parse import parse_qs, urlencode

    v = -1.2345678901234567e-3
    longest = State(
        n=4,
        x=(v,) * 4,
        w=(v,) * 4,
        y=0.12345678901234567,
        b=v,
        lr=0.0012345678901234567,
        steps=1000,
        view="expanded",
        pair=("w1", "b"),
        mode="compare_runs",
        presenter=True,
        runs=tuple((999, 0.0012345678901234567 + i) for i in range(4)),
    )
    query = urlencode(to_query_params(longest))
    assert len(query) <= 500, len(query)
    again, warnings = parse_query_params({k: v[0] for k, v in parse_qs(query).items()})
    assert warnings == [] and again == longest
