"""The common wrong answers to a quiz item, worked from the example's numbers, so the teacher's panel
can say "8 of 23 flipped the sign of dz" rather than "15 wrong".

A slip is a mistake the lecture sees often, carried through to the item asked: dz with its sign
flipped (y − a) gives dw_i = x_i·(y − a), db = y − a, and so on. Each slip has a `name` (a stable
identifier, written in the CSV export), a `label` (what the panel prints after "8 of 23") and the
`value` a student who made it would type.

A slip is left out where it cannot be told apart: when its value is within the quiz's tolerance of
the true value or of another slip's (both go then; the answer could be either), precisely when the
two tolerance intervals `quiz.is_close` allows around them touch, so no answer matches two of them.
A slip whose value is not a finite number (a saturated a makes 1/(1 − a) divide by zero) is left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import quiz
from ..single_example import forward_backward


@dataclass(frozen=True)
class Slip:
    """One common mistake: its identifier, what the teacher's panel says of it, the value it gives."""

    name: str
    label: str
    value: float


def slip_context(x: Sequence[float], y: float, w: Sequence[float], b: float, lr: float, loss: str) -> dict:
    """The example's numbers the slips are worked from, as plain floats and lists of floats (±∞ may
    occur in a diverged step; `json.dumps` writes it as Infinity): the inputs, then z, a, da/dz
    (`da_dz` = a(1−a)), da, dz, dw, db, dx and the updated `new_w`, `new_b` (w − α·dw, b − α·db).

    Raises ValueError for an example `forward_backward` refuses (it names the argument)."""
    p = forward_backward(x, y, w, b, loss=loss)
    n = len(p.dw)
    w_list = [float(v) for v in np.atleast_1d(w)]
    dw = [float(v) for v in p.dw]
    return {
        "x": [float(v) for v in np.atleast_1d(x)],
        "y": float(y),
        "w": w_list,
        "b": float(b),
        "lr": float(lr),
        "loss": loss,
        "z": float(p.z),
        "a": float(p.a),
        "da_dz": float(p.da_dz),
        "da": float(p.dL_da),
        "dz": float(p.dz),
        "dw": dw,
        "db": float(p.db),
        "dx": [float(p.graph[f"x{i + 1}"].grad) for i in range(n)],
        "new_w": [w_list[i] - lr * dw[i] for i in range(n)],
        "new_b": float(b) - lr * float(p.db),
    }


def _divide(num: float, den: float) -> float:
    """num / den, NaN where den is 0 (the slip is then left out)."""
    return num / den if den != 0 else math.nan


def _dz_slips(c: dict) -> list[tuple[str, str, float]]:
    """dz as the common slips make it: the sign flipped, the other loss's rule, the sigmoid's factor left out."""
    a, y, dz = c["a"], c["y"], c["dz"]
    if c["loss"] == "squared":
        return [
            ("sign_dz", "flipped the sign of dz ((y − a)·a(1−a))", -dz),
            # for squared error, cross-entropy's rule and dz without a(1−a) are one and the same: a − y
            ("cross_entropy_rule", "used cross-entropy's dz = a − y (left out a(1−a))", a - y),
        ]
    return [
        ("sign_dz", "flipped the sign of dz (y − a)", -dz),
        ("squared_rule", "used squared error's dz = (a − y)·a(1−a)", (a - y) * c["da_dz"]),
        ("no_slope", "stopped at da: dz = da, without a(1−a)", c["da"]),
    ]


def _da_slips(c: dict) -> list[tuple[str, str, float]]:
    a, y, da = c["a"], c["y"], c["da"]
    if c["loss"] == "squared":
        cross_entropy = -_divide(y, a) + _divide(1 - y, 1 - a)
        return [
            ("sign_da", "flipped the sign of da (y − a)", -da),
            ("dz_for_da", "gave dz = (a − y)·a(1−a) for da", c["dz"]),
            ("cross_entropy_da", "used cross-entropy's da = −y/a + (1−y)/(1−a)", cross_entropy),
        ]
    return [
        ("sign_da", "flipped the sign of da (y/a − (1−y)/(1−a))", -da),
        ("other_label", "swapped y and 1 − y: −(1−y)/a + y/(1−a)", -_divide(1 - y, a) + _divide(y, 1 - a)),
        ("dz_for_da", "gave dz = a − y for da", a - y),
    ]


INDEXED = ("dw", "dx", "w")  # items with a feature's number: dw1, dx2, w1 (updated)


def _parse(item: str, n: int) -> tuple[str | None, int]:
    """(kind, 0-based feature index) of an item: ("dw", 0) for dw1, ("dz", -1) for dz; (None, -1)
    for a name the quiz does not ask or an index past n."""
    kind = item.rstrip("0123456789")
    digits = item[len(kind) :]
    if kind in INDEXED and digits.isdigit() and 1 <= int(digits) <= n and not digits.startswith("0"):
        return kind, int(digits) - 1
    return (item, -1) if item in ("da", "dz", "db", "b") else (None, -1)


