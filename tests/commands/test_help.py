"""Every `--help` is Bahasa Indonesia, argparse's own words included, and every argument says what it is for;
and the `ppid` the docs tell staff to type is reachable (activated environment, make targets, next steps)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main
from pipeline.edges.invocation import ppid_command
from tests.conftest import ROOT

ENGLISH = re.compile(r"usage:|positional arguments|optional arguments|options:|show this help|show program's"
                     r"|version number|default:|\bexit\b|\bthe\b|\bFILE\b|\bPATHS\b", re.IGNORECASE)


def subcommands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_is_walked() -> None:
    assert {"check", "build", "serve", "baru", "chain", "arsip", "verify", "setup", "bukti", "laporan"} <= set(
        subcommands())


@pytest.mark.parametrize("argv", [[], *([name] for name in subcommands())], ids=lambda a: " ".join(a) or "ppid")
def test_help_is_indonesian(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"Penggunaan: ppid {' '.join(argv)}".rstrip())
    assert "opsi:" in text and "-h, --help" in text and "tampilkan bantuan ini lalu keluar" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize("name", subcommands())
def test_every_argument_says_what_it_is_for(name: str) -> None:
    parser = build_parser(name)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for action in sub.choices[name]._actions:
        assert action.help, f"ppid {name} {'/'.join(action.option_strings) or action.dest}: tanpa keterangan"


def test_usage_error_is_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chain", "--pr", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Penggunaan: ppid chain") and "argumen wajib belum diisi: --repo" in err


# -- `ppid` as the docs say to type it ---------------------------------------------------------------------------


def test_activating_the_environment_puts_ppid_on_path() -> None:
    """README: `. .venv/bin/activate` then `ppid check`; the environment running these tests is such a venv."""
    activate = Path(sys.prefix) / "bin" / "activate"
    if not activate.is_file():
        pytest.skip("the tests do not run in a virtual environment")
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run([bash, "-c", f". '{activate}' && ppid --version && command -v ppid"], cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("ppid ")
    assert Path(done.stdout.splitlines()[1]).resolve() == (Path(sys.prefix) / "bin" / "ppid").resolve()


def test_make_check_runs_ppid_check_without_activation() -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    done = subprocess.run([make, "-n", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and ".venv/bin/ppid check" in done.stdout


def test_next_steps_name_the_ppid_the_person_can_type(tmp_path: Path) -> None:
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    program = venv_bin / "ppid"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert ppid_command(str(program), path="/usr/bin:/bin", cwd=tmp_path) == ".venv/bin/ppid"
    assert ppid_command(str(program), path=f"{venv_bin}:/usr/bin", cwd=tmp_path) == "ppid"
    assert ppid_command("/usr/lib/python3/dist-packages/pipeline/__main__.py") == "ppid"


# -- each GitHub command names the token it really needs ----------------------------------------------------------


@pytest.mark.parametrize(("argv", "needs"), [
    (["setup", "--repo", "dinas/ppid"], "token pemilik organisasi: token klasik dengan cakupan repo dan admin:org"),
    (["chain", "--repo", "dinas/ppid", "--pr", "1"], "izin organisasi Members: read"),
    (["arsip", "--repo", "dinas/ppid", "--sha", "HEAD"], "Contents: read"),
    (["disposisi", "--repo", "dinas/ppid", "--issue", "1"], "Issues: read and write"),
    (["jadwal", "--buka-disposisi", "--repo", "dinas/ppid", "--now", "2026-01-05T09:00"], "Members: read"),
])
def test_without_a_token_each_command_names_its_permissions(argv: list[str], needs: str,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    if "HEAD" in argv:  # `ppid arsip` looks for the merge commit in the local history before asking GitHub
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        argv = [head.stdout.strip() if arg == "HEAD" else arg for arg in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("ppid: GITHUB_TOKEN belum diisi; isi dengan ") and needs in err
    assert main([argv[0], "--help"]) == 0
    assert "GITHUB_TOKEN: " in capsys.readouterr().out


def test_setup_never_suggests_a_members_read_token_is_enough(capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    main(["setup", "--repo", "dinas/ppid"])
    err = capsys.readouterr().err
    assert "Members: read and write" in err and "Members: read)" not in err and "tidak cukup" in err
