"""Offline evidence on the proof page: the pure section builder, the reader of content/bukti/, and a real MkDocs
build of the sample site with a photo added by `ppid bukti` (a real JPEG with GPS data, made in the test)."""

from __future__ import annotations

import hashlib
import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from pipeline.commands.bukti import bukti
from pipeline.core.evidence import has_location
from pipeline.edges.config import load_sop
from pipeline.edges.evidence_records import load_evidence
from pipeline.edges.mkdocs_build import BuildFailed, build_site
from pipeline.errors import PpidError
from pipeline.site.evidence_section import EvidencePhoto, evidence_section
from tests.conftest import ROOT, WriteFile
from tests.contentkit import announcement
from tests.core.test_evidence import photo

SLUG = "jadwal-layanan-informasi-publik-2025"  # has a (demo) proof record in the sample content
HOSTILE = 'Papan "lobi" <script>alert(1)</script> & <b>tebal</b>'


def item(**change: object) -> EvidencePhoto:
    values: dict[str, object] = dict(slug="jadwal-layanan", media="papan-pengumuman", tanggal=date(2025, 1, 7),
                                     oleh="Rina Marlina", keterangan="Papan pengumuman lobi kantor",
                                     berkas="2025-01-07-papan-pengumuman-1.jpg", sha256="ab" * 32,
                                     record="content/bukti/jadwal-layanan/2025-01-07-papan-pengumuman-1.yml")
    values.update(change)
    return EvidencePhoto(**values)  # type: ignore[arg-type]


def test_section_shows_each_photo_with_its_record() -> None:
    html = evidence_section([item(), item(media="media-massa", berkas="2025-01-08-media-massa-1.jpg",
                                          tanggal=date(2025, 1, 8), keterangan="Kliping Pontianak Post")],
                            "Kabid/Kasubag")
    assert html.startswith("## Bukti offline\n\n<section")
    assert html.count("<figure") == 2
    assert ('<img src="2025-01-07-papan-pengumuman-1.jpg" alt="Papan pengumuman lobi kantor" loading="lazy">'
            in html)
    assert ('<strong>Papan pengumuman</strong>, <time datetime="2025-01-07">7 Januari 2025</time>: '
            "Papan pengumuman lobi kantor. Didokumentasikan oleh Rina Marlina.") in html
    assert "<strong>Media massa (kliping)</strong>" in html and f"<code>{'ab' * 32}</code>" in html
    assert "(2 foto)" in html and "disetujui Kabid/Kasubag" in html


def test_section_escapes_recorded_text() -> None:
    html = evidence_section([item(keterangan=HOSTILE, oleh="<i>x</i>", berkas='a" onerror="x.jpg')])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert 'alt="Papan &quot;lobi&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;tebal&lt;/b&gt;"' in html
    assert 'src="a%22%20onerror%3D%22x.jpg"' in html


def test_no_photos_no_section() -> None:
    assert evidence_section([]) == ""


@pytest.fixture
def with_photo(repo: Path, write: WriteFile, tmp_path: Path) -> Path:
    write("content/pengumuman/2025/jadwal-layanan.md", announcement())
    source = tmp_path / "foto.jpg"
    for day, size in (("2025-01-08", (64, 48)), ("2025-01-07", (80, 60))):  # two photos: one is never recorded twice
        source.write_bytes(photo(size=size))
        assert bukti(photo=str(source), slug="jadwal-layanan", media="papan-pengumuman", tanggal=day,
                     by="Rina Marlina", caption="Papan lobi", now_text=None, root=repo, out=io.StringIO()) == 0
    return repo


def test_reader_groups_records_oldest_first(with_photo: Path) -> None:
    groups = load_evidence(with_photo, load_sop(with_photo))
    assert list(groups) == ["jadwal-layanan"]
    assert [(p.tanggal.isoformat(), p.berkas, p.oleh) for p in groups["jadwal-layanan"]] == [
        ("2025-01-07", "2025-01-07-papan-pengumuman-1.jpg", "Rina Marlina"),
        ("2025-01-08", "2025-01-08-papan-pengumuman-1.jpg", "Rina Marlina")]
    photo_bytes = (with_photo / "content/bukti/jadwal-layanan/2025-01-07-papan-pengumuman-1.jpg").read_bytes()
    assert groups["jadwal-layanan"][0].sha256 == hashlib.sha256(photo_bytes).hexdigest()


