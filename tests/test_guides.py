"""The guides people follow: README's staff sections and command table, the illustrated staff guide, and the
admin guide as an ordered path whose links all land on a heading."""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET

import pytest

from pipeline.cli import build_parser
from pipeline.core import permissions
from pipeline.core.guides import STAFF_GUIDE
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ADMIN = (ROOT / "PANDUAN-ADMIN.md").read_text(encoding="utf-8")
STAFF = (ROOT / STAFF_GUIDE).read_text(encoding="utf-8")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    return {slug(line.lstrip("#")) for line in markdown.splitlines() if line.startswith("#")}


def commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


@pytest.mark.parametrize("name", commands())
def test_readme_command_table_lists_every_command(name: str) -> None:
    assert re.search(rf"^\| `ppid {name}\b", README, re.MULTILINE) or f"/ `ppid {name}" in README


def test_readme_staff_sections_are_indonesian_and_say_how_to_type_ppid() -> None:
    for heading in ("## Mulai cepat", "## Untuk staf (Pelaksana): membuat pengumuman", "## Untuk penyetuju dan admin",
                    "## Perintah", "| perintah | kegunaan |"):
        assert heading in README
    assert ". .venv/bin/activate" in README and "make check" in README and "make serve" in README
    assert "(PANDUAN-STAF.md)" in README


@pytest.mark.parametrize("guide", ["README.md", "PANDUAN-ADMIN.md", STAFF_GUIDE])
def test_every_link_in_a_guide_lands(guide: str) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        file = (ROOT / path) if path else ROOT / guide
        assert file.exists(), f"{guide}: {target}"
        if anchor:
            assert anchor in anchors(file.read_text(encoding="utf-8")), f"{guide}: #{anchor}"


def test_staff_guide_is_illustrated_and_covers_both_paths() -> None:
    images = re.findall(r"!\[([^\]]+)\]\(([^)]+)\)", STAFF)
    assert len(images) >= 3
    for alt, path in images:
        root = ET.parse(ROOT / path).getroot()
        assert alt and root.find("{http://www.w3.org/2000/svg}title") is not None
    for needed in ("## A. Lewat browser saja", "## B. Di laptop dengan GitHub Desktop", "Disposisi: #",
                   "**Create pull request**", "**Publish branch**", "**dua berkas**", ". .venv/bin/activate"):
        assert needed in STAFF


def test_admin_guide_is_an_ordered_path() -> None:
    order = ["Python 3.11", "make site", "New repository", "git push -u origin main", "New GitHub App",
             ".venv/bin/ppid setup --repo", "Add environment secret", "Add a member", "ppid codeowners --org"]
    positions = [ADMIN.index(step) for step in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    assert ".venv/bin/ppid laporan --tahun" in ADMIN


def test_admin_guide_keeps_its_section_numbers() -> None:
    numbers = re.findall(r"^## (\d+)\. ", ADMIN, re.MULTILINE)
    assert numbers == [str(n) for n in range(1, 11)]
    assert "## 7. Penerbitan: GitHub Pages atau server dinas" in ADMIN
    assert "## 8. Bukti pengumuman dan `ppid verify`" in ADMIN


def test_admin_guide_asks_setup_for_the_rights_the_command_names() -> None:
    section = ADMIN[ADMIN.index("### 4.1"):ADMIN.index("### 4.2")]
    for right in ("admin:org", "Administration", "Environments", "Pages", "Members: Read and write"):
        assert right in section and right.split(":")[0] in permissions.SETUP
