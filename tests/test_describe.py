"""Every chart in words: checked against the lecture's example worked by hand.

x = (1, 2), y = 1, w = (0.5, 0.25), b = 0: z = 1, a = σ(1) = 0.7311, L = −log a = 0.3133,
da = −1/a = −1.368, dz = a − y = −0.2689, dw = x·dz = (−0.2689, −0.5379), db = −0.2689, dx = w·dz.
"""

from __future__ import annotations

import math
import re

import numpy as np
from helpers import ROOT, sigma

from logreg_viz import batch_descend, descend, forward_backward, stochastic_descend
from logreg_viz.datasets import builtin
from logreg_viz.describe import (
    NOT_REVEALED,
    animation_description,
    dataset_description,
    graph_description,
    loss_comparison_description,
    runs_description,
    surface_description,
)
from logreg_viz.quiz import hidden_nodes, questions
from logreg_viz.state import State
from logreg_viz.stepthrough import phases

X, Y, W, B = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0
LECTURE = (
    "Computation graph (lecture view, cross-entropy loss). "
    "Forward: x1 = 1, w1 = 0.5, x2 = 2, w2 = 0.25, b = 0, z = 1, a = 0.7311, y = 1 (label), L = 0.3133. "
    "Backward: da = −1.368, dz = −0.2689, dw1 = −0.2689, dw2 = −0.5379, db = −0.2689; "
    "for the inputs: dx1 = −0.1345, dx2 = −0.06724."
)


def graph(view: str = "lecture", loss: str = "cross_entropy", w=W):
    return forward_backward(X, Y, w, B, loss, view).graph


def test_the_lecture_graph_reads_forward_then_backward_in_the_lecture_s_order():
    assert graph_description(graph()) == LECTURE
    # the graph shows dx1, dx2 only when asked to; so do its words
    assert graph_description(graph(), dx=False) == LECTURE.split("; for the inputs")[0] + "."


def test_the_expanded_graph_reads_each_product_between_dz_and_the_parameters():
    text = graph_description(graph("expanded"))
    assert "Forward: x1 = 1, w1 = 0.5, w1·x1 = 0.5, x2 = 2, w2 = 0.25, w2·x2 = 0.5, b = 0, z = 1," in text
    assert "Backward: da = −1.368, dz = −0.2689, d(w1·x1) = −0.2689, d(w2·x2) = −0.2689, dw1 = −0.2689," in text


def test_a_hidden_derivative_is_not_yet_revealed_and_its_number_is_nowhere():
    text = graph_description(graph(), hidden=frozenset({"w2", "a"}))
    assert f"dw2 = {NOT_REVEALED}" in text and f"da = {NOT_REVEALED}" in text
    assert "−0.5379" not in text and "−1.368" not in text
    assert "dw1 = −0.2689" in text  # what is not hidden still reads


def test_the_quiz_s_opening_graph_gives_no_derivative_away():
    g = graph()
    p = forward_backward(X, Y, W, B)
    hidden = hidden_nodes((n.name for n in g.nodes), questions(phases(p, X, Y, W, B, 0.1)), 0)
    text = graph_description(g, hidden)
    backward = text.split("Backward: ")[1]
    assert re.findall(r"d\w+ = ([^,;.]+)", backward) == [NOT_REVEALED] * 7
    for value in (-1.368, -0.2689, -0.5379, -0.1345, -0.06724):
        assert f"{value:.4g}".replace("-", "−") not in text


def test_the_ringed_node_and_a_stalling_sigmoid_are_said():
    assert graph_description(graph(), highlight="z").endswith(" Ringed: node z.")
    # w1 = 50: z = 50.5, a(1 − a) = e^−50.5 / (1 + e^−50.5)² ≈ 1.17·10⁻²²; with y = 0 and squared
    # error, dz = (a − y)·a(1−a) all but vanishes while a is far from y: the flat sigmoid stalls it
    slope = math.exp(-50.5) / (1 + math.exp(-50.5)) ** 2
    assert f"{slope:.3e}".startswith("1.17")
    stalled = forward_backward(X, 0.0, [50.0, 0.25], B, "squared").graph
    text = graph_description(stalled)
    assert "squared error loss" in text and text.endswith("The sigmoid is flat, a(1−a) = 1.17·10⁻²², and it stalls dz.")
    # the same flat sigmoid with a already at y = 1 is a converged run, not a stall: nothing said
    assert "flat" not in graph_description(graph(loss="squared", w=[50.0, 0.25]))
    assert "flat" not in graph_description(graph())


