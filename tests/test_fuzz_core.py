"""Core fuzzing: hypothesis over every public entry point that takes numbers, with hostile values.

The contract checked here for each call: it either raises ValueError whose message names (before
"must") an argument that was given wrong, or it returns numbers that are finite or ±∞ — never NaN —
with the flags telling where ±∞ came from (History.diverged, Pass.saturated, …). No other exception
may escape, and a valid call must not be refused; nor may a numpy RuntimeWarning (the core goes to
±∞ silently, on purpose). `parse_query_params` never raises at all, `fmt` never prints nan, the data
set readers raise DatasetError only, and `numerics` is never NaN on its domain (z any float but NaN,
y in [0, 1]: it is only ever called with checked values).

Every strategy draws a value together with whether it is valid, so the oracle knows the outcome to
expect without recomputing the function; about nine draws in ten are valid, so that most calls get
past the checks. Floats come from anywhere (NaN, ±∞, subnormals, ±1e308, the largest float), next to
ints, huge ints, bools, None, strings, nested lists and numpy arrays of 0 to 70 elements (the limit
is 64). Steps that would actually run are kept at 200 or fewer so the file stays fast; huge invalid
ones must be refused at once. Derandomized, with no example database: CI runs the same 7 600
examples every time (`--hypothesis-show-statistics` shows how many each test got past the checks).
"""

from __future__ import annotations

import dataclasses
import math
import re
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from logreg_viz import (
    MAX_STEPS,
    Node,
    backpropagate,
    batch_descend,
    batch_forward_backward,
    build_graph,
    descend,
    forward_backward,
    gradient_step,
    loss_grid,
    nudge,
    param_names,
    stochastic_descend,
    topological_sort,
    trace,
    trajectory_ranges,
)
from logreg_viz import numerics as nx
from logreg_viz.datasets import MAX_ROWS, DatasetError, builtin, read_csv, with_point
from logreg_viz.display import fmt, fmt_latex, fmt_paren
from logreg_viz.engine import Edge
from logreg_viz.nudge import nudge_table
from logreg_viz.quiz import is_close, parse_guess
from logreg_viz.state import (
    DATA_CHOICES,
    EPS_CHOICES,
    LOSS_LABELS,
    LR_RANGE,
    MAX_BRANCHES,
    MAX_N,
    MAX_PAGE_STEPS,
    MODE_LABELS,
    VALUE_RANGE,
    VIEW_LABELS,
    State,
)
from logreg_viz.url import parse_query_params
from logreg_viz.validate import MAX_FEATURES
from logreg_viz.verdict import verdict

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


def fuzz(n: int) -> settings:
    """n derandomized examples, no deadline, no example database: the same cases on every run."""
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


LOSSES = ("cross_entropy", "squared")
VIEWS = ("lecture", "expanded")
MAX_RUN_STEPS = 200  # valid steps that actually run; larger valid values cost time and test nothing new
BIG = 1.7976931348623157e308
EXTREMES = (0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e-154, 1e154, 1e308, -1e308, BIG, -BIG)
EXTREMES += (1.0, -1.0, 0.5, 5.0, -5.0, 36.7, 709.78, 710.0, -745.2, -746.0, 1e4, -1e4)  # |z| ≈ 5: just saturated
NON_FINITE = (math.nan, -math.nan, math.inf, -math.inf)
HUGE = (10**400, -(10**400), 2**1024, Fraction(10**400, 3))  # real numbers no float can hold
JUNK = (True, False, np.bool_(True), None, "1", b"1", "nan", 1 + 2j, [1.0], (), {}, np.array(1.0), np.array([1.0]))


class Arg(NamedTuple):
    """A drawn argument and whether the contract accepts it; `n` is a vector's length when it is valid."""

    value: object
    ok: bool
    n: int = 0


def short(obj: object, limit: int = 600) -> str:
    text = repr(obj)
    return text if len(text) <= limit else text[:limit] + " …"


# Numbers -----------------------------------------------------------------------------------------

any_float = st.one_of(st.floats(), st.sampled_from(EXTREMES + NON_FINITE))
finite_float = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(EXTREMES))
not_nan_float = st.one_of(st.floats(allow_nan=False), st.sampled_from((*EXTREMES, math.inf, -math.inf)))
unit_float = st.one_of(st.floats(0.0, 1.0), st.sampled_from((0.0, -0.0, 1.0, 5e-324, 1 - 2**-53, 0.5)))


def judge(v: object, low: float = -math.inf, high: float = math.inf, *, positive=False, infinite=False) -> Arg:
    """Whether `v` is a valid number: a real number (not bool) whose float is finite (or ±∞ if `infinite`), in range."""
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating, Fraction)):
        return Arg(v, False)
    try:
        f = float(v)
    except OverflowError:
        return Arg(v, False)
    ok = (math.isfinite(f) or (infinite and not math.isnan(f))) and low <= f <= high and (f > 0 or not positive)
    return Arg(v, ok)


def judge_vector(value: object, *, infinite: bool = False) -> Arg:
    """Whether `value` is a valid x or w: a number, or a 1-D sequence or array of 1 to 64 valid numbers."""
    if isinstance(value, (int, float, np.integer, np.floating, Fraction)) and not isinstance(value, (bool, np.bool_)):
        value_list = [value]
    elif isinstance(value, np.ndarray):
        value_list = value.tolist() if value.ndim == 1 else None
    else:
        value_list = list(value) if isinstance(value, (list, tuple, range)) else None
    if value_list is None or not 1 <= len(value_list) <= MAX_FEATURES:
        return Arg(value, False)
    return Arg(value, all(judge(v, infinite=infinite).ok for v in value_list), len(value_list))


@st.composite
def mostly(draw, valid, anything, percent: int = 88):
    """`valid` in `percent` % of draws, else `anything`: most calls get past the checks, all kinds of value come.

    (A one_of with `valid` repeated would not do: hypothesis favours the first and the last branch.)
    """
    return draw(valid if draw(st.integers(0, 99)) < percent else anything)


