"""How fast is `ppid check` on a large content tree, against a floor measured in the same run?

The floor is the least any checker must do: read every Markdown file and parse its front matter with
PyYAML's C loader. `ppid check` is timed in-process (`check_tree`) and as the CLI (a fresh interpreter,
so imports are included). Target: check_tree within 2x the floor at 10,000 files.

    python benchmarks/bench_check.py [--sizes 1000 10000] [--repeat 3] [--seed 0] [--no-cli]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, only benchmarks/ is on the path; the root gives the generator its package name, as in the tests.
sys.path.insert(0, str(ROOT))

from benchmarks.gen_content import generate  # noqa: E402
from pipeline.edges.content_check import check_tree  # noqa: E402

TARGET = 2.0


def floor(root: Path) -> int:
    """Read every .md under content/ and load its front matter with the C loader; returns the file count."""
    count = 0
    for folder, _, files in os.walk(root / "content"):
        for name in files:
            if not name.endswith(".md"):
                continue
            text = Path(folder, name).read_bytes().decode("utf-8")
            end = text.find("\n---", 4)
            yaml.load(text[4:end], Loader=yaml.CSafeLoader)
            count += 1
    return count


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def best_of(repeat: int, funcs: list[Callable[[], object]]) -> list[float]:
    """The fastest of REPEAT runs of each function, run in turns so a busy moment on the machine hits all."""
    best = [float("inf")] * len(funcs)
    for _ in range(repeat):
        for index, func in enumerate(funcs):
            best[index] = min(best[index], timed(func))
    return best


def in_process(root: Path) -> None:
    result, _ = check_tree(root)
    if not result.ok:
        raise SystemExit(f"generated content has problems: {result.problems[:3]}")


def cli(root: Path) -> None:
    ppid = Path(sys.executable).with_name("ppid")
    subprocess.run([str(ppid), "check"], cwd=root, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-cli", action="store_true", help="skip timing the CLI in a fresh interpreter")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"best of {args.repeat}")
    print(f"{'files':>7} {'floor s':>9} {'check s':>9} {'ratio':>6} {'cli s':>9} {'ratio':>6}")
    worst = 0.0
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="ppid-bench-") as tmp:
            root = Path(tmp)
            generate(root, size, args.seed)
            floor(root)  # warm the page cache so both sides read from memory
            funcs: list[Callable[[], object]] = [partial(floor, root), partial(in_process, root)]
            if not args.no_cli:
                funcs.append(partial(cli, root))
            times = best_of(args.repeat, funcs)
            base, checked = times[0], times[1]
            ratio = checked / base
            if size >= 10000:
                worst = max(worst, ratio)
            line = f"{size:>7} {base:>9.3f} {checked:>9.3f} {ratio:>5.1f}x"
            if not args.no_cli:
                line += f" {times[2]:>9.3f} {times[2] / base:>5.1f}x"
            print(line, flush=True)
    if worst:
        verdict = "within" if worst <= TARGET else "ABOVE"
        print(f"check_tree at 10,000 files: {worst:.2f}x the floor ({verdict} the {TARGET:.0f}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