# One step with α = 0.5 by hand: w1 = 0.5 + 0.5·0.2689, w2 = 0.25 + 0.5·0.5379, b = 0 + 0.5·0.2689.
DZ = sigma(1.0) - 1.0
W1, W2, B1 = 0.5 - 0.5 * DZ, 0.25 - 0.5 * 2 * DZ, -0.5 * DZ
L1 = -math.log(sigma(W1 + 2 * W2 + B1))


def shown(value: float) -> str:
    return f"{value:.4g}".replace("-", "−")


def test_the_animation_reads_where_the_loss_and_every_parameter_go():
    h = descend(X, Y, W, B, lr=0.5, steps=1)
    text = animation_description(h, ("w1", "w2"))
    assert text.startswith("Animation of 1 step of gradient descent, α = 0.5, cross-entropy loss:")
    assert f"Loss over 1 step from 0.3133 to {shown(L1)};" in text
    assert f"w1 from 0.5 to {shown(W1)}, w2 from 0.25 to {shown(W2)}, b from 0 to {shown(B1)}." in text
    assert "key p" in text and "diverges" not in text


def test_a_run_that_overflows_says_from_which_step():
    h = descend([1000.0, 2000.0], 0.0, W, B, lr=1e306, steps=5)  # the first step overflows w
    k = int(np.argmax(h.diverged))
    assert k == 1 and f"overflow from step {k} on: the run diverges." in animation_description(h, ("w1", "b"))


def test_the_surface_reads_the_path_over_the_pair_it_shows():
    h = descend(X, Y, W, B, lr=0.5, steps=1)
    text = surface_description(h, ("w1", "b"))
    assert text.startswith("3-D surface of the loss L over (w1, b)")
    assert f"(w1, b) from (0.5, 0) to ({shown(W1)}, {shown(B1)}); the loss from 0.3133 to {shown(L1)}." in text


def test_the_loss_comparison_reads_loss_a_and_dz_for_both_losses():
    runs = {loss: descend(X, Y, W, B, lr=0.5, steps=1, loss=loss) for loss in ("cross_entropy", "squared")}
    text = loss_comparison_description(runs, ("w1", "w2"))
    a = sigma(1.0)
    assert f"Cross-entropy: loss from 0.3133 to {shown(L1)}, a from 0.7311 to {shown(sigma(W1 + 2 * W2 + B1))}" in text
    # squared error: L = (a − y)²/2 = 0.03616, dz = (a − y)·a(1 − a) = −0.05288
    assert f"Squared error: loss from {shown((a - 1) ** 2 / 2)} to" in text
    assert f"|dz| from {shown(abs((a - 1) * a * (1 - a)))} to" in text


def test_the_overlaid_runs_read_each_label_with_its_verdict():
    main = descend(X, Y, W, B, lr=0.5, steps=20)
    wild = descend([1000.0, 2000.0], 0.0, W, B, lr=1e306, steps=20)
    text = runs_description([("main, α = 0.5", 0, main), ("from step 3, α = 1e+306", 3, wild)], ("w1", "w2"))
    assert text.startswith("2 runs on the loss contour over (w1, w2)")
    assert "main, α = 0.5: loss from 0.3133 to" in text and text.endswith(", diverging.")
    assert ", converging; from step 3" in text


def test_the_data_set_reads_how_many_examples_of_each_label_and_both_runs():
    data = builtin("separable")
    runs = {
        "batch": batch_descend(data.X, data.y, [0.0, 0.0], 0.0, lr=0.5, steps=10),
        "sgd": stochastic_descend(data.X, data.y, [0.0, 0.0], 0.0, lr=0.5, steps=10, seed=0),
    }
    text = dataset_description(data.X, data.y, runs, example=2)
    ones = sum(1 for label in data.y if label == 1)
    assert text.startswith(
        f"{len(data.y)} examples with 2 features ({ones} with y = 1, {len(data.y) - ones} with y = 0)"
    )
    assert "for example 3 alone" in text
    # every run starts at w = 0, b = 0: a = σ(0) = ½ for every example, so the average loss is log 2
    assert f"full batch: average loss from {shown(math.log(2))} to" in text
    assert f"stochastic: average loss from {shown(math.log(2))} to" in text


def test_the_readme_s_example_of_a_chart_s_words_is_the_default_animation_s():
    quoted = re.search(r'\(e\.g\. "(Loss over [^"]+)"\)', (ROOT / "README.md").read_text().replace("\n  ", " "))
    s = State()
    history = descend(list(s.x), s.y, list(s.w), s.b, lr=s.lr, steps=s.steps, loss=s.loss)
    assert quoted and quoted.group(1) in animation_description(history, s.pair)
