"""`make test` on a machine without Chromium: the browser is found, installed where it can be, or the run stops
at once with one line saying what to install (never one Playwright error per browser test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.browser import MISSING, PACKAGES, ensure, find_chromium
from tests.conftest import ROOT


def executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_found_first_candidate_then_path(tmp_path: Path) -> None:
    browser = executable(tmp_path / "chromium")
    assert find_chromium({"PATH": ""}, (str(tmp_path / "nope"), str(browser))) == str(browser)
    assert find_chromium({"PATH": str(tmp_path)}, ()) == str(browser)
    assert find_chromium({"PATH": "", "PPID_CHROMIUM": str(tmp_path / "nope")}, (str(browser),)) is None


def test_without_rights_one_line_says_what_to_install(tmp_path: Path) -> None:
    commands: list[list[str]] = []

    def record(command: list[str]) -> int:
        commands.append(command)
        return 0

    code, message = ensure({"PATH": ""}, (), is_root=False, apt_get="/usr/bin/apt-get", run=record)
    assert (code, commands) == (1, [])
    assert message == MISSING and "\n" not in message and all(p in message for p in PACKAGES)


def test_as_root_with_apt_the_packages_are_installed(tmp_path: Path) -> None:
    target = tmp_path / "chromium"
    commands: list[list[str]] = []

    def apt(command: list[str]) -> int:  # stands in for apt-get: "installing" puts the browser in place
        commands.append(command)
        if "install" in command:
            executable(target)
        return 0

    assert ensure({"PATH": ""}, (str(target),), is_root=True, apt_get="apt-get", run=apt) == (0, "")
    assert commands == [["apt-get", "update", "-qq"],
                        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES]]


def test_pytest_stops_before_the_browser_tests_with_one_line() -> None:
    env = {**os.environ, "PPID_CHROMIUM": "/tidak/ada/chromium"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov",
                           "tests/site/test_browser.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 4, output
    assert MISSING in output and "Error" not in output and "passed" not in output
