"""Offline proof (bukti offline) on the proof page: the photos of the notice board or the newspaper clipping that
staff added with `ppid bukti`, beside the online proof.

The photos live in content/bukti/<slug>/, which the site publishes at bukti/<slug>/, the proof page's own
folder: each image is linked by its bare file name. Every recorded value goes through `esc()`; the caption
(`keterangan`) is also the image's alternative text for screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from pipeline.core.dates_id import tanggal
from pipeline.site.markup import MEDIA_LABEL, esc

MEDIA_EVIDENCE_LABEL = {**MEDIA_LABEL, "media-massa": "Media massa (kliping)"}


@dataclass(frozen=True)
class EvidencePhoto:
    """One evidence record (content/bukti/<slug>/<name>.yml) and its photo."""

    slug: str
    media: str
    tanggal: date
    oleh: str
    keterangan: str
    berkas: str  # the photo's file name, beside the record
    sha256: str
    record: str  # repository path of the YAML record


def by_slug(photos: Iterable[EvidencePhoto]) -> dict[str, tuple[EvidencePhoto, ...]]:
    """The photos of each announcement, oldest first."""
    out: dict[str, list[EvidencePhoto]] = {}
    for photo in photos:
        out.setdefault(photo.slug, []).append(photo)
    return {slug: tuple(sorted(items, key=lambda p: (p.tanggal, p.berkas))) for slug, items in sorted(out.items())}


def evidence_section(photos: Sequence[EvidencePhoto], approver: str = "Kabid/Kasubag") -> str:
    """The "Bukti offline" part of a proof page (Markdown heading + one raw HTML block); "" without photos."""
    if not photos:
        return ""
    figures = []
    for photo in photos:
        medium = MEDIA_EVIDENCE_LABEL.get(photo.media, photo.media)
        when = f'<time datetime="{photo.tanggal.isoformat()}">{esc(tanggal(photo.tanggal))}</time>'
        figures.append(
            '<figure class="ppid-bukti-offline__foto">'
            f'<a href="{esc(quote(photo.berkas))}"><img src="{esc(quote(photo.berkas))}" '
            f'alt="{esc(photo.keterangan)}" loading="lazy"></a>'
            f"<figcaption><strong>{esc(medium)}</strong>, {when}: {esc(photo.keterangan)}. "
            f"Didokumentasikan oleh {esc(photo.oleh)}. "
            f"<small>SHA-256 foto: <code>{esc(photo.sha256)}</code></small></figcaption>"
            "</figure>")
    intro = (f"<p>Foto pengumuman ini di media luar jaringan ({len(photos)} foto), dicatat oleh petugas dengan "
             f"<code>ppid bukti</code> dan disetujui {esc(approver)}. Data lokasi (GPS) pada foto sudah dihapus.</p>")
    block = '<section class="ppid-bukti-offline" aria-label="Bukti offline">' + intro + "".join(figures) + \
        "</section>"
    return f"## Bukti offline\n\n{block}\n"
