"""Print the suite's budget at the end of `.ci/run`: wall time of each database's run,
its test counts and its 20 slowest tests (from the JUnit reports).

    python .ci/timing.py sqlite=312:test-output/junit-sqlite.xml postgresql=...
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SLOWEST = 20
BUDGET_SECONDS = 900  # the whole .ci/run on a 2-core machine (docs/developpement.md)


GROWTH_TESTS, GROWTH_SECONDS = 2000, 2700  # the suite grown to 2,000 tests, both databases


def report(label: str, wall: int, path: Path) -> float | None:
    """Print one run's figures; returns its wall seconds per test."""
    if not path.exists():
        print(f"{label}: {wall} s, no report ({path} missing)")
        return None
    cases = list(ET.parse(path).getroot().iter("testcase"))
    failed = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    print(
        f"{label}: {wall} s wall, {len(cases)} tests ({len(cases) - failed - skipped} passed, "
        f"{failed} failed or in error, {skipped} skipped), "
        f"{wall / max(len(cases), 1):.2f} s per test"
    )
    timed = sorted(cases, key=lambda c: float(c.get("time") or 0), reverse=True)[:SLOWEST]
    for case in timed:
        name = f"{case.get('classname', '').replace('.', '/')}.py::{case.get('name')}"
        print(f"  {float(case.get('time') or 0):7.2f} s  {name}")
    return wall / max(len(cases), 1)


def main(args: list[str]) -> int:
    print("== Budget ==")
    total, per_test = 0, []
    for arg in args:
        label, _, rest = arg.partition("=")
        seconds, _, report_path = rest.partition(":")
        if label == "lint":
            print(f"lint: {seconds} s wall")
        else:
            cost = report(label, int(seconds), Path(report_path))
            if cost is not None:
                per_test.append(cost)
        total += int(seconds)
    verdict = "within" if total <= BUDGET_SECONDS else "OVER"
    print(f"total: {total} s ({verdict} the {BUDGET_SECONDS} s budget)")
    if per_test:
        projected = sum(per_test) * GROWTH_TESTS
        verdict = "within" if projected <= GROWTH_SECONDS else "OVER"
        print(
            f"at this cost per test, {GROWTH_TESTS} tests on every database: "
            f"{projected:.0f} s ({verdict} the {GROWTH_SECONDS} s target)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
