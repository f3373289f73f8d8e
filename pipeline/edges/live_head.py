"""The proof-chain head a live site has published (`/bukti/rantai.txt`), read over HTTP for `ppid verify --sejak`."""

from __future__ import annotations

import requests

from pipeline.core.proof import GENESIS
from pipeline.core.proof_check import parse_head
from pipeline.errors import PpidError


def fetch_published_head(url: str, timeout: float = 30) -> str:
    """The `kepala:` line of the live `rantai.txt`. A 404 means nothing was published there yet (GENESIS); any
    other failure stops (fail closed: an unknown published head never lets a rewritten chain through)."""
    try:
        response = requests.get(url, timeout=timeout)
    except requests.RequestException as exc:
        raise PpidError(f"{url} tidak dapat dibaca ({type(exc).__name__}); kepala rantai yang sudah diterbitkan "
                        "tidak diketahui, jadi situs tidak diterbitkan. Coba lagi nanti") from None
    if response.status_code == 404:
        return GENESIS
    head = parse_head(response.text) if response.status_code == 200 else None
    if head is None:
        raise PpidError(f"{url} menjawab HTTP {response.status_code} tanpa baris 'kepala: <hash>'; kepala rantai "
                        "yang sudah diterbitkan tidak diketahui, jadi situs tidak diterbitkan")
    return head
