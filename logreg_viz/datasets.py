"""Data sets for dataset mode: small built-in ones, and a learner's own CSV read with every bad row named.

A CSV has a header naming columns x1 … xn (n from 1 to 4, in any order) and y, then one example a
row. Reading is all or nothing: any bad row and the whole file is refused with a message that names
each bad row (up to a handful), so nothing is ever half loaded.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import numbers
import re
from dataclasses import dataclass

import numpy as np

from .choices import DATA_SETS
from .text import parse_number, plural, quote

MAX_ROWS = 1000
MAX_BYTES = 200_000
MAX_FEATURES = 4
MAX_COLUMNS = MAX_FEATURES + 1  # x1 … x4 and y
MAX_CELL = 100  # characters in one cell (a float64 needs at most 24)
MAX_DIGITS = 40  # digits in one number (float64 holds 17 significant ones)
MAX_REPORTED = 8
VALUE_LIMIT = 1e4
FEATURE_NAME = re.compile(r"x[1-9][0-9]?", re.ASCII)


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
        raise DatasetError(f"unknown data set {quote(name)}; built in: {', '.join(BUILTIN)}")
    return Dataset(name, X, y)


BUILTIN = DATA_SETS


def read_csv(data: bytes | str, name: str = "upload") -> Dataset:
    """Read a CSV (header x1 … xn, y) into a Dataset, or raise DatasetError naming every problem.

    Linear in the file's size, and it stops early: at the size limit, at a header with too many
    columns, at the row limit. UTF-8 (with or without a BOM) or UTF-16 with a BOM; commas,
    semicolons or tabs between cells; numbers written as a link writes them (`text.parse_number`).
    Whatever the bytes, the only exception is DatasetError.
    """
    text = _decode(data)
    lines = io.StringIO(text, newline="")  # newline="": csv reads \n, \r\n and a lone \r as line ends
    reader = csv.reader(lines, delimiter=_delimiter(text))
    try:
        header_row = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header_row is None:
            raise DatasetError("the file is empty; it needs a header (x1, x2, y) and at least two rows")
        header, features = _read_header(header_row, reader.line_num)
        X, y, bad, count = [], [], [], 0
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            count += 1
            if count > MAX_ROWS:
                raise DatasetError(f"more than {MAX_ROWS:,} rows of examples; the limit is {MAX_ROWS:,}")
            reasons = _read_row(row, header, features, X, y)
            if reasons:
                bad.append(f"row {reader.line_num}: {'; '.join(reasons)}")
    except csv.Error as err:  # a cell past csv's own field limit (131,072 characters)
        if "field limit" in str(err):
            raise DatasetError(
                f"line {reader.line_num}: a cell of more than {csv.field_size_limit():,} characters; "
                f"the limit is {MAX_CELL}"
            ) from None
        raise DatasetError(f"line {reader.line_num} cannot be read as CSV ({err})") from None
    if bad:
        more = f" (and {plural(len(bad) - MAX_REPORTED, 'more bad row')})" if len(bad) > MAX_REPORTED else ""
        raise DatasetError("nothing was loaded: " + " | ".join(bad[:MAX_REPORTED]) + more)
    if count < 2:
        raise DatasetError("at least two examples are needed")
    if len(set(y)) < 2:
        raise DatasetError(f"every label is {int(y[0])}: a classifier needs examples of both 0 and 1")
    return Dataset(name, np.array(X, dtype=float).reshape(count, len(features)), np.array(y, dtype=float))


def _decode(data: bytes | str) -> str:
    """The file as text: UTF-8 (a BOM allowed) or UTF-16 with its BOM; anything else is refused by name."""
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise DatasetError(f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        elif b"\x00" in data:
            raise DatasetError("the file is not text (it holds binary data); save it as CSV")
        else:
            encoding = "utf-8-sig"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise DatasetError(
                f"the file is not {'UTF-16' if encoding == 'utf-16' else 'UTF-8'} text "
                f"(byte {data[err.start]:#04x} at position {err.start:,}); "
                "save it as CSV UTF-8"
            ) from None
    if len(text) > MAX_BYTES:
        raise DatasetError(f"the file is {len(text):,} characters; the limit is {MAX_BYTES:,}")
    if "\x00" in text:
        raise DatasetError("the file is not text (it holds binary data); save it as CSV")
    return text


def _delimiter(text: str) -> str:
    """What separates cells: a comma, or else the semicolon or tab the header line uses."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return next((d for d in (",", ";", "\t") if d in first), ",")


