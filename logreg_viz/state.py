"""The explorer's state: what a view holds, its defaults and limits, the presets a teacher picks.

Reading it from a URL and writing it back is `url.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .choices import DATA_SETS, LOSS_LABELS, VIEW_LABELS
from .modes import MODE_LABELS
from .surface import param_names

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
    hide: bool = True  # the quiz keeps each answer back until it is predicted
    dx: bool = False  # the graph shows dx1 … dxn (not in the lecture)
    runs: tuple[tuple[int, float], ...] = ()  # branches: (the step they start at, their α)
    data: str = "separable"  # dataset mode: a built-in set (a learner's own data stays in the session)

    def resized(self, n: int) -> State:
        """The same state with n features: new features start at x = 1, w = 0; removed ones drop."""
        x = (self.x + (1.0,) * MAX_N)[:n]
        w = (self.w + (0.0,) * MAX_N)[:n]
        return replace(self, n=n, x=x, w=w, pair=default_pair(n, self.pair))


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

DATA_CHOICES = DATA_SETS
MAX_BRANCHES = 4
EPS_CHOICES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-6, 1e-8, 1e-10)
__all__ = [
    "DATA_CHOICES",
    "EPS_CHOICES",
    "LOSS_LABELS",
    "LR_RANGE",
    "MAX_BRANCHES",
    "MAX_N",
    "MAX_PAGE_STEPS",
    "MODE_LABELS",
    "PAIRS_HELP",
    "PRESETS",
    "VALUE_RANGE",
    "VIEW_LABELS",
    "Preset",
    "State",
    "default_pair",
    "param_names",
]
