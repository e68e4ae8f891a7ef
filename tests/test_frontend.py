"""The components' JavaScript tests (components/tests, node's own test runner), in the fast loop too."""

import shutil
import subprocess
from pathlib import Path

COMPONENTS = Path(__file__).parent.parent / "components"


def test_the_components_javascript_passes_its_own_tests():
    node = shutil.which("node")
    assert node, "node is needed for the components' JavaScript tests: apt-get install -y nodejs"
    run = subprocess.run([node, "--test", "tests/"], cwd=COMPONENTS, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
