"""The real nginx (Debian package) serving BASE/current with deploy/'s configuration: what a visitor gets after a
deploy, the headers, compression, the 404 page, and no failed request while `current` switches."""

from __future__ import annotations

import gzip
import http.client
import os
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest

from pipeline.edges.releases import Layout
from tests.deploy.kit import T0, GitHubWorld, Nginx, deploy, sha_for, site_files


def get(server: Nginx, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parsed = urlparse(server.url)
    connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def body(response: http.client.HTTPResponse) -> bytes:
    return response.body  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def served(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str,
           nginx_for: object) -> tuple[Path, Nginx]:
    base = tmp_path / "srv"
    world.publish(zips["baru"], "baru", at=T0)
    assert deploy(world, base, path=no_gh_path).code == 0
    return base, nginx_for(base)  # type: ignore[operator]


def test_every_file_nginx_serves_is_the_artifacts_file(served: tuple[Path, Nginx], sites: object) -> None:
    _base, server = served
    expected = site_files(sites.baru)  # type: ignore[attr-defined]
    for rel, data in sorted(expected.items()):
        response = get(server, "/" + rel)
        assert (rel, response.status) == (rel, 200)
        assert body(response) == data, rel
    assert get(server, "/").status == 200
    assert body(get(server, "/")) == expected["index.html"]


def _security(response: http.client.HTTPResponse) -> None:
    csp = response.getheader("Content-Security-Policy") or ""
    assert csp.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
    assert response.getheader("Server") == "nginx"  # no version


def _hashed_asset(base: Path) -> str:
    found = sorted((base / "current" / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert found, "the theme's hashed bundle"
    return "/" + found[0].relative_to(base / "current").as_posix()


@pytest.mark.parametrize("kind, cache", [
    ("html", "no-cache"),
    ("hashed", "public, max-age=31536000, immutable"),
    ("plain-asset", "public, max-age=3600"),
    ("chain-head", "no-store"),
    ("feed", "no-cache"),
])
def test_headers_per_kind_of_file(served: tuple[Path, Nginx], kind: str, cache: str) -> None:
    base, server = served
    path = {"html": "/pengumuman/", "hashed": _hashed_asset(base), "plain-asset": "/assets/ppid/ppid.css",
            "chain-head": "/bukti/rantai.txt", "feed": "/feed.xml"}[kind]
    response = get(server, path)
    assert response.status == 200
    assert response.getheader("Cache-Control") == cache
    _security(response)


def test_the_chain_head_is_never_cached_and_is_the_live_one(served: tuple[Path, Nginx]) -> None:
    base, server = served
    response = get(server, "/bukti/rantai.txt")
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert body(response) == (base / "current" / "bukti" / "rantai.txt").read_bytes()


@pytest.mark.parametrize("path", ["/", "/pengumuman/", "/assets/ppid/ppid.css", "/feed.xml"])
def test_text_is_gzip_compressed(served: tuple[Path, Nginx], path: str) -> None:
    _base, server = served
    response = get(server, path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in (response.getheader("Vary") or "")
    plain = body(get(server, path))
    assert gzip.decompress(body(response)) == plain
    assert len(body(response)) < len(plain)


def test_a_hashed_bundle_is_compressed_too(served: tuple[Path, Nginx]) -> None:
    base, server = served
    response = get(server, _hashed_asset(base), {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"


def test_a_missing_page_gets_the_sites_404_page_with_the_headers(served: tuple[Path, Nginx]) -> None:
    base, server = served
    response = get(server, "/tidak-ada/halaman/")
    assert response.status == 404
    assert body(response) == (base / "current" / "404.html").read_bytes()
    _security(response)


def test_a_folder_without_slash_redirects_without_naming_the_host(served: tuple[Path, Nginx]) -> None:
    _base, server = served
    response = get(server, "/pengumuman")
    assert response.status == 301
    assert response.getheader("Location") == "/pengumuman/"


def test_requests_during_switches_never_fail(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path,
                                             no_gh_path: str, nginx_for: object) -> None:
    """Visitors load pages in a loop while a deploy and many switches of `current` happen: every answer is a
    whole page of one release or the other."""
    base = tmp_path / "srv"
    world.publish(zips["lama"], "lama", at=T0)
    assert deploy(world, base, path=no_gh_path).code == 0
    server: Nginx = nginx_for(base)  # type: ignore[operator]
    pages = ["/", "/bukti/rantai.txt", "/pengumuman/", "/assets/ppid/ppid.css"]
    versions = {page: {body(get(server, page))} for page in pages}
    stop = threading.Event()
    seen: list[tuple[str, int, bytes]] = []

    def visitor() -> None:
        while not stop.is_set():
            for page in pages:
                response = get(server, page)
                seen.append((page, response.status, body(response)))

    threads = [threading.Thread(target=visitor) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
        assert deploy(world, base, path=no_gh_path).code == 0
        layout = Layout(base.resolve())
        for round_ in range(100):
            layout.switch(sha_for("lama") if round_ % 2 == 0 else sha_for("baru"))
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    for page in pages:
        versions[page].add(body(get(server, page)))
    assert os.readlink(base / "current") == f"releases/{sha_for('baru')}"
    assert len(seen) > 0
    assert [(p, s) for p, s, _b in seen if s != 200] == []
    assert [p for p, _s, b in seen if b not in versions[p]] == []
    assert len(versions["/bukti/rantai.txt"]) == 2  # both releases were really served
