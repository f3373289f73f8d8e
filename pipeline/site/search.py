"""Search in Bahasa Indonesia: an inverted index of word stems, built here and read by a small script.

Why not Material's search plugin: its lunr pipeline has no Indonesian stemmer or stop words, so "pengumuman"
never finds "diumumkan", and its index carries whole page bodies (about 2.9 KB a page). Instead:

- At build time every word of what matters (title, number, summary, headings, tags, category) is reduced to
  its root with Sastrawi (PySastrawi: Nazief-Adriani / ECS rules checked against a dictionary of about 30,000
  root words), after Sastrawi's stop words are dropped. "diumumkan", "pengumuman", "mengumumkan" all give
  "umum". The index (cari/indeks.json) holds one short record per page and, per stem, the pages that use it.
- In the browser, cari.js stems the visitor's words with a line-for-line port of the same Sastrawi rules whose
  dictionary is the index's own list of stems. A query word thus lands on exactly the stem the build gave to
  its other forms whenever that stem occurs on the site, without shipping the 30,000-word dictionary.
  Words that are not found are tried as prefixes of the stems and of the indexed words (half-typed words).

Postings are `page * 4 + field` (field 3 title, 2 number, 1 summary and tags, 0 headings and category),
delta-encoded per stem to keep the numbers short.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from pipeline.core import dates_id
from pipeline.site import urls
from pipeline.site.model import GeneratedFile, SiteInput

INDEX_VERSION = 1
TITLE, NOMOR, SUMMARY, OTHER = 3, 2, 1, 0
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Stemmer(Protocol):
    def stem(self, text: str) -> str: ...


def words(text: str) -> list[str]:
    """Lowercase words without accents, the same way cari.js splits a query."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def default_stemmer() -> tuple[Stemmer, frozenset[str]]:
    """Sastrawi's stemmer (with its cache) and its stop words; loads the library's dictionary file."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    stemmer: Stemmer = StemmerFactory().create_stemmer()
    return stemmer, frozenset(StopWordRemoverFactory().get_stop_words())


def terms(text: str, stem: Callable[[str], str], stop: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(word, stem) for a text's words; a hyphenated word also yields its parts ("e-ppid" -> e-ppid, e, ppid)."""
    for word in words(text):
        if word in stop:
            continue
        yield word, stem(word) or word
        if "-" in word:
            for part in word.split("-"):
                if part and part not in stop:
                    yield part, stem(part) or part


def build_index(site: SiteInput, stemmer: Stemmer, stop: frozenset[str]) -> bytes:
    """The JSON search index of the announcements and the hand-written pages."""
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        found = cache.get(word)
        if found is None:
            found = cache[word] = stemmer.stem(word)
        return found

    postings: dict[str, dict[int, int]] = {}
    forms: dict[str, str] = {}

    def add(doc: int, field: int, texts: Iterable[str]) -> None:
        for text in texts:
            for word, term in terms(text, stem, stop):
                if word != term:
                    forms[word] = term
                seen = postings.setdefault(term, {})
                if seen.get(doc, -1) < field:
                    seen[doc] = field

    docs: list[list[str]] = []
    for item in site.announcements:
        doc = len(docs)
        docs.append([urls.announcement_url(item, site.settings.docs_dir), item.judul, item.nomor,
                     dates_id.tanggal(item.tanggal), item.jenis_label, item.ringkasan])
        add(doc, TITLE, [item.judul])
        add(doc, NOMOR, [item.nomor])
        add(doc, SUMMARY, [item.ringkasan, *item.tags])
        add(doc, OTHER, [*item.headings, item.kategori_label or ""])
    for page in site.pages:
        doc = len(docs)
        docs.append([page.url, page.title, "", "", "Halaman", page.description])
        add(doc, TITLE, [page.title])
        add(doc, SUMMARY, [page.description])
        add(doc, OTHER, page.headings)
    encoded: dict[str, list[int]] = {}
    for term in sorted(postings):
        previous = 0
        deltas = []
        for doc, field in sorted(postings[term].items()):
            value = doc * 4 + field
            deltas.append(value - previous)
            previous = value
        encoded[term] = deltas
    # Words whose stem differs ("kinerja" -> "kerja"), so that a half-typed "kinerj" still finds its stem.
    document = {"v": INDEX_VERSION, "stop": sorted(stop), "docs": docs, "terms": encoded,
                "forms": [[word, forms[word]] for word in sorted(forms)]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def search_page() -> str:
    """The search page; cari.js fills in the results (the form still works as a plain GET without script)."""
    return "\n".join([
        '---\ntitle: "Cari Pengumuman"\ndescription: "Cari pengumuman dan informasi publik."\nppid_cari: true\n---\n',
        "# Cari Pengumuman\n",
        '<form class="ppid-cari" action="./" method="get" role="search">\n'
        '<label for="ppid-cari-q">Kata yang dicari</label>\n'
        '<div class="ppid-cari__baris">\n'
        '<input id="ppid-cari-q" name="q" type="search" autocomplete="off" '
        'placeholder="misalnya: jadwal layanan, banjir, 001/PPID" aria-describedby="ppid-cari-bantuan">\n'
        '<button type="submit" class="md-button md-button--primary">Cari</button>\n</div>\n'
        '<p id="ppid-cari-bantuan" class="ppid-cari__bantuan">Cari dengan kata dari judul, nomor, ringkasan '
        "atau subjudul. Bentuk kata tidak harus sama: <em>pengumuman</em> juga menemukan <em>diumumkan</em>.</p>\n"
        "</form>\n",
        '<div id="ppid-cari-status" class="ppid-cari__status" role="status" aria-live="polite"></div>\n',
        '<div id="ppid-cari-hasil" class="ppid-daftar"></div>\n',
        '<noscript><p>Pencarian memerlukan JavaScript. Telusuri pengumuman melalui menu '
        "<strong>Arsip</strong> atau <strong>Daftar Informasi Publik</strong>.</p></noscript>\n",
    ])


def search_files(site: SiteInput, stemmer: Stemmer, stop: frozenset[str]) -> Iterator[GeneratedFile]:
    yield GeneratedFile(f"{urls.SEARCH}/index.md", search_page())
    yield GeneratedFile(urls.SEARCH_INDEX, build_index(site, stemmer, stop))
