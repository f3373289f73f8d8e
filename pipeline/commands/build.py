"""`ppid build [--terbit]`: validate content/ like `ppid check`, then build the public site into site/ (MkDocs,
strict). With `--terbit` (the publish workflow) content that no proof record covers, and anything else `ppid verify`
refuses, stops the build; without it (a preview) such content is built, marked as a draft and kept out of the feed,
the DIP downloads and the sitemap.

Exit 0 built, 1 content problems (printed as `path:line: field: message`) or a failed build; the previous
site/ is left untouched unless the new one is complete.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from pipeline.commands import Subparsers
from pipeline.core.problems import Problem
from pipeline.core.report import format_text, render
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content_check import check_tree
from pipeline.edges.proof_tree import verify_tree
from pipeline.errors import PpidError


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("build", help="periksa isi lalu bangun situs publik ke site/",
                            description="Memeriksa semua berkas di content/ lalu membangun situs ke site/.")
    parser.add_argument("--site-dir", default="site", metavar="FOLDER",
                        help="folder hasil (relatif terhadap akar repositori; bawaan: site)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="bentuk laporan masalah (github: anotasi GitHub Actions)")
    parser.add_argument("--terbit", action="store_true",
                        help="bangun untuk diterbitkan: tolak isi yang belum tercakup catatan bukti dan apa pun yang "
                             "ditolak 'ppid verify' (tanpa opsi ini isi itu dibangun sebagai pratinjau bertanda "
                             "'DRAF — belum disetujui')")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return build(site_dir=Path(args.site_dir), fmt=args.format, publishing=args.terbit)


def build(*, site_dir: Path, fmt: str, publishing: bool, root: Path | None = None, out: IO[str] | None = None) -> int:
    """Check the content under ROOT, then build the site into `site_dir` (relative to ROOT unless absolute);
    `publishing` refuses whatever `ppid verify` refuses. Returns the exit code."""
    from pipeline.edges.mkdocs_build import BuildFailed, build_site  # MkDocs loads only when needed

    out = out or sys.stdout
    root = root or find_root()
    result, checked = check_tree(root)
    if not result.ok:
        _report(result.problems, checked, fmt, out)
        out.write("Situs tidak dibangun. Perbaiki masalah di atas lalu jalankan 'ppid build' lagi.\n")
        return 1
    if publishing:
        _refuse_unless_proven(root)
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    try:
        build_site(root, site_dir, prevalidated=result, publishing=publishing)
    except BuildFailed as exc:
        if not exc.problems:
            raise
        _report(exc.problems, checked, fmt, out)
        out.write(f"Situs tidak dibangun: {exc}\n")
        return 1
    out.write(f"Situs selesai dibangun di {site_dir}: {len(result.announcements)} pengumuman.\n")
    return 0


def _report(problems: Sequence[Problem], checked: int, fmt: str, out: IO[str]) -> None:
    shown = render(problems, fmt, lambda found: format_text(found, checked))
    if shown is not None:
        out.write(shown + "\n")


def _refuse_unless_proven(root: Path) -> None:
    """The deploying build is the last step, so it refuses whatever `ppid verify` refuses: besides content no
    record covers (which the plugin also refuses), a record rewritten in the history or one whose hashes do not
    match the content at its merge commit, which would put a forged proof page, and the content it vouches for,
    on the public site."""
    _, problems, _ = verify_tree(root, load_sop(root))
    if problems:
        raise PpidError("Situs TIDAK diterbitkan: bukti pengumuman tidak utuh:\n"
                        + "\n".join(p.as_text() for p in problems)
                        + "\nAdmin PPID: jalankan 'ppid verify'; kembalikan (revert) perubahan yang tidak disetujui, "
                        "atau ajukan lewat pull request agar disetujui dan dicatat.")
