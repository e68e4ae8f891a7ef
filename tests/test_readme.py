"""The README's notebook example prints what the README says it prints; its links show what it says."""

import ast
import contextlib
import io
import re
from urllib.parse import parse_qsl

from helpers import ROOT

from logreg_viz.branches import branched_runs
from logreg_viz.url import parse_query_params
from logreg_viz.verdict import verdict


def test_readme_example_prints_its_numbers():
    text = (ROOT / "README.md").read_text()
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    printed = re.search(r"prints\n\n```\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue() == printed


def _compare_runs_link(text: str) -> str:
    (link,) = re.findall(r"\*\*Compare runs\*\* \(`([^`]*)`\)", text)
    return link


def test_the_readme_compare_runs_link_shows_three_different_verdicts():
    """The link's soft label y = 0.75 puts the minimum at z* = logit(0.75); near it each step
    multiplies the error by 1 − α·(‖x‖² + 1)·y(1 − y) = 1 − 1.125·α (x = (1, 2)): α = 0.5 → 0.44,
    shrinking (converging); α = 3 → −2.4, flipping sign (oscillating); α = 1000 throws z a thousand
    wide each step, where the loss is about |z|·(1 − y) or |z|·y (diverging)."""
    text = (ROOT / "README.md").read_text()
    link = _compare_runs_link(text)
    state, warnings = parse_query_params(dict(parse_qsl(link)))
    assert not warnings and state.mode == "compare_runs" and state.y == 0.75
    runs = branched_runs(state.x, state.y, state.w, state.b, state.lr, state.steps, state.loss, state.runs)
    verdicts = [verdict(h) for _, _, h in runs]
    assert verdicts == ["converging", "oscillating", "diverging"]
    for said in ("α = 0.5 converging", "α = 3 from step 10 oscillating", "α = 1000 from step 20 diverging"):
        assert said in " ".join(text.split())
    # the screenshot shows the same runs (VIEWS read as written: the script needs a browser to import)
    script = ast.parse((ROOT / "scripts" / "screenshots.py").read_text())
    views = next(
        node.value
        for node in script.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "VIEWS"
    )
    entries = {ast.literal_eval(k): v for k, v in zip(views.keys, views.values, strict=True)}
    assert ast.literal_eval(entries["compare-runs"].elts[0]) == "?" + link  # (query, scroll, screen)