def _read_header(row: list[str], line: int) -> tuple[list[str], list[str]]:
    """(the column names, the features x1 … xn in order), or DatasetError: at most 5 columns, each named once."""
    if len(row) > MAX_COLUMNS:
        raise DatasetError(
            f"the header has {len(row):,} columns; the limit is {MAX_COLUMNS} (x1 … x{MAX_FEATURES} and y)"
        )
    problems = []
    header = []
    for c, cell in enumerate(row, start=1):
        if len(cell) > MAX_CELL:
            raise DatasetError(f"row {line}, column {c}: a name of {len(cell):,} characters; the limit is {MAX_CELL}")
        header.append(cell.strip().lower())
    for c, column in enumerate(header, start=1):
        if header.index(column) + 1 < c:  # at most five names: this is cheap
            problems.append(f"column {quote(column)} appears twice (columns {header.index(column) + 1} and {c})")
        elif column != "y" and not FEATURE_NAME.fullmatch(column):
            problems.append(f"unknown column {quote(column)} (column {c})")
    features = sorted((h for h in set(header) if FEATURE_NAME.fullmatch(h)), key=lambda h: int(h[1:]))
    if "y" not in header:
        problems.append("no column named y (the label)")
    if not features:
        problems.append("no feature columns named x1, x2, …")
    elif features != [f"x{i + 1}" for i in range(len(features))]:
        found = ", ".join(features)
        problems.append(f"feature columns must be x1 … xn with n from 1 to {MAX_FEATURES}; found {found}")
    if problems:
        raise DatasetError("; ".join(problems))
    return header, features


def _read_row(row: list[str], header: list[str], features: list[str], X: list, y: list) -> list[str]:
    """Append one example's features to X and its label to y, or return the reasons it is bad."""
    if len(row) != len(header):
        return [f"{plural(len(row), 'cell')}, expected {len(header)}"]
    reasons = []
    values = {}
    for column, cell in zip(header, row):
        digits = sum(ch.isdigit() for ch in cell)
        if len(cell) > MAX_CELL:
            reasons.append(f"{column}: a cell of {len(cell):,} characters; the limit is {MAX_CELL}")
        elif digits > MAX_DIGITS:
            reasons.append(f"{column}: a number of {digits:,} digits; the limit is {MAX_DIGITS}")
        elif column == "y":
            label = parse_number(cell)
            if label not in (0.0, 1.0):
                reasons.append(f"y = {quote(cell.strip(), 20)} is not 0 or 1")
            values[column] = label
        else:
            value = parse_number(cell)
            if value is None:
                reasons.append(f"{column} = {quote(cell.strip(), 20)} is not a finite number")
            elif abs(value) > VALUE_LIMIT:
                reasons.append(f"{column} = {quote(cell.strip(), 20)} is beyond ±{VALUE_LIMIT:g}")
            values[column] = value
    if not reasons:
        X.extend(values[f] for f in features)
        y.append(values["y"])
    return reasons


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
            raise DatasetError(f"{name} = {quote(value, 20)} is not a finite number")
        if abs(number) > POINT_LIMIT:
            raise DatasetError(f"{name} = {number:g} is beyond ±{POINT_LIMIT:g}")
        point.append(number)
    if _real(label) not in (0.0, 1.0):
        raise DatasetError(f"y = {quote(label, 20)} is not 0 or 1")
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
