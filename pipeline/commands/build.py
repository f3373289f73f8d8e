"""`ppid build [--terbit]`: validate content/ like `ppid check`, then build the public site into site/ (MkDocs,
strict). With `--terbit` (the publish workflow) content that no proof record covers stops the build; without it
(a preview) such content is built, marked as a draft and kept out of the feed, the DIP downloads and the sitemap.

Exit 0 built, 1 content problems (printed as `path:line: field: message`) or a failed build; the previous
site/ is left untouched unless the new one is complete.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from pipeline.commands.check import check_tree
from pipeline.core.problems import Problem
from pipeline.core.report import format_github, format_text
from pipeline.edges.config import find_root


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("build", help="periksa isi lalu bangun situs publik ke site/",
                            description="Memeriksa semua berkas di content/ lalu membangun situs ke site/.")
    parser.add_argument("--site-dir", default="site", metavar="FOLDER",
                        help="folder hasil (relatif terhadap akar repositori; bawaan: site)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="bentuk laporan masalah (github: anotasi GitHub Actions)")
    parser.add_argument("--terbit", action="store_true",
                        help="bangun untuk diterbitkan: tolak isi yang belum tercakup catatan bukti (tanpa opsi ini "
                             "isi itu dibangun sebagai pratinjau bertanda 'DRAF — belum disetujui')")
    parser.set_defaults(func=run)


def _report(problems: Sequence[Problem], checked: int, fmt: str) -> None:
    print(format_github(problems) if fmt == "github" else format_text(problems, checked))


def run(args: argparse.Namespace) -> int:
    from pipeline.edges.mkdocs_plugin import BuildFailed, build_site  # MkDocs loads only when needed

    root = find_root()
    result, checked = check_tree(root)
    if not result.ok:
        _report(result.problems, checked, args.format)
        print("Situs tidak dibangun. Perbaiki masalah di atas lalu jalankan 'ppid build' lagi.")
        return 1
    site_dir = Path(args.site_dir)
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    try:
        build_site(root, site_dir, prevalidated=result, publishing=args.terbit)
    except BuildFailed as exc:
        if not exc.problems:
            raise
        _report(exc.problems, checked, args.format)
        print(f"Situs tidak dibangun: {exc}")
        return 1
    print(f"Situs selesai dibangun di {site_dir}: {len(result.announcements)} pengumuman.")
    return 0
