"""Every text a figure draws reads at 4.5:1 on what it is drawn on (WCAG AA for text under 18 pt).

axe-core cannot judge text inside an SVG chart (it reports it as 'incomplete'), so the figures are
checked here, from their data: each text colour against the paper and against every box the graph
fills. The contrast formula is WCAG 2's, written out here.
"""

from __future__ import annotations

import functools
import json
import re

import pytest

from logreg_viz import batch_descend, descend, forward_backward, stochastic_descend
from logreg_viz.datasets import builtin
from logreg_viz.figures import animation, compare, dataset, graph, runs, surface3d
from logreg_viz_components.payload import figure_payload

AA_TEXT = 4.5
X, Y, W, B = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0


def rgb(colour: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, float, float]:
    """'#rrggbb', 'rgb(r,g,b)' or 'rgba(r,g,b,a)' as (r, g, b), a translucent one laid over `under`."""
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    *channels, alpha = [float(v) for v in re.findall(r"[\d.]+", colour)] + ([1.0] if "rgba" not in colour else [])
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip(channels, under, strict=True))


def luminance(colour: tuple[float, float, float]) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple, b: tuple) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_gives_wcag_s_own_examples():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast(rgb("#767676"), rgb("#ffffff")) == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert rgb("rgba(0,0,0,0.5)") == (127.5, 127.5, 127.5)


@functools.cache
def figures() -> dict[str, dict]:
    h = descend(X, Y, W, B, lr=0.5, steps=10)
    data = builtin("separable")
    batch = {
        "batch": batch_descend(data.X, data.y, [0.0, 0.0], 0.0, lr=0.5, steps=10),
        "sgd": stochastic_descend(data.X, data.y, [0.0, 0.0], 0.0, lr=0.5, steps=10, seed=0),
    }
    saturated = forward_backward(X, Y, [50.0, 0.25], B, "squared").graph  # draws the saturation flag too
    specs = {
        "graph": graph.graph_spec(saturated, "z"),
        "animation": animation.animation_spec(h, "lecture", ("w1", "w2")),
        "loss comparison": compare.loss_comparison_spec({"cross_entropy": h, "squared": h}, ("w1", "w2")),
        "runs": runs.runs_spec([("main", 0, h)], ("w1", "w2")),
        "data set": dataset.dataset_spec(data.X, data.y, batch, 0),
        "surface": surface3d.surface_spec(h, ("w1", "w2")),
    }
    return {name: json.loads(figure_payload(spec)) for name, spec in specs.items()}  # as the browser gets it


def text_colours(node: object) -> set[str]:
    """Every colour given to a font anywhere in a figure (traces' text, annotations, the template)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "textfont", "tickfont") and isinstance(value, dict) and "color" in value:
                colours = value["color"]
                found |= set(colours) if isinstance(colours, list) else {colours}
            found |= text_colours(value)
    elif isinstance(node, list):
        for value in node:
            found |= text_colours(value)
    return found


@pytest.mark.parametrize("name", ["graph", "animation", "loss comparison", "runs", "data set", "surface"])
def test_every_text_colour_reads_on_the_paper_and_on_every_box_the_graph_fills(name):
    figure = figures()[name]
    paper = rgb(figure["layout"]["template"]["layout"]["paper_bgcolor"].replace("white", "#ffffff"))
    fills = {t["fillcolor"] for t in figure["data"] if t.get("meta") in ("node boxes", "input boxes", "highlight")}
    grounds = [paper, *(rgb(fill, paper) for fill in fills)]
    assert name not in ("graph", "animation") or len(grounds) == 4  # the graph's boxes were found
    colours = text_colours(figure)
    assert colours, "no text colour found: the test would check nothing"
    for colour in colours:
        for ground in grounds:
            ratio = contrast(rgb(colour, ground), ground)
            assert ratio >= AA_TEXT, f"{name}: text {colour} on {ground} reads at {ratio:.2f}:1"
