"""The printed letterhead (kop) names the office's government from sop.yml, not from code."""

from __future__ import annotations

from pipeline.core.sop import Sop
from pipeline.site.announcement_page import letterhead


def test_the_letterhead_reads_the_government_from_sop_yml(sop: Sop) -> None:
    assert "<p>Pemerintah Provinsi Kalimantan Barat</p>" in letterhead("pengumuman/x/", sop)
    other = sop.model_copy(update={"pemerintah": "Pemerintah Kota <Pontianak>"})
    assert "<p>Pemerintah Kota &lt;Pontianak&gt;</p>" in letterhead("pengumuman/x/", other)
