"""Clones of the protected remote (a person's desk, a workflow runner) and `ppid` run inside one, as the
workflows run it: through the real CLI entry point, in the checkout's folder."""

from __future__ import annotations

import base64
import contextlib
import io
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.cli import main
from pipeline.errors import PpidError
from tests.lifecycle.gitserver import DEFAULT_BRANCH


@dataclass(frozen=True)
class Symlink:
    """A file in a PR that is a symbolic link to `target`."""

    target: str


FileChange = str | bytes | Symlink | None  # text, bytes, a link, or None to delete


class Workspace:
    """A clone of the remote on someone's machine (or a runner), pushing with that person's token."""

    def __init__(self, path: Path, login: str, token: str | None = None, *, clone: str | None = None) -> None:
        self.path, self.login, self.token = path, login, token
        if clone is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "clone", "-q", clone, str(path)], check=True, capture_output=True, env=self._env())

    def _env(self) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.path.parent),
               "GIT_AUTHOR_NAME": self.login, "GIT_AUTHOR_EMAIL": f"{self.login}@users.noreply.github.com",
               "GIT_COMMITTER_NAME": self.login, "GIT_COMMITTER_EMAIL": f"{self.login}@users.noreply.github.com",
               "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
        if self.token:
            basic = base64.b64encode(f"{self.login}:{self.token}".encode()).decode()
            env.update({"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraheader",
                        "GIT_CONFIG_VALUE_0": f"Authorization: Basic {basic}"})
        return env

    def run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["git", "-C", str(self.path), *argv], capture_output=True, text=True, env=self._env(),
                              check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(argv)} failed:\n{done.stderr}")
        return done

    def git(self, *argv: str) -> str:
        return self.run(*argv).stdout.strip()

    def sync(self, branch: str = DEFAULT_BRANCH) -> str:
        """Check out the remote's `branch` as it is now; returns its commit."""
        self.git("fetch", "-q", "origin")
        self.git("checkout", "-q", "-B", branch, f"origin/{branch}")
        return self.git("rev-parse", "HEAD")

    def write(self, files: Mapping[str, FileChange]) -> None:
        for rel, change in files.items():
            target = self.path / rel
            if change is None:
                self.git("rm", "-q", rel)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink() or target.exists():
                target.unlink()
            if isinstance(change, Symlink):
                target.symlink_to(change.target)
            elif isinstance(change, bytes):
                target.write_bytes(change)
            else:
                target.write_text(change, encoding="utf-8")
            self.git("add", rel)

    def commit(self, files: Mapping[str, FileChange], message: str) -> str:
        self.write(files)
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")


def call(action: Callable[[], int], out: io.StringIO) -> int:
    """Run a command function the way `pipeline.cli.main` does: a PpidError is printed and becomes the exit code."""
    try:
        return action()
    except PpidError as exc:
        out.write(f"ppid: {exc}\n")
        return exc.exit_code


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    """Run in `folder` (commands find sop.yml from the working directory), then come back."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def ppid(folder: Path, *argv: str) -> tuple[int, str]:
    """`ppid ARGV` run in `folder` through the real CLI entry point; returns the exit code and all it printed."""
    out = io.StringIO()
    with inside(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()
