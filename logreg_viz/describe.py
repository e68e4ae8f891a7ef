"""Every chart in words: the text a screen reader reads in place of a figure.

Plain text, numbers as the page shows them (`display.fmt`), in the lecture's order: what is drawn,
then the numbers a sighted learner reads off it. A derivative the quiz keeps back is "not yet
revealed" here too, so the words never give away what the picture hides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .batch import BatchHistory
from .choices import LOSS_LABELS, VIEW_LABELS
from .display import fmt
from .engine import Node
from .graph import Graph
from .numerics import saturation_effect
from .single_example import History
from .surface import param_names
from .verdict import verdict

NOT_REVEALED = "not yet revealed"
LEARNED = ("weight", "bias")
RUN_NAMES = {"batch": "full batch", "sgd": "stochastic"}


def _name(node: Node) -> str:
    """A node's name as the figure writes it: a product reads w1·x1."""
    return node.name.replace("x", "·x") if node.op == "mul" else node.name


def _depth(graph: Graph) -> dict[str, int]:
    """How many operations stand between each node and the inputs (a leaf: 0)."""
    depth: dict[str, int] = {}
    for node in graph.nodes:  # topological order: parents first
        depth[node.name] = 1 + max((depth[e.parent.name] for e in node.edges), default=-1)
    return depth


def backward_order(graph: Graph) -> list[Node]:
    """The nodes whose derivative the graph shows, in the lecture's backward order: from the loss
    back (da, dz, the products), then the learned parameters (dw1, …, db), then the inputs (dx1, …)."""
    depth = _depth(graph)
    computed = [n for n in graph.nodes if n.edges and n is not graph.root]
    computed.sort(key=lambda n: -depth[n.name])  # stable: products at one depth stay in lecture order
    learned = [n for n in graph.nodes if n.role in LEARNED]
    inputs = [n for n in graph.nodes if n.role == "feature"]
    return computed + learned + inputs


def graph_description(
    graph: Graph, hidden: frozenset[str] = frozenset(), highlight: str | None = None, dx: bool = True
) -> str:
    """The computation graph in words: every value forward, every derivative backward.

    "Computation graph (lecture view, cross-entropy loss). Forward: x1 = 1, w1 = 0.5, …, L = 0.3133.
    Backward: da = −1.368, dz = −0.2689, dw1 = −0.2689, dw2 = −0.5379, db = −0.2689; for the inputs: …"
    A node named in `hidden` reads "dw1 = not yet revealed"; `highlight` is the node the step-through
    rings; the inputs' derivatives are told only with `dx` (the graph shows them only then).
    """

    def backward(node: Node) -> str:
        return f"{node.grad_name} = {NOT_REVEALED if node.name in hidden else fmt(node.grad)}"

    forward = [f"{_name(n)} = {fmt(n.value)}" + (" (label)" if n.role == "label" else "") for n in graph.nodes]
    order = backward_order(graph)
    inner = [backward(n) for n in order if n.role != "feature"]
    inputs = [backward(n) for n in order if n.role == "feature"] if dx else []
    text = (
        f"Computation graph ({VIEW_LABELS[graph.view].split(' (')[0]} view, {LOSS_LABELS[graph.loss]} loss). "
        f"Forward: {', '.join(forward)}. Backward: {', '.join(inner)}"
        + (f"; for the inputs: {', '.join(inputs)}." if inputs else ".")
    )
    if saturation_effect(graph["z"].value, graph["y"].value, graph.loss) == "stalls":
        text += f" The sigmoid is flat, a(1−a) = {fmt(graph['a'].edges[0].local)}, and it stalls dz."
    if highlight is not None:
        text += f" Ringed: node {highlight}."
    return text


def _span(values: np.ndarray) -> str:
    """'from 0.3133 to 0.0123': the first and last value of a series."""
    return f"from {fmt(float(values[0]))} to {fmt(float(values[-1]))}"


def _param(params: np.ndarray, name: str) -> np.ndarray:
    """The column of w1 … wn, b named `name` in rows of parameters."""
    return params[:, param_names(params.shape[1] - 1).index(name)]


