"""The teaching modes: what each is called, the URL keys it owns, whether it hides answers.

The URL parser and writer and the page's sidebar read this registry; the page maps each key to the
function that draws the mode (`page/modes/`). A new mode is one entry here and one module there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    """One teaching mode: its URL value, the label the sidebar shows, the URL keys only it writes,
    and whether it may hide the derivatives until the class has predicted them."""

    key: str
    label: str
    url_keys: tuple[str, ...] = ()
    hides_answers: bool = False


MODES: dict[str, Mode] = {
    mode.key: mode
    for mode in (
        Mode("explore", "Explore"),
        Mode("nudge", "Nudge: the derivative is the slope", url_keys=("eps",)),
        Mode("compare_losses", "Cross-entropy versus squared error"),
        Mode("quiz", "Predict, then reveal (quiz)", url_keys=("hide",), hides_answers=True),
        Mode("compare_runs", "Compare runs (branch with another α)", url_keys=("runs",)),
        Mode("dataset", "Many examples: batch versus stochastic descent", url_keys=("data",)),
    )
}
MODE_LABELS = {key: mode.label for key, mode in MODES.items()}


def section_name(key: str) -> str:
    """What the page calls a mode's section in a message: its label's first part, in lower case."""
    return MODES[key].label.split(" (")[0].lower() + " section"
