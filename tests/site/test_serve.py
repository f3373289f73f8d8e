"""`ppid serve` for staff: a real preview server on a free port, real HTTP, real file changes.

A content error made while the preview runs is shown on the page being previewed (the browser never waits
for a build that will not come), and the site comes back once the file is fixed; a busy port is one line."""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.build import build
from pipeline.commands.bukti import bukti
from pipeline.edges.mkdocs_serve import Address, PreviewServer, parse_addr, serve_site
from tests.site.sitekit import ACTIVE_SLUG, TODAY, announcements, write_repo

PAGE = f"pengumuman/{TODAY.year}/{ACTIVE_SLUG}/"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as answer:  # a stalled request fails the test
        return str(answer.read().decode("utf-8"))


def until(predicate: object, what: str, limit: float = 90.0) -> None:
    """Wait for the watcher and the rebuild (no timing is asserted: the limit only ends a broken run)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@contextmanager
def running_preview(root: Path, out: StringIO) -> Iterator[str]:
    """`serve_site` on a free port of 127.0.0.1 in a thread; yields its address, and stops it afterwards."""
    started: list[tuple[PreviewServer, str]] = []
    thread = threading.Thread(target=serve_site, args=(root, Address("127.0.0.1", 0), out),
                              kwargs={"started": lambda server, url: started.append((server, url))}, daemon=True)
    thread.start()
    until(lambda: started, "the preview to start")
    server, url = started[0]
    try:
        yield url
    finally:
        server.shutdown()
        thread.join(timeout=30)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, StringIO]]:
    root = write_repo(tmp_path / "repo")
    out = StringIO()
    with running_preview(root, out) as url:
        yield url, root, out


def test_content_error_shows_on_the_page_then_the_site_returns(preview: tuple[str, Path, StringIO]) -> None:
    url, root, out = preview
    assert "Peringatan Dini Banjir" in fetch(url + PAGE)
    source = root / "content" / "pengumuman" / str(TODAY.year) / f"{ACTIVE_SLUG}.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("jenis: serta-merta", "jenis: mendadak"), encoding="utf-8")
    until(lambda: "Isi situs belum valid" in fetch(url + PAGE), "the problem on the page")
    page = fetch(url + PAGE)
    assert f"content/pengumuman/{TODAY.year}/{ACTIVE_SLUG}.md:4: jenis:" in page
    assert "/livereload/" in page, "the problem page reloads itself once the file is fixed"
    assert "Isi situs belum valid" in fetch(url)  # every page, not only the one edited
    source.write_text(good, encoding="utf-8")
    until(lambda: "Peringatan Dini Banjir" in fetch(url + PAGE), "the site to come back")
    log = out.getvalue()
    assert "Berkas berubah; membangun ulang pratinjau…" in log and "Traceback" not in log
    assert "Building documentation" not in log and "server will appear stuck" not in log


def test_invalid_content_at_start_is_shown_not_aborted(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo")
    path = next(iter(announcements()))
    (root / path).write_text("---\njudul: x\n---\n", encoding="utf-8")
    out = StringIO()
    with running_preview(root, out) as url:
        assert "Isi situs belum valid" in fetch(url)
        assert "Isi situs belum valid:\n" in out.getvalue() and "Aborted" not in out.getvalue()


def test_busy_port_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                               tmp_path: Path) -> None:
    monkeypatch.chdir(write_repo(tmp_path / "repo"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--addr", f"127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert err == (f"ppid: alamat 127.0.0.1:{port} sudah dipakai program lain (mungkin pratinjau lain masih "
                   f"berjalan); hentikan program itu atau pakai port lain: ppid serve --addr 127.0.0.1:{port + 1}\n")


@pytest.mark.parametrize(("text", "addr"), [
    ("localhost", Address("localhost", 8000)), ("localhost:8001", Address("localhost", 8001)),
    (":8002", Address("127.0.0.1", 8002)), ("8003", Address("127.0.0.1", 8003)),
    ("[::1]:8004", Address("::1", 8004)), ("0.0.0.0:80", Address("0.0.0.0", 80)),
])
def test_addresses_staff_type_are_accepted(text: str, addr: Address) -> None:
    assert parse_addr(text) == addr


def test_a_bad_port_is_a_usage_error_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--addr", "localhost:80a"]) == 2
    assert "port '80a' tidak valid" in capsys.readouterr().err


def test_evidence_records_are_not_reported_as_refused_files(tmp_path: Path) -> None:
    """The records `ppid bukti` writes feed the proof pages; only files that are really left out are logged."""
    from tests.core.test_evidence import photo

    root = write_repo(tmp_path / "repo")
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    said = StringIO()
    assert bukti(photo=str(source), slug=ACTIVE_SLUG, media="papan-pengumuman", tanggal=TODAY.isoformat(), by="Rina",
                 now_text=None, root=root, out=said) == 0
    out = said.getvalue()
    record = f"content/bukti/{ACTIVE_SLUG}/{TODAY.isoformat()}-papan-pengumuman-1.yml"
    assert f"  foto:    content/bukti/{ACTIVE_SLUG}/{TODAY.isoformat()}-papan-pengumuman-1.jpg" in out
    assert f"  catatan: {record}" in out and "kedua berkas ini" in out
    logger = logging.getLogger("mkdocs.plugins.ppid")
    seen: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        assert build(site_dir=Path("site"), fmt="text", publishing=False, root=root, out=StringIO()) == 0
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    refused = [message for message in seen if "tidak disalin" in message]
    assert refused == ["ppid: halaman-lama.html tidak disalin ke situs (jenis berkas tidak diizinkan)"]
