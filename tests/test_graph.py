"""graph: the lecture's graph in both views, by hand, against central differences, and against the vectorised form.

Central differences are taken in 80-digit decimal on the lecture's formulas, so they are exact to far below
float64's resolution and independent of the code under test.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from logreg_viz import batch_forward_backward, build_graph, numerics
from logreg_viz.graph import LOSS_FORMULAS

FAST = settings(max_examples=60, deadline=None)
LOSSES = ("cross_entropy", "squared")
VIEWS = ("lecture", "expanded")

A1 = 0.7310585786300049  # σ(1)


def dec_loss_of_a(a: Decimal, y: Decimal, loss: str) -> Decimal:
    if loss == "squared":
        return (a - y) ** 2 / 2
    return -(y * a.ln() + (1 - y) * (1 - a).ln())


def dec_loss_of_z(z: Decimal, y: Decimal, loss: str) -> Decimal:
    if loss == "squared":
        return dec_loss_of_a(1 / (1 + (-z).exp()), y, loss)
    # −(y·log a + (1−y)·log(1−a)) with a = 1/(1 + e^−z) and 1 − a = 1/(1 + e^z)
    return y * (1 + (-z).exp()).ln() + (1 - y) * (1 + z.exp()).ln()


def dec_loss(x, w, b, y, loss: str) -> Decimal:
    z = sum((wi * xi for xi, wi in zip(x, w)), Decimal(0)) + b
    return dec_loss_of_z(z, y, loss)


def central_differences(x, y, w, b, loss):
    """dL/d(every leaf), dL/dz and dL/da by central differences in 60-digit decimal."""
    with localcontext() as ctx:
        ctx.prec = 80
        h = Decimal("1e-30")  # far below 1 − a even where a ≈ 1 − 1e-16, far above the 80-digit rounding
        X, W, B, Y = [Decimal(v) for v in x], [Decimal(v) for v in w], Decimal(b), Decimal(y)

        def diff(f):
            return float((f(h) - f(-h)) / (2 * h))

        out = {}
        for i in range(len(x)):
            out[f"x{i + 1}"] = diff(lambda s, i=i: dec_loss([*X[:i], X[i] + s, *X[i + 1 :]], W, B, Y, loss))
            out[f"w{i + 1}"] = diff(lambda s, i=i: dec_loss(X, [*W[:i], W[i] + s, *W[i + 1 :]], B, Y, loss))
        out["b"] = diff(lambda s: dec_loss(X, W, B + s, Y, loss))
        z = sum((wi * xi for xi, wi in zip(X, W)), Decimal(0)) + B
        out["z"] = diff(lambda s: dec_loss_of_z(z + s, Y, loss))
        a = 1 / (1 + (-z).exp())
        out["a"] = diff(lambda s: dec_loss_of_a(a + s, Y, loss))
        out["y"] = diff(lambda s: dec_loss_of_a(a, Y + s, loss))
        out["L"] = float(dec_loss(X, W, B, Y, loss))
        out["zv"], out["av"] = float(z), float(a)
        return out


def all_finite_or_inf_no_nan(graph) -> bool:
    for node in graph.nodes:
        if math.isnan(node.value) or math.isnan(node.grad):
            return False
        if any(math.isnan(e.local) for e in node.edges):
            return False
    return True


small = st.floats(-3.0, 3.0, allow_nan=False)
labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@st.composite
def examples(draw):
    n = draw(st.integers(1, 4))
    x = draw(st.lists(small, min_size=n, max_size=n))
    w = draw(st.lists(small, min_size=n, max_size=n))
    return x, draw(labels), w, draw(small)


# Shape of the graph ------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3])
def test_lecture_view_nodes_and_edges(n):
    g = build_graph([1.0] * n, 1.0, [0.5] * n, 0.0, "cross_entropy", "lecture")
    names = [node.name for node in g.nodes]
    leaves = {f"x{i + 1}" for i in range(n)} | {f"w{i + 1}" for i in range(n)} | {"b", "y"}
    assert set(names) == leaves | {"z", "a", "L"}
    assert len(names) == len(set(names)) == 2 * n + 5
    assert g.root is g["L"] and g.nodes[-1] is g.root
    assert g.view == "lecture" and g.loss == "cross_entropy"
    assert [e.parent.name for e in g["z"].edges] == [v for i in range(n) for v in (f"x{i + 1}", f"w{i + 1}")] + ["b"]
    assert [e.parent.name for e in g["a"].edges] == ["z"]
    assert [e.parent.name for e in g["L"].edges] == ["a", "y"]
    assert len(g.edges) == 2 * n + 4
    roles = {node.name: node.role for node in g.nodes}
    assert roles["x1"] == "feature" and roles["w1"] == "weight" and roles["b"] == "bias"
    assert roles["y"] == "label" and roles["L"] == "loss"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_expanded_view_nodes_and_edges(n):
    g = build_graph([1.0] * n, 0.0, [0.5] * n, 0.0, "squared", "expanded")
    products = [f"w{i + 1}x{i + 1}" for i in range(n)]
    assert [e.parent.name for e in g["z"].edges] == [*products, "b"]
    for i, name in enumerate(products):
        assert [e.parent.name for e in g[name].edges] == [f"x{i + 1}", f"w{i + 1}"]
        assert g[name].grad_name == f"d(w{i + 1}·x{i + 1})"
    assert len(g.nodes) == 3 * n + 5
    assert len(g.edges) == 3 * n + 4


@pytest.mark.parametrize("view", VIEWS)
def test_nodes_are_in_topological_order(view):
    g = build_graph([1.0, -2.0, 0.5], 0.3, [0.1, 0.2, -0.3], 0.4, "cross_entropy", view)
    seen: set[int] = set()
    for node in g.nodes:
        assert all(id(p) in seen for p in node.parents), node.name
        seen.add(id(node))
    assert [(p, c) for p, c, _ in g.edges] == [(e.parent, node) for node in g.nodes for e in node.edges]


def test_unknown_node_name_is_a_key_error():
    g = build_graph([1.0], 1.0, [1.0], 0.0, "cross_entropy", "lecture")
    with pytest.raises(KeyError):
        g["w1x1"]  # only in the expanded view


# The hand-worked example: x = (1, 2), w = (0.5, 0.25), b = 0, y = 1 ----------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_hand_example_cross_entropy(view):
    g = build_graph([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, "cross_entropy", view)
    dz = A1 - 1.0
    assert g["z"].value == 1.0
    assert g["a"].value == pytest.approx(A1, rel=1e-15)
    assert g["L"].value == pytest.approx(0.31326168751822286, rel=1e-15)
    assert g["L"].grad == 1.0
    assert g["a"].grad == pytest.approx(-1 / A1, rel=1e-15)  # −y/a + (1−y)/(1−a) with y = 1
    assert g["z"].grad == pytest.approx(dz, rel=1e-15)
    assert g["w1"].grad == pytest.approx(dz, rel=1e-15)
    assert g["w2"].grad == pytest.approx(2 * dz, rel=1e-15)
    assert g["b"].grad == pytest.approx(dz, rel=1e-15)
    assert g["x1"].grad == pytest.approx(0.5 * dz, rel=1e-15)
    assert g["x2"].grad == pytest.approx(0.25 * dz, rel=1e-15)
    assert g["y"].grad == -1.0  # ∂L/∂y = log(1−a) − log a = −z
    # local derivatives on the edges
    assert g["a"].edges[0].local == pytest.approx(A1 * (1 - A1), rel=1e-15)
    assert g["L"].edges[0].local == pytest.approx(-1 / A1, rel=1e-15)
    assert g["L"].edges[0].formula == LOSS_FORMULAS["cross_entropy"][0]
    if view == "expanded":
        assert g["w1x1"].value == 0.5 and g["w2x2"].value == 0.5
        assert g["w1x1"].grad == pytest.approx(dz, rel=1e-15)
        assert [(e.parent.name, e.local) for e in g["w2x2"].edges] == [("x2", 0.25), ("w2", 2.0)]
    else:
        locals_ = {e.parent.name: e.local for e in g["z"].edges}
        assert locals_ == {"x1": 0.5, "w1": 1.0, "x2": 0.25, "w2": 2.0, "b": 1.0}


@pytest.mark.parametrize("view", VIEWS)
def test_hand_example_squared(view):
    g = build_graph([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, "squared", view)
    r = A1 - 1.0
    dz = r * A1 * (1 - A1)
    assert g["L"].value == pytest.approx(0.5 * r * r, rel=1e-14)
    assert g["a"].grad == pytest.approx(r, rel=1e-15)
    assert g["z"].grad == pytest.approx(dz, rel=1e-14)
    assert g["w2"].grad == pytest.approx(2 * dz, rel=1e-14)
    assert g["b"].grad == pytest.approx(dz, rel=1e-14)
    assert g["y"].grad == pytest.approx(-r, rel=1e-15)


# Against central differences --------------------------------------------------------------------


@FAST
@given(case=examples(), loss=st.sampled_from(LOSSES), view=st.sampled_from(VIEWS))
@example(case=([-2.0, -3.0, 0.0, -3.0], 0.0, [-3.0, -3.0, 0.0, -3.0], 0.0), loss="cross_entropy", view="lecture")
def test_backward_matches_central_differences(case, loss, view):
    x, y, w, b = case
    g = build_graph(x, y, w, b, loss, view)
    want = central_differences(x, y, w, b, loss)
    assert g["z"].value == pytest.approx(want["zv"], rel=1e-14, abs=1e-14)
    assert g["a"].value == pytest.approx(want["av"], rel=1e-14)
    assert g["L"].value == pytest.approx(want["L"], rel=1e-12, abs=1e-15)
    for name in [*(f"x{i + 1}" for i in range(len(x))), *(f"w{i + 1}" for i in range(len(x))), "b", "z", "a", "y"]:
        assert g[name].grad == pytest.approx(want[name], rel=1e-10, abs=1e-13), name
    if view == "expanded":
        for i in range(len(x)):
            assert g[f"w{i + 1}x{i + 1}"].grad == pytest.approx(want["z"], rel=1e-10, abs=1e-13)


@FAST
@given(case=examples(), loss=st.sampled_from(LOSSES))
def test_both_views_agree_exactly(case, loss):
    x, y, w, b = case
    lecture = build_graph(x, y, w, b, loss, "lecture")
    expanded = build_graph(x, y, w, b, loss, "expanded")
    for name in ["z", "a", "L", "y", "b", *(f"{v}{i + 1}" for i in range(len(x)) for v in "xw")]:
        assert lecture[name].value == expanded[name].value, name
        assert lecture[name].grad == expanded[name].grad, name


@FAST
@given(case=examples(), loss=st.sampled_from(LOSSES), view=st.sampled_from(VIEWS))
def test_graph_matches_the_vectorised_closed_form(case, loss, view):
    """The graph (scalar, node by node) against numerics' array functions and the batch code with m = 1."""
    x, y, w, b = case
    g = build_graph(x, y, w, b, loss, view)
    Z = np.array([g["z"].value])
    dL_da, da_dz, dz = numerics.grads_array(Z, y, loss)
    # same z, so agreement to an ulp or two, except that a − y cancels where a ≈ y for a fractional y: there
    # math.exp and np.exp differing in the last bit of σ leave an absolute difference of ~1e-16 in a − y
    abs_r = 0.0 if y in (0.0, 1.0) else 4e-16
    L = numerics.loss_array(Z, y, loss)[0]
    assert g["a"].value == pytest.approx(numerics.sigmoid_array(Z)[0], rel=1e-15)
    assert g["L"].value == pytest.approx(L, rel=1e-14, abs=math.sqrt(2 * L) * abs_r + 1e-300)
    assert g["L"].edges[0].local == pytest.approx(dL_da[0], rel=1e-14, abs=abs_r)
    assert g["a"].edges[0].local == pytest.approx(da_dz[0], rel=1e-15)
    assert g["z"].grad == pytest.approx(dz[0], rel=1e-14, abs=abs_r + 1e-300)
    # the batch code sums w·x with numpy: z may differ in its last bits, and everything after it with z
    p = batch_forward_backward([x], [y], w, b, loss)
    assert g["z"].value == pytest.approx(p.z[0], rel=1e-14, abs=1e-14)
    assert g["L"].value == pytest.approx(p.loss, rel=1e-12, abs=1e-14)
    assert g["z"].grad == pytest.approx(p.db, rel=1e-12, abs=1e-14)
    for i in range(len(x)):
        assert g[f"w{i + 1}"].grad == pytest.approx(p.dw[i], rel=1e-12, abs=1e-14)


