"""The real sample site built by MkDocs with the demo proof record: proof page, link from the announcement,
published chain head, `ppid verify --site`, and a build that refuses a broken archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.core.proof import ChainReport
from pipeline.edges.archive import load_chain
from pipeline.edges.config import load_sop
from pipeline.edges.mkdocs_build import BuildFailed, build_site
from pipeline.edges.proof_tree import verify_tree

ROOT = Path(__file__).resolve().parents[2]
SLUG = "jadwal-layanan-informasi-publik-2025"


@pytest.fixture(scope="session")
def chain() -> ChainReport:
    return load_chain(ROOT, load_sop(ROOT))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content built once (as `make site` does), into a temporary folder."""
    site = tmp_path_factory.mktemp("contoh") / "site"
    build_site(ROOT, site)
    return site


def test_the_repository_archive_holds_a_demo_record_and_verifies(chain: ChainReport) -> None:
    assert chain.records and all(record.demo for _, record in chain.records)
    _, problems, _ = verify_tree(ROOT, load_sop(ROOT))
    assert problems == []


def test_proof_page_is_built_from_the_record(sample_site: Path, chain: ChainReport) -> None:
    page = (sample_site / "bukti" / SLUG / "index.html").read_text(encoding="utf-8")
    path, record = next((p, r) for p, r in chain.records if SLUG in r.slugs)
    for value in (record.sha256, str(record.files[0].sha256), record.commits.merge, path):
        assert value in page
    for text in ("Catatan contoh", "Budi Santoso (contoh)", "Kepala Dinas", "Sesuai standar", "Cara memeriksa bukti",
                 "<time datetime=\"2025-01-06T09:58:00+07:00\">6 Januari 2025 09.58 WIB</time>"):
        assert text in page
    assert 'href="https://github.com' not in page  # demo addresses are not links


def test_announcement_links_to_its_proof_and_back(sample_site: Path) -> None:
    announcement = (sample_site / "pengumuman" / "2025" / SLUG / "index.html").read_text(encoding="utf-8")
    assert f'href="../../../bukti/{SLUG}/"' in announcement
    proof = (sample_site / "bukti" / SLUG / "index.html").read_text(encoding="utf-8")
    assert f'href="../../pengumuman/2025/{SLUG}/">Baca pengumuman</a>' in proof


def test_site_publishes_the_chain_head_and_an_index(sample_site: Path, chain: ChainReport) -> None:
    assert f"kepala: {chain.head}\n" in (sample_site / "bukti" / "rantai.txt").read_text(encoding="utf-8")
    index = (sample_site / "bukti" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SLUG}/"' in index and chain.head in index


def test_verify_site(sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["verify", "--site", str(sample_site)]) == 0, capsys.readouterr().out
    forged = tmp_path / "site"
    shutil.copytree(sample_site, forged)
    head = forged / "bukti" / "rantai.txt"
    head.write_text(head.read_text(encoding="utf-8").replace("kepala: ", "kepala: 0"), encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", "--site", str(forged)]) == 1
    assert "berkas kepala rantai tidak ada atau tidak terbaca" in capsys.readouterr().out


def test_build_refuses_a_broken_archive(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    for name in ("sop.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    [record] = sorted((tmp_path / "content" / "arsip").rglob("*.json"))[-1:]
    record.write_bytes(record.read_bytes().replace(b'"demo": true', b'"demo": false'))
    with pytest.raises(BuildFailed):
        build_site(tmp_path, tmp_path / "site")
    assert "arsip bukti rusak; situs tidak dibangun" in capfd.readouterr().err
    assert not (tmp_path / "site").exists()
