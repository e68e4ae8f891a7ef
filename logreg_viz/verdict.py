"""A short verdict on a run, as a teacher would say it: converging, oscillating, diverging, stalled."""

from __future__ import annotations

import math
import sys

import numpy as np

from .display import fmt
from .single_example import History
from .surface import param_names


def verdict(history: History) -> str:
    """converging, oscillating, diverging or stalled, from the loss and dz along the run.

    diverging: a value overflowed, or the loss ended more than ten times higher than it began.
    oscillating: dz changed sign in at least a fifth of the steps (z jumps past its minimum).
    stalled: the loss barely moved (under 1 % of where it started) while the prediction is still
    far from the label (|a − y| > 0.25): a saturated sigmoid under squared error, say.
    converging: otherwise, the loss went down.
    """
    loss = history.loss
    if history.diverged.any() or not np.isfinite(loss).all():
        return "diverging"
    if history.steps == 0:
        return "stalled"
    if loss[-1] > 10 * max(float(loss[0]), 1e-12):  # a Python float: 10 × 1e308 is ∞ without a warning
        return "diverging"
    if oscillates(history):
        return "oscillating"
    if loss[0] - loss[-1] < 0.01 * loss[0] and abs(history.a[-1] - history.y) > 0.25:
        return "stalled"
    return "converging"


def sign_flips(history: History) -> int:
    """How many steps changed the sign of dz: each one took z past the loss's minimum."""
    return int(np.sum(np.sign(history.dz[1:]) * np.sign(history.dz[:-1]) < 0))


def oscillates(history: History) -> bool:
    """The one oscillation rule (the verdict and the page's banner): dz changed sign in at least a
    fifth of the steps, and at least once."""
    return history.steps > 0 and sign_flips(history) >= max(1, history.steps // 5)


def loss_rises(history: History) -> int:
    """How many steps raised the loss (by more than 10⁻¹², rounding aside)."""
    return int(np.sum(np.diff(history.loss) > 1e-12))


def overflow_story(history: History) -> str:
    """What overflowed and when, in words: at step k (which made the first diverged row) the update
    θ := θ − α·dθ passed float64's largest number for some parameters; "" for a run that did not.

    Names the product α·dθ where that alone overflowed (α = 10³⁰⁶, dw1 = 1000), else the difference.
    """
    k = history.overflow_step
    if k is None:
        return ""
    names = param_names(history.w.shape[1])
    before, after = history.params[k - 1].tolist(), history.params[k].tolist()
    grads = [*history.dw[k - 1].tolist(), float(history.db[k - 1])]
    causes, became = [], []
    for name, value, grad, new in zip(names, before, grads, after):
        if math.isfinite(new):
            continue
        became.append(f"{name} = {fmt(new)}")
        product = history.lr * grad  # Python floats: an overflow is ∞, not a numpy warning
        causes.append(
            f"α·d{name} = {fmt(history.lr)} × {fmt(grad)}"
            if not math.isfinite(product)
            else f"{name} − α·d{name} = {fmt(value)} − ({fmt(product)})"
        )
    return (
        f"At step {k} the update w := w − α·dw overflowed float64, whose largest number is "
        f"{fmt(sys.float_info.max, 2)}: {_and(causes)} {'is' if len(causes) == 1 else 'are'} too large, "
        f"so {_and(became)}. From there on the parameters stop moving and the loss is not drawn."
    )


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def hard_label_note(y: float, loss: str) -> str:
    """Why no α makes a one-example cross-entropy run with a label of exactly 0 or 1 oscillate, in
    words; "" for any other label or loss.

    dz = a − y with 0 < a < 1 keeps one sign (a − 1 < 0, a − 0 > 0), so every step moves z the same
    way and the loss falls each step: the verdict can only be converging, stalled (α tiny) or
    diverging (α so large a parameter overflows).
    """
    if loss != "cross_entropy" or y not in (0.0, 1.0):
        return ""
    sign, way = ("negative", "up") if y == 1.0 else ("positive", "down")
    return (
        f"With one example and a hard label y = {y:g}, cross-entropy's dz = a − y is {sign} at every step "
        f"(a never reaches {y:g}), so every step moves z = w·x + b {way} and the loss falls: no α makes this "
        "run oscillate. It can converge, stall (α tiny) or diverge (α so large a parameter overflows). "
        "A soft label such as y = 0.75 puts the minimum at a finite z, which a large α jumps past."
    )