def number(low: float = -math.inf, high: float = math.inf, *, positive: bool = False):
    """A value for a scalar argument, judged as `judge` does: mostly a valid number, else anything at all."""

    def to_numpy(v: float, kind: str) -> object:
        with np.errstate(over="ignore"):
            return {"f64": np.float64, "f32": np.float32}[kind](v)

    anything = [any_float, st.integers(-(10**6), 10**6), st.sampled_from(HUGE)]
    anything.append(st.builds(to_numpy, any_float, st.sampled_from(["f64", "f32"])))
    anything.append(st.sampled_from((np.int64(3), np.int32(-2), np.uint8(200), Fraction(1, 3), Fraction(-7, 2))))
    anything.append(st.sampled_from(JUNK))
    if positive:
        valid = [st.floats(5e-324, 1e3), st.sampled_from((5e-324, 1e-300, 0.5, 1, 1e306, BIG))]
        valid.append(st.floats(5e-324, BIG))
    elif math.isfinite(low) and math.isfinite(high):
        valid = [st.floats(low, high), st.sampled_from((low, high, (low + high) / 2))]
        valid.append(st.integers(math.ceil(low), int(high)))
    elif math.isfinite(low):
        valid = [st.floats(low, 1e308), st.sampled_from((low, low + 5e-324, 1e308, BIG))]
    else:
        valid = [finite_float, finite_float, st.integers(-(10**6), 10**6), st.builds(np.float64, finite_float)]
    return mostly(st.one_of(valid), st.one_of(anything)).map(lambda v: judge(v, low, high, positive=positive))


valid_real = st.one_of(
    finite_float,
    finite_float,
    st.integers(-(10**6), 10**6),
    st.builds(np.float64, finite_float),
    st.sampled_from((np.int64(3), np.float32(0.5), np.uint8(200), Fraction(1, 3), Fraction(-7, 2))),
)
invalid_real = st.sampled_from((*NON_FINITE, *HUGE, *(j for j in JUNK if not isinstance(j, (list, tuple, np.ndarray)))))
small_n = st.one_of(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, MAX_FEATURES))


def valid_items(draw, size: int) -> list:
    """`size` valid numbers: floats from anywhere (an array draws fast), a few swapped for ints, numpy or Fractions."""
    items = draw(hnp.arrays(np.float64, size, elements=finite_float)).tolist()
    for k in draw(st.lists(st.integers(0, size - 1), max_size=3)):
        items[k] = draw(valid_real)
    return items


@st.composite
def vector(draw, n: int | None = None) -> Arg:
    """A value for x or w: valid when a number, or a 1-D sequence or array of 1 to 64 valid numbers.

    With `n`, valid vectors have that length (invalid ones any).
    """
    valid_kinds = ["list", "list", "list", "tuple", "float_array"] + (["scalar"] if n in (None, 1) else [])
    other_kinds = ["array", "bad_element", "bad_length", "junk", "odd_array"]
    kind = draw(mostly(st.sampled_from(valid_kinds), st.sampled_from(valid_kinds + other_kinds)))
    size = n if n is not None else draw(small_n)
    if kind in ("list", "tuple"):
        items = valid_items(draw, size)
        return Arg(items if kind == "list" else tuple(items), True, size)
    if kind == "float_array":
        return Arg(np.array(valid_items(draw, size), dtype=float), True, size)
    if kind == "array":
        dtype = draw(st.sampled_from([np.float64, np.float64, np.int64, np.float32, object]))
        elements = {np.int64: st.integers(-(2**40), 2**40), object: finite_float}.get(dtype, any_float)
        with np.errstate(over="ignore"):
            arr = draw(hnp.arrays(dtype, draw(st.integers(0, 70)), elements=elements))
        ok = 1 <= arr.size <= MAX_FEATURES and all(math.isfinite(float(v)) for v in arr.tolist())
        return Arg(arr, ok, arr.size)
    if kind == "scalar":
        lone = number().filter(lambda a: not isinstance(a.value, (list, tuple, np.ndarray)))  # [1.0] is a vector
        return draw(lone.map(lambda a: Arg(a.value, a.ok, 1)))
    if kind == "bad_element":
        items = valid_items(draw, size)
        bad = draw(invalid_real)
        items.insert(draw(st.integers(0, len(items))), bad)
        return Arg(items, False)
    if kind == "bad_length":
        return Arg(
            draw(st.lists(finite_float, min_size=MAX_FEATURES + 1, max_size=70)) if draw(st.booleans()) else [], False
        )
    if kind == "odd_array":
        shape = draw(st.sampled_from([(), (1, 1), (1, 2), (2, 2), (2, 1, 1)]))
        return Arg(np.ones(shape) if draw(st.booleans()) else np.zeros(max(1, len(shape)), dtype=bool), False)
    return Arg(draw(st.sampled_from(["12", b"12", None, {1.0, 2.0}, {"x": 1.0}, [[1.0]], [None], True, 1 + 1j])), False)


def choice(name: str, choices: tuple[str, ...]):
    """A value for loss or view: valid when one of the choices."""
    bad = ("mse", "", None, 1, "SQUARED", ["squared"], "lecture " * 3)
    return mostly(st.sampled_from(choices), st.sampled_from(bad)).map(
        lambda v: Arg(v, isinstance(v, str) and v in choices)
    )


lr_arg = number(positive=True)
steps_arg = mostly(
    st.one_of(
        st.integers(0, MAX_RUN_STEPS).map(lambda k: Arg(k, True)),
        st.integers(0, 30).map(lambda k: Arg(np.int64(k), True)),
    ),
    st.one_of(
        st.sampled_from((-1, -(10**30), MAX_STEPS + 1, 10**400, 2**63, np.int64(-1))).map(lambda k: Arg(k, False)),
        st.sampled_from((1.0, 2.5, math.nan, math.inf, -0.0, True, np.bool_(False), "3", None, Fraction(3))).map(
            lambda k: Arg(k, False)
        ),
    ),
)


# The oracle --------------------------------------------------------------------------------------


def named(message: str) -> set[str]:
    """The argument names a ValueError's message starts with: 'x[3] must …' → {x}, 'X and y must …' → {X, y}."""
    subject = re.match(r"^(.*?) must\b", message)
    if subject is None:
        return set()
    return set(re.findall(r"[A-Za-z_]\w*", re.sub(r"\[.*?\]", "", subject.group(1)))) - {"and"}


