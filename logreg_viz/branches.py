"""Compare runs: the main run and branches that leave it at some step with another learning rate."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .single_example import History, descend
from .state import MAX_BRANCHES

Branch = tuple[int, float]  # (the step it leaves the main run at, its α)
Run = Callable[[tuple, float, tuple, float, float, int, str], History]


def _descend(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str) -> History:
    return descend(list(x), y, list(w), b, lr=lr, steps=steps, loss=loss)


def with_branch(branches: tuple[Branch, ...], branch: Branch) -> tuple[Branch, ...]:
    """The branches with one more, unless it is already there or there are MAX_BRANCHES."""
    if len(branches) >= MAX_BRANCHES or branch in branches:
        return branches
    return (*branches, branch)


def branched_runs(
    x: tuple,
    y: float,
    w: tuple,
    b: float,
    lr: float,
    steps: int,
    loss: str,
    branches: tuple[Branch, ...],
    run: Run = _descend,
) -> list[tuple[str, int, History]]:
    """(label, start step, history) for the main run and, for each (step k, α) branch, a run of the
    same length from the main run's step k (at most `steps`) with that α. A branch that would start
    from an overflowed parameter is left out. `run` makes a history (the page passes its cached one)."""
    main = run(x, y, w, b, lr, steps, loss)
    runs = [(f"main, α = {lr:g}", 0, main)]
    for k, branch_lr in branches:
        k = min(k, steps)
        start_w, start_b = tuple(float(v) for v in main.w[k]), float(main.b[k])
        if not (np.isfinite(start_w).all() and np.isfinite(start_b)):
            continue
        runs.append((f"from step {k}, α = {branch_lr:g}", k, run(x, y, start_w, start_b, branch_lr, steps, loss)))
    return runs
