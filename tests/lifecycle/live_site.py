"""The official host of the public site: it pulls the site of a successful publish run and serves it over HTTP,
so the next run reads the published chain head from its /bukti/rantai.txt, as `ppid verify --sejak` does."""

from __future__ import annotations

import http.server
import shutil
import threading
from functools import partial
from pathlib import Path


class LiveSite:
    """The official host: it pulls the site of a successful publish run and serves it (with /bukti/rantai.txt)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        handler = partial(_Quiet, directory=str(folder))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self.deploys = 0

    def deploy(self, site: Path) -> None:
        for child in self.folder.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(site, self.folder, dirs_exist_ok=True)
        self.deploys += 1

    def page(self, path: str) -> str | None:
        """A page of the live site as the public reads it, or None."""
        target = self.folder / path
        return target.read_text(encoding="utf-8") if target.is_file() else None

    def text(self) -> str:
        """Every text file of the live site, concatenated (to prove something is nowhere on it)."""
        return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(self.folder.rglob("*"))
                         if p.is_file())

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