def nan_paths(obj: object, path: str = "result", seen: set[int] | None = None) -> list[str]:
    """Where NaN sits in a result: floats, arrays, tuples, lists, dicts and dataclasses (a Graph's nodes and edges)."""
    seen = set() if seen is None else seen
    if isinstance(obj, (float, np.floating, complex)):
        return [path] if obj != obj else []
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc":
            return [f"{path}[{tuple(i)}]" for i in np.argwhere(np.isnan(obj))[:3]]
        return nan_paths(obj.tolist(), path, seen) if obj.dtype.kind == "O" else []
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, (list, tuple)):
        return [p for i, v in enumerate(obj) for p in nan_paths(v, f"{path}[{i}]", seen)]
    if isinstance(obj, dict):
        return [p for k, v in obj.items() for p in nan_paths(v, f"{path}[{k!r}]", seen)]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = []
        for f in dataclasses.fields(obj):
            out += nan_paths(getattr(obj, f.name), f"{path}.{f.name}", seen)
        return out
    return []


def check(call, bad: set[str], inputs: dict, *, nan_free: bool = True):
    """Run `call()`: a refusal must name one of the `bad` arguments, a result must hold no NaN.

    Returns the result, or None if the call was (rightly) refused.
    """
    try:
        result = call()
    except ValueError as err:
        assert bad, f"valid input refused: {type(err).__name__}: {err}\ninputs: {short(inputs)}"
        assert named(str(err)) & bad, (
            f"message {str(err)!r} does not name any of {sorted(bad)}\ninputs: {short(inputs)}"
        )
        event("refused")  # with --hypothesis-show-statistics: how often each test gets past the checks
        return None
    except Exception as err:
        pytest.fail(f"{type(err).__name__} escaped: {err}\ninputs: {short(inputs)}")
    assert not bad, f"invalid {sorted(bad)} accepted\ninputs: {short(inputs)}\nresult: {short(result)}"
    event("returned")
    nans = nan_paths(result) if nan_free else []
    assert not nans, f"NaN in {nans}\ninputs: {short(inputs)}\nresult: {short(result, 2000)}"
    return result


def assert_finite(values: object, what: str, inputs: dict) -> None:
    arr = np.asarray(values, dtype=float)
    assert np.isfinite(arr).all(), f"{what} must be finite, got {short(arr)}\ninputs: {short(inputs)}"


def bad_set(**args: Arg) -> set[str]:
    return {name for name, a in args.items() if not a.ok}


# One example ------------------------------------------------------------------------------------


@st.composite
def one_example(draw) -> dict[str, Arg]:
    """x, y, w, b for one example; x and w mostly of one length n (1 … 64), sometimes not."""
    n = draw(small_n)
    x = draw(vector(n))
    w = draw(mostly(vector(n), vector()))
    if x.ok and w.ok and x.n != w.n:  # 'x and w must have the same length' names both
        x, w = x._replace(ok=False), w._replace(ok=False)
    return {"x": x, "y": draw(number(0.0, 1.0)), "w": w, "b": draw(number())}


def values(args: dict[str, Arg]) -> dict[str, object]:
    return {k: a.value for k, a in args.items()}


def check_pass(p, inputs: dict) -> None:
    """A Pass: saturated is the flag for da/dz < 0.01; a, da/dz, dz and the gradients are always finite."""
    assert p.saturated == (p.da_dz < nx.SATURATION)
    assert_finite([p.a, p.da_dz, p.dz, p.db, *p.dw.tolist()], "a, da_dz, dz, db, dw", inputs)
    assert 0.0 <= p.a <= 1.0 and p.loss >= 0.0
    # the engine path: sorting and backpropagating the graph again gives the same gradients
    grads = [node.grad for node in p.graph.nodes]
    nodes, edges = trace(p.graph.root)
    assert {id(n) for n in nodes} == {id(n) for n in p.graph.nodes}
    assert all(e in child.edges for _, child, e in edges)
    assert backpropagate(p.graph.root) == topological_sort(p.graph.root)
    assert [node.grad for node in p.graph.nodes] == grads


@fuzz(500)
@given(args=one_example(), loss=choice("loss", LOSSES), view=choice("view", VIEWS))
@example(  # float(10**400) raised OverflowError
    args={"x": Arg([10**400], False), "y": Arg(1, True), "w": Arg([1.0], True, 1), "b": Arg(0, True)},
    loss=Arg("cross_entropy", True),
    view=Arg("lecture", True),
)
@example(  # z = 5.5, da/dz ≈ 0.004: saturated
    args={"x": Arg([5.0], True, 1), "y": Arg(1, True), "w": Arg([1.0], True, 1), "b": Arg(0.5, True)},
    loss=Arg("squared", True),
    view=Arg("expanded", True),
)
def test_forward_backward(args, loss, view):
    inputs = {**values(args), "loss": loss.value, "view": view.value}
    bad = bad_set(**args, loss=loss, view=view)
    p = check(lambda: forward_backward(**inputs), bad, inputs)
    if p is not None:
        check_pass(p, inputs)


@fuzz(300)
@given(args=one_example(), loss=choice("loss", LOSSES), view=choice("view", VIEWS), data=st.data())
def test_build_graph(args, loss, view, data):
    """As forward_backward, but w and b may be ±∞ (the animation draws diverged rows): still never NaN."""
    x, w, b = args["x"], args["w"], args["b"]
    if w.ok and data.draw(st.booleans()):
        w_list = judge_vector(w.value).value
        w_list = list(w_list) if isinstance(w_list, (list, tuple, np.ndarray)) else [w_list]
        for k in data.draw(st.lists(st.integers(0, len(w_list) - 1), max_size=3)):
            w_list[k] = data.draw(st.sampled_from((math.inf, -math.inf)))
        w = Arg(w_list, True, len(w_list))
    if data.draw(st.booleans()):
        b = Arg(data.draw(st.sampled_from((math.inf, -math.inf, math.nan))), True)
    w, b = judge_vector(w.value, infinite=True), judge(b.value, infinite=True)
    if x.ok and w.ok and x.n != w.n:
        x, w = x._replace(ok=False), w._replace(ok=False)
    args = {**args, "x": x, "w": w, "b": b}
    inputs = {**values(args), "loss": loss.value, "view": view.value}
    graph = check(lambda: build_graph(**inputs), bad_set(**args, loss=loss, view=view), inputs)
    if graph is not None:
        assert graph.root.name == "L" and graph.root.grad == 1.0
        assert_finite([graph["z"].grad, graph["a"].value], "dz, a", inputs)


@fuzz(300)
@given(args=one_example(), lr=lr_arg, loss=choice("loss", LOSSES))
def test_gradient_step(args, lr, loss):
    inputs = {**values(args), "lr": lr.value, "loss": loss.value}
    check(lambda: gradient_step(**inputs), bad_set(**args, lr=lr, loss=loss), inputs)


