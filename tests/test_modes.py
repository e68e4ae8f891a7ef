"""The mode registry: the core's metadata and the page's drawing agree, and the URL and the sidebar
read them; the named choices (losses, views, data sets, parameters) have one source."""

import sys

from helpers import ROOT

from logreg_viz import datasets, surface, validate
from logreg_viz.choices import DATA_SETS, LOSS_LABELS, VIEW_LABELS
from logreg_viz.modes import MODE_LABELS, MODES, section_name
from logreg_viz.state import State, param_names
from logreg_viz.url import FIELDS, MODE_PARAMS, parse_query_params, to_query_params

sys.path.insert(0, str(ROOT))
from page.modes import VIEWS, answers_hidden


def test_the_core_and_the_page_name_the_same_modes_in_the_same_order():
    assert list(VIEWS) == list(MODES) == list(MODE_LABELS)
    assert all(key == mode.key for key, mode in MODES.items())


def test_a_mode_that_hides_answers_says_when_they_are_still_pending():
    for key, mode in MODES.items():
        assert mode.hides_answers == (VIEWS[key].answers_pending is not None), key
    assert answers_hidden(State(mode="explore", hide=True)) is False
    assert answers_hidden(State(mode="quiz", hide=False)) is False


def test_every_url_key_a_mode_owns_is_read_and_written():
    owned = [key for mode in MODES.values() for key in mode.url_keys]
    assert len(owned) == len(set(owned))  # no key belongs to two modes
    assert set(owned) == set(MODE_PARAMS) and set(owned) <= set(FIELDS)


def test_a_modes_keys_are_in_the_link_only_in_that_mode():
    full = State(eps=1e-2, hide=False, runs=((10, 3.0),), data="outlier")
    written = {mode: set(to_query_params(State(**{**full.__dict__, "mode": mode}))) for mode in MODES}
    assert written["explore"] & {"mode", "eps", "hide", "runs", "data"} == set()
    assert written["nudge"] & {"eps", "hide", "runs", "data"} == {"eps"}
    assert written["quiz"] & {"eps", "hide", "runs", "data"} == {"hide"}
    assert written["compare_runs"] & {"eps", "hide", "runs", "data"} == {"runs"}
    assert written["dataset"] & {"eps", "hide", "runs", "data"} == {"data"}
    assert written["compare_losses"] & {"eps", "hide", "runs", "data"} == set()
    # a key left out when it says nothing: hiding (the quiz's default), no branches
    assert "hide" not in to_query_params(State(mode="quiz"))
    assert State().hide is True and to_query_params(State(mode="quiz", hide=False))["hide"] == "0"
    assert "runs" not in to_query_params(State(mode="compare_runs"))
    assert parse_query_params({"mode": "quiz", "hide": "1"})[0].hide is True


def test_a_section_is_named_by_its_label():
    assert section_name("compare_runs") == "compare runs section"
    assert section_name("quiz") == "predict, then reveal section"


def test_losses_views_data_sets_and_parameters_have_one_source():
    assert validate.LOSSES == tuple(LOSS_LABELS) == ("cross_entropy", "squared")
    assert validate.VIEWS == tuple(VIEW_LABELS) == ("lecture", "expanded")
    assert datasets.BUILTIN == DATA_SETS == ("separable", "overlapping", "outlier")
    assert param_names is surface.param_names and param_names(2) == ["w1", "w2", "b"]
