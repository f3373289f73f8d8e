"""Serta-merta sections: variants in case, numbering and a trailing colon count; close headings are named."""

from __future__ import annotations

import pytest

from pipeline.core.announcement import SERTA_MERTA_SECTIONS
from pipeline.core.catalog import check_sources
from pipeline.core.serta_merta import normalize
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from tests.contentkit import SERTA_MERTA_BODY, VALID_FRONT_MATTER, announcement

PATH = "content/pengumuman/2025/banjir.md"
FM = VALID_FRONT_MATTER.replace("jenis: berkala", "jenis: serta-merta").replace("kategori: tata-cara\n", "")


def check(body: str, sop: Sop) -> list[str]:
    result = check_sources([SourceFile(PATH, announcement(FM, body).encode())], sop, frozenset({PATH}))
    return [p.as_text() for p in result.problems]


@pytest.mark.parametrize("variant", [
    "## potensi bahaya", "## POTENSI BAHAYA", "## 1. Potensi Bahaya", "## 1) Potensi Bahaya", "## I. Potensi Bahaya",
    "## a. Potensi Bahaya", "## Potensi Bahaya:", "## 1. Potensi  Bahaya :", "## Potensi Bahaya ##",
])
def test_accepted_variants(sop: Sop, variant: str) -> None:
    assert check(SERTA_MERTA_BODY.replace("## Potensi Bahaya", variant), sop) == []


ROWS = [
    ("close-but-different", ("## Langkah Penanganan", "## Langkah-langkah Penanganan"),
     [f"{PATH}:39: isi: judul bagian 'Langkah-langkah Penanganan' belum sesuai; pengumuman serta-merta wajib memakai "
      "judul persis '## Langkah Penanganan'"]),
    ("typo", ("## Cara Memperoleh Bantuan", "## Cara Memperolah Bantuan"),
     [f"{PATH}:27: isi: judul bagian 'Cara Memperolah Bantuan' belum sesuai; pengumuman serta-merta wajib memakai "
      "judul persis '## Cara Memperoleh Bantuan'"]),
    ("wrong-level", ("## Pihak yang Wajib Mengumumkan", "### Pihak yang Wajib Mengumumkan"),
     [f"{PATH}:31: isi: judul bagian 'Pihak yang Wajib Mengumumkan' harus bertingkat dua (dua tanda #): tulis "
      "'## Pihak yang Wajib Mengumumkan'"]),
    ("unrelated-heading-means-missing", ("## Langkah Penanganan", "## Kontak Darurat"),
     [f"{PATH}:11: isi: pengumuman serta-merta wajib memuat bagian '## Langkah Penanganan'; tambahkan judul bagian "
      "itu beserta isinya"]),
    ("empty-section", ("Keterangan 3.", ""),
     [f"{PATH}:19: isi: bagian '## Prosedur dan Tempat Evakuasi' masih kosong; isi dengan keterangan untuk "
      "masyarakat"]),
]


@pytest.mark.parametrize(("change", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_heading_problems(sop: Sop, change: tuple[str, str], expected: list[str]) -> None:
    assert change[0] in SERTA_MERTA_BODY
    assert check(SERTA_MERTA_BODY.replace(change[0], change[1]), sop) == expected


def test_subheadings_belong_to_their_section(sop: Sop) -> None:
    body = SERTA_MERTA_BODY.replace("Keterangan 1.", "### Tinggi air\n\nDua meter.")
    assert check(body, sop) == []


def test_normalize_keeps_words_that_look_like_numbering() -> None:
    assert next(normalize(t) for t in SERTA_MERTA_SECTIONS) == "potensi bahaya"
    assert normalize("A") == "a"


def test_a_flood_of_headings_is_refused_once(sop: Sop) -> None:
    assert check("".join(f"## Bagian {i}\n" for i in range(1500)), sop) == [
        f"{PATH}:1011: isi: pengumuman ini memuat lebih dari 1000 judul bagian; pengumuman serta-merta cukup memuat "
        "delapan bagian wajib. Hapus baris '#' yang tidak perlu"]
