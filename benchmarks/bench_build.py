"""How fast is `ppid build`, and how heavy is the site for a phone? Ratios against a floor measured in the same run.

For each size N (default 1,000 and 3,000 generated announcements, benchmarks/gen_content.py):

- floor: read every Markdown file, parse its front matter (PyYAML C loader) and render its body with the same
  Markdown extensions as mkdocs.yml, in this process (no imports, no templates, nothing written);
- plain: `mkdocs build` of the same files with the same theme and extensions, no plugin at all, announcements
  out of the nav (a fresh interpreter, like the CLI);
- ppid: `ppid build` (validation, generated pages, search index, DIP downloads, QR codes, sanitising; a fresh
  interpreter).

Targets: ppid within 3x the floor at 3,000 announcements; ppid's time from 1,000 to 3,000 at most 3.3x.
Also printed: the gzip bytes a phone downloads to open one announcement cold (HTML, CSS, JS, images, fonts)
and the size of the search index.

    python benchmarks/bench_build.py [--sizes 1000 3000] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import yaml

REPO = Path(__file__).resolve().parents[1]
# Run as a script, only benchmarks/ is on the path; the root gives the generator its package name, as in the tests.
sys.path.insert(0, str(REPO))

from benchmarks.gen_content import generate  # noqa: E402

FLOOR_TARGET, GROWTH_TARGET = 3.0, 3.3


def make_repo(root: Path, n: int) -> None:
    """A repository with N announcements plus the project's mkdocs.yml and hand-written pages."""
    generate(root, n)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for page in ("content/index.md", "content/tentang/index.md"):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / page, root / page)


def _extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions of mkdocs.yml, as names and configs."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def floor(root: Path) -> int:
    """Read, parse front matter and render every Markdown file; returns the file count."""
    names, configs = _extensions()
    count = 0
    for folder, _, files in os.walk(root / "content"):
        for name in files:
            if not name.endswith(".md"):
                continue
            text = Path(folder, name).read_text(encoding="utf-8")
            body = text
            if text.startswith("---\n"):
                end = text.find("\n---", 4)
                yaml.load(text[4:end], Loader=yaml.CSafeLoader)
                body = text[end + 4:]
            markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
            count += 1
    return count


def plain_config(root: Path) -> Path:
    """mkdocs.yml without our plugin (and without the nav entries only our plugin creates)."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n  - ppid\n", "plugins: []\n").replace("strict: true", "strict: false")
    config = config.split("\nnav:\n")[0] + "\nnav:\n  - Beranda: index.md\n  - Tentang PPID: tentang/index.md\n"
    path = root / "mkdocs-plain.yml"
    path.write_text(config, encoding="utf-8")
    return path


def run(cmd: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its finished children (and theirs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, func: Callable[[], object]) -> tuple[float, float]:
    """The fastest wall time and CPU time of REPEAT runs (the least disturbed by other work on the machine).

    Wall time is what a publisher waits for; CPU time (which includes worker processes) is steadier on a busy
    machine and counts work, not parallelism."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        func()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def phone_bytes(site: Path, page: Path) -> dict[str, int]:
    """Gzip bytes of an announcement page and everything it loads (stylesheets, scripts, images, icon)."""
    html = page.read_bytes()
    text = html.decode("utf-8")
    refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', text)
    refs += re.findall(r'<script src="([^"]+)"', text) + re.findall(r'<img [^>]*src="([^"]+)"', text)
    sizes = {"html": gz(html), "css": 0, "js": 0, "images": 0, "fonts": 0}
    for ref in dict.fromkeys(refs):
        target = (page.parent / ref).resolve()
        kind = {".css": "css", ".js": "js", ".woff2": "fonts", ".woff": "fonts"}.get(target.suffix, "images")
        sizes[kind] += gz(target.read_bytes())
    return sizes


def measure(n: int, repeat: int, work: Path) -> dict[str, Any]:
    root = work / f"n{n}"
    make_repo(root, n)
    python = sys.executable
    t_floor = best_of(repeat, lambda: floor(root))
    plain = plain_config(root)
    t_plain = best_of(repeat, lambda: run([python, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d",
                                           str(work / f"plain{n}")], root))
    t_ppid = best_of(repeat, lambda: run([python, "-m", "pipeline", "build"], root))
    site = root / "site"
    page = next(site.glob("pengumuman/*/*/index.html"))
    index = (site / "cari" / "indeks.json").read_bytes()
    weights = phone_bytes(site, page)
    for label, i in (("wall", 0), ("cpu", 1)):
        floor_s, plain_s, ppid_s = t_floor[i], t_plain[i], t_ppid[i]
        print(f"N={n} {label}: floor {floor_s:.2f} s, plain mkdocs {plain_s:.2f} s, ppid build {ppid_s:.2f} s; "
              f"ppid/floor {ppid_s / floor_s:.2f}x, plain/floor {plain_s / floor_s:.2f}x, "
              f"ppid/plain {ppid_s / plain_s:.2f}x")
    print(f"  search index: {len(index) / 1024:.0f} KiB ({len(index) / n:.0f} B per announcement), "
          f"{gz(index) / 1024:.0f} KiB gzip")
    print(f"  one announcement, cold, gzip: {sum(weights.values()) / 1024:.1f} KiB "
          + ", ".join(f"{k} {v / 1024:.1f}" for k, v in weights.items()))
    return {"floor": t_floor, "plain": t_plain, "ppid": t_ppid, "index": len(index)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build under this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="ppid-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = {n: measure(n, args.repeat, work) for n in args.sizes}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    largest, smallest = max(results), min(results)
    print()
    for label, i in (("wall", 0), ("cpu", 1)):
        ratio = results[largest]["ppid"][i] / results[largest]["floor"][i]
        print(f"{label}: ppid/floor at N={largest}: {ratio:.2f}x (target <= {FLOOR_TARGET}x) "
              f"{'OK' if ratio <= FLOOR_TARGET else 'MISSED'}")
        if largest != smallest:
            growth = results[largest]["ppid"][i] / results[smallest]["ppid"][i]
            print(f"{label}: ppid build N={smallest} -> N={largest}: {growth:.2f}x for {largest / smallest:.1f}x "
                  f"the content (target <= {GROWTH_TARGET}x) {'OK' if growth <= GROWTH_TARGET else 'MISSED'}")
    if 1000 in results:
        size = results[1000]["index"]
        verdict = "OK" if size < 1024**2 else "MISSED"
        print(f"search index at N=1000: {size / 1024:.0f} KiB (target < 1024 KiB) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
