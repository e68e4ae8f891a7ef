"""The second process of the concurrency tests: `python tests/class_worker.py '["answer_in_threads", …]'` runs
that function of class_support with those arguments once it reads "go", and prints its result as JSON."""

import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS.parent), str(TESTS)]

import class_support  # noqa: E402 (after the path it is found on)


def go() -> None:
    print("ready", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    name, *args = json.loads(sys.argv[1])
    print(json.dumps(getattr(class_support, name)(*args, go=go)))
