"""One gradient step walked phase by phase: forward node by node, backward node by node, the update.

Each phase names the node to highlight and gives the lecture's formula with the real numbers
substituted, as LaTeX for st.latex: dz = a − y = 0.7311 − 1 = −0.2689.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .display import fmt
from .display import fmt_latex as f
from .display import fmt_paren as fp
from .graph import Graph
from .reveal import Reveal
from .single_example import Pass


@dataclass(frozen=True)
class Phase:
    """One phase: its short title, the node it is about, and the formula with numbers."""

    title: str
    node: str
    latex: str
    kind: str  # forward, backward or update
    value: float = 0.0  # the number the formula arrives at
    name: str = ""  # what the lecture calls it: z, a, L, da, dz, dw1, …, w1 (updated), …


def phases(p: Pass, x: list[float], y: float, w: list[float], b: float, lr: float, dx: bool = False) -> list[Phase]:
    """The phases of one step of gradient descent on the example, with numbers from `p`, in the
    lecture's order: z, a, L; da, dz, dw1 … dwn, db; then the updates. With `dx`, the inputs'
    derivatives (not in the lecture) come after db."""
    n = len(x)
    terms = " + ".join(f"w_{i + 1} x_{i + 1}" for i in range(n))
    numbers = " + ".join(f"{fp(w[i])} \\cdot {fp(x[i])}" for i in range(n))
    cross_entropy = p.graph.loss == "cross_entropy"
    out = [
        Phase("forward: z", "z", f"z = {terms} + b = {numbers} + {fp(b)} = {f(p.z)}", "forward"),
        Phase(
            "forward: a",
            "a",
            f"a = \\sigma(z) = \\frac{{1}}{{1 + e^{{-z}}}} = \\frac{{1}}{{1 + e^{{{f(-p.z)}}}}} = {f(p.a)}",
            "forward",
        ),
    ]
    if cross_entropy:
        out.append(
            Phase(
                "forward: L",
                "L",
                f"L = -(y \\log a + (1-y) \\log(1-a)) = -({fp(y)} \\log {fp(p.a)} + "
                f"{fp(1 - y)} \\log(1 - {fp(p.a)})) = {f(p.loss)}",
                "forward",
            )
        )
        out.append(
            Phase(
                "backward: da",
                "a",
                f"da = -\\frac{{y}}{{a}} + \\frac{{1-y}}{{1-a}} = -\\frac{{{f(y)}}}{{{f(p.a)}}}"
                f" + \\frac{{{f(1 - y)}}}{{1 - {fp(p.a)}}} = {f(p.dL_da)}",
                "backward",
            )
        )
        out.append(
            Phase("backward: dz", "z", f"dz = da \\cdot a(1-a) = a - y = {f(p.a)} - {fp(y)} = {f(p.dz)}", "backward")
        )
    else:
        out.append(
            Phase(
                "forward: L",
                "L",
                f"L = \\tfrac12 (a - y)^2 = \\tfrac12 ({f(p.a)} - {fp(y)})^2 = {f(p.loss)}",
                "forward",
            )
        )
        out.append(Phase("backward: da", "a", f"da = a - y = {f(p.a)} - {fp(y)} = {f(p.dL_da)}", "backward"))
        out.append(
            Phase(
                "backward: dz",
                "z",
                f"dz = da \\cdot a(1-a) = {fp(p.dL_da)} \\cdot {fp(p.da_dz)} = {f(p.dz)}",
                "backward",
            )
        )
    for i in range(n):
        out.append(
            Phase(
                f"backward: dw{i + 1}",
                f"w{i + 1}",
                f"dw_{i + 1} = x_{i + 1} \\cdot dz = {fp(x[i])} \\cdot {fp(p.dz)} = {f(p.dw[i])}",
                "backward",
            )
        )
    out.append(Phase("backward: db", "b", f"db = dz = {f(p.db)}", "backward"))
    dx_values = [float(p.graph[f"x{i + 1}"].grad) for i in range(n)]
    for i in range(n if dx else 0):
        out.append(
            Phase(
                f"backward: dx{i + 1}",
                f"x{i + 1}",
                f"dx_{i + 1} = w_{i + 1} \\cdot dz = {fp(w[i])} \\cdot {fp(p.dz)} = {f(dx_values[i])}",
                "backward",
            )
        )
    for i in range(n):
        new = w[i] - lr * float(p.dw[i])
        out.append(
            Phase(
                f"update: w{i + 1}",
                f"w{i + 1}",
                f"w_{i + 1} := w_{i + 1} - \\alpha \\, dw_{i + 1} = {f(w[i])} - "
                f"{fp(lr)} \\cdot {fp(p.dw[i])} = {f(new)}",
                "update",
            )
        )
    out.append(
        Phase(
            "update: b",
            "b",
            f"b := b - \\alpha \\, db = {f(b)} - {fp(lr)} \\cdot {fp(p.db)} = {f(b - lr * p.db)}",
            "update",
        )
    )
    values = {
        "forward: z": p.z,
        "forward: a": p.a,
        "forward: L": p.loss,
        "backward: da": p.dL_da,
        "backward: dz": p.dz,
        "backward: db": p.db,
        "update: b": b - lr * float(p.db),
    }
    for i in range(n):
        values[f"backward: dw{i + 1}"] = float(p.dw[i])
        values[f"backward: dx{i + 1}"] = dx_values[i]
        values[f"update: w{i + 1}"] = w[i] - lr * float(p.dw[i])
    return [replace(ph, value=float(values[ph.title]), name=ph.title.split(": ")[1]) for ph in out]


# the node whose derivative a backward phase computes
GRAD_OF = {"da": "a", "dz": "z", "db": "b"}


def reveal_at(walk: list[Phase], k: int, graph: Graph, dx: bool = False) -> Reveal:
    """What the graph shows after phase k of `walk` (0: before the first, everything): the inputs and
    parameters, each value once its forward phase is done, each derivative once its backward phase
    is, and each parameter updated once its update phase is (old → new)."""
    if k <= 0:
        return Reveal(dx=dx)
    done = walk[:k]
    forward = {n.name for n in graph.nodes if n.op == "leaf"}
    backward: set[str] = set()
    updated = []
    for phase in done:
        if phase.kind == "forward":
            forward.add(phase.name)
            if phase.name == "z":  # the products are computed on the way to z
                forward |= {n.name for n in graph.nodes if n.op == "mul"}
        elif phase.kind == "backward":
            name = GRAD_OF.get(phase.name, phase.name[1:])
            backward.add(name)
            if name == "z":  # each product's derivative is dz itself
                backward |= {n.name for n in graph.nodes if n.op == "mul"}
        else:
            updated.append((phase.name, phase.value))
    return Reveal(frozenset(forward), frozenset(backward), updated=tuple(updated), dx=dx)


def reveals(walk: list[Phase], graph: Graph, dx: bool = False) -> tuple[Reveal, ...]:
    """What the graph shows at every phase of `walk`, the last phase last."""
    return tuple(reveal_at(walk, k, graph, dx) for k in range(len(walk) + 1))


def saturation_note(p: Pass) -> str:
    """A caption for a flat sigmoid, said for what it does to this step; "" where it changes nothing
    worth a word (not flat, or a already near y: a small dz there is convergence)."""
    if p.saturation == "stalls":
        return (
            f"⚠ **Stuck.** The sigmoid is flat (a(1−a) = {fmt(p.da_dz)}) and squared error's "
            "dz = (a − y)·a(1−a) carries that factor, so dz all but vanishes while a is still far from y: "
            "each step barely moves. Cross-entropy's dz = a − y would not stall here."
        )
    if p.saturation == "cancelled":
        return (
            f"The sigmoid is flat here (a(1−a) = {fmt(p.da_dz)}), but cross-entropy cancels it: da grows as "
            "a(1−a) shrinks, so dz = a − y stays large and learning goes on."
        )
    return ""