def check_history(h, steps: int, inputs: dict) -> None:
    """diverged marks exactly the rows whose parameters are ±∞, parameters freeze there; dz etc. stay finite."""
    assert h.steps == steps and h.w.shape == (steps + 1, len(h.x))
    broken = ~(np.isfinite(h.w).all(axis=1) & np.isfinite(h.b))
    assert np.array_equal(h.diverged, broken), f"diverged {h.diverged} but non-finite rows {broken}\n{short(inputs)}"
    if broken.any():
        k = int(np.argmax(broken))
        assert (h.w[k:] == h.w[k]).all() and (h.b[k:] == h.b[k]).all(), "parameters move after divergence"
    assert np.array_equal(h.saturated, h.da_dz < nx.SATURATION)
    assert_finite([h.a, h.da_dz, h.dz, h.db], "a, da_dz, dz, db", inputs)
    assert_finite(h.dw, "dw", inputs)
    assert (h.loss >= 0).all()
    assert verdict(h) in ("converging", "oscillating", "diverging", "stalled")


@fuzz(400)
@given(args=one_example(), lr=lr_arg, steps=steps_arg, loss=choice("loss", LOSSES))
@example(  # the overflow preset: the first step overflows, the run is flagged diverged
    args={
        "x": Arg([1000.0, 2000.0], True, 2),
        "y": Arg(0.0, True),
        "w": Arg([0.5, 0.25], True, 2),
        "b": Arg(0.0, True),
    },
    lr=Arg(1e306, True),
    steps=Arg(5, True),
    loss=Arg("cross_entropy", True),
)
def test_descend(args, lr, steps, loss):
    inputs = {**values(args), "lr": lr.value, "steps": steps.value, "loss": loss.value}
    h = check(lambda: descend(**inputs), bad_set(**args, lr=lr, steps=steps, loss=loss), inputs)
    if h is not None:
        check_history(h, int(steps.value), inputs)


# Many examples ----------------------------------------------------------------------------------


@st.composite
def dataset(draw) -> dict[str, Arg]:
    """X (m, n), y (m,), w (n,), b; mostly valid, else one of them broken in one of many ways."""
    n = draw(small_n)
    m = draw(st.one_of(st.integers(1, 8), st.integers(1, 40 if n <= 4 else 8)))  # from 16 on, BLAS sums in blocks
    huge = st.sampled_from((1e308, -1e308, BIG, -BIG, 1e300, -1e300, 0.0, 1.0))
    rows = draw(hnp.arrays(np.float64, (m, n), elements=st.one_of(finite_float, huge) if draw(st.booleans()) else huge))
    rows = rows.tolist()
    valid_kinds = ["array", "array", "list", "int"]
    x_kind = draw(mostly(st.sampled_from(valid_kinds), st.sampled_from(["poison", "junk", "ragged", "shape"])))
    X = Arg(np.array(rows, dtype=float), True)
    if x_kind == "list":
        X = Arg(rows, True)
    elif x_kind == "int":
        X = Arg(np.array([[int(v) % 1000 for v in r] for r in rows], dtype=np.int64), True)
    elif x_kind == "poison":
        bad = draw(st.sampled_from((*NON_FINITE, None, True, "1", 10**400, 1 + 1j)))
        poisoned = [list(r) for r in rows]
        poisoned[draw(st.integers(0, m - 1))][draw(st.integers(0, n - 1))] = bad
        X = Arg(poisoned, False)
    elif x_kind == "junk":
        X = Arg(
            draw(st.sampled_from((None, "X", 1.5, [], [[]], {"a": 1}, np.zeros((0, 2)), np.array([[True]])))), False
        )
    elif x_kind == "ragged":
        X = Arg([*rows, [1.0] * (n + 1)], False)
    elif x_kind == "shape":
        X = Arg(draw(st.sampled_from((np.zeros(3), np.zeros((2, 2, 2)), np.zeros((1, MAX_FEATURES + 1))))), False)
    y_kinds = st.sampled_from(["floats", "labels", "labels"]), st.sampled_from(["poison", "length", "junk"])
    y_kind = draw(mostly(*y_kinds))
    if y_kind == "floats":
        y = Arg(draw(st.lists(unit_float, min_size=m, max_size=m)), True)
    elif y_kind == "labels":
        y = Arg(np.array(draw(st.lists(st.sampled_from((0, 1)), min_size=m, max_size=m)), dtype=float), True)
    elif y_kind == "poison":
        labels = draw(st.lists(unit_float, min_size=m, max_size=m))
        labels[draw(st.integers(0, m - 1))] = draw(st.sampled_from((*NON_FINITE, 2.0, -1e-300, 1 + 2**-52, True, None)))
        y = Arg(labels, False)
    elif y_kind == "length":
        y = Arg([0.0] * draw(st.sampled_from([0, m + 1])), False)
    else:
        y = Arg(draw(st.sampled_from((None, "1", 0.5, [[0.0]], [True] * m, np.zeros((m, 1))))), False)
    w = draw(mostly(vector(n), vector()))
    if w.ok and w.n != n:
        w = w._replace(ok=False)
    return {"X": X, "y": y, "w": w, "b": draw(number())}


def check_batch_history(h, steps: int, inputs: dict) -> None:
    assert h.steps == steps
    broken = ~(np.isfinite(h.w).all(axis=1) & np.isfinite(h.b))
    assert np.array_equal(h.diverged, broken), f"diverged {h.diverged} but non-finite rows {broken}\n{short(inputs)}"
    if broken.any():
        k = int(np.argmax(broken))
        assert (h.w[k:] == h.w[k]).all() and (h.b[k:] == h.b[k]).all(), "parameters move after divergence"
    assert_finite(h.db, "db", inputs)
    assert (h.loss >= 0).all()


BLAS_NAN = [-1.7e308, 1.7e308, -1.7e308, 1e308, -1.7e308, 1.7e308, -1.7e308, -1.7e308]
BLAS_NAN += [1.7e308, 1.7e308, -1e308, 1.7e308, 1e308, 1e308, -1.7e308, -1e308]  # Xᵀ·dz summed in blocks: ∞ − ∞


