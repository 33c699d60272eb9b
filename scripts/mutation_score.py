"""Print the mutation score of the last `mutmut run`, per module and in total.

Reads the verdicts mutmut 3 keeps in `mutants/<module>.meta`. A mutant counts as killed
when a test failed or timed out with it; survivors, mutants that no selected test reaches
and suspicious ones count against the score. Mutants not checked yet (an interrupted run)
are reported, not scored. Survivors judged equivalent are listed in docs/security.md,
"Mutation testing"; they are counted as survivors here.

Usage: .venv/bin/python scripts/mutation_score.py   (after `mutmut run`; make mutation)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"

# mutmut 3's exit codes (mutmut/stats.py); any other code is "suspicious".
KILLED = {1, 3, 24, -24, 36, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
SKIPPED = {2, 34}


def main() -> int:
    metas = sorted(MUTANTS.glob("**/*.py.meta"))
    if not metas:
        print("No mutmut results under mutants/: run `make mutation` first.")
        return 1
    rows: list[tuple[str, int, int, int, int]] = []
    survivors: list[str] = []
    for meta in metas:
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        if not codes:
            continue
        module = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
        killed = sum(code in KILLED for code in codes.values())
        unchecked = sum(code is None or code in SKIPPED for code in codes.values())
        scored = len(codes) - unchecked
        survivors += sorted(k for k, code in codes.items() if code in SURVIVED | NO_TESTS)
        rows.append((module, killed, scored, unchecked, len(codes)))
    print(f"{'module':28} {'killed':>7} {'scored':>7} {'score':>7} {'unchecked':>10}")
    for module, killed, scored, unchecked, _total in rows:
        print(f"{module:28} {killed:7} {scored:7} {percent(killed, scored):>7} {unchecked:10}")
    killed = sum(row[1] for row in rows)
    scored = sum(row[2] for row in rows)
    unchecked = sum(row[3] for row in rows)
    print(f"{'total':28} {killed:7} {scored:7} {percent(killed, scored):>7} {unchecked:10}")
    print(f"\n{len(survivors)} surviving (or untested) mutants; `mutmut show NAME` shows one:")
    for name in survivors:
        print(f"  {name}")
    return 0


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


if __name__ == "__main__":
    sys.exit(main())
