"""`ppid serve`: MkDocs' live-reload server, made calm for staff.

What MkDocs' own `serve` does not: the address is bound before anything is built, so a busy port is one clear
line at once; content is checked by `ppid check` before each build, and a problem (at start or while editing)
is shown on the page being previewed, in Bahasa Indonesia, instead of a traceback and a browser that waits
for minutes; MkDocs' English progress messages are replaced by a few Indonesian lines.
"""

from __future__ import annotations

import errno
import html
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer

from pipeline.core.report import format_text
from pipeline.edges.content_check import check_tree
from pipeline.edges.mkdocs_build import StderrHandler, load_config, quiet_mkdocs, use_options
from pipeline.edges.mkdocs_plugin import BuildOptions
from pipeline.errors import PpidError, UsageError

DEFAULT_PORT = 8000


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_addr(text: str) -> Address:
    """HOST:PORT, HOST alone (port 8000), :PORT or PORT alone (host 127.0.0.1); [::1]:PORT for IPv6."""
    value = text.strip()
    host, port_text = value, ""
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif value.isdigit():
        host, port_text = "", value
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    host = host or "127.0.0.1"
    if not port_text:
        return Address(host, DEFAULT_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UsageError(f"--addr '{text}': port '{port_text}' tidak valid; tulis misalnya --addr 127.0.0.1:8000 "
                         "atau --addr localhost")
    return Address(host, int(port_text))


def error_page(title: str, detail: str) -> bytes:
    """The page shown instead of the site while the content has a problem (reloads itself once it is fixed)."""
    return ("<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Pratinjau: {html.escape(title)}</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
            "line-height:1.5}pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #b60205;"
            "padding:1rem;overflow-wrap:anywhere}</style></head><body>\n"
            f"<h1>{html.escape(title)}</h1>\n<pre>{html.escape(detail)}</pre>\n"
            "<p>Perbaiki berkas yang disebut lalu simpan; halaman ini dimuat ulang otomatis.</p>\n"
            "</body></html>\n").encode()


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that shows a build problem on every page instead of stalling requests."""

    problem: tuple[str, str] | None = None

    def _build_loop(self) -> None:
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown,
                                                      timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass
                self._wanted_epoch = int(time.monotonic() * 1000)
                self._want_rebuild = False
            self.builder()  # never raises: a problem is kept in `problem` and shown on the pages
            with self._epoch_cond:
                # Always publish the new epoch: a request never waits for a build that will not come.
                self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        problem = self.problem
        if problem is not None and not path.startswith("/livereload/") and (
                path.endswith("/") or path.endswith(".html")):
            with self._epoch_cond:
                epoch = self._visible_epoch
            content: bytes = self._inject_js_into_html(error_page(*problem), epoch)  # type: ignore[no-untyped-call]
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(content)))])
            return [content]
        result: Iterable[bytes] = super().serve_request(environ, start_response)
        return result


class _Collect(logging.Handler):
    """MkDocs' error messages during one build, shown on the page instead of on the terminal."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


Started = Callable[[PreviewServer, str], None]


def serve_site(root: Path, addr: Address, out: IO[str] | None = None, started: Started | None = None) -> None:
    """Preview `root`'s site with live reload on `addr` until Ctrl+C (or `server.shutdown()`); `started` is
    told the running server and its address (port 0: a free port)."""
    out = out or sys.stdout
    quiet_mkdocs(level=logging.ERROR)  # our own lines say what happens; content problems go on the page
    logger = logging.getLogger("mkdocs")
    terminal = [h for h in logger.handlers if isinstance(h, StderrHandler)]
    levels = [h.level for h in terminal]
    for handler in terminal:
        handler.setLevel(logging.CRITICAL)
    try:
        _serve(root, addr, out, started)
    finally:
        for handler, level in zip(terminal, levels, strict=True):
            handler.setLevel(level)


def _serve(root: Path, addr: Address, out: IO[str], started: Started | None) -> None:
    site_dir = Path(tempfile.mkdtemp(prefix="ppid-pratinjau-"))
    server = None
    try:
        serve_url = f"http://{addr}/"
        server = PreviewServer(builder=lambda: None, host=addr.host, port=addr.port, root=str(site_dir))
        _bind(server, addr)
        if addr.port != server.server_address[1]:  # port 0: the system chose one
            addr = Address(addr.host, int(server.server_address[1]))
            serve_url = f"http://{addr}/"
        builder = _builder(root, site_dir, serve_url, server, out)
        server.builder = builder
        builder()
        server.watch(str(root / "content"))
        for name in ("mkdocs.yml", "sop.yml"):
            if (root / name).is_file():
                server.watch(str(root / name))
        out.write(f"Pratinjau berjalan di {serve_url} (hentikan dengan Ctrl+C). Halaman dimuat ulang saat berkas "
                  "disimpan.\n")
        out.flush()
        server.observer.start()
        server.serve_thread.start()
        if started is not None:
            started(server, serve_url)
        server._build_loop()
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _bind(server: PreviewServer, addr: Address) -> None:
    try:
        server.server_bind()
        server.server_activate()
    except OSError as exc:
        server.server_close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"alamat {addr} sudah dipakai program lain (mungkin pratinjau lain masih berjalan); "
                             f"hentikan program itu atau pakai port lain: ppid serve --addr "
                             f"{Address(addr.host, addr.port + 1 if addr.port < 65535 else 8001)}") from None
        if exc.errno == errno.EACCES:
            raise UsageError(f"tidak boleh memakai alamat {addr} (port di bawah 1024 perlu hak admin); pakai "
                             "misalnya --addr 127.0.0.1:8000") from None
        raise UsageError(f"alamat {addr} tidak dapat dipakai ({exc.strerror or exc}); pakai misalnya "
                         "--addr 127.0.0.1:8000 atau --addr localhost") from None


def _builder(root: Path, site_dir: Path, serve_url: str, server: PreviewServer, out: IO[str]) -> Callable[[], None]:
    first = [True]

    def build() -> None:
        out.write("Membangun pratinjau…\n" if first[0] else "Berkas berubah; membangun ulang pratinjau…\n")
        out.flush()
        first[0] = False
        problem = _build_once(root, site_dir, serve_url)
        server.problem = problem
        if problem is None:
            out.write(f"Pratinjau siap: {serve_url}\n")
        else:
            out.write(f"{problem[0]}:\n{problem[1].rstrip()}\nPratinjau menampilkan masalah ini sampai berkasnya "
                      "diperbaiki dan disimpan.\n")
        out.flush()

    return build


def _build_once(root: Path, site_dir: Path, serve_url: str) -> tuple[str, str] | None:
    """One build of the preview; the problem (title, detail) when there is one."""
    try:
        result, checked = check_tree(root)
    except PpidError as exc:
        return "Pengaturan situs belum benar", str(exc)
    if not result.ok:
        return "Isi situs belum valid", format_text(result.problems, checked)
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(root, site_dir=str(site_dir))
        config.site_url = serve_url
        use_options(config, BuildOptions(prevalidated=result))
        mkdocs_build(config, serve_url=serve_url)
    except PpidError as exc:
        return "Pengaturan situs belum benar", str(exc)
    except (Abort, ConfigurationError, PluginError) as exc:
        # MkDocs logs the cause and raises a generic Abort: show the cause.
        return "Situs gagal dibangun", "\n".join(collect.messages) or str(exc)
    finally:
        logger.removeHandler(collect)
    return None
