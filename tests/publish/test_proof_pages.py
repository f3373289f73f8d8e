"""Proof pages rendered from records: golden files, escaping, demo notice, links."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.core.proof import ApprovalRef, ProofRecord, next_record, verify_chain
from pipeline.core.proof_check import parse_head
from pipeline.core.sop import Sop
from pipeline.site.proof_pages import by_slug, proof_files, proof_page, proof_slugs
from tests.publish.conftest import WIB, as_files, chain, draft

GOLDEN = Path(__file__).parent / "golden"
LIVE = frozenset({"content/pengumuman/2025/jadwal-layanan.md"})


def _files(records: list[ProofRecord]) -> dict[str, str | bytes]:
    report = verify_chain(as_files(records), "content/arsip", WIB)
    assert report.ok
    return {f.src_uri: f.content for f in proof_files(report, _sop(), WIB, "content", LIVE)}


def _sop() -> Sop:
    from pipeline.edges.config import load_sop
    return load_sop(Path(__file__).resolve().parents[2])


@pytest.mark.parametrize("src_uri, golden", [
    ("bukti/jadwal-layanan/index.md", "bukti-jadwal-layanan.md"),
    ("bukti/index.md", "bukti-index.md"),
    ("bukti/rantai.txt", "rantai.txt"),
])
def test_golden(src_uri: str, golden: str) -> None:
    """Two versions of one announcement and one of another; set PPID_UPDATE_GOLDEN=1 to rewrite after a change."""
    content = _files(chain(3, ("jadwal-layanan", "jadwal-layanan", "maklumat")))[src_uri]
    assert isinstance(content, str)
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(content, encoding="utf-8")
    assert content == (GOLDEN / golden).read_text(encoding="utf-8")


def test_one_page_per_slug_plus_index_and_head() -> None:
    records = chain(3, ("jadwal-layanan", "jadwal-layanan", "maklumat"))
    files = _files(records)
    assert sorted(files) == ["bukti/index.md", "bukti/jadwal-layanan/index.md", "bukti/maklumat/index.md",
                             "bukti/rantai.txt"]
    assert parse_head(str(files["bukti/rantai.txt"])) == records[-1].sha256
    assert proof_slugs([("x", r) for r in records]) == {"jadwal-layanan", "maklumat"}
    page = str(files["bukti/jadwal-layanan/index.md"])
    # Newest version first; every version's record and content hash is on the page.
    assert page.index("## Versi 2 ·") < page.index("## Versi 1 ·")
    for record in records[:2]:
        assert record.sha256 in page and str(record.files[0].sha256) in page
    assert '<time datetime="2025-01-07T09:30:00+07:00">7 Januari 2025 09.30 WIB</time>' in page  # approval
    assert '<time datetime="2025-01-07T10:00:00+07:00">Selasa, 7 Januari 2025 10.00 WIB</time> oleh' in page


def test_recorded_values_are_escaped_and_only_http_links_followed() -> None:
    base = draft(1)
    hostile = replace(
        base,
        announcements=(replace(base.announcements[0], judul="<script>alert(1)</script> *tebal* [x](javascript:y)"),),
        approvals=(replace(base.approvals[0], url="javascript:alert(1)", name="<b>Budi</b>"),
                   *base.approvals[1:]))
    # The front matter title is escaped by the plugin (for every page); the body escapes each value itself.
    page = _page([next_record(None, hostile)]).split("\n---\n", 1)[1]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:alert" not in page.replace("javascript:y", "")
    assert "&lt;b&gt;Budi&lt;/b&gt; (@kabid-ikp)" in page
    assert 'href="javascript' not in page


def _page(records: list[ProofRecord], live: frozenset[str] = LIVE) -> str:
    paths = [path for path, _ in as_files(records)]
    versions = by_slug(list(zip(paths, records, strict=True)))["jadwal-layanan"]
    content = proof_page("jadwal-layanan", versions, _sop(), WIB, "content", live).content
    assert isinstance(content, str)
    return content


@pytest.mark.parametrize("demo", [True, False])
def test_demo_records_say_so(demo: bool) -> None:
    page = _page([next_record(None, draft(1, demo=demo))])
    assert ("Catatan contoh" in page) is demo
    # A demo's GitHub addresses are fictional: shown as text, never linked.
    assert ('href="https://github.com/dinas/ppid/pull/1"' in page) is not demo


@pytest.mark.parametrize("live, link", [(LIVE, True), (frozenset(), False)])
def test_links_back_to_the_announcement_when_it_is_on_the_site(live: frozenset[str], link: bool) -> None:
    page = _page([next_record(None, draft(1))], live)
    assert ('<a href="../../pengumuman/2025/jadwal-layanan/">Baca pengumuman</a>' in page) is link


def test_approval_without_profile_name_shows_the_login() -> None:
    base = draft(1)
    record = next_record(None, replace(base, approvals=(ApprovalRef(**{**base.approvals[0].__dict__, "name": None}),)))
    assert "<td>@kabid-ikp</td>" in _page([record])


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_published_jq_recipe_recomputes_the_record_hash(tmp_path: Path) -> None:
    record = chain(1)[0]
    path, data = as_files([record])[0]
    file = tmp_path / "r.json"
    file.write_bytes(data)
    out = subprocess.run(f"jq -jcS 'del(.sha256)' {file} | sha256sum", shell=True, capture_output=True, text=True,
                         check=True).stdout
    assert out.split()[0] == record.sha256
    assert f"jq -jcS 'del(.sha256)' {path} | sha256sum" in html.unescape(_page([record]))


def test_send_backs_are_shown_when_recorded() -> None:
    from datetime import timedelta

    from pipeline.core.proof import SendBackRef

    first = draft(1)
    back = SendBackRef(role="sekretaris", login="sekdis", review_id=999,
                       submitted_at=first.approvals[0].submitted_at + timedelta(minutes=10),
                       url="https://github.com/dinas/ppid/pull/1#pullrequestreview-999", commit="c" * 40)
    records = [next_record(None, replace(first, send_backs=(back,)))]
    page = str(_files(records)["bukti/jadwal-layanan/index.md"])
    assert "### Dikembalikan untuk diperbaiki" in page
    assert "<td>Sekretaris</td><td>@sekdis</td>" in page
    assert "Ulasan 999</a> pada commit <code>ccccccc</code>" in page
    # Records without send-backs (or made before they were recorded) show no such section.
    assert "Dikembalikan" not in str(_files(chain(1))["bukti/jadwal-layanan/index.md"])
