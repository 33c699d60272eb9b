"""Per-request cost of this package against flask-cors 6.0.5 and quart-cors 0.8.

    .venv/bin/python benchmarks/run.py [--rounds N] [--batch-ms MS] [--only REGEX]

(`make bench` runs it.) Each contender runs in its own worker process (worker.py): the
bare app, a do-nothing hook that only writes the headers, and this package from the
project's virtualenv; the references from `.bench/ref-venv` (made here on first use, with
the same Flask, Werkzeug and Quart versions as the project's), so the two `flask_cors`
packages never share an interpreter. Rounds are interleaved (A B C D, B C D A, ...), one
worker busy at a time; a figure is the median over rounds, and an overhead is the median
of the per-round differences to the bare app timed next to it.

Prints Markdown tables and a PASS/FAIL line per target of issue 5; exits 1 if one fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from scenarios import BY_ID, SCENARIOS, SINGLE, SIZES, Scenario

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REF_VENV = ROOT / ".bench" / "ref-venv"
REFERENCE = ("flask-cors==6.0.5", "quart-cors==0.8.0")
CONTENDERS = ("bare", "hook", "ref", "ours")
REPEAT = 3
"""Batches per contender and round; the fastest counts (a preempted one drops out)."""
REF_NAME = {"flask": "flask-cors 6.0.5", "quart": "quart-cors 0.8"}


# --- the reference virtualenv ----------------------------------------------------------------


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / "python"


def ensure_reference() -> Path:
    """`.bench/ref-venv` with the references, pinned to our framework versions."""
    wanted = [*REFERENCE, *(f"{p}=={version(p)}" for p in ("flask", "werkzeug", "quart"))]
    stamp = REF_VENV / ".installed"
    python = venv_python(REF_VENV)
    if stamp.exists() and stamp.read_text() == "\n".join(wanted) and python.exists():
        return python
    print(f"creating {REF_VENV.relative_to(ROOT)}: {' '.join(wanted)}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(REF_VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *wanted], check=True)
    stamp.write_text("\n".join(wanted))
    return python


# --- workers ---------------------------------------------------------------------------------


class Worker:
    """One contender's process; commands and answers are JSON lines."""

    def __init__(self, framework: str, contender: str, python: Path, clock: str) -> None:
        self.framework, self.contender = framework, contender
        # -s -E: no user site-packages, no PYTHONPATH: only the virtualenv's packages.
        worker = str(HERE / "worker.py")
        argv = [str(python), "-s", "-E", worker, framework, contender, str(ROOT), clock]
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE
        )
        hello = self._read()
        self.info = f"{hello['info']} (Python {hello['python']})"

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            sys.exit(f"the {self.framework}/{self.contender} worker stopped")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def ask(self, **cmd: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@dataclass
class Cell:
    """One (scenario, contender): calls per batch and µs per call of each round."""

    n: int = 0
    rounds: list[float] = field(default_factory=list)
    error: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)


Results = dict[str, dict[str, Cell]]


def calibrate(worker: Worker, scenario: Scenario, batch_ns: float) -> Cell:
    """Probe once (warms up, shows the headers), then size a batch to about `batch_ns`."""
    probe = worker.ask(op="probe", scenario=scenario.id)
    if not probe["ok"]:
        return Cell(error=probe["error"])
    cell = Cell(headers=[(name, value) for name, value in probe["headers"]])
    n = 16
    while True:
        ns = worker.ask(op="time", scenario=scenario.id, n=n)["ns"]
        if ns > batch_ns / 8 or n >= 1 << 16:
            break
        n *= 4
    cell.n = max(8, round(n * batch_ns / max(ns, 1)))
    return cell


