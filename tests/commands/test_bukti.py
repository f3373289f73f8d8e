"""`ppid bukti` writes a cleaned photo and its record; `ppid check` validates evidence records."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from pipeline.cli import main
from pipeline.commands.bukti import bukti
from pipeline.core.evidence import has_location
from pipeline.core.guides import STAFF_GUIDE
from pipeline.errors import PpidError, UsageError
from tests.conftest import WriteFile
from tests.contentkit import announcement
from tests.core.test_evidence import photo

SLUG = "jadwal-layanan"
NOW = "2025-03-01T09:00:00+07:00"


@pytest.fixture
def in_repo(repo: Path, write: WriteFile, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(f"content/pengumuman/2025/{SLUG}.md", announcement())
    monkeypatch.chdir(repo)
    return repo


def add(root: Path, source: Path, *, tanggal: str | None = "2025-01-07", by: str = "Rina", caption: str = "",
        now_text: str | None = NOW) -> str:
    """`ppid bukti` for the photo SOURCE on the board; returns what it printed."""
    out = io.StringIO()
    assert bukti(photo=str(source), slug=SLUG, media="papan-pengumuman", tanggal=tanggal, by=by, caption=caption,
                 now_text=now_text, root=root, out=out) == 0
    return out.getvalue()


def test_adds_photo_and_record(in_repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    out = add(in_repo, source, by=" Rina Marlina ", caption="Papan pengumuman lobi kantor")
    folder = f"content/bukti/{SLUG}"
    assert out == (f"Bukti disimpan dalam dua berkas:\n  foto:    {folder}/2025-01-07-papan-pengumuman-1.jpg (64×48 "
                   f"piksel; data lokasi GPS dihapus)\n  catatan: {folder}/2025-01-07-papan-pengumuman-1.yml\n"
                   "Langkah berikutnya: buat pull request yang hanya berisi kedua berkas ini (foto dan catatannya), "
                   "tanpa perubahan lain; seorang anggota tim Kabid/Kasubag selain Anda menyetujuinya. Caranya: "
                   f"{STAFF_GUIDE}.\n")
    source.write_bytes(photo(size=(80, 60)))
    add(in_repo, source, by="Rina Marlina")  # a second photo of the same day gets its own number
    assert sorted(p.name for p in (in_repo / folder).iterdir()) == [
        "2025-01-07-papan-pengumuman-1.jpg", "2025-01-07-papan-pengumuman-1.yml",
        "2025-01-07-papan-pengumuman-2.jpg", "2025-01-07-papan-pengumuman-2.yml"]
    assert not has_location((in_repo / folder / "2025-01-07-papan-pengumuman-1.jpg").read_bytes())
    record = (in_repo / folder / "2025-01-07-papan-pengumuman-1.yml").read_text(encoding="utf-8")
    assert 'oleh: "Rina Marlina"' in record and "tanggal: 2025-01-07" in record
    assert 'keterangan: "Papan pengumuman lobi kantor"' in record
    second = (in_repo / folder / "2025-01-07-papan-pengumuman-2.yml").read_text(encoding="utf-8")
    assert 'keterangan: "Bukti pengumuman di papan pengumuman"' in second
    assert main(["check"]) == 0


def test_the_cli_adds_the_photo(in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    assert main(["bukti", str(source), "--pengumuman", SLUG, "--media", "media-massa", "--tanggal", "2025-01-07",
                 "--oleh", "Rina Marlina", "--keterangan", "Kliping koran"]) == 0
    assert capsys.readouterr().out.startswith(
        f"Bukti disimpan dalam dua berkas:\n  foto:    content/bukti/{SLUG}/2025-01-07-media-massa-1.jpg")
    record = (in_repo / f"content/bukti/{SLUG}/2025-01-07-media-massa-1.yml").read_text(encoding="utf-8")
    assert 'oleh: "Rina Marlina"' in record and 'keterangan: "Kliping koran"' in record


@pytest.mark.parametrize(("slug", "tanggal", "error", "message"), [
    ("tidak-ada", "2025-01-07", PpidError, "pengumuman 'tidak-ada' tidak ditemukan"),
    (SLUG, "2025-02-30", UsageError, "--tanggal '2025-02-30' bukan tanggal YYYY-MM-DD yang ada di kalender"),
])
def test_refusals(in_repo: Path, tmp_path: Path, slug: str, tanggal: str, error: type[PpidError],
                  message: str) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    with pytest.raises(PpidError) as refused:
        bukti(photo=str(source), slug=slug, media="papan-pengumuman", tanggal=tanggal, by="Rina", now_text=NOW,
              root=in_repo)
    assert type(refused.value) is error
    assert message in str(refused.value)
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
    add(in_repo, source)
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
def test_photo_dates_are_checked(in_repo: Path, tmp_path: Path, data: bytes, tanggal: str, message: str) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(data)
    with pytest.raises(PpidError) as refused:
        add(in_repo, source, tanggal=tanggal, now_text="2025-03-01T23:30:00+07:00")
    assert str(refused.value) == f"{source}: {message.format(today='2025-03-01')}"
    assert not (in_repo / "content" / "bukti").exists()


def test_camera_date_on_or_after_the_announcement_is_fine(in_repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(dated_photo("2025:01:06 15:30:00"))
    add(in_repo, source, tanggal="2025-01-06")


def test_the_same_photo_twice_is_refused(in_repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "papan.jpg"
    source.write_bytes(photo())
    add(in_repo, source, tanggal="2025-01-07")
    with pytest.raises(PpidError) as refused:
        add(in_repo, source, tanggal="2025-01-08", by="Budi")
    assert str(refused.value) == (
        f"{source}: foto yang sama sudah dicatat sebagai bukti di "
        f"content/bukti/{SLUG}/2025-01-07-papan-pengumuman-1.yml; satu foto cukup dicatat sekali")
    assert sorted(p.name for p in (in_repo / "content/bukti" / SLUG).iterdir()) == [
        "2025-01-07-papan-pengumuman-1.jpg", "2025-01-07-papan-pengumuman-1.yml"]
