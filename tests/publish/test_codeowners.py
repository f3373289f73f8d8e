"""CODEOWNERS generated from sop.yml, and `ppid codeowners [--check]`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.codeowners import codeowners
from pipeline.core.codeowners import pattern, render_codeowners
from pipeline.core.sop import Sop
from pipeline.errors import UsageError

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


def owners(root: Path, *, org: str | None = None, check_only: bool = False,
           env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`ppid codeowners` on ROOT: the exit code, what it printed and what it said on stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = codeowners(org=org, check_only=check_only, env=env or {}, root=root, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_repository_codeowners_is_in_step_with_sop_yml() -> None:
    assert owners(ROOT, check_only=True) == (0, "CODEOWNERS sesuai dengan sop.yml.\n", "")


def test_write_then_check_then_drift(repo: Path) -> None:
    with pytest.raises(UsageError, match="jalankan 'ppid codeowners --org NAMA-ORGANISASI'"):
        owners(repo, check_only=True)
    code, out, _ = owners(repo, org="dinas")
    written = (repo / "CODEOWNERS").read_text()
    assert (code, out) == (0, f"CODEOWNERS ditulis ({len(written.splitlines())} baris).\n")
    assert written.count("@dinas/") == 14
    assert owners(repo, check_only=True)[0] == 0  # the organisation is read back from the file
    assert owners(repo)[1] == "CODEOWNERS sudah sesuai; tidak ada perubahan.\n"
    sop = (repo / "sop.yml").read_text()
    (repo / "sop.yml").write_text(sop.replace('"Makefile", ".ci/**"', '"Makefile", ".ci/**", "docs/**"'))
    code, _, err = owners(repo, check_only=True)
    assert code == 1
    assert "tidak sesuai dengan sop.yml" in err
    assert owners(repo)[0] == 0
    assert "/docs/ @dinas/ppid-admin" in (repo / "CODEOWNERS").read_text()


def test_organisation_from_the_environment(repo: Path) -> None:
    assert owners(repo, env={"GITHUB_REPOSITORY": "diskominfo-kalbar/ppid"})[0] == 0
    assert "* @diskominfo-kalbar/ppid-admin" in (repo / "CODEOWNERS").read_text()


def test_the_cli_reads_the_organisation_from_the_environment(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GITHUB_REPOSITORY", "diskominfo-kalbar/ppid")
    assert main(["codeowners", "--check"]) == 1
    assert main(["codeowners"]) == 0
    assert main(["codeowners", "--check"]) == 0
    assert "* @diskominfo-kalbar/ppid-admin" in (repo / "CODEOWNERS").read_text()


def test_invalid_organisation(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo)
    assert main(["codeowners", "--org", "bukan org!"]) == 2
    assert capsys.readouterr().err == "ppid: 'bukan org!' bukan nama organisasi GitHub yang valid\n"