# Saturation and overflow ------------------------------------------------------------------------


@pytest.mark.parametrize("z", [40.0, -40.0, 800.0, -800.0])
@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("view", VIEWS)
def test_saturated_graph_has_no_nan(z, y, loss, view):
    g = build_graph([2.0, 1.0], y, [z / 4, z / 2], 0.0, loss, view)  # z = 2·z/4 + z/2
    assert g["z"].value == z
    assert all_finite_or_inf_no_nan(g)
    assert math.isfinite(g["L"].value)
    with localcontext() as ctx:  # dz = a − y (or (a − y)·a(1 − a)) to 400 digits, then rounded once
        ctx.prec = 400
        a = 1 / (1 + (-Decimal(z)).exp())
        r = a - Decimal(y)
        want_dz = float(r if loss == "cross_entropy" else r * a * (1 - a))
    assert g["z"].grad == pytest.approx(want_dz, rel=1e-15, abs=1e-300)
    if want_dz != 0.0:
        assert g["w1"].grad == pytest.approx(2 * want_dz, rel=1e-15)


def test_undefined_logit_is_the_worst_case_not_nan():
    # w1·x1 = +∞ and w2·x2 = −∞ from finite inputs: z = ∞ − ∞ is taken as the logit that costs the most
    for view in VIEWS:
        g = build_graph([1e10, 1e10], 1.0, [1e300, -1e300], 0.0, "cross_entropy", view)
        assert g["z"].value == -math.inf
        assert g["L"].value == math.inf
        assert g["z"].grad == -1.0
        assert all_finite_or_inf_no_nan(g)
        g = build_graph([1e10, 1e10], 0.0, [1e300, -1e300], 0.0, "squared", view)
        assert g["z"].value == math.inf
        assert g["L"].value == 0.5
        assert all_finite_or_inf_no_nan(g)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([math.nan], 1.0, [1.0], 0.0, "cross_entropy", "lecture"), r"^x\[0\] must"),
        (([1.0], 2.0, [1.0], 0.0, "cross_entropy", "lecture"), r"^y must"),
        (([1.0], 1.0, [math.nan], 0.0, "cross_entropy", "lecture"), r"^w\[0\] must"),
        (([1.0], 1.0, [1.0], None, "cross_entropy", "lecture"), r"^b must"),
        (([1.0, 2.0], 1.0, [1.0], 0.0, "cross_entropy", "lecture"), r"^x and w must have the same length"),
        (([1.0], 1.0, [1.0], 0.0, "hinge", "lecture"), r"^loss must be one of"),
        (([1.0], 1.0, [1.0], 0.0, "cross_entropy", "sideways"), r"^view must be one of"),
        (([10**400], 1.0, [1.0], 0.0, "cross_entropy", "lecture"), r"^x\[0\] must"),
    ],
)
def test_build_graph_checks_its_arguments(args, match):
    # it used to build from anything: NaN in, NaN out; None or a str raised TypeError; an unknown loss, KeyError
    with pytest.raises(ValueError, match=match):
        build_graph(*args)


def test_build_graph_takes_the_infinite_parameters_of_a_diverged_row():
    for view in VIEWS:
        g = build_graph([1.0, 2.0], 0.0, [math.inf, -math.inf], math.inf, "cross_entropy", view)
        assert g["z"].value == math.inf and g["z"].grad == 1.0
        assert all_finite_or_inf_no_nan(g)
