"""Argument checking for the public API: every bad value becomes a ValueError that names it."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

from .choices import LOSS_LABELS, VIEW_LABELS

LOSSES = tuple(LOSS_LABELS)
VIEWS = tuple(VIEW_LABELS)
MAX_STEPS = 100_000
MAX_FEATURES = 64
MAX_EXAMPLES = 100_000


def check_number(
    value: object, name: str, *, low: float = -math.inf, high: float = math.inf, infinite: bool = False
) -> float:
    """Return `value` as a float, or raise ValueError naming `name` and the allowed range.

    With `infinite`, ±∞ is allowed too (never NaN): a parameter after an overflow.
    """
    kind = "number (±inf allowed, not NaN)" if infinite else "finite number"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a {kind} in [{low}, {high}], got {value!r}")
    try:
        number = float(value)
    except OverflowError:  # an int or Fraction beyond float64, e.g. 10**400
        raise ValueError(f"{name} must be a {kind} in [{low}, {high}], got {value!r:.40}") from None
    if math.isnan(number) or (math.isinf(number) and not infinite) or not low <= number <= high:
        raise ValueError(f"{name} must be a {kind} in [{low}, {high}], got {value!r}")
    return number


def check_vector(values: object, name: str, *, infinite: bool = False) -> np.ndarray:
    """Return a 1-D float array of finite numbers (a lone number counts as n = 1); ±∞ too if `infinite`."""
    if isinstance(values, numbers.Real) and not isinstance(values, (bool, np.bool_)):
        values = [values]
    if isinstance(values, np.ndarray):
        values = values.tolist() if values.ndim == 1 else [values]
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise ValueError(f"{name} must be a sequence of finite numbers, got {values!r:.80}")
    if not 1 <= len(values) <= MAX_FEATURES:
        raise ValueError(f"{name} must hold 1 to {MAX_FEATURES} numbers, got {len(values)}")
    return np.array([check_number(v, f"{name}[{i}]", infinite=infinite) for i, v in enumerate(values)], dtype=float)


def check_example(
    x: object, y: object, w: object, b: object, *, diverged: bool = False
) -> tuple[np.ndarray, float, np.ndarray, float]:
    """Check one example (x, y) and parameters (w, b); x and w must have the same length n >= 1.

    With `diverged`, w and b may also be ±∞, as in a history's rows after an overflow.
    """
    x_arr = check_vector(x, "x")
    w_arr = check_vector(w, "w", infinite=diverged)
    if x_arr.shape != w_arr.shape:
        raise ValueError(f"x and w must have the same length n >= 1, got {len(x_arr)} and {len(w_arr)}")
    return x_arr, check_number(y, "y", low=0.0, high=1.0), w_arr, check_number(b, "b", infinite=diverged)


def check_choice(value: object, name: str, choices: tuple[str, ...]) -> str:
    """Return `value` if it is one of `choices`, else raise ValueError listing them."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r:.40}")
    return value


def check_lr(lr: object) -> float:
    """The learning rate: a finite number > 0."""
    number = check_number(lr, "lr", low=0.0, high=math.inf)
    if number <= 0:
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    return number


def check_steps(steps: object) -> int:
    """The number of steps: an integer in [0, MAX_STEPS]."""
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, numbers.Integral):
        raise ValueError(f"steps must be an integer in [0, {MAX_STEPS}], got {steps!r}")
    if not 0 <= int(steps) <= MAX_STEPS:
        raise ValueError(f"steps must be an integer in [0, {MAX_STEPS}], got {steps!r}")
    return int(steps)


def _holds_bool(values: object) -> bool:
    """Whether a nested list holds a bool, which numpy would quietly read as 1 or 0."""
    try:
        flat = np.asarray(values, dtype=object).ravel()
    except ValueError:
        return False
    return any(isinstance(v, (bool, np.bool_)) for v in flat)


def check_dataset(X: object, y: object, w: object, b: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Check a data set X (m, n), labels y (m,) in [0, 1] and parameters w (n,), b."""
    for name, given in (("X", X), ("y", y)):
        if not isinstance(given, np.ndarray) and _holds_bool(given):
            raise ValueError(f"{name} must hold numbers (not bool, str or None), got a bool: write 1 and 0")
    try:
        X_raw, y_raw = np.asarray(X), np.asarray(y)
    except (TypeError, ValueError) as err:
        raise ValueError(f"X and y must be numeric arrays: {err}") from None
    for name, raw in (("X", X_raw), ("y", y_raw)):
        if raw.dtype.kind not in "iuf":  # as for x and w: no bools, strings or None read as numbers
            raise ValueError(f"{name} must hold numbers (not bool, str or None), got dtype {raw.dtype}")
    X_arr, y_arr = X_raw.astype(float), y_raw.astype(float)
    if X_arr.ndim != 2 or not 1 <= X_arr.shape[0] <= MAX_EXAMPLES or not 1 <= X_arr.shape[1] <= MAX_FEATURES:
        raise ValueError(
            f"X must have shape (m, n) with 1 <= m <= {MAX_EXAMPLES} and 1 <= n <= {MAX_FEATURES}, got {X_arr.shape}"
        )
    if y_arr.shape != (X_arr.shape[0],):
        raise ValueError(f"y must have shape ({X_arr.shape[0]},) to match X, got {y_arr.shape}")
    if not np.isfinite(X_arr).all():
        row = int(np.argwhere(~np.isfinite(X_arr))[0][0])
        raise ValueError(f"X must hold finite numbers; row {row} does not")
    if not (np.isfinite(y_arr) & (y_arr >= 0) & (y_arr <= 1)).all():
        row = int(np.argwhere(~(np.isfinite(y_arr) & (y_arr >= 0) & (y_arr <= 1)))[0][0])
        raise ValueError(f"y must hold numbers in [0, 1]; row {row} holds {float(y_arr[row])!r}")
    w_arr = check_vector(w, "w")
    if w_arr.shape != (X_arr.shape[1],):
        raise ValueError(f"w must have length n = {X_arr.shape[1]} to match X, got {len(w_arr)}")
    return X_arr, y_arr, w_arr, check_number(b, "b")
