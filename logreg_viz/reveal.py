"""What the graph shows of its numbers: all of them, or as far as a step-through or a quiz has got."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Node


@dataclass(frozen=True)
class Reveal:
    """What the graph shows of its numbers.

    `forward` and `backward` name the nodes whose value / derivative is shown (None: all); a held-back
    number reads `PENDING`, or `SECRET` for a node in `secret`. `updated` gives a parameter's new value,
    shown as old → new. `dx`: whether the inputs' derivatives (not in the lecture) are shown at all.
    """

    forward: frozenset[str] | None = None
    backward: frozenset[str] | None = None
    secret: frozenset[str] = frozenset()
    updated: tuple[tuple[str, float], ...] = ()  # (parameter, its new value)
    dx: bool = False

    def shows_value(self, node: Node) -> bool:
        return self.forward is None or node.name in self.forward

    def shows_grad(self, node: Node) -> bool:
        if node.name in self.secret:
            return False
        return self.backward is None or node.name in self.backward