@fuzz(400)
@given(data=dataset(), loss=choice("loss", LOSSES))
@example(
    data={
        "X": Arg([[v] for v in BLAS_NAN], True),
        "y": Arg([0.0] * 16, True),
        "w": Arg([0.0], True, 1),
        "b": Arg(0.0, True),
    },
    loss=Arg("cross_entropy", True),
)
def test_batch_forward_backward(data, loss):
    inputs = {**values(data), "loss": loss.value}
    p = check(lambda: batch_forward_backward(**inputs), bad_set(**data, loss=loss), inputs)
    if p is not None:
        assert_finite([p.a, p.dz], "a, dz", inputs)
        assert_finite(p.db, "db", inputs)
        assert (p.losses >= 0).all() and p.loss >= 0


@fuzz(250)
@given(data=dataset(), lr=lr_arg, steps=steps_arg, loss=choice("loss", LOSSES))
def test_batch_descend(data, lr, steps, loss):
    inputs = {**values(data), "lr": lr.value, "steps": steps.value, "loss": loss.value}
    h = check(lambda: batch_descend(**inputs), bad_set(**data, lr=lr, steps=steps, loss=loss), inputs)
    if h is not None:
        check_batch_history(h, int(steps.value), inputs)


seed_arg = mostly(
    st.integers(0, 2**32 - 1).map(lambda s: Arg(s, True)),
    st.sampled_from((-1, 2**32, 10**400, 1.0, True, None, "0", math.nan)).map(lambda s: Arg(s, False)),
)


@fuzz(250)
@given(data=dataset(), lr=lr_arg, steps=steps_arg, seed=seed_arg, loss=choice("loss", LOSSES))
def test_stochastic_descend(data, lr, steps, seed, loss):
    inputs = {**values(data), "lr": lr.value, "steps": steps.value, "seed": seed.value, "loss": loss.value}
    h = check(lambda: stochastic_descend(**inputs), bad_set(**data, lr=lr, steps=steps, seed=seed, loss=loss), inputs)
    if h is not None:
        check_batch_history(h, int(steps.value), inputs)
        assert ((h.example >= 0) & (h.example < len(np.asarray(inputs["y"])))).all()


# Surfaces ---------------------------------------------------------------------------------------


@st.composite
def value_range(draw) -> Arg:
    """(low, high): valid when a pair of finite numbers whose difference is finite too."""
    kind = draw(mostly(st.sampled_from(["pair", "pair", "list", "array"]), st.just("junk")))
    if kind == "junk":
        junk = (None, (0.0,), (0.0, 1.0, 2.0), "ab", np.array(1.0), np.zeros((2, 2)), 1.0, {0.0, 1.0})
        return Arg(draw(st.sampled_from(junk)), False)
    wide = st.sampled_from((-BIG, BIG, -1e308, 1e308, -9e307, 9e307)).map(judge)
    lo, hi = draw(mostly(number(), wide, 80)), draw(mostly(number(), wide, 80))
    ok = lo.ok and hi.ok and math.isfinite(float(hi.value) - float(lo.value))
    if kind == "array":
        return (
            Arg(np.array([float(lo.value), float(hi.value)]), ok)
            if lo.ok and hi.ok
            else Arg(np.array([0.0, math.nan]), False)
        )
    pair = (lo.value, hi.value)
    return Arg(pair if kind == "pair" else list(pair), ok)


def index_arg(n_params: int):
    """A parameter or column index: valid in [0, n_params)."""
    return mostly(
        st.integers(0, n_params - 1).map(lambda i: Arg(i, True)),
        st.one_of(
            st.integers(-2, n_params + 1).map(lambda i: Arg(i, 0 <= i < n_params)),
            st.integers(0, n_params - 1).map(lambda i: Arg(np.int64(i), True)),
            st.sampled_from((True, 1.0, None, "0", 10**400)).map(lambda i: Arg(i, False)),
        ),
    )


@fuzz(300)
@given(single=st.booleans(), data=st.data(), loss=choice("loss", LOSSES))
@example(single=True, data=None, loss=Arg("cross_entropy", True))  # one example at x = 1e308 (see below)
def test_loss_grid(single, data, loss):
    if data is None:  # z = 1e308·w1 + b overflows at the start but not on the grid: never NaN there
        args = {"X": Arg([1e308], True), "y": Arg(1.0, True), "w": Arg([10.0], True, 1), "b": Arg(0.0, True)}
        i, j, u_range, v_range, points = (
            Arg(0, True),
            Arg(1, True),
            Arg((-1, 1), True),
            Arg((-1, 1), True),
            Arg(3, True),
        )
    else:
        if single:
            one = data.draw(one_example())
            args = {"X": one["x"], "y": one["y"], "w": one["w"], "b": one["b"]}
            if not isinstance(args["X"].value, (list, tuple, np.ndarray)) or not args["X"].ok:
                # a lone number is not one example here, and a table with a lone label is no batch either
                args["X"], args["y"] = args["X"]._replace(ok=False), args["y"]._replace(ok=False)
            if args["X"].ok and (
                np.asarray(args["X"].value).dtype == object  # Fractions, or an object array: not numbers to numpy
            ):
                args["X"] = args["X"]._replace(ok=False)
            if not isinstance(args["y"].value, (int, float, np.integer, np.floating)):
                args["y"] = args["y"]._replace(ok=False)
        else:
            args = data.draw(dataset())
            if not args["X"].ok:  # a broken X (say 1-D, which reads as one example here) leaves y unmatched
                args["y"] = args["y"]._replace(ok=False)
        n = args["w"].n if args["w"].ok else 2
        i, j = data.draw(index_arg(n + 1)), data.draw(index_arg(n + 1))
        if i.ok and j.ok and int(i.value) == int(j.value):
            i, j = i._replace(ok=False), j._replace(ok=False)
        u_range, v_range = data.draw(value_range()), data.draw(value_range())
        points = data.draw(
            mostly(
                st.integers(2, 25).map(lambda p: Arg(p, True)),
                st.sampled_from((-1, 0, 1, 1001, 10**400, 2.0, True, None)).map(lambda p: Arg(p, False)),
            )
        )
    inputs = {**values(args), "i": i.value, "j": j.value, "u_range": u_range.value, "v_range": v_range.value}
    inputs |= {"points": points.value, "loss": loss.value}
    bad = bad_set(**args, i=i, j=j, u_range=u_range, v_range=v_range, points=points, loss=loss)
    if not args["w"].ok:  # i and j are judged against w's length, unknown here
        bad |= {"i", "j"}
    s = check(lambda: loss_grid(**inputs), bad, inputs)
    if s is not None:
        assert_finite([s.u, s.v], "the grid axes", inputs)
        assert (s.loss >= 0).all()


