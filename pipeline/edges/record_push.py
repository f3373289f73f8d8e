"""Pushing new proof records to the default branch, for the publish workflow (`ppid arsip --dorong`).

Records only ever add files, but two publish runs can still race: both number their record n+1. So a rejected
push is never rebased; the local records are dropped, the branch is fetched again, and the whole catch-up runs
again on the new head (it is idempotent), before the next attempt. The token travels in git's environment
(an `http.extraheader`), never on a command line that other processes could read.
"""

from __future__ import annotations

import base64
import os
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PpidError

_TIMEOUT = 120
BOT_NAME = "ppid-bot"
BOT_EMAIL = "ppid-bot@users.noreply.github.com"


@dataclass(frozen=True)
class Remote:
    """Where records are pushed: a URL or path, the branch, and the token (None for a local path)."""

    url: str
    branch: str
    token: str | None = None

    @classmethod
    def for_github(cls, repo: str, branch: str, env: Mapping[str, str]) -> Remote:
        server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        token = env.get("GITHUB_TOKEN")
        if not token:
            raise PpidError("GITHUB_TOKEN kosong: catatan bukti tidak dapat didorong ke cabang utama")
        return cls(f"{server}/{repo}.git", branch, token)


class PushFailed(PpidError):
    """The records could not be pushed after every attempt."""


def _git(root: Path, remote: Remote, *argv: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.setdefault("GIT_AUTHOR_NAME", BOT_NAME)
    env.setdefault("GIT_AUTHOR_EMAIL", BOT_EMAIL)
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    env["GIT_TERMINAL_PROMPT"] = "0"
    if remote.token:
        basic = base64.b64encode(f"x-access-token:{remote.token}".encode()).decode()
        env.update({"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraheader",
                    "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}"})
    return subprocess.run(["git", "-C", str(root), *argv], capture_output=True, timeout=_TIMEOUT, env=env,
                          check=False)


def push_records(root: Path, archive: str, remote: Remote, redo: Callable[[str], None], message: str,
                 attempts: int = 3, pause: float = 5.0) -> bool:
    """Commit the new records under `archive` and push them; False when there was nothing to push.

    On a rejected push: fetch the branch, reset to it, call `redo(new_head_sha)` to archive again, retry."""
    for attempt in range(1, attempts + 1):
        _git(root, remote, "add", "--", archive)
        if _git(root, remote, "diff", "--cached", "--quiet").returncode == 0:
            return False
        done = _git(root, remote, "commit", "-q", "-m", message)
        if done.returncode != 0:
            raise PpidError(f"catatan bukti tidak dapat di-commit: {done.stderr.decode(errors='replace').strip()}")
        if _git(root, remote, "push", "-q", remote.url, f"HEAD:refs/heads/{remote.branch}").returncode == 0:
            return True
        if attempt == attempts:
            break
        time.sleep(pause * attempt)
        fetched = _git(root, remote, "fetch", "-q", remote.url, remote.branch)
        if fetched.returncode != 0:
            raise PushFailed(f"cabang {remote.branch} tidak dapat diambil ulang: "
                             f"{fetched.stderr.decode(errors='replace').strip()}")
        _git(root, remote, "reset", "-q", "--hard", "FETCH_HEAD")
        head = _git(root, remote, "rev-parse", "HEAD").stdout.decode().strip()
        redo(head)
    raise PushFailed(f"catatan bukti tidak dapat didorong ke {remote.branch} setelah {attempts} percobaan; periksa "
                     "izin token (Contents: write, dan pengecualian aturan cabang untuk GitHub App PPID). Jalankan "
                     "ulang workflow 'Terbitkan situs': catatan yang tertinggal dibuat lagi otomatis")


def push_head(root: Path, remote: Remote) -> None:
    """Push HEAD to the branch once (no retry: the caller's commits are not records to re-make)."""
    done = _git(root, remote, "push", "-q", remote.url, f"HEAD:refs/heads/{remote.branch}")
    if done.returncode != 0:
        raise PushFailed(f"tidak dapat mendorong ke {remote.branch}: {done.stderr.decode(errors='replace').strip()}; "
                         "cabang berubah atau token tidak punya izin. Jalankan ulang")
