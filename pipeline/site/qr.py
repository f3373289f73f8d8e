"""QR codes (segno) as inline SVG, for the printed notice: they lead a reader from paper to the page."""

from __future__ import annotations

import segno

# segno normally scores all eight mask patterns and keeps the best; that is ~85% of its time (about 8 ms a
# code). Every mask decodes the same (ISO/IEC 18004), so a fixed one keeps a 3,000-page build fast; error
# correction level M leaves room for a smudged or creased printout.
MASK = 2


def qr_svg(url: str, *, label: str = "Kode QR alamat pengumuman ini") -> str:
    code = segno.make(url, error="m", micro=False, mask=MASK, boost_error=False)
    svg: str = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="ppid-qr__kode", lineclass=None,
                               title=label)
    return svg.replace("<svg ", '<svg role="img" ', 1)