@st.composite
def params_arg(draw) -> Arg:
    """A (K + 1, n + 1) array of parameters (any floats: a diverged run holds ±∞), or something else."""
    kind = draw(mostly(st.sampled_from(["array", "array", "list", "int"]), st.just("junk")))
    shape = (draw(st.integers(0, 6)), draw(st.integers(1, 6)))
    if kind == "junk":
        junk = (np.zeros(3), np.zeros((2, 0)), np.zeros((2, 2, 2)), [[1.0, 2.0], [3.0]], [["a", "b"]], None, "p")
        return Arg(draw(st.sampled_from((*junk, np.zeros((2, 2), dtype=bool), [[1.0, None]], [[10**400, 1.0]]))), False)
    if kind == "int":
        return Arg(draw(hnp.arrays(np.int64, shape)), True, shape[1])
    arr = draw(hnp.arrays(np.float64, shape, elements=any_float))
    if kind == "list":  # no rows as a list is [], which has no columns
        return Arg(arr.tolist(), shape[0] > 0, shape[1])
    return Arg(arr, True, shape[1])


@fuzz(400)
@given(params=params_arg(), data=st.data())
def test_trajectory_ranges(params, data):
    cols = params.n if params.ok else 3
    i, j = data.draw(index_arg(cols)), data.draw(index_arg(cols))
    margin, min_span = data.draw(number(0.0)), data.draw(number(0.0))
    inputs = {"params": params.value, "i": i.value, "j": j.value, "margin": margin.value, "min_span": min_span.value}
    bad = bad_set(params=params, i=i, j=j, margin=margin, min_span=min_span)
    if not params.ok:
        bad |= {"i", "j"}
    ranges = check(lambda: trajectory_ranges(**inputs), bad, inputs)
    if ranges is not None:  # finite, with a finite width: what loss_grid takes
        for lo, hi in ranges:
            assert lo <= hi and math.isfinite(hi - lo), ranges
        loss_grid([1.0], 1.0, [0.0], 0.0, 0, 1, *ranges, points=2)


# Nudging ----------------------------------------------------------------------------------------


@fuzz(300)
@given(args=one_example(), data=st.data(), loss=choice("loss", LOSSES))
def test_nudge(args, data, loss):
    n = args["x"].n if args["x"].ok and args["w"].ok else 1
    names = [f"x{k + 1}" for k in range(n)] + [f"w{k + 1}" for k in range(n)] + ["b", "z", "a"]
    names += [f"w{k + 1}x{k + 1}" for k in range(n)]
    target = data.draw(mostly(st.sampled_from(names), st.sampled_from(("L", "y", "x0", f"x{n + 1}", "", None, 1))))
    target = Arg(target, target in names)
    eps = data.draw(st.one_of(st.floats(1e-12, 1.0).map(lambda e: Arg(e, True)), number(1e-12, 1.0)))
    inputs = {**values(args), "target": target.value, "eps": eps.value, "loss": loss.value}
    bad = bad_set(**args, target=target, eps=eps, loss=loss)
    if not (args["x"].ok and args["w"].ok):  # target names depend on n
        bad.add("target")
    check(lambda: nudge(**inputs), bad, inputs)


@fuzz(200)
@given(args=one_example(), loss=choice("loss", LOSSES), view=choice("view", VIEWS), eps=number(1e-12, 1.0))
def test_nudge_table(args, loss, view, eps):
    inputs = {**values(args), "loss": loss.value, "view": view.value, "eps": eps.value}
    rows = check(lambda: nudge_table(**inputs), bad_set(**args, loss=loss, view=view, eps=eps), inputs)
    if rows is not None:
        assert all(row.comparable == (math.isfinite(row.analytic) and math.isfinite(row.estimate)) for row in rows)


# The engine on graphs a user builds --------------------------------------------------------------


@st.composite
def user_graph(draw, tree: bool) -> Node:
    """A graph of Nodes: a tree (each node used once) with any finite local derivatives, or a DAG with small ones."""
    local = finite_float if tree else st.floats(-10.0, 10.0)
    pool = [Node(f"leaf{k}", draw(any_float)) for k in range(draw(st.integers(1, 5)))]
    made = list(pool)
    for k in range(draw(st.integers(1, 12))):
        if tree:
            picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=min(3, len(pool)), unique=True))
            parents = [pool[p] for p in picks]
            pool = [p for q, p in enumerate(pool) if q not in picks]
        else:
            parents = [made[p] for p in draw(st.lists(st.integers(0, len(made) - 1), min_size=1, max_size=3))]
        node = Node(f"n{k}", draw(any_float), "op", tuple(Edge(p, draw(local)) for p in parents))
        pool.append(node)
        made.append(node)
    return made[-1]


@fuzz(300)
@given(tree=st.booleans(), data=st.data())
def test_engine_on_user_graphs(tree, data):
    root = data.draw(user_graph(tree))
    nodes, edges = trace(root)
    assert len({id(n) for n in nodes}) == len(nodes) and nodes[-1] is root
    position = {id(n): k for k, n in enumerate(nodes)}
    assert all(position[id(parent)] < position[id(child)] for parent, child, _ in edges)
    inputs = {"graph": [(n.name, [e.local for e in n.edges]) for n in nodes]}
    order = check(lambda: backpropagate(root), set(), inputs, nan_free=False)  # node values are the user's
    assert order == topological_sort(root) and root.grad == 1.0
    grads = [n.grad for n in nodes]
    assert not nan_paths(grads), f"NaN gradient in {grads}\n{short(inputs)}"
    if not tree:  # |local| <= 10 along at most 12 levels: every gradient is a finite number
        assert_finite(grads, "gradients", {"graph": nodes})


# numerics: scalar and array, on their domain (z any float but NaN, y in [0, 1]) ------------------


