"""The URL is the state: reading a view from query parameters and writing it back.

`?n=2&x1=1&x2=2&y=1&w1=0.5&w2=0.25&b=0&lr=0.1&steps=100&loss=cross_entropy&view=lecture`.
`parse_query_params` never raises: every value it cannot use becomes a warning that names it, and
the default stands in its place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .modes import MODES
from .state import (
    DATA_CHOICES,
    EPS_CHOICES,
    LOSS_LABELS,
    LR_RANGE,
    MAX_BRANCHES,
    MAX_N,
    MAX_PAGE_STEPS,
    MODE_LABELS,
    PAIRS_HELP,
    PRESETS,
    VALUE_RANGE,
    VIEW_LABELS,
    State,
    param_names,
)
from .text import as_link_writes, parse_number, quote

# How a mode's own URL key is written (None: left out of the link); `modes.MODES` says which mode owns which.
MODE_PARAMS = {
    "eps": lambda state: repr(state.eps),
    "hide": lambda state: None if state.hide else "0",  # a quiz hides its answers unless told not to
    "data": lambda state: state.data,
    "runs": lambda state: ";".join(f"{k}@{lr!r}" for k, lr in state.runs) or None,
}


def plural_features(n: int) -> str:
    return "is only 1 feature" if n == 1 else f"are only {n} features"


def _parse_choice(text: str, choices: tuple[float, ...]) -> float | None:
    value = parse_number(text, min(choices), max(choices))
    return value if value in choices else None


def _parse_runs(text: str) -> tuple[tuple[int, float], ...] | None:
    """'10@3;20@0.05' → ((10, 3.0), (20, 0.05)); None if any part is not a step ≤ 1000 and an α in range."""
    parts = [p for p in text.split(";") if p.strip()]
    if len(parts) > MAX_BRANCHES:
        return None
    runs = []
    for part in parts:
        step, _, lr = part.partition("@")
        k = _parse_steps(step) if step.strip() != "0" else 0
        value = parse_number(lr, *LR_RANGE)
        if k is None or value is None:
            return None
        runs.append((k, value))
    return tuple(runs)


def _parse_steps(text: str) -> int | None:
    stripped = text.strip()
    # ASCII digits only: '²'.isdigit() is True but int('²') raises, and int('١') reads Arabic-Indic digits
    return int(stripped) if re.fullmatch(r"[0-9]{1,6}", stripped) and 1 <= int(stripped) <= MAX_PAGE_STEPS else None


def _current(state: State, key: str) -> str:
    """The value that stands in, as a link would write it."""
    if key == "runs":
        return ";".join(f"{k}@{lr:g}" for k, lr in state.runs) or "none"
    return as_link_writes(getattr(state, key))


VALUE_TEXT = f"a number in [{VALUE_RANGE[0]:g}, {VALUE_RANGE[1]:g}]"
FEATURE_KEYS = {f"{p}{i}" for p in "xw" for i in range(1, MAX_N + 1)}
FIELDS = {
    "y": (lambda t: parse_number(t, 0.0, 1.0), "a label in [0, 1]"),
    "b": (lambda t: parse_number(t, *VALUE_RANGE), VALUE_TEXT),
    "lr": (lambda t: parse_number(t, *LR_RANGE), f"a learning rate in [{LR_RANGE[0]:g}, {LR_RANGE[1]:g}]"),
    "steps": (_parse_steps, f"a whole number of steps from 1 to {MAX_PAGE_STEPS}"),
    "loss": (lambda t: t if t in LOSS_LABELS else None, f"one of {', '.join(LOSS_LABELS)}"),
    "view": (lambda t: t if t in VIEW_LABELS else None, f"one of {', '.join(VIEW_LABELS)}"),
    "mode": (lambda t: t if t in MODE_LABELS else None, f"one of {', '.join(MODE_LABELS)}"),
    "eps": (lambda t: _parse_choice(t, EPS_CHOICES), "one of " + ", ".join(f"{e:g}" for e in EPS_CHOICES)),
    "presenter": (lambda t: {"1": True, "0": False}.get(t.strip()), "1 or 0"),
    "hide": (lambda t: {"1": True, "0": False}.get(t.strip()), "1 or 0"),
    "dx": (lambda t: {"1": True, "0": False}.get(t.strip()), "1 or 0"),
    "data": (lambda t: t if t in DATA_CHOICES else None, f"one of {', '.join(DATA_CHOICES)}"),
    "runs": (lambda t: _parse_runs(t), f"up to {MAX_BRANCHES} branches as step@α, joined by ';' (e.g. 10@3;20@0.05)"),
}


def parse_query_params(params: dict[str, str | list[str]]) -> tuple[State, list[str]]:
    """Read the state from URL query parameters; return it and a warning for each value ignored."""
    warnings: list[str] = []
    values: dict[str, str] = {}
    for key, raw in params.items():
        if isinstance(raw, list):
            if len(raw) > 1:
                warnings.append(f"{quote(key)} was given {len(raw)} times; the last one is used.")
            raw = raw[-1] if raw else ""
        values[str(key)] = str(raw)

    state = State()
    preset = values.pop("preset", None)
    if preset is not None:
        if preset in PRESETS:
            state = PRESETS[preset].state
        else:
            warnings.append(f"`preset` = {quote(preset)} is not a known preset ({', '.join(PRESETS)}); using none.")

    if "n" in values:
        text = values.pop("n")
        if text.strip() in {str(k) for k in range(1, MAX_N + 1)}:
            state = state.resized(int(text))
        else:
            warnings.append(f"`n` = {quote(text)} is not 1 to {MAX_N}; using {state.n}.")

    x, w = list(state.x), list(state.w)
    updates: dict[str, object] = {}
    for key, text in values.items():
        if key in FEATURE_KEYS:
            index = int(key[1:]) - 1
            if index >= state.n:
                warnings.append(f"`{key}` = {quote(text)} ignored: there {plural_features(state.n)}.")
                continue
            value = parse_number(text, *VALUE_RANGE)
            if value is None:
                current = (x if key[0] == "x" else w)[index]
                warnings.append(f"`{key}` = {quote(text)} is not {VALUE_TEXT}; using {current:g}.")
            else:
                (x if key[0] == "x" else w)[index] = value
        elif key in FIELDS:
            parse, allowed = FIELDS[key]
            value = parse(text)
            if value is None:
                warnings.append(f"`{key}` = {quote(text)} is not {allowed}; using {_current(state, key)}.")
            else:
                updates[key] = value
        elif key == "pair":
            parts = tuple(p.strip() for p in text.split(","))
            names = param_names(state.n)
            if len(parts) == 2 and parts[0] in names and parts[1] in names and parts[0] != parts[1]:
                updates["pair"] = parts
            else:
                warnings.append(f"`pair` = {quote(text)} is not {PAIRS_HELP}; using {','.join(state.pair)}.")
        else:
            warnings.append(f"Unknown parameter {quote(key)} ignored.")
    state = replace(state, x=tuple(x), w=tuple(w), **updates)  # type: ignore[arg-type]
    return state, warnings


def to_query_params(state: State) -> dict[str, str]:
    """The URL query parameters that reproduce `state` (numbers in full precision, `repr` round-trips)."""
    params = {"n": str(state.n)}
    for i in range(state.n):
        params[f"x{i + 1}"] = repr(state.x[i])
    params["y"] = repr(state.y)
    for i in range(state.n):
        params[f"w{i + 1}"] = repr(state.w[i])
    params.update(
        b=repr(state.b),
        lr=repr(state.lr),
        steps=str(state.steps),
        loss=state.loss,
        view=state.view,
        pair=",".join(state.pair),
    )
    if state.mode != "explore":
        params["mode"] = state.mode
    for key in MODES[state.mode].url_keys:  # only the mode on screen writes its own keys
        if (text := MODE_PARAMS[key](state)) is not None:
            params[key] = text
    if state.dx:
        params["dx"] = "1"
    if state.presenter:
        params["presenter"] = "1"
    return params
