"""engine: hand-checkable graphs built from leaf/mul/add, gradient accumulation, order, and 0·∞."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz import engine
from logreg_viz.engine import Edge, Node, add, backpropagate, leaf, mul, times, topological_sort, trace

FAST = settings(max_examples=80, deadline=None)
values = st.floats(-10.0, 10.0, allow_nan=False)


def x_times_y_plus_x(x: float, y: float) -> tuple[Node, Node, Node, Node]:
    """f = x·y + x: the leaf x feeds both the product and the sum."""
    X, Y = leaf("x", x, "feature"), leaf("y", y, "weight")
    p = mul(X, Y, "p")
    f = add([p, X], "f")
    return X, Y, p, f


def test_node_used_twice_accumulates_its_gradient():
    X, Y, p, f = x_times_y_plus_x(3.0, -2.0)
    backpropagate(f)
    assert f.value == -3.0  # 3·(−2) + 3
    assert f.grad == 1.0
    assert p.grad == 1.0
    assert X.grad == -1.0  # ∂f/∂x = y + 1: −2 through the product, +1 straight into the sum
    assert Y.grad == 3.0  # ∂f/∂y = x


def test_same_node_twice_in_one_product():
    X = leaf("x", 3.0, "feature")
    s = mul(X, X, "s")
    backpropagate(s)
    assert s.value == 9.0
    assert X.grad == 6.0  # d(x²)/dx = 2x, one x from each edge
    assert [e.parent for e in s.edges] == [X, X]


def test_diamond_by_hand():
    # u = x·y, v = u + y, f = u·v = x²y² + xy²
    X, Y = leaf("x", 2.0, "feature"), leaf("y", 3.0, "weight")
    u = mul(X, Y, "u")
    v = add([u, Y], "v")
    f = mul(u, v, "f")
    backpropagate(f)
    assert (u.value, v.value, f.value) == (6.0, 9.0, 54.0)
    assert u.grad == 15.0  # v + u
    assert v.grad == 6.0  # u
    assert X.grad == 45.0  # 2xy² + y²
    assert Y.grad == 36.0  # 2x²y + 2xy


@FAST
@given(x=values, y=values)
def test_diamond_against_closed_form(x, y):
    X, Y = leaf("x", x, "feature"), leaf("y", y, "weight")
    u = mul(X, Y, "u")
    f = mul(u, add([u, Y], "v"), "f")
    backpropagate(f)
    assert f.value == pytest.approx(x * x * y * y + x * y * y, rel=1e-12, abs=1e-12)
    assert X.grad == pytest.approx(2 * x * y * y + y * y, rel=1e-12, abs=1e-12)
    assert Y.grad == pytest.approx(2 * x * x * y + 2 * x * y, rel=1e-12, abs=1e-12)


@FAST
@given(x=values, y=values, k=st.integers(1, 6))
def test_sum_of_repeated_products_against_central_difference(x, y, k):
    """f = Σ_{i<k} x·y + x·x: x appears k + 2 times; central differences of the same expression in floats."""

    def f(x: float, y: float) -> float:
        return sum(x * y for _ in range(k)) + x * x

    X, Y = leaf("x", x, "feature"), leaf("y", y, "weight")
    root = add([*(mul(X, Y, f"p{i}") for i in range(k)), mul(X, X, "q")], "f")
    backpropagate(root)
    h = 1e-6
    assert X.grad == pytest.approx((f(x + h, y) - f(x - h, y)) / (2 * h), rel=1e-6, abs=1e-6)
    assert Y.grad == pytest.approx((f(x, y + h) - f(x, y - h)) / (2 * h), rel=1e-6, abs=1e-6)
    assert X.grad == pytest.approx(k * y + 2 * x, rel=1e-12, abs=1e-12)


def test_backpropagate_resets_gradients_before_each_run():
    X, Y, _, f = x_times_y_plus_x(3.0, -2.0)
    backpropagate(f)
    backpropagate(f)
    assert X.grad == -1.0
    assert Y.grad == 3.0


def test_backpropagate_returns_the_topological_order():
    X, Y, p, f = x_times_y_plus_x(3.0, -2.0)
    assert backpropagate(f) == [X, Y, p, f]


def test_topological_sort_is_depth_first_over_ordered_edges():
    X, Y, p, f = x_times_y_plus_x(1.0, 1.0)
    assert topological_sort(f) == [X, Y, p, f]
    # the same graph always gives the same list
    assert topological_sort(f) == topological_sort(f)
    assert topological_sort(p) == [X, Y, p]
    assert topological_sort(X) == [X]


def test_topological_sort_lists_each_node_once_with_parents_first():
    a, b, c = leaf("a", 1.0, "feature"), leaf("b", 2.0, "feature"), leaf("c", 3.0, "feature")
    ab = mul(a, b, "ab")
    bc = mul(b, c, "bc")
    s = add([ab, bc, a, ab], "s")
    root = mul(s, bc, "root")
    order = topological_sort(root)
    assert len(order) == len({id(n) for n in order}) == 7  # a, b, c, ab, bc, s, root
    position = {id(n): k for k, n in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert order[-1] is root


def test_long_chain_does_not_recurse():
    x = leaf("x", 2.0, "feature")
    t = x
    for k in range(5000):
        t = add([t], f"t{k}")
    order = backpropagate(t)
    assert len(order) == 5001
    assert x.grad == 1.0
    assert t.value == 2.0


def test_wide_fan_in_accumulates():
    x = leaf("x", 0.5, "feature")
    total = add([x] * 1000, "s")
    backpropagate(total)
    assert total.value == 500.0
    assert x.grad == 1000.0


def test_edges_carry_local_derivatives_and_formulas():
    X, Y = leaf("x", 3.0, "feature"), leaf("w", -2.0, "weight")
    p = mul(X, Y, "wx", "d(w·x)")
    assert p.op == "mul"
    assert p.grad_name == "d(w·x)"
    assert [(e.parent, e.local, e.formula) for e in p.edges] == [(X, -2.0, "w"), (Y, 3.0, "x")]
    s = add([p, X], "s")
    assert s.op == "add"
    assert s.grad_name == "ds"
    assert [(e.parent, e.local, e.formula) for e in s.edges] == [(p, 1.0, "1"), (X, 1.0, "1")]
    assert s.parents == (p, X)


def test_leaf_defaults():
    node = leaf("w2", 3, "weight")
    assert (node.name, node.value, node.op, node.role, node.grad_name, node.edges) == (
        "w2",
        3.0,
        "leaf",
        "weight",
        "dw2",
        (),
    )
    assert isinstance(node.value, float)
    assert leaf("b", 0.0, "bias", "db!").grad_name == "db!"
    assert Node("n", 1.0).role == "hidden"


def test_times_zero_stops_the_flow():
    assert times(0.0, math.inf) == 0.0
    assert times(math.inf, 0.0) == 0.0
    assert times(-0.0, -math.inf) == 0.0
    assert times(0.0, math.nan) == 0.0
    assert times(2.0, 3.0) == 6.0
    assert times(-2.0, math.inf) == -math.inf


def test_zero_times_infinity_in_a_graph_is_never_nan():
    zero, inf = leaf("z", 0.0, "feature"), leaf("i", math.inf, "weight")
    p = mul(zero, inf, "p")
    assert p.value == 0.0
    backpropagate(p)
    assert zero.grad == math.inf  # ∂(z·i)/∂z = i
    assert inf.grad == 0.0  # ∂(z·i)/∂i = z = 0, so nothing flows, not 1·0 … and never ∞·0
    downstream = mul(p, leaf("k", 0.0, "weight"), "q")
    backpropagate(downstream)
    assert p.grad == 0.0
    assert zero.grad == 0.0  # 0 upstream × ∞ local = 0
    assert not any(math.isnan(n.grad) or math.isnan(n.value) for n in topological_sort(downstream))


def test_backward_rule_replaces_the_edge_products():
    x = leaf("x", 2.0, "feature")
    y = Node("y", 4.0, "square", (Edge(x, 999.0, "wrong on purpose"),))

    def rule(node: Node) -> None:
        x.grad += node.grad * 2 * x.value

    y.backward_rule = rule
    backpropagate(y)
    assert x.grad == 4.0


def test_trace_lists_every_edge_once_child_after_parent():
    X, Y, p, f = x_times_y_plus_x(3.0, -2.0)
    nodes, edges = trace(f)
    assert nodes == [X, Y, p, f]
    assert [(parent, child) for parent, child, _ in edges] == [(X, p), (Y, p), (p, f), (X, f)]
    assert all(edge.parent is parent for parent, _, edge in edges)


def test_module_exports():
    assert engine.leaf is leaf and engine.mul is mul and engine.add is add
