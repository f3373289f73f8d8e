"""CODEOWNERS generated from sop.yml, and `ppid codeowners [--check]`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.core.codeowners import pattern, render_codeowners
from pipeline.core.sop import Sop

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("glob, expected", [
    (".github/**", "/.github/"),
    ("sop.yml", "/sop.yml"),
    ("/Makefile", "/Makefile"),
    ("content/**", "/content/"),
    ("docs/*.md", "/docs/*.md"),
])
def test_pattern(glob: str, expected: str) -> None:
    assert pattern(glob) == expected


def test_admin_owns_everything_protected_and_the_archive_last(sop: Sop) -> None:
    lines = [line for line in render_codeowners(sop, "dinas").splitlines() if line and not line.startswith("#")]
    assert lines[0] == "* @dinas/ppid-admin"
    assert lines[1] == "/content/ @dinas/ppid-kabid"
    # Later lines win: the archive and protected paths come after the content rule.
    assert lines[2] == "/content/arsip/ @dinas/ppid-admin"
    assert {line.split()[0] for line in lines[3:]} == {pattern(g) for g in sop.content.protected_paths}
    assert all(line.endswith(" @dinas/ppid-admin") for line in lines[3:])


def test_repository_codeowners_is_in_step_with_sop_yml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert main(["codeowners", "--check"]) == 0


def test_write_then_check_then_drift(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert main(["codeowners", "--check"]) == 2
    assert "ppid codeowners --org" in capsys.readouterr().err
    assert main(["codeowners", "--org", "dinas"]) == 0
    assert (repo / "CODEOWNERS").read_text().count("@dinas/") == 14
    assert main(["codeowners", "--check"]) == 0  # the organisation is read back from the file
    sop = (repo / "sop.yml").read_text()
    (repo / "sop.yml").write_text(sop.replace('"Makefile", ".ci/**"', '"Makefile", ".ci/**", "docs/**"'))
    capsys.readouterr()
    assert main(["codeowners", "--check"]) == 1
    assert "tidak sesuai dengan sop.yml" in capsys.readouterr().err
    assert main(["codeowners"]) == 0
    assert "/docs/ @dinas/ppid-admin" in (repo / "CODEOWNERS").read_text()


def test_organisation_from_the_environment(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GITHUB_REPOSITORY", "diskominfo-kalbar/ppid")
    assert main(["codeowners"]) == 0
    assert "* @diskominfo-kalbar/ppid-admin" in (repo / "CODEOWNERS").read_text()


def test_invalid_organisation(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo)
    assert main(["codeowners", "--org", "bukan org!"]) == 2
    assert "bukan nama organisasi GitHub yang valid" in capsys.readouterr().err
