"""The folder rules every module shares: a folder with or without its trailing slash is the same folder, a folder
whose name starts another's ("content/arsip", "content/arsip2") never holds the other's files, and the root
("" or ".") holds everything."""

from __future__ import annotations

import pytest

from pipeline.core.paths import below, folder_prefix, in_folder, join, kind_of, matches, relative_to
from pipeline.core.sop import Sop


@pytest.mark.parametrize(("folder", "prefix"), [
    ("content/arsip", "content/arsip/"),
    ("content/arsip/", "content/arsip/"),
    ("content/arsip//", "content/arsip/"),
    ("", ""),
    (".", ""),
    ("./", ""),
    ("/", "/"),
    ("/srv/situs/", "/srv/situs/"),
])
def test_folder_prefix(folder: str, prefix: str) -> None:
    assert folder_prefix(folder) == prefix


@pytest.mark.parametrize(("path", "folder", "rest"), [
    ("content/arsip/2025/00001-a-1234567.json", "content/arsip", "2025/00001-a-1234567.json"),
    ("content/arsip/2025/00001-a-1234567.json", "content/arsip/", "2025/00001-a-1234567.json"),
    ("content/arsip2/2025/a.json", "content/arsip", None),  # a folder whose name starts with the other's
    ("content/arsip", "content/arsip", None),  # the folder itself is not below itself
    ("content/arsip/", "content/arsip", None),
    ("content/arsi", "content/arsip", None),
    ("lain/content/arsip/a.json", "content/arsip", None),  # the folder must start the path
    ("content/a.md", "", "content/a.md"),
    ("content/a.md", ".", "content/a.md"),
    ("", "", None),
    ("/srv/situs/bukti/rantai.txt", "/srv/situs", "bukti/rantai.txt"),
])
def test_relative_to_and_below(path: str, folder: str, rest: str | None) -> None:
    assert relative_to(path, folder) == rest
    assert below(path, folder) is (rest is not None)


@pytest.mark.parametrize(("path", "folder", "inside"), [
    ("content/arsip", "content/arsip", True),
    ("content/arsip", "content/arsip/", True),
    ("content/arsip/2025/a.json", "content/arsip", True),
    ("content/arsip2", "content/arsip", False),
    ("content/arsip2/a.json", "content/arsip", False),
    ("content", "content/arsip", False),
    ("content/a.md", "", True),
    ("content/a.md", ".", True),
    (".", ".", True),
])
def test_in_folder(path: str, folder: str, inside: bool) -> None:
    assert in_folder(path, folder) is inside


@pytest.mark.parametrize(("folder", "parts", "joined"), [
    ("content/lampiran", ("2025", "a.pdf"), "content/lampiran/2025/a.pdf"),
    ("content/lampiran/", ("2025/a.pdf",), "content/lampiran/2025/a.pdf"),
    ("content/lampiran", ("2025/",), "content/lampiran/2025/"),
    ("", ("a.pdf",), "a.pdf"),
    (".", ("a.pdf",), "a.pdf"),
    ("/srv/situs", ("bukti", "rantai.txt"), "/srv/situs/bukti/rantai.txt"),
])
def test_join(folder: str, parts: tuple[str, ...], joined: str) -> None:
    assert join(folder, *parts) == joined
    assert relative_to(joined, folder) == "/".join(parts)


@pytest.mark.parametrize(("path", "kind"), [
    ("content/arsip/2025/00001-a-1234567.json", "archive"),
    ("content/arsip2/2025/a.json", "asset"),
    ("content/bukti/2025/foto.jpg", "evidence"),
    ("content/lampiran/2025/a.pdf", "attachment"),
    ("content/lampiran2/a.pdf", "asset"),
    ("content/pengumuman/2025/a.md", "announcement"),
    ("content/pengumuman-lama/a.md", "page"),
    ("content/tentang/index.md", "page"),
])
def test_kind_of(path: str, kind: str, sop: Sop) -> None:
    assert kind_of(path, sop) == kind


@pytest.mark.parametrize(("path", "patterns", "hit"), [
    ("content/pengumuman/2025/a.md", ("content/**",), True),
    ("lain/content/a.md", ("content/**",), False),  # anchored at the root
    ("content/pengumuman/2025/a.md", ("content/*.md",), False),  # `*` stays in one segment
    ("content/a.md", ("content/*.md",), True),
    ("content/a.md", (), False),
])
def test_matches(path: str, patterns: tuple[str, ...], hit: bool) -> None:
    assert matches(path, patterns) is hit
