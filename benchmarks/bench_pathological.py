"""Pathological announcements: does `ppid check` (and `ppid build`, which runs it first) stay linear?

Each family is 1 MiB of one construct that makes a backtracking pattern or Python-Markdown slow (long runs of
spaces in a heading, repeated `[](`, nested brackets, runs of `*`, `_`, backticks and `<`, a table with
thousands of columns, ...). Every family is timed against a normal 1 MiB announcement in the same run and
printed as seconds per MiB and as a ratio. Target: at most 2x the normal announcement, for the check and for
the build. A family the check refuses never reaches MkDocs, so its build time is the check's.

The last column shows why those families are refused: Python-Markdown alone on a small piece of the family
(`--markdown-kib`, default 16 KiB), scaled to seconds per MiB as if it were linear (it is not).

    python benchmarks/bench_pathological.py [--families link-openers stars] [--repeat 2] [--markdown-kib 16]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.core.catalog import check_sources  # noqa: E402
from pipeline.core.validate import SourceFile  # noqa: E402
from pipeline.edges.config import load_sop  # noqa: E402
from pipeline.edges.content_check import check_tree  # noqa: E402
from pipeline.edges.mkdocs_build import build_site  # noqa: E402

TARGET = 2.0
MIB = 1024 * 1024
BODY = MIB - 2048  # the file (front matter + body) stays within the check's 1 MiB limit
TODAY = date(2025, 8, 5)
PATH = "content/pengumuman/2025/uji-patologis.md"
FRONT = """---
judul: Pengumuman Uji Ketahanan Pemeriksa
nomor: 001/PPID/DISKOMINFO/2025
jenis: setiap-saat
tanggal: 2025-07-01
ringkasan: Pengumuman uji untuk mengukur waktu pemeriksaan dan pembangunan situs.
unit: Sekretariat
penanggung_jawab: Sekretaris
retensi: 1 Tahun
---
"""
_PARAGRAPH = ("Pelayanan informasi publik dilaksanakan setiap hari kerja pukul 07.30 sampai 16.00 WIB di ruang "
              "layanan PPID lantai dasar. Pemohon dapat mengajukan permohonan secara **langsung**, melalui surat, "
              "atau melalui [formulir daring](https://ppid.kalbarprov.go.id/formulir) dengan membawa *kartu "
              "identitas*.\n\n")
_CHUNK = ("## Bagian {i}\n\n" + _PARAGRAPH + "- butir pertama\n- butir kedua dengan `kode`\n\n"
          "| Hari | Jam |\n|---|---|\n| Senin | 07.30 |\n\n")


def normal(size: int) -> str:
    """A normal announcement: headings, paragraphs with links and emphasis, lists, small tables."""
    parts, total, index = [], 0, 0
    while total < size - 400:
        chunk = _CHUNK.format(i=index)
        parts.append(chunk)
        total += len(chunk)
        index += 1
    return "".join(parts)


def repeat(unit: str, size: int, head: str = "", tail: str = "\n") -> str:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


FAMILIES: dict[str, Callable[[int], str]] = {
    "normal": normal,
    "heading-spaces": lambda n: "# x" + " " * (n - 5) + "y\n",
    "heading-spaces-lines": lambda n: repeat("# x" + " " * 2000 + "y\n\n", n),
    "link-openers": lambda n: repeat("[](", n),
    "image-openers": lambda n: repeat("![](", n),
    "nested-brackets": lambda n: "[" * (n // 2 - 1) + "]" * (n // 2 - 1) + "\n",
    "stars-alternating": lambda n: repeat("*a", n),
    "stars-run": lambda n: repeat("*", n),
    "underscores-alternating": lambda n: repeat("_a", n),
    "underscores-run": lambda n: repeat("_", n),
    "backticks-alternating": lambda n: repeat("`a", n),
    "backticks-run": lambda n: repeat("`", n),
    "angles-alternating": lambda n: repeat("<a", n),
    "angles-run": lambda n: repeat("<", n),
    "wide-table": lambda n: repeat("a|", n // 2, "|", "\n") + repeat("-|", n // 2, "|", "\n"),
    "spaces-run": lambda n: " " * (n - 2) + "x\n",
    "link-closers": lambda n: repeat("](", n),
    "heading-markers": lambda n: repeat("#\n", n),
    "newlines": lambda n: "\n" * n,
    "reference-definitions": lambda n: repeat("[a]: b\n", n),
    "html-attributes": lambda n: repeat("href=a ", n),
    "table-of-links": lambda n: repeat("| [Dokumen](https://contoh.go.id/a.pdf) | 2025 |\n", n,
                                       "| A | B |\n|---|---|\n"),
}


# Dense but ordinary content, shown for comparison and not held to the target: every line carries a link, and
# Python-Markdown spends about three times as long per MiB on links as on prose.
REFERENCE_ONLY = frozenset({"table-of-links"})


def make_repo(base: Path) -> Path:
    repo = base / "repo"
    (repo / "content/pengumuman/2025").mkdir(parents=True)
    shutil.copy(ROOT / "sop.yml", repo / "sop.yml")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    for page in ("content/index.md", "content/tentang/index.md"):
        (repo / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / page, repo / page)
    return repo


def best(repeat_count: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat_count):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", nargs="*", default=list(FAMILIES))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--markdown-kib", type=int, default=16)
    args = parser.parse_args(argv)
    sop = load_sop(ROOT)
    names = ["normal", *[f for f in args.families if f != "normal"]]
    with tempfile.TemporaryDirectory() as tmp:
        repo = make_repo(Path(tmp))
        rows = []
        for name in names:
            body = FAMILIES[name](BODY)
            data = (FRONT + body).encode()
            assert len(data) <= MIB, (name, len(data))
            (repo / PATH).write_bytes(data)
            check = best(args.repeat, partial(check_sources, [SourceFile(PATH, data)], sop, frozenset({PATH}),
                                              today=TODAY))
            result = check_sources([SourceFile(PATH, data)], sop, frozenset({PATH}), today=TODAY)

            def build() -> None:
                checked, _ = check_tree(repo, today=TODAY)
                if checked.ok:
                    build_site(repo, repo / "site", prevalidated=checked)

            built = best(1, build)
            small = body[: args.markdown_kib * 1024]
            md = best(1, partial(markdown.markdown, small, extensions=["admonition", "attr_list", "def_list",
                                                                         "md_in_html", "tables", "toc"]))
            rows.append((name, len(data) / MIB, check, built, md * MIB / max(len(small), 1), result.ok))
    base_check, base_build = rows[0][2] / rows[0][1], rows[0][3] / rows[0][1]
    print(f"{'family':26s} {'check s/MiB':>11s} {'x normal':>8s} {'build s/MiB':>11s} {'x normal':>8s} "
          f"{'verdict':>8s} {'markdown alone s/MiB*':>21s}")
    worst = 0.0
    for name, mib, check, built, md, ok in rows:
        ratio_check, ratio_build = check / mib / base_check, built / mib / base_build
        if name not in REFERENCE_ONLY:
            worst = max(worst, ratio_check, ratio_build)
        print(f"{name + (' (ref.)' if name in REFERENCE_ONLY else ''):26s} {check / mib:11.3f} {ratio_check:8.2f} "
              f"{built / mib:11.3f} {ratio_build:8.2f} {'lolos' if ok else 'ditolak':>8s} {md:21.2f}")
    print(f"* Python-Markdown on the first {args.markdown_kib} KiB only, scaled linearly. (ref.): dense ordinary "
          "content, not held to the target.")
    print(f"worst ratio {worst:.2f} (target <= {TARGET})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
