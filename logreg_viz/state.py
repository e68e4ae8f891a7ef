"""The explorer's state: defaults, presets, and the URL that reproduces a view.

The URL is the state: `?n=2&x1=1&x2=2&y=1&w1=0.5&w2=0.25&b=0&lr=0.1&steps=100&loss=cross_entropy&view=lecture`.
`parse_query_params` never raises: every value it cannot use becomes a warning that names it, and
the default stands in its place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from html import escape

MAX_N = 4
MAX_PAGE_STEPS = 1000
LR_RANGE = (1e-4, 1e306)
VALUE_RANGE = (-1e4, 1e4)  # x_i, w_i, b: wide enough for every preset, small enough to stay on screen
PAIRS_HELP = "two of w1 … wn, b, joined by a comma, e.g. w1,w2 or w1,b"


@dataclass(frozen=True)
class State:
    """Everything a link reproduces."""

    n: int = 2
    x: tuple[float, ...] = (1.0, 2.0)
    y: float = 1.0
    w: tuple[float, ...] = (0.5, 0.25)
    b: float = 0.0
    lr: float = 0.1
    steps: int = 100
    loss: str = "cross_entropy"
    view: str = "lecture"
    pair: tuple[str, str] = ("w1", "w2")
    mode: str = "explore"
    eps: float = 1e-4
    presenter: bool = False
    hide: bool = False
    runs: tuple[tuple[int, float], ...] = ()  # branches: (the step they start at, their α)
    data: str = "separable"  # dataset mode: a built-in set (a learner's own data stays in the session)

    def resized(self, n: int) -> State:
        """The same state with n features: new features start at x = 1, w = 0; removed ones drop."""
        x = (self.x + (1.0,) * MAX_N)[:n]
        w = (self.w + (0.0,) * MAX_N)[:n]
        return replace(self, n=n, x=x, w=w, pair=default_pair(n, self.pair))


def param_names(n: int) -> list[str]:
    """['w1', …, 'wn', 'b']."""
    return [f"w{i + 1}" for i in range(n)] + ["b"]


def default_pair(n: int, wanted: tuple[str, str] = ("w1", "w2")) -> tuple[str, str]:
    """`wanted` if both exist with n features, else (w1, w2), else (w1, b)."""
    names = param_names(n)
    if wanted[0] in names and wanted[1] in names and wanted[0] != wanted[1]:
        return wanted
    return ("w1", "w2") if n >= 2 else ("w1", "b")


@dataclass(frozen=True)
class Preset:
    """A start a teacher can pick, with the one line that tells its story."""

    label: str
    story: str
    state: State = field(default_factory=State)


PRESETS: dict[str, Preset] = {
    "lecture": Preset(
        "The lecture's example",
        "x = (1, 2), y = 1, w = (0.5, 0.25), b = 0: z = 1, a = σ(1) = 0.7311, dz = a − y = −0.2689.",
    ),
    "confident_wrong": Preset(
        "Wrong and confident (saturated sigmoid)",
        "z = 12 but y = 0: a is almost 1, dL/da blows up to 1.6·10⁵ and da/dz shrinks to 6·10⁻⁶, "
        "yet dz = a − y stays about 1. Switch to squared error to see dz collapse instead.",
        State(x=(2.0, 3.0), y=0.0, w=(3.0, 2.0), b=0.0, lr=0.1, steps=100),
    ),
    "lr_too_large": Preset(
        "Learning rate too large (oscillation)",
        "With a soft label y = 0.75 the loss has its minimum at a = 0.75. α = 3 jumps over it: "
        "z swings from one side to the other and the loss never settles.",
        State(y=0.75, lr=3.0, steps=60),
    ),
    "overflow": Preset(
        "Learning rate absurd (overflow to ∞)",
        "α = 10³⁰⁶, x = (1000, 2000), y = 0: the first step, α·dw1 = 10³⁰⁹, overflows float64. The values "
        "are shown as ∞ and the run is marked diverged, with no NaN anywhere.",
        State(x=(1000.0, 2000.0), y=0.0, lr=1e306, steps=20),
    ),
    "label_1": Preset(
        "y = 1 (push a up)",
        "The same start with y = 1: dz = a − y < 0, so every step raises w·x + b.",
        State(x=(1.0, -1.0), y=1.0, w=(0.0, 0.0), b=0.0, lr=0.5, steps=50),
    ),
    "label_0": Preset(
        "y = 0 (push a down)",
        "The same start with y = 0: dz = a − y > 0, so every step lowers w·x + b.",
        State(x=(1.0, -1.0), y=0.0, w=(0.0, 0.0), b=0.0, lr=0.5, steps=50),
    ),
}

LOSS_LABELS = {"cross_entropy": "cross-entropy", "squared": "squared error"}
MODE_LABELS = {
    "explore": "Explore",
    "nudge": "Nudge: the derivative is the slope",
    "compare_losses": "Cross-entropy versus squared error",
    "quiz": "Predict, then reveal (quiz)",
    "compare_runs": "Compare runs (branch with another α)",
    "dataset": "Many examples: batch versus stochastic descent",
}
DATA_CHOICES = ("separable", "overlapping", "outlier")
MAX_BRANCHES = 4
EPS_CHOICES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-6, 1e-8, 1e-10)
VIEW_LABELS = {"lecture": "lecture (z as one node)", "expanded": "expanded (every product a node)"}


def _parse_number(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text.strip())
    except (ValueError, AttributeError):
        return None
    if not math.isfinite(value) or not low <= value <= high:
        return None
    return value + 0.0  # −0 reads as 0


def _shown(value: object) -> str:
    """A rejected value as a warning quotes it: short, and safe to put in markdown or HTML."""
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "…"
    return escape(text).replace("`", "'")


def _parse_choice(text: str, choices: tuple[float, ...]) -> float | None:
    value = _parse_number(text, min(choices), max(choices))
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
        value = _parse_number(lr, *LR_RANGE)
        if k is None or value is None:
            return None
        runs.append((k, value))
    return tuple(runs)


def _parse_steps(text: str) -> int | None:
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() and 1 <= int(stripped) <= MAX_PAGE_STEPS else None


def _current(state: State, key: str) -> str:
    value = getattr(state, key)
    return f"{value:g}" if isinstance(value, float) else str(value)


VALUE_TEXT = f"a number in [{VALUE_RANGE[0]:g}, {VALUE_RANGE[1]:g}]"
FEATURE_KEYS = {f"{p}{i}" for p in "xw" for i in range(1, MAX_N + 1)}
FIELDS = {
    "y": (lambda t: _parse_number(t, 0.0, 1.0), "a label in [0, 1]"),
    "b": (lambda t: _parse_number(t, *VALUE_RANGE), VALUE_TEXT),
    "lr": (lambda t: _parse_number(t, *LR_RANGE), f"a learning rate in [{LR_RANGE[0]:g}, {LR_RANGE[1]:g}]"),
    "steps": (_parse_steps, f"a whole number of steps from 1 to {MAX_PAGE_STEPS}"),
    "loss": (lambda t: t if t in LOSS_LABELS else None, f"one of {', '.join(LOSS_LABELS)}"),
    "view": (lambda t: t if t in VIEW_LABELS else None, f"one of {', '.join(VIEW_LABELS)}"),
    "mode": (lambda t: t if t in MODE_LABELS else None, f"one of {', '.join(MODE_LABELS)}"),
    "eps": (lambda t: _parse_choice(t, EPS_CHOICES), "one of " + ", ".join(f"{e:g}" for e in EPS_CHOICES)),
    "presenter": (lambda t: {"1": True, "0": False}.get(t.strip()), "1 or 0"),
    "hide": (lambda t: {"1": True, "0": False}.get(t.strip()), "1 or 0"),
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
                warnings.append(f"`{_shown(key)}` was given {len(raw)} times; the last one is used.")
            raw = raw[-1] if raw else ""
        values[str(key)] = str(raw)

    state = State()
    preset = values.pop("preset", None)
    if preset is not None:
        if preset in PRESETS:
            state = PRESETS[preset].state
        else:
            warnings.append(f"Unknown preset `{_shown(preset)}`; known: {', '.join(PRESETS)}.")

    if "n" in values:
        text = values.pop("n")
        if text.strip() in {str(k) for k in range(1, MAX_N + 1)}:
            state = state.resized(int(text))
        else:
            warnings.append(f"`n` = `{_shown(text)}` is not 1 to {MAX_N}; using {state.n}.")

    x, w = list(state.x), list(state.w)
    updates: dict[str, object] = {}
    for key, text in values.items():
        if key in FEATURE_KEYS:
            index = int(key[1:]) - 1
            if index >= state.n:
                warnings.append(f"`{key}` ignored: there are only {state.n} features.")
                continue
            value = _parse_number(text, *VALUE_RANGE)
            if value is None:
                current = (x if key[0] == "x" else w)[index]
                warnings.append(f"`{key}` = `{_shown(text)}` is not {VALUE_TEXT}; using {current:g}.")
            else:
                (x if key[0] == "x" else w)[index] = value
        elif key in FIELDS:
            parse, allowed = FIELDS[key]
            value = parse(text)
            if value is None:
                warnings.append(f"`{key}` = `{_shown(text)}` is not {allowed}; using {_current(state, key)}.")
            else:
                updates[key] = value
        elif key == "pair":
            parts = tuple(p.strip() for p in text.split(","))
            names = param_names(state.n)
            if len(parts) == 2 and parts[0] in names and parts[1] in names and parts[0] != parts[1]:
                updates["pair"] = parts
            else:
                warnings.append(f"`pair` = `{_shown(text)}` is not {PAIRS_HELP}; using {','.join(state.pair)}.")
        else:
            warnings.append(f"Unknown parameter `{_shown(key)}` ignored.")
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
    if state.mode == "nudge":
        params["eps"] = repr(state.eps)
    if state.presenter:
        params["presenter"] = "1"
    if state.mode == "quiz" and state.hide:
        params["hide"] = "1"
    if state.mode == "dataset":
        params["data"] = state.data
    if state.mode == "compare_runs" and state.runs:
        params["runs"] = ";".join(f"{k}@{lr!r}" for k, lr in state.runs)
    return params