@fuzz(600)
@given(z=not_nan_float, y=unit_float, t=not_nan_float)
@example(z=math.inf, y=5e-324, t=math.inf)
@example(z=-math.inf, y=1 - 2**-53, t=-math.inf)
def test_numerics_scalar(z, y, t):
    inputs = {"z": z, "y": y, "t": t}
    a = check(lambda: nx.sigmoid(z), set(), inputs)
    assert 0.0 <= a <= 1.0
    assert 0.0 <= check(lambda: nx.sigmoid_slope(z), set(), inputs) <= 0.25
    assert -1.0 <= check(lambda: nx.residual(z, y), set(), inputs) <= 1.0
    assert check(lambda: nx.softplus(z), set(), inputs) >= 0.0
    assert check(lambda: nx.cross_entropy(z, y), set(), inputs) >= 0.0
    assert check(lambda: nx.squared(z, y), set(), inputs) >= 0.0
    check(lambda: nx.cross_entropy_dL_da(z, y), set(), inputs)
    assert check(lambda: nx.exp(t), set(), inputs) >= 0.0
    assert check(lambda: nx.worst_case(z, y), set(), inputs) == z
    assert check(lambda: nx.worst_case(math.nan, y), set(), inputs) in (math.inf, -math.inf)
    for loss in LOSSES:
        out = check(lambda loss=loss: nx.loss_and_grads(z, y, loss), set(), {**inputs, "loss": loss})
        assert_finite([out[0], out[3], out[4]], "a, da_dz, dz", inputs)


@fuzz(400)
@given(
    z=hnp.arrays(np.float64, st.integers(0, 70), elements=not_nan_float),
    y_scalar=st.one_of(st.none(), unit_float),
    data=st.data(),
)
def test_numerics_arrays(z, y_scalar, data):
    y = y_scalar if y_scalar is not None else data.draw(hnp.arrays(np.float64, z.shape, elements=unit_float))
    inputs = {"z": z, "y": y}
    assert (check(lambda: nx.sigmoid_array(z), set(), inputs) >= 0).all()
    check(lambda: nx.softplus_array(z), set(), inputs)
    check(lambda: nx.residual_array(z, y), set(), inputs)
    check(lambda: nx.cross_entropy_array(z, y), set(), inputs)
    check(lambda: nx.squared_array(z, y), set(), inputs)
    for loss in LOSSES:
        assert (check(lambda loss=loss: nx.loss_array(z, y, loss), set(), inputs) >= 0).all()
        _, da_dz, dz = check(lambda loss=loss: nx.grads_array(z, y, loss), set(), inputs)
        assert_finite([da_dz, dz], "da_dz, dz", inputs)


@fuzz(300)
@given(
    xw=st.lists(st.tuples(not_nan_float, not_nan_float), min_size=1, max_size=MAX_FEATURES),
    b=not_nan_float,
    y=unit_float,
)
def test_numerics_logit(xw, b, y):
    x, w = [p[0] for p in xw], [p[1] for p in xw]
    inputs = {"x": x, "w": w, "b": b, "y": y}
    check(lambda: nx.worst_case(nx.logit(x, w, b), y), set(), inputs)
    if all(abs(v) <= 1e150 for v in [*x, *w, b]):  # no product or sum can overflow
        assert math.isfinite(nx.logit(x, w, b))


# Display, quiz, URL -----------------------------------------------------------------------------


@fuzz(500)
@given(
    value=st.one_of(any_float, st.builds(np.float64, any_float), st.integers(-(10**15), 10**15)),
    digits=st.integers(1, 17),
)
def test_fmt_never_prints_nan(value, digits):
    for f in (fmt, fmt_latex, fmt_paren):
        try:
            text = f(value, digits)
        except Exception as err:
            pytest.fail(f"{f.__name__}({value!r}, {digits}) raised {type(err).__name__}: {err}")
        assert isinstance(text, str) and text and "nan" not in text.lower(), (f.__name__, value, text)
    assert (fmt(value) == "undefined") == (value != value)


guess_text = st.one_of(
    st.text(max_size=45),
    st.sampled_from(
        ("nan", "-nan", "NaN", "inf", "−∞", "∞", "1e999", "-1e999", "1,5", "1_000", "٣", "²", "0x1", "1e-400")
    ),
    any_float.map(repr),
    any_float.map(lambda f: f"{f:,}".replace(",", " ")),
)


@fuzz(500)
@given(text=guess_text, truth=not_nan_float)
def test_parse_guess(text, truth):
    guess = check(lambda: parse_guess(text), set(), {"text": text})
    assert guess is None or isinstance(guess, float)
    if guess is not None:
        assert isinstance(check(lambda: is_close(guess, truth), set(), {"guess": guess, "truth": truth}), bool)


URL_KEYS = ("n", "x1", "x2", "x3", "x4", "x5", "w1", "w4", "w0", "y", "b", "lr", "steps", "loss", "view", "mode")
URL_KEYS += ("eps", "presenter", "hide", "data", "runs", "pair", "preset", "foo", "")
URL_TEXT = ("nan", "inf", "-inf", "1e308", "-0", "²", "١٢", "3", " 2 ", "0.5", "1e-4", "1e306", "1e307", "w1,b")
URL_TEXT += ("b,b", "10@3;20@0.05", "²@1", "0@1", "5@nan", "1@1;2@2;3@3;4@4;5@5", "cross_entropy", "squared")
URL_TEXT += ("expanded", "1", "0", "dataset", "separable", "lecture", "overflow", "quiz", "compare_runs", "<b>`x`</b>")
url_text = st.one_of(st.text(max_size=25), st.sampled_from(URL_TEXT), any_float.map(repr), st.integers().map(str))
url_value = st.one_of(url_text, url_text, st.lists(url_text, max_size=3), st.sampled_from((None, 3, 2.5, b"1")))


@fuzz(500)
@given(params=st.dictionaries(st.one_of(st.sampled_from(URL_KEYS), st.text(max_size=6)), url_value, max_size=12))
@example(params={"steps": "²"})
@example(params={"runs": "²@1"})
def test_parse_query_params_never_raises(params):
    try:
        state, warnings = parse_query_params(params)
    except Exception as err:
        pytest.fail(f"parse_query_params raised {type(err).__name__}: {err}\nparams: {short(params)}")
    assert isinstance(state, State) and all(isinstance(w, str) for w in warnings)
    assert not nan_paths(state), state
    assert 1 <= state.n <= MAX_N and len(state.x) == len(state.w) == state.n
    assert all(VALUE_RANGE[0] <= v <= VALUE_RANGE[1] for v in (*state.x, *state.w, state.b))
    assert 0.0 <= state.y <= 1.0 and LR_RANGE[0] <= state.lr <= LR_RANGE[1]
    assert isinstance(state.steps, int) and 1 <= state.steps <= MAX_PAGE_STEPS
    assert state.loss in LOSS_LABELS and state.view in VIEW_LABELS and state.mode in MODE_LABELS
    assert state.eps in EPS_CHOICES and state.data in DATA_CHOICES
    assert state.pair[0] != state.pair[1] and set(state.pair) <= set(param_names(state.n))
    assert len(state.runs) <= MAX_BRANCHES
    assert all(0 <= k <= MAX_PAGE_STEPS and LR_RANGE[0] <= lr <= LR_RANGE[1] for k, lr in state.runs)
    # and what it gives, the core takes
    h = check(lambda: descend(state.x, state.y, state.w, state.b, lr=state.lr, steps=5, loss=state.loss), set(), params)
    check_history(h, 5, params)


