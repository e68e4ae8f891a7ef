"""Data sets for dataset mode: small built-in ones, and a learner's own CSV read with every bad row named.

A CSV has a header naming columns x1 … xn (n from 1 to 4, in any order) and y, then one example a
row. Reading is all or nothing: any bad row and the whole file is refused with a message that names
each bad row (up to a handful), so nothing is ever half loaded.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
from dataclasses import dataclass

import numpy as np

MAX_ROWS = 1000
MAX_BYTES = 200_000
MAX_FEATURES = 4
MAX_REPORTED = 8


class DatasetError(ValueError):
    """A data set that cannot be used, with every reason a person needs to fix it."""


@dataclass(frozen=True)
class Dataset:
    """m examples: X (m, n) and labels y (m,) in {0, 1}."""

    name: str
    X: np.ndarray
    y: np.ndarray

    @property
    def n(self) -> int:
        """The number of features."""
        return self.X.shape[1]


def _blobs(rng: np.random.Generator, centres: tuple, spread: float, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    X = np.vstack([rng.normal(c, spread, size=(per_class, 2)) for c in centres])
    y = np.repeat([0.0, 1.0], per_class)
    return np.round(X, 3), y


def builtin(name: str) -> Dataset:
    """separable, overlapping or outlier: 20–41 examples in two features, the same every time."""
    rng = np.random.default_rng({"separable": 1, "overlapping": 2, "outlier": 3}.get(name, 0))
    if name == "separable":
        X, y = _blobs(rng, ((-1.5, -1.0), (1.5, 1.0)), 0.6, 10)
    elif name == "overlapping":
        X, y = _blobs(rng, ((-0.6, -0.4), (0.6, 0.4)), 1.0, 15)
    elif name == "outlier":
        X, y = _blobs(rng, ((-1.5, -1.0), (1.5, 1.0)), 0.6, 10)
        X, y = np.vstack([X, [[-3.0, -2.5]]]), np.append(y, 1.0)  # a 1 deep among the 0s
    else:
        raise DatasetError(f"unknown data set {name!r}; built in: {', '.join(BUILTIN)}")
    return Dataset(name, X, y)


BUILTIN = ("separable", "overlapping", "outlier")


def read_csv(data: bytes | str, name: str = "upload") -> Dataset:
    """Read a CSV (header x1 … xn, y) into a Dataset, or raise DatasetError naming every problem."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise DatasetError(f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
        if b"\x00" in data:
            raise DatasetError("the file is not text (it holds binary data); save it as CSV")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DatasetError("the file is not UTF-8 text; save it as CSV (UTF-8)") from None
    if len(data) > MAX_BYTES:
        raise DatasetError(f"the file is {len(data):,} characters; the limit is {MAX_BYTES:,}")
    try:  # newline="": csv reads \n, \r\n and a lone \r as line ends itself
        rows = list(csv.reader(io.StringIO(data, newline="")))
    except csv.Error as err:  # e.g. a cell over csv's field limit of 131,072 characters
        raise DatasetError(f"the file cannot be read as CSV: {err}") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise DatasetError("the file is empty; it needs a header (x1, x2, y) and at least two rows")
    header = [h.strip().lower() for h in rows[0]]
    features = sorted((h for h in header if h.startswith("x") and h[1:].isdecimal()), key=lambda h: int(h[1:]))
    expected = [f"x{i + 1}" for i in range(len(features))]
    problems = []
    if "y" not in header:
        problems.append("no column named y (the label)")
    if not features:
        problems.append("no feature columns named x1, x2, …")
    elif features != expected or len(features) > MAX_FEATURES:
        problems.append(f"feature columns must be x1 … xn with n from 1 to {MAX_FEATURES}; found {', '.join(features)}")
    unknown = [h for h in header if h not in features and h != "y"]
    if unknown:
        problems.append(f"unknown columns: {', '.join(unknown[:MAX_REPORTED])}")
    if problems:
        raise DatasetError("; ".join(problems))
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise DatasetError(f"{len(body):,} rows; the limit is {MAX_ROWS:,}")
    if len(body) < 2:
        raise DatasetError("at least two examples are needed")
    columns = [header.index(f) for f in features]
    label = header.index("y")
    X = np.empty((len(body), len(features)))
    y = np.empty(len(body))
    bad = []
    for r, row in enumerate(body, start=2):  # line numbers as a spreadsheet shows them
        reasons = []
        if len(row) != len(header):
            reasons.append(f"{len(row)} cells, expected {len(header)}")
        else:
            for c, f in zip(columns, features, strict=True):
                value = _number(row[c])
                if value is None:
                    reasons.append(f"{f} = {row[c].strip()[:20]!r} is not a finite number")
                elif abs(value) > 1e4:
                    reasons.append(f"{f} = {row[c].strip()[:20]} is beyond ±10000")
                else:
                    X[r - 2, features.index(f)] = value
            value = _number(row[label])
            if value not in (0.0, 1.0):
                reasons.append(f"y = {row[label].strip()[:20]!r} is not 0 or 1")
            else:
                y[r - 2] = value
        if reasons:
            bad.append(f"row {r}: {'; '.join(reasons)}")
    if bad:
        more = f" (and {len(bad) - MAX_REPORTED} more bad rows)" if len(bad) > MAX_REPORTED else ""
        raise DatasetError("nothing was loaded: " + " | ".join(bad[:MAX_REPORTED]) + more)
    if len(set(y.tolist())) < 2:
        raise DatasetError(f"every label is {int(y[0])}: a classifier needs examples of both 0 and 1")
    return Dataset(name, X, y)


POINT_LIMIT = 100.0


def with_point(data: Dataset, x1: float, x2: float, label: float) -> Dataset:
    """`data` with one more example (x1, x2) labelled `label`, or DatasetError saying why not.

    Points come from a click on the feature plane or from typed numbers: they must be finite, within
    ±100, labelled 0 or 1, and the data must have two features and room for one more row.
    """
    if data.n != 2:
        raise DatasetError(f"points can be added to two-feature data only; this data has {data.n}")
    if len(data.y) >= MAX_ROWS:
        raise DatasetError(f"the data already has {MAX_ROWS:,} examples, the limit")
    point = []
    for name, value in (("x1", x1), ("x2", x2)):
        number = _real(value)
        if number is None:
            raise DatasetError(f"{name} = {str(value)[:20]!r} is not a finite number")
        if abs(number) > POINT_LIMIT:
            raise DatasetError(f"{name} = {number:g} is beyond ±{POINT_LIMIT:g}")
        point.append(number)
    if _real(label) not in (0.0, 1.0):
        raise DatasetError(f"y = {str(label)[:20]!r} is not 0 or 1")
    return Dataset("your data", np.vstack([data.X, [point]]), np.append(data.y, float(label)))


def _real(value: object) -> float | None:
    """`value` as a float if it is a finite real number (not a bool, not beyond float64), else None."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int such as 10**400
        return None
    return number if math.isfinite(number) else None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None
