"""cari.js stems like PySastrawi: the browser port, given Sastrawi's own dictionary, returns Sastrawi's stems."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import Sastrawi

from pipeline.site.search import default_stemmer, words

pytestmark = pytest.mark.browser

SASTRAWI_DICTIONARY = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
TRICKY = """pengumuman diumumkan mengumumkan umumkan pengumumannya pelayanan dilayani melayani layanan kebijakan
mempengaruhi memperbaiki perbaikan pembangunan membangun dibangun kepemimpinan berkeadilan pertanggungjawaban
menyampaikan disampaikan penyampaian mengungsi pengungsian pengungsi bersiap-siap anak-anak anak-anaknya
malaikat-malaikat-nya berbalas-balasan meniru-nirukan belajar pelajar pelajaran mengajar diajarkan menyala nyala
mentaati mensyaratkan mensyukuri mengkritik memproteksi penstabilan pentranskripsi peringatan memperingatkan
terdampak keterbukaan informasi-informasi kemenangan-kemenangan bertanya-tanya perekonomian memerlukan diperlukan
kinerja gemetar telunjuk gerigi kemauan kebakaran pemadaman pengadaan ketahui kupukul kaulempar dikenakan
menikmati penikmat berlari pelari terlihat perlindungan melindungi diskominfo 045 covid-19 e-ppid""".split()  # noqa: SIM905


def _sample(dictionary: list[str], count: int) -> list[str]:
    """Derived forms of random roots: prefixes, suffixes, confixes, particles and reduplication."""
    rng = random.Random(7)
    roots = rng.sample([w for w in dictionary if w.isalpha() and len(w) > 3], count)
    affixes = [("me", ""), ("di", "kan"), ("pe", "an"), ("ke", "an"), ("ber", ""), ("ter", ""), ("", "nya"),
               ("mem", "i"), ("pen", "an"), ("peng", ""), ("meng", "kan"), ("se", "lah"), ("per", "an")]
    out = []
    for root in roots:
        prefix, suffix = rng.choice(affixes)
        out += [root, prefix + root + suffix, f"{root}-{root}"]
    return out


@pytest.fixture(scope="module")
def search_page(chromium: Any, site_url: str) -> Any:
    page = chromium.new_page()
    page.goto(site_url + "cari/")
    page.wait_for_function("() => window.PPIDCari !== undefined")
    yield page
    page.close()


def test_browser_stemmer_matches_sastrawi(search_page: Any) -> None:
    dictionary = [w for w in SASTRAWI_DICTIONARY.read_text(encoding="utf-8").split("\n") if w.strip()]
    content = " ".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[2] / "content").rglob("*.md"))
    sample = sorted(set(TRICKY + _sample(dictionary, 600) + words(content)))
    stemmer, _ = default_stemmer()
    expected = {word: stemmer.stem(word) for word in sample}
    got = search_page.evaluate(
        """([dictionary, sample]) => {
             const dict = new Set(dictionary);
             return Object.fromEntries(sample.map(w => [w, window.PPIDCari.stem(w, dict)]));
           }""", [dictionary, sample])
    differences = {w: (expected[w], got[w]) for w in sample if expected[w] != got[w]}
    assert differences == {}
    assert len(sample) > 1500
    assert got["pengumuman"] == got["diumumkan"] == "umum"


def test_query_words_split_like_the_index(search_page: Any) -> None:
    text = "Pengumuman No. 045/PPID/DISKOMINFO/2025: Évakuasi warga — anak-anak & lansia (COVID-19)!"
    assert search_page.evaluate("t => window.PPIDCari.words(t)", text) == words(text)