def _candidates(item: str, c: dict) -> list[tuple[str, str, float]]:
    """Every slip of `item`, before the ones that cannot be told apart are dropped."""
    kind, i = _parse(item, len(c["x"]))
    if kind is None:
        return []
    lr, dz = c["lr"], c["dz"]
    dz_slips = _dz_slips(c)
    rule_slips = [s for s in dz_slips if s[0] != "sign_dz"]  # on an update, a flipped dz is the added step
    if item == "da":
        return _da_slips(c)
    if item in ("dz", "db"):
        return dz_slips
    if kind == "dw":
        xi, wi = c["x"][i], c["w"][i]
        return [(name, label, xi * v) for name, label, v in dz_slips] + [
            ("no_x", f"left out x: dw{i + 1} = dz", dz),
            ("w_for_x", f"used w{i + 1} for x{i + 1}: w{i + 1}·dz", wi * dz),
        ]
    if kind == "dx":
        xi, wi = c["x"][i], c["w"][i]
        return [(name, label, wi * v) for name, label, v in dz_slips] + [
            ("no_w", f"left out w: dx{i + 1} = dz", dz),
            ("x_for_w", f"used x{i + 1} for w{i + 1}: x{i + 1}·dz", xi * dz),
        ]
    if kind == "w":
        old, grad, xi, p = c["w"][i], c["dw"][i], c["x"][i], f"w{i + 1}"
        return [
            ("plus_step", f"added the step: {p} + α·d{p} (or flipped dz's sign)", old + lr * grad),
            ("no_lr", f"forgot the learning rate: {p} − d{p}", old - grad),
            *[(name, label, old - lr * xi * v) for name, label, v in rule_slips],
            ("no_x", f"left out x: {p} − α·dz", old - lr * dz),
            ("change_only", f"gave the change −α·d{p}, not the new {p}", -lr * grad),
        ]
    if item == "b":
        old, grad = c["b"], c["db"]
        return [
            ("plus_step", "added the step: b + α·db (or flipped dz's sign)", old + lr * grad),
            ("no_lr", "forgot the learning rate: b − db", old - grad),
            *[(name, label, old - lr * v) for name, label, v in rule_slips],
            ("change_only", "gave the change −α·db, not the new b", -lr * grad),
        ]
    return []


def _tolerance(value: float) -> float:
    return max(quiz.RELATIVE * abs(value), quiz.ABSOLUTE)


def _apart(u: float, v: float) -> bool:
    """No answer is close (`quiz.is_close`) to both u and v: their tolerance intervals do not touch."""
    if math.isinf(u) or math.isinf(v):
        return u != v
    return abs(u - v) > _tolerance(u) + _tolerance(v)


def slips(item: str, context: dict) -> list[Slip]:
    """The slips a student answering quiz item `item` (da, dz, dw1 …, db, dx1 …, w1 …, b: the names of
    `stepthrough.Phase.name`) could make, for the example in `context` (from `slip_context`).

    The true value is context's own (da, dz, dw, db, dx, new_w, new_b). Slips that cannot be told
    apart from it or from each other are left out (see the module's docstring); an item this module
    does not know, or a feature index past n, has none.
    """
    truth = truth_of(item, context)
    if truth is None:
        return []
    found = [Slip(name, label, float(v)) for name, label, v in _candidates(item, context)]
    found = [s for s in found if math.isfinite(s.value) and _apart(s.value, truth)]
    return [s for s in found if all(_apart(s.value, t.value) for t in found if t is not s)]


def truth_of(item: str, context: dict) -> float | None:
    """The true value of `item` in `context`; None for an item it does not hold."""
    kind, i = _parse(item, len(context["x"]))
    if kind is None:
        return None
    where = {"da": "da", "dz": "dz", "db": "db", "b": "new_b", "dw": "dw", "dx": "dx", "w": "new_w"}[kind]
    return float(context[where][i] if kind in INDEXED else context[where])


def classify(value: float, truth: float, found: Sequence[Slip]) -> str | None:
    """The verdict on one answer: "right" if `value` is close to `truth` (`quiz.is_close`), else the
    name of the slip it is close to, else None (another wrong answer; NaN too)."""
    if math.isnan(value):
        return None
    if quiz.is_close(value, truth):
        return "right"
    return next((s.name for s in found if quiz.is_close(value, s.value)), None)


@dataclass(frozen=True)
class Summary:
    """The class's answers to one question: how many answered, how many were right, each slip somebody
    made with how many made it (most common first; ties in the slips' order), and the other wrong ones
    (±∞ and far-off answers among them, unless a slip or the truth is that value)."""

    count: int
    right: int
    by_slip: tuple[tuple[Slip, int], ...]
    other: int

    def lines(self) -> list[str]:
        """What the teacher's panel prints, one line each: "12 of 23 right", "8 of 23 flipped the sign
        of dz (y − a)", "3 of 23 other wrong answers". It says who was right: show it once revealed."""
        out = [f"{self.right} of {self.count} right"]
        out += [f"{k} of {self.count} {slip.label}" for slip, k in self.by_slip]
        if self.other:
            out.append(f"{self.other} of {self.count} other wrong answer{'s' if self.other != 1 else ''}")
        return out


def summarise(values: Sequence[float], truth: float, found: Sequence[Slip]) -> Summary:
    """Count the class's `values` by verdict (`classify`) against `truth` and the slips `found`."""
    verdicts = [classify(float(v), truth, found) for v in values]
    made = [(s, verdicts.count(s.name)) for s in found]
    by_slip = tuple(sorted(((s, k) for s, k in made if k), key=lambda sk: -sk[1]))  # sorted is stable
    right = verdicts.count("right")
    return Summary(len(verdicts), right, by_slip, len(verdicts) - right - sum(k for _, k in by_slip))
