"""Where the browser tests find Chromium, and what happens on a machine without it.

The browser tests drive Debian's Chromium through Playwright (never a browser download). `make test` runs
`python -m tests.browser` first: it finds the browser, installs the Debian packages when it can (root with
apt-get), or stops at once with one line saying what to install; pytest itself stops with the same line
before the first browser test instead of failing each of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium")
# nginx and jq are not looked for (their tests skip without them) but come with the same install, as in .ci/run.
PACKAGES = ("chromium", "chromium-driver", "fonts-dejavu-core", "jq", "nginx")
MISSING = (f"Chromium tidak ditemukan: pasang dulu dengan 'sudo apt-get install {' '.join(PACKAGES)}' "
           "(atau isi PPID_CHROMIUM dengan jalur Chromium), lalu jalankan lagi 'make test'.")


def find_chromium(env: Mapping[str, str] = os.environ, candidates: Sequence[str] = CANDIDATES) -> str | None:
    """PPID_CHROMIUM when set (and nothing else), else the first executable candidate, else `chromium` on PATH."""
    given = env.get("PPID_CHROMIUM", "").strip()
    if given:
        return given if os.access(given, os.X_OK) else None
    for path in candidates:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium", path=env.get("PATH"))


def ensure(env: Mapping[str, str] = os.environ, candidates: Sequence[str] = CANDIDATES, *, is_root: bool,
           apt_get: str | None, run: Callable[[list[str]], int]) -> tuple[int, str]:
    """(exit code, message): 0 when Chromium is there (installing it first when root with apt-get can)."""
    found = find_chromium(env, candidates)
    if found:
        return 0, ""
    if is_root and apt_get and not env.get("PPID_CHROMIUM"):
        print(f"Chromium tidak ditemukan; memasang {' '.join(PACKAGES)} dengan apt-get …", file=sys.stderr)
        installed = run([apt_get, "update", "-qq"]) == 0 and run(
            [apt_get, "install", "-y", "-qq", "--no-install-recommends", *PACKAGES]) == 0
        if installed and find_chromium(env, candidates):
            return 0, ""
    return 1, MISSING


def _run(command: list[str]) -> int:
    return subprocess.run(command, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, check=False).returncode


def main() -> int:
    code, message = ensure(is_root=hasattr(os, "geteuid") and os.geteuid() == 0, apt_get=shutil.which("apt-get"),
                           run=_run)
    if message:
        print(f"make test: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