@pytest.mark.parametrize(("damage", "message"), [
    ("swap", "SHA-256 foto 2025-01-07-papan-pengumuman-1.jpg tidak sama dengan catatannya"),
    ("delete", "foto atau tanggal bukti tidak valid"),
    ("truncate-record", "catatan bukti tidak lengkap atau tidak terbaca"),
])
def test_reader_refuses_a_broken_record(with_photo: Path, damage: str, message: str) -> None:
    folder = with_photo / "content/bukti/jadwal-layanan"
    if damage == "swap":
        (folder / "2025-01-07-papan-pengumuman-1.jpg").write_bytes(photo())  # a different (re-encoded) photo
    elif damage == "delete":
        (folder / "2025-01-07-papan-pengumuman-1.jpg").unlink()
    else:
        record = folder / "2025-01-07-papan-pengumuman-1.yml"
        record.write_text(record.read_text(encoding="utf-8").split("sha256:")[0], encoding="utf-8")
    with pytest.raises(PpidError, match=message) as info:
        load_evidence(with_photo, load_sop(with_photo))
    assert str(info.value).startswith("content/bukti/jadwal-layanan/2025-01-07-papan-pengumuman-1.yml: ")


@pytest.fixture(scope="module")
def sample_with_evidence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample repository plus one photo for an announcement that has a proof page, built by real MkDocs."""
    root = tmp_path_factory.mktemp("bukti-offline")
    for name in ("sop.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "content", root / "content")
    source = root.parent / "papan.jpg"
    source.write_bytes(photo())
    assert bukti(photo=str(source), slug=SLUG, media="papan-pengumuman", tanggal="2025-01-08", by="Rina Marlina",
                 caption=HOSTILE, now_text=None, root=root, out=io.StringIO()) == 0
    build_site(root, root / "site")
    return root


def test_proof_page_shows_the_photo_beside_the_online_proof(sample_with_evidence: Path) -> None:
    site = sample_with_evidence / "site" / "bukti" / SLUG
    page = (site / "index.html").read_text(encoding="utf-8")
    name = "2025-01-08-papan-pengumuman-1.jpg"
    assert page.index("<caption>Persetujuan berurutan") < page.index('<h2 id="bukti-offline"') \
        < page.index('<h2 id="cara-memeriksa')
    assert (f'<img src="{name}" alt="Papan &quot;lobi&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; '
            "&lt;b&gt;tebal&lt;/b&gt;\" loading=\"lazy\">") in page
    assert "<script>alert" not in page
    published = (site / name).read_bytes()
    source = (sample_with_evidence / "content" / "bukti" / SLUG / name).read_bytes()
    assert published == source and not has_location(published)
    assert hashlib.sha256(published).hexdigest() in page
    assert not (site / "2025-01-08-papan-pengumuman-1.yml").exists()  # the record stays in the repository


def test_a_swapped_photo_stops_the_build(sample_with_evidence: Path, tmp_path: Path,
                                         capfd: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    shutil.copytree(sample_with_evidence, root, ignore=shutil.ignore_patterns("site"))
    (root / "content" / "bukti" / SLUG / "2025-01-08-papan-pengumuman-1.jpg").write_bytes(photo())
    with pytest.raises(BuildFailed):
        build_site(root, root / "site")
    # ppid check (run by the plugin before anything is built) already refuses the swapped photo.
    assert f"content/bukti/{SLUG}/2025-01-08-papan-pengumuman-1.yml:7: sha256: sidik jari (SHA-256) foto tidak " \
        "cocok" in capfd.readouterr().err
    assert not (root / "site").exists()