def _params_span(params: np.ndarray, names: Iterable[str]) -> str:
    return ", ".join(f"{name} {_span(_param(params, name))}" for name in names)


def _steps(count: int) -> str:
    return f"{count} step" + ("" if count == 1 else "s")


def _diverged(history: History | BatchHistory) -> str:
    if not history.diverged.any():
        return ""
    return f" The parameters overflow from step {int(np.argmax(history.diverged))} on: the run diverges."


def animation_description(history: History, pair: tuple[str, str]) -> str:
    """The animated run in words: what moves, and where the loss and every parameter go.

    "Animation of 100 gradient steps, α = 0.5, cross-entropy loss: … Loss over 100 steps from 0.3133 to 0.0123; …"
    """
    return (
        f"Animation of {_steps(history.steps)} of gradient descent, α = {history.lr:g}, "
        f"{LOSS_LABELS[history.loss_name]} loss: the graph's numbers, the point on the loss contour over "
        f"({pair[0]}, {pair[1]}), the loss curve and the decision boundary move together. "
        f"Loss over {_steps(history.steps)} {_span(history.loss)}; "
        f"{_params_span(history.params, param_names(history.w.shape[1]))}."
        f"{_diverged(history)} Play and pause with the key p."
    )


def surface_description(history: History, pair: tuple[str, str]) -> str:
    """The 3-D loss surface in words: over which parameters, and where the run's path goes on it."""
    u, v = (_param(history.params, name) for name in pair)
    return (
        f"3-D surface of the loss L over ({pair[0]}, {pair[1]}), the other parameters held where the run starts, "
        f"with the path of its {_steps(history.steps)}: ({pair[0]}, {pair[1]}) from ({fmt(float(u[0]))}, "
        f"{fmt(float(v[0]))}) to ({fmt(float(u[-1]))}, {fmt(float(v[-1]))}); "
        f"the loss {_span(history.loss)}.{_diverged(history)}"
    )


def loss_comparison_description(runs: Mapping[str, History], pair: tuple[str, str]) -> str:
    """Both losses' runs from one start in words: loss, prediction a and |dz| at the start and the end."""
    steps = next(iter(runs.values())).steps
    parts = [
        f"{LOSS_LABELS[loss].capitalize()}: loss {_span(h.loss)}, a {_span(h.a)}, |dz| {_span(np.abs(h.dz))}."
        for loss, h in runs.items()
    ]
    return (
        f"Cross-entropy versus squared error from the same start, {_steps(steps)} each, in four panels: each "
        f"loss's path on its own contour over ({pair[0]}, {pair[1]}), then the prediction a and |dz| over the "
        "steps. " + " ".join(parts)
    )


def runs_description(runs: Sequence[tuple[str, int, History]], pair: tuple[str, str]) -> str:
    """The overlaid runs in words: each one's label, where its loss goes, and its verdict."""
    parts = [f"{label}: loss {_span(h.loss)}, {verdict(h)}" for label, _, h in runs]
    count = f"{len(runs)} runs" if len(runs) > 1 else "1 run"
    return f"{count} on the loss contour over ({pair[0]}, {pair[1]}), with their loss curves. " + "; ".join(parts) + "."


def dataset_description(X: np.ndarray, y: np.ndarray, runs: Mapping[str, BatchHistory], example: int = 0) -> str:
    """The data set and its two runs in words: how many examples of each label, and where each run's
    average loss goes."""
    n = X.shape[1]
    ones = int(np.sum(y >= 0.5))
    steps = min(h.steps for h in runs.values())
    parts = [f"{RUN_NAMES.get(key, key)}: average loss {_span(h.loss[: steps + 1])}" for key, h in runs.items()]
    return (
        f"{len(y)} examples with {n} feature{'s' if n != 1 else ''} ({ones} with y = 1, {len(y) - ones} with "
        f"y = 0) {'on the plane of x1 and x2' if n > 1 else 'along x1'}, with each run's decision boundary; "
        f"the average loss over {_steps(steps)}; the loss over (w1, {'w2' if n > 1 else 'b'}) averaged over "
        f"all examples and for example {example + 1} alone. " + "; ".join(parts) + "."
    )
