"""`ppid bukti` writes a cleaned photo and its record; `ppid check` validates evidence records."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from pipeline.cli import main
from pipeline.core.evidence import has_location
from tests.conftest import WriteFile
from tests.contentkit import announcement
from tests.core.test_evidence import photo

SLUG = "jadwal-layanan"


@pytest.fixture
def in_repo(repo: Path, write: WriteFile, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(f"content/pengumuman/2025/{SLUG}.md", announcement())
    monkeypatch.chdir(repo)
    return repo


def test_adds_photo_and_record(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    argv = ["bukti", str(source), "--pengumuman", SLUG, "--media", "papan-pengumuman", "--tanggal", "2025-01-07",
            "--oleh", "Rina Marlina", "--keterangan", "Papan pengumuman lobi kantor"]
    assert main(argv) == 0
    source.write_bytes(photo(size=(80, 60)))
    assert main(argv) == 0  # a second photo of the same day gets its own number
    folder = in_repo / "content" / "bukti" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == [
        "2025-01-07-papan-pengumuman-1.jpg", "2025-01-07-papan-pengumuman-1.yml",
        "2025-01-07-papan-pengumuman-2.jpg", "2025-01-07-papan-pengumuman-2.yml"]
    assert not has_location((folder / "2025-01-07-papan-pengumuman-1.jpg").read_bytes())
    record = (folder / "2025-01-07-papan-pengumuman-1.yml").read_text(encoding="utf-8")
    assert 'oleh: "Rina Marlina"' in record and "tanggal: 2025-01-07" in record
    assert "data lokasi GPS dihapus" in capsys.readouterr().out
    assert main(["check"]) == 0


@pytest.mark.parametrize(("extra", "fragment"), [
    (["--pengumuman", "tidak-ada"], "pengumuman 'tidak-ada' tidak ditemukan"),
    (["--pengumuman", SLUG, "--tanggal", "2025-02-30"], "--tanggal '2025-02-30' bukan tanggal"),
])
def test_refusals(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
                  fragment: str) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    code = main(["bukti", str(source), "--media", "papan-pengumuman", "--oleh", "Rina", *extra])
    assert code in (1, 2)
    assert fragment in capsys.readouterr().err
    assert not (in_repo / "content" / "bukti").exists()


def test_a_pdf_renamed_jpg_is_refused(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(b"%PDF-1.4\n%fake\n")
    assert main(["bukti", str(source), "--pengumuman", SLUG, "--media", "media-massa", "--oleh", "Rina"]) == 1
    assert "bukan foto JPEG atau PNG" in capsys.readouterr().err


def test_check_validates_evidence_records(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    write(f"content/bukti/{SLUG}/2025-01-07-koran-1.yml",
          'pengumuman: "jadwal-layanan"\nmedia: "koran"\ntanggal: 2025-01-07\noleh: "Rina"\n'
          'keterangan: ""\nberkas: "hilang.jpg"\nsha256: "x"\n')
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"content/bukti/{SLUG}/2025-01-07-koran-1.yml:2: media: media 'koran' tidak dikenal" in out
    assert f"content/bukti/{SLUG}/2025-01-07-koran-1.yml:6: berkas: berkas foto 'hilang.jpg' tidak ada" in out


def test_check_refuses_photos_added_without_ppid_bukti(in_repo: Path, write: WriteFile,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = f"content/bukti/{SLUG}"
    write(f"{folder}/dengan-gps.jpg", photo(gps=True))
    write(f"{folder}/salah-nama.jpg", photo("PNG", gps=False))
    write(f"{folder}/catatan.txt", b"x")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"{folder}/dengan-gps.jpg:1: (foto): foto masih berisi data lokasi (GPS)" in out
    assert f"{folder}/salah-nama.jpg:1: (foto): isi berkas bukan foto sesuai namanya" in out
    assert f"{folder}/catatan.txt:1: (foto): berkas '.txt' tidak diizinkan di folder bukti" in out


def test_check_notices_a_swapped_photo(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    assert main(["bukti", str(source), "--pengumuman", SLUG, "--media", "papan-pengumuman", "--tanggal",
                 "2025-01-07", "--oleh", "Rina"]) == 0
    target = in_repo / "content" / "bukti" / SLUG / "2025-01-07-papan-pengumuman-1.jpg"
    target.write_bytes(photo(size=(10, 10), gps=False))
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "2025-01-07-papan-pengumuman-1.yml:7: sha256: sidik jari (SHA-256) foto tidak cocok" in out


def dated_photo(taken: str) -> bytes:
    """A JPEG whose camera data says it was taken at `taken` ("YYYY:MM:DD HH:MM:SS")."""
    image = Image.new("RGB", (40, 30), (10, 90, 160))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


# The announcement is dated 2025-01-06 (tests/contentkit.py).
DATE_ROWS = [
    ("before-the-announcement", photo(), "2025-01-05",
     "tanggal bukti (--tanggal) 2025-01-05 lebih awal dari tanggal pengumuman 2025-01-06; bukti pemasangan tidak "
     "mungkin ada sebelum pengumumannya. Periksa tanggalnya atau pilih foto yang benar"),
    ("in-the-future", photo(), "2099-01-01",
     "tanggal bukti (--tanggal) 2099-01-01 belum tiba (hari ini {today}); periksa tanggalnya atau jam kamera"),
    ("camera-date-before-the-announcement", dated_photo("2024:12:31 09:00:00"), "2025-01-07",
     "tanggal pengambilan foto (data kamera) 2024-12-31 lebih awal dari tanggal pengumuman 2025-01-06; bukti "
     "pemasangan tidak mungkin ada sebelum pengumumannya. Periksa tanggalnya atau pilih foto yang benar"),
    ("camera-date-in-the-future", dated_photo("2099:05:01 09:00:00"), "2025-01-07",
     "tanggal pengambilan foto (data kamera) 2099-05-01 belum tiba (hari ini {today}); periksa tanggalnya atau jam "
     "kamera"),
]


@pytest.mark.parametrize(("data", "tanggal", "message"), [r[1:] for r in DATE_ROWS], ids=[r[0] for r in DATE_ROWS])
def test_photo_dates_are_checked(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes,
                                 tanggal: str, message: str) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(data)
    assert main(["bukti", str(source), "--pengumuman", SLUG, "--media", "papan-pengumuman", "--tanggal", tanggal,
                 "--oleh", "Rina", "--now", "2025-03-01T23:30:00+07:00"]) == 1
    assert capsys.readouterr().err.strip() == f"ppid: {source}: {message.format(today='2025-03-01')}"
    assert not (in_repo / "content" / "bukti").exists()


def test_camera_date_on_or_after_the_announcement_is_fine(in_repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(dated_photo("2025:01:06 15:30:00"))
    assert main(["bukti", str(source), "--pengumuman", SLUG, "--media", "papan-pengumuman", "--tanggal",
                 "2025-01-06", "--oleh", "Rina"]) == 0


def test_the_same_photo_twice_is_refused(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    argv = ["bukti", str(source), "--pengumuman", SLUG, "--media", "papan-pengumuman", "--tanggal", "2025-01-07",
            "--oleh", "Rina"]
    assert main(argv) == 0
    capsys.readouterr()
    assert main([*argv[:-4], "--tanggal", "2025-01-08", "--oleh", "Budi"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"ppid: {source}: foto yang sama sudah dicatat sebagai bukti di "
        f"content/bukti/{SLUG}/2025-01-07-papan-pengumuman-1.yml; satu foto cukup dicatat sekali")
    assert sorted(p.name for p in (in_repo / "content/bukti" / SLUG).iterdir()) == [
        "2025-01-07-papan-pengumuman-1.jpg", "2025-01-07-papan-pengumuman-1.yml"]
