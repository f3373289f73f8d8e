"""QR codes: the same SVG whether made here or by worker processes, in any order of asking."""

from __future__ import annotations

import pytest

from pipeline.site.qr import QrCodes, qr_svg

URLS = [f"https://ppid.example.go.id/pengumuman/2025/pengumuman-{n:03d}/" for n in range(40)]


@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize("order", ["given", "reversed"])
def test_codes_match_in_any_order(workers: int, order: str) -> None:
    codes = QrCodes(URLS, workers=workers)
    try:
        wanted = URLS if order == "given" else URLS[::-1]
        assert [codes.get(url) for url in wanted] == [qr_svg(url) for url in wanted]
        assert codes.get("https://ppid.example.go.id/lain/") == qr_svg("https://ppid.example.go.id/lain/")
    finally:
        codes.close()


def test_svg_is_labelled_for_screen_readers() -> None:
    svg = qr_svg(URLS[0])
    assert svg.startswith('<svg role="img" viewBox="0 0 ') and "<title>Kode QR alamat pengumuman ini</title>" in svg
