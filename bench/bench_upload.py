"""What reading an uploaded data set costs the shared server: CPU per hostile file, against a budget.

    python bench/bench_upload.py

Each file of tests/hostile_files.py (markdown, HTML, binary, every encoding and separator, 4,301-digit
numbers, 50,000 columns, a million rows, the whole 1 MB upload limit) is read by `read_csv` 20 times;
the table shows the median and the worst CPU time (this thread's own, time.thread_time) beside the
budget of 50 ms, and how each file ended.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from hostile_files import HOSTILE_FILES  # noqa: E402

from logreg_viz.datasets import DatasetError, read_csv  # noqa: E402

BUDGET_MS = 50.0
# the most a file can make the reader do and still load: 1,000 rows of 4 features in 17-digit numbers
LARGEST = b"x1,x2,x3,x4,y\n" + b"".join(
    b"-1234.5678901234567,0.12345678901234567,9999.9999999999999,-0.0000012345678901,%d\n" % (i % 2)
    for i in range(1000)
)
REPEATS = 20


def main() -> int:
    print(f"{'file':<32} {'bytes':>10} {'median ms':>10} {'max ms':>8} {'budget':>7}  outcome")
    worst = 0.0
    for name, (data, _) in {**HOSTILE_FILES, "largest that loads": (LARGEST, None)}.items():
        times = []
        for _ in range(REPEATS):
            start = time.thread_time()
            try:
                read_csv(data)
                outcome = "read"
            except DatasetError as err:
                outcome = "refused: " + str(err)[:48]
            times.append((time.thread_time() - start) * 1e3)
        worst = max(worst, max(times))
        print(
            f"{name:<32} {len(data):>10,} {statistics.median(times):>10.2f} {max(times):>8.2f} {'≤ 50':>7}  {outcome}"
        )
    print(f"\nworst file, worst repetition: {worst:.2f} ms CPU (budget ≤ {BUDGET_MS:g} ms)")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
