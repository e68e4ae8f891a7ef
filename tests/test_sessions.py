"""Every session is its own: nothing a session does is kept in a module (only in its session state),
and the shared caches hold only results of their arguments."""

from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import sys

from helpers import APP, ROOT, charts, failures, press
from streamlit.testing.v1 import AppTest

import logreg_viz

SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "components" / "logreg_viz_components").rglob("*.py")),
    *sorted((ROOT / "logreg_viz").rglob("*.py")),
    *sorted((ROOT / "page").rglob("*.py")),
]


def module_state() -> dict[str, bytes]:
    """Every picklable module-level value of the package, the page's package and its components."""
    import logreg_viz_components
    import page

    names = [m.name for m in pkgutil.walk_packages(logreg_viz.__path__, "logreg_viz.")]
    names += [m.name for m in pkgutil.walk_packages(page.__path__, "page.")]
    names += [m.name for m in pkgutil.walk_packages(logreg_viz_components.__path__, "logreg_viz_components.")]
    state = {}
    for name in names:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("__") or callable(value) or type(value).__name__ == "module":
                continue
            try:
                state[f"{name}.{attr}"] = pickle.dumps(value)
            except Exception:  # loggers, locks: not data a session could change
                continue
    return state


def test_no_module_changes_while_sessions_use_the_page():
    sys.path.insert(0, str(ROOT))
    AppTest.from_file(APP, default_timeout=30).run()  # every module imported
    before = module_state()
    for query in ({}, {"mode": "quiz", "hide": "1"}, {"mode": "dataset"}, {"mode": "compare_runs"}):
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        press(at, "step")
        at.selectbox(key="preset").set_value("overflow").run()
        at.selectbox(key="n").set_value(3).run()
        assert not at.exception and not failures(at) and charts(at)
    assert module_state() == before


def test_the_code_keeps_no_session_data_in_modules():
    for path in SOURCES:
        tree = ast.parse(path.read_text())
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Global, ast.Nonlocal))], path
        for node in tree.body:  # module level: only constants (UPPER_CASE), never lower-case containers
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if isinstance(target, ast.Name) and isinstance(
                    node.value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp)
                ):
                    assert target.id.isupper() or target.id == "__all__", f"{path.name}: module-level {target.id}"
