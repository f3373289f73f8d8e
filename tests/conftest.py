"""Shared fixtures: a throw-away repository with the real sop.yml and helpers to write content."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.core.sop import Sop
from pipeline.edges.config import load_sop

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(autouse=True)
def _no_github_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token in the developer's shell must never send a test to the real GitHub (`ppid baru` reads open PRs
    whenever GITHUB_TOKEN is set); tests that want GitHub set the fake's token and address themselves."""
    for name in ("GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_REPOSITORY", "PPID_BOT_LOGIN"):
        monkeypatch.delenv(name, raising=False)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Without Chromium, stop before the first browser test with one line, not one error per test."""
    from tests.browser import MISSING, find_chromium

    if any(item.get_closest_marker("browser") for item in session.items) and find_chromium() is None:
        pytest.exit(MISSING, returncode=4)

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A minimal repository: the project's sop.yml and an empty content tree."""
    shutil.copy(ROOT / "sop.yml", tmp_path / "sop.yml")
    (tmp_path / "content" / "pengumuman").mkdir(parents=True)
    (tmp_path / "content" / "lampiran").mkdir(parents=True)
    return tmp_path


@pytest.fixture
def sop() -> Sop:
    return load_sop(ROOT)


WriteFile = Callable[..., Path]


@pytest.fixture
def write(repo: Path) -> WriteFile:
    """write(relpath, text_or_bytes) -> Path, creating folders."""

    def _write(rel: str, data: str | bytes) -> Path:
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return path

    return _write