def rotations(items: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """A B C D, B C D A, C D A B, ...: no contender always runs first."""
    i = 0
    while True:
        yield items[i:] + items[:i]
        i = (i + 1) % len(items)


def measure(
    framework: str,
    workers: dict[str, Worker],
    scenarios: list[Scenario],
    rounds: int,
    batch_ns: float,
) -> Results:
    results: Results = {}
    for scenario in scenarios:
        results[scenario.id] = {c: calibrate(w, scenario, batch_ns) for c, w in workers.items()}
    order = rotations(tuple(workers))
    for r in range(rounds):
        print(f"  {framework} round {r + 1}/{rounds}", file=sys.stderr, end="\r", flush=True)
        for scenario in scenarios:
            cells = results[scenario.id]
            for contender in next(order):
                cell = cells[contender]
                if cell.error:
                    continue
                reply = workers[contender].ask(
                    op="time", scenario=scenario.id, n=cell.n, repeat=REPEAT
                )
                cell.rounds.append(reply["ns"] / cell.n / 1000)
    print(file=sys.stderr)
    return results


# --- figures and targets ---------------------------------------------------------------------


def median(cell: Cell) -> float | None:
    return statistics.median(cell.rounds) if cell.rounds else None


def overhead(cells: dict[str, Cell], contender: str) -> float | None:
    """Median over rounds of (contender - bare), each pair timed side by side."""
    own, bare = cells[contender].rounds, cells["bare"].rounds
    if not own or len(own) != len(bare):
        return None
    return statistics.median(a - b for a, b in zip(own, bare, strict=True))


def fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def ratio(ours: float | None, ref: float | None) -> str:
    if ours is None or ref is None or ref <= 0:
        return "n/a"
    return f"{ours / ref:.2f}"


def table(framework: str, results: Results) -> list[str]:
    ref = REF_NAME[framework]
    lines = [
        (
            f"| {framework} scenario | bare µs | hook µs (+) | {ref} µs (+) | ours µs (+) "
            "| ours/ref overhead | ours - hook µs |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for sid, cells in results.items():
        oh = {c: overhead(cells, c) for c in CONTENDERS if c != "bare"}

        def both(c: str, oh: dict[str, float | None] = oh, cells: dict[str, Cell] = cells) -> str:
            return f"{fmt(median(cells[c]))} ({fmt(oh[c], signed=True)})"

        beyond = None if oh["ours"] is None or oh["hook"] is None else oh["ours"] - oh["hook"]
        lines.append(
            f"| {BY_ID[sid].title} | {fmt(median(cells['bare']))} | {both('hook')} "
            f"| {both('ref')} | {both('ours')} | {ratio(oh['ours'], oh['ref'])} "
            f"| {fmt(beyond, signed=True)} |"
        )
    return lines


def notes(framework: str, results: Results) -> list[str]:
    """Cells that could not run, and scenarios where ours and the reference disagree."""
    found: list[str] = []
    for sid, cells in results.items():
        for contender, cell in cells.items():
            if cell.error:
                found.append(f"- {framework} {contender} {sid}: n/a ({cell.error})")
        ours, ref = (acao(cells[c].headers) for c in ("ours", "ref"))
        if not cells["ours"].error and ours != ref:
            found.append(f"- {framework} {sid}: Allow-Origin {ours!r} (ours) vs {ref!r} (ref)")
    return [*found, ""] if found else []


def acao(headers: list[tuple[str, str]]) -> str | None:
    return next((v for k, v in headers if k.lower() == "access-control-allow-origin"), None)


@dataclass
class Target:
    name: str
    check: Callable[[], tuple[float, float] | None]
    """(measured, limit) or None when a figure is missing; passes when measured <= limit."""

    def verdict(self) -> tuple[str, str]:
        got = self.check()
        if got is None:
            return "N/A", "not measured"
        measured, limit = got
        word = "PASS" if measured <= limit else "FAIL"
        return word, f"{measured:.2f} (limit {limit:.2f})"


def targets(flask: Results, quart: Results) -> list[Target]:
    def oh(results: Results, sid: str, contender: str) -> float | None:
        cells = results.get(sid)
        return None if cells is None else overhead(cells, contender)

    def vs_ref(results: Results, sid: str, factor: float) -> Callable[[], Any]:
        # ours / ref overhead, at most 1/factor
        def check() -> tuple[float, float] | None:
            ours, ref = oh(results, sid, "ours"), oh(results, sid, "ref")
            if ours is None or ref is None or ref <= 0:
                return None
            return ours / ref, 1 / factor

        return check

    def flat(sid: str, base: str) -> Callable[[], Any]:
        # our overhead at 1000 / our overhead at 1, at most 1.3
        def check() -> tuple[float, float] | None:
            big, small = oh(flask, sid, "ours"), oh(flask, base, "ours")
            if big is None or small is None or small <= 0:
                return None
            return big / small, 1.3

        return check

    big = SIZES[-1]
    found = [
        Target(f"flask {sid}: ours/ref overhead <= 1/3", vs_ref(flask, sid, 3)) for sid in SINGLE
    ]
    for kind in ("last", "none"):
        found.append(
            Target(
                f"flask exact-origins-{big}-{kind}: ours / ours at 1 origin <= 1.3",
                flat(f"exact-origins-{big}-{kind}", f"exact-origins-1-{kind}"),
            )
        )
    found.append(
        Target(
            f"flask resources-{big}-last: ours / ours at 1 resource <= 1.3",
            flat(f"resources-{big}-last", "resources-1-last"),
        )
    )
    for sid in (
        f"regex-origins-{big}-last",
        f"regex-origins-{big}-none",
        f"resources-{big}-distinct",
    ):
        found.append(Target(f"flask {sid}: ours/ref overhead <= 1/5", vs_ref(flask, sid, 5)))
    for sid in quart:
        found.append(Target(f"quart {sid}: ours/ref overhead <= 1/2", vs_ref(quart, sid, 2)))
    return found


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=31, help="interleaved rounds (31)")
    parser.add_argument("--batch-ms", type=float, default=4, help="ms per timed batch (4)")
    parser.add_argument("--only", default="", help="regex: run only matching scenario ids")
    parser.add_argument("--framework", choices=("flask", "quart", "both"), default="both")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="cpu: process CPU time, robust on a shared machine (default); wall: elapsed time",
    )
    args = parser.parse_args()

    ours_python = Path(sys.executable)
    ref_python = ensure_reference()
    chosen = [s for s in SCENARIOS if re.search(args.only, s.id)]
    frameworks = ("flask", "quart") if args.framework == "both" else (args.framework,)
    started = time.monotonic()
    measured: dict[str, Results] = {"flask": {}, "quart": {}}
    infos: dict[str, str] = {}
    for framework in frameworks:
        workers = {
            c: Worker(framework, c, ref_python if c == "ref" else ours_python, args.clock)
            for c in CONTENDERS
        }
        infos.update({f"{framework}/{c}": w.info for c, w in workers.items()})
        scenarios = [s for s in chosen if framework == "flask" or s.quart]
        try:
            measured[framework] = measure(
                framework, workers, scenarios, args.rounds, args.batch_ms * 1e6
            )
        finally:
            for worker in workers.values():
                worker.close()

    out = [
        (
            f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
            f"Flask {version('flask')}, Werkzeug {version('werkzeug')}, Quart {version('quart')}; "
            f"{args.rounds} rounds, {args.clock} clock, {time.monotonic() - started:.0f} s."
        ),
        "",
        (
            "µs per request: median over rounds of the best of 3 batches; (+) overhead over "
            "the bare app; ours/ref: our overhead over the reference's (lower is better); "
            "ours - hook: what deciding costs beyond writing the same headers."
        ),
        "",
    ]
    for framework in frameworks:
        if measured[framework]:
            out += [*table(framework, measured[framework]), ""]
        out += notes(framework, measured[framework])
    failed = False
    out.append("")
    for target in targets(measured["flask"], measured["quart"]):
        word, detail = target.verdict()
        failed |= word == "FAIL"
        out.append(f"{word}  {target.name}: {detail}")
    print("\n".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
