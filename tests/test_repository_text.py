"""The repository's own text, read line by line: no leftover merge-conflict markers (a merge commit can carry them
into prose, README.md and the guides, that no other test reads), and every `ppid` command line it shows staff, admins
or the workflows names a real command with real options (a renamed option would otherwise live on in a guide or a
workflow until someone typed it)."""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^(<{7}|>{7}|={7}$|\|{7})( |$)", re.M)


def tracked() -> list[str]:
    names = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    return [n.decode() for n in names.split(b"\0") if n]


def test_no_conflict_markers_in_tracked_files() -> None:
    found = []
    for name in tracked():
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".jpg", ".jpeg", ".pdf", ".xlsx", ".zip"}:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert found == []


# `ppid CMD …` in backticks anywhere in prose, docstrings and messages; bare in what runs it (workflow steps, the
# Makefile, the systemd unit's ExecStart).
QUOTED = re.compile(r"`ppid ([a-z][a-z-]*)([^`\n]*)`")
RUN = re.compile(r"(?:^[ \t]*(?:-[ \t]*)?(?:run:[ \t]*)?|\$\(BIN\)/|ExecStart=\S*/|&& )"
                 r"ppid ([a-z][a-z-]*)([^\n#]*)", re.M)
TEXT = (".py", ".md", ".yml", ".yaml", ".txt", ".html")


def _commands() -> dict[str, set[str]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {o for action in p._actions for o in action.option_strings} for name, p in sub.choices.items()}


def command_lines(name: str, text: str) -> list[tuple[int, str, str]]:
    """(line, command, the rest of the line) for each `ppid` command line in `text`."""
    runs = name.startswith((".github/workflows/", "deploy/systemd/", ".ci/")) or name == "Makefile"
    found = [(m.start(), m[1], m[2]) for m in QUOTED.finditer(text)]
    found += [(m.start(), m[1], m[2]) for m in RUN.finditer(text)] if runs else []
    return [(text.count("\n", 0, at) + 1, command, rest) for at, command, rest in found]


def unknown(commands: dict[str, set[str]], command: str, rest: str) -> list[str]:
    if command not in commands:
        return [f"no command 'ppid {command}'"]
    return [f"ppid {command} has no option {option}" for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", rest)
            if option not in commands[command]]


def test_every_ppid_command_line_in_the_repository_exists() -> None:
    commands = _commands()
    found, seen = [], 0
    for name in tracked():
        path = ROOT / name
        if not name.endswith(TEXT) and name != "Makefile" and not name.startswith(("deploy/systemd/", ".ci/")):
            continue
        if not path.is_file() or path == Path(__file__).resolve():  # this file's examples are stale on purpose
            continue
        for line, command, rest in command_lines(name, path.read_text(encoding="utf-8", errors="replace")):
            seen += 1
            found += [f"{name}:{line}: {problem}" for problem in unknown(commands, command, rest)]
    assert found == []
    assert seen > 300  # the guides, the README's command table and the workflows are all read


@pytest.mark.parametrize(("name", "text", "problem"), [
    ("PANDUAN-STAF.md", "Jalankan `ppid periksa` dulu.", "no command 'ppid periksa'"),
    ("README.md", "`ppid bukti --pengumuman x --foto a.jpg`", "ppid bukti has no option --foto"),
    (".github/workflows/terbit.yml", "      - run: ppid arsip --repo x --dorong-ke main\n",
     "ppid arsip has no option --dorong-ke"),
    ("Makefile", "check:\n\t$(BIN)/ppid cek\n", "no command 'ppid cek'"),
])
def test_a_stale_command_line_is_caught(name: str, text: str, problem: str) -> None:
    [(_, command, rest)] = command_lines(name, text)
    assert unknown(_commands(), command, rest) == [problem]
