"""Offline evidence records on disk (content/bukti/<slug>/*.yml) for the proof pages.

`ppid check` validates each record (fields, medium, date, announcement, photo beside it) before the site is
built; this reader also checks each photo's SHA-256 against its record, so the site never shows a photo that
was swapped after approval.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from pipeline.core.sop import Sop
from pipeline.core.yamlsafe import load_mapping
from pipeline.errors import PpidError
from pipeline.site.evidence_section import EvidencePhoto, by_slug

_FIELDS = ("pengumuman", "media", "tanggal", "oleh", "keterangan", "berkas", "sha256")


def load_evidence(root: Path, sop: Sop) -> dict[str, tuple[EvidencePhoto, ...]]:
    """Every evidence record by announcement slug; raises PpidError naming a broken record."""
    base = root / sop.content.evidence
    photos = []
    for path in sorted(base.glob("*/*.yml")) if base.is_dir() else ():
        rel = path.relative_to(root).as_posix()
        loaded = load_mapping(path.read_text(encoding="utf-8-sig"), what="catatan bukti")
        data = loaded.data or {}
        values = {key: data.get(key) for key in _FIELDS}
        if loaded.data is None or not all(isinstance(v, str) for v in values.values()):
            raise PpidError(f"{rel}: catatan bukti tidak lengkap atau tidak terbaca; jalankan 'ppid check {rel}'")
        fields = {key: str(value) for key, value in values.items()}
        photo_path = path.parent / fields["berkas"]
        try:
            digest = hashlib.sha256(photo_path.read_bytes()).hexdigest()
            day = date.fromisoformat(fields["tanggal"])
        except (OSError, ValueError):
            raise PpidError(f"{rel}: foto atau tanggal bukti tidak valid; jalankan 'ppid check {rel}'") from None
        if digest != fields["sha256"]:
            raise PpidError(f"{rel}: SHA-256 foto {fields['berkas']} tidak sama dengan catatannya; foto bukti tidak "
                            "boleh diganti setelah disetujui. Kembalikan foto aslinya, atau tambahkan foto baru "
                            "dengan 'ppid bukti'")
        photos.append(EvidencePhoto(path.parent.name, fields["media"], day, fields["oleh"], fields["keterangan"],
                                    fields["berkas"], fields["sha256"], rel))
    return by_slug(photos)
