"""Reading numbers from outside text, and quoting outside text back as the characters it is."""

import pytest
from helpers import code_spans

from logreg_viz.text import as_link_writes, parse_number, plural, quote


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", 1.0), (" -2.5e3 ", -2500.0), (".5", 0.5), ("5.", 5.0), ("-0", 0.0), ("+1E-3", 1e-3)],
)
def test_plain_numbers_read(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "nan", "inf", "1e309", "1_0", "\u0661", "²", "0x10", "1,5", "1 2", "--1"])
def test_everything_else_is_refused(text):
    assert parse_number(text) is None


def test_a_range_is_kept():
    assert parse_number("2", 0, 1) is None and parse_number("1", 0, 1) == 1.0


@pytest.mark.parametrize(
    "text",
    ["plain", "**bold**", "`tick`", "``two``", "` lead", "trail `", "![](http://h/t.png)", "$x$", "<b>", "a  b"],
)
def test_a_quote_reads_back_as_exactly_the_text(text):
    spans, outside = code_spans(quote(text))
    assert spans == [text] and outside == ""


def test_a_quote_is_one_line_and_shortened():
    assert code_spans(quote("a\nb\x00c"))[0] == ["a\ufffdb\ufffdc"]
    assert code_spans(quote("x" * 100))[0] == ["x" * 39 + "…"]
    assert quote("") == quote("   ") == "(empty)"


def test_plurals_and_values_as_a_link_writes_them():
    assert plural(1, "feature") == "1 feature" and plural(1000, "row") == "1,000 rows"
    assert plural(2, "more bad row") == "2 more bad rows"
    assert [as_link_writes(v) for v in (True, False, 0.1, ("w1", "b"), (), "lecture")] == [
        "1",
        "0",
        "0.1",
        "w1,b",
        "none",
        "lecture",
    ]