# Data sets --------------------------------------------------------------------------------------

CSV_HEADERS = ("x1,y", "x1,x2,y", "y,x2,x1", "x1,x2,x3,x4,y", "x1,x2,x3,x4,x5,y", "X1, Y ", "x0,y", "x²,y", "x01,y")
CSV_HEADERS += ("x1,x1,y", "x1,z,y", "", ",", "x1", "y", "\ufeffx1,y", "x1;y", '"x1","y"')
CSV_CELLS = ("0", "1", "0.5", "-3", "1e4", "-1e4", "10001", "1e308", "nan", "inf", "-inf", "", " 1 ", "abc", "1,5")
CSV_CELLS += ('"1"', "²", "0x1", "1_0", "\x00", "1\r2", '"', "−1", "1e-400", "True")


@st.composite
def csv_data(draw) -> bytes | str:
    kind = draw(st.sampled_from(["good", "good", "mixed", "mixed", "text", "bytes", "huge"]))
    if kind == "good":
        n = draw(st.integers(1, 4))
        names = draw(st.permutations([*(f"x{k + 1}" for k in range(n)), "y"]))
        cell = st.one_of(st.floats(-1e4, 1e4).map(repr), st.integers(-(10**4), 10**4).map(str))
        lines = [",".join(names)]
        for _ in range(draw(st.integers(0, 12))):
            lines.append(
                ",".join(draw(st.sampled_from(("0", "1", "1.0", "0e0"))) if c == "y" else draw(cell) for c in names)
            )
        text = draw(st.sampled_from(("\n", "\r\n"))).join(lines)
    elif kind == "mixed":
        cell = st.one_of(st.sampled_from(CSV_CELLS), any_float.map(repr), st.text(max_size=4))
        rows = draw(st.lists(st.lists(cell, max_size=6).map(",".join), max_size=12))
        text = draw(st.sampled_from(("\n", "\r\n", "\r"))).join([draw(st.sampled_from(CSV_HEADERS)), *rows])
    elif kind == "text":
        text = draw(st.text(max_size=200))
    elif kind == "bytes":
        return draw(st.binary(max_size=200))
    else:
        text = "x1,y\n" + draw(
            st.sampled_from(("1" * 140_000 + ",0\n2,1", "1,0\n" * 1001, "1,0\n2,1\n" + " " * 200_001))
        )
    if draw(st.booleans()):
        return text.encode(draw(st.sampled_from(("utf-8", "utf-8-sig", "utf-16"))), errors="replace")
    return text


@fuzz(500)
@given(data=csv_data())
@example(data="x²,y\n1,0\n2,1\n")
@example(data="x1,y\n1\r2,0\n2,1\n")
@example(data="x1,y\n" + "1" * 140_000 + ",0\n2,1\n")
def test_read_csv(data):
    try:
        d = read_csv(data)
    except DatasetError:
        return
    except Exception as err:
        pytest.fail(f"read_csv raised {type(err).__name__}: {err}\ndata: {short(data)}")
    m, n = d.X.shape
    assert 2 <= m <= MAX_ROWS and 1 <= n <= 4 and d.y.shape == (m,)
    assert np.isfinite(d.X).all() and (np.abs(d.X) <= 1e4).all()
    assert set(d.y.tolist()) == {0.0, 1.0}


def point_coordinate():
    """x1 or x2 for with_point: valid when a real number (not bool), finite and within ±100."""
    return number(-100.0, 100.0)


label_arg = st.one_of(
    st.sampled_from((0, 1, 0.0, 1.0, -0.0, np.float64(1.0), np.int64(0))).map(lambda v: Arg(v, True)),
    st.sampled_from(
        (0.5, 2, -1, math.nan, math.inf, True, False, np.bool_(True), "1", None, [1], np.array([0.0, 1.0]))
    ).map(lambda v: Arg(v, False)),
    number().map(lambda a: Arg(a.value, a.ok and float(a.value) in (0.0, 1.0) and not isinstance(a.value, Fraction))),
)


@fuzz(400)
@given(
    which=st.sampled_from(["separable", "three", "full"]), x1=point_coordinate(), x2=point_coordinate(), label=label_arg
)
@example(which="separable", x1=Arg(10**400, False), x2=Arg(0.0, True), label=Arg(1, True))
@example(which="separable", x1=Arg(1.0, True), x2=Arg(0.0, True), label=Arg(np.array([0.0, 1.0]), False))
def test_with_point(which, x1, x2, label):
    data = builtin("separable")
    if which == "three":
        data = read_csv("x1,x2,x3,y\n1,2,3,0\n4,5,6,1\n")
    elif which == "full":
        data = dataclasses.replace(data, X=np.zeros((MAX_ROWS, 2)), y=np.arange(MAX_ROWS) % 2.0)
    inputs = {"data": which, "x1": x1.value, "x2": x2.value, "label": label.value}
    bad = bad_set(x1=x1, x2=x2, label=label) | ({"data"} if which != "separable" else set())
    try:
        out = with_point(data, x1.value, x2.value, label.value)
    except DatasetError as err:
        says = re.match(r"^(x1|x2|y) = ", str(err))
        name = {"y": "label"}.get(says.group(1), says.group(1)) if says else "data"
        assert name in bad, f"{err} blames {name}, but the bad ones are {sorted(bad)}\ninputs: {short(inputs)}"
        return
    except Exception as err:
        pytest.fail(f"with_point raised {type(err).__name__}: {err}\ninputs: {short(inputs)}")
    assert not bad, f"invalid {sorted(bad)} accepted\ninputs: {short(inputs)}"
    assert out.X.shape == (len(data.y) + 1, 2) and np.isfinite(out.X).all() and out.y[-1] in (0.0, 1.0)
