"""QR codes (segno) as inline SVG, for the printed notice: they lead a reader from paper to the page."""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterator, Sequence
from multiprocessing.pool import Pool

import segno

# segno normally scores all eight mask patterns and keeps the best; that is ~85% of its time (about 8 ms a
# code). Every mask decodes the same (ISO/IEC 18004; the browser test decodes one with zxing-cpp), so a fixed
# one keeps a 3,000-page build fast; error correction level M leaves room for a smudged or creased printout.
MASK = 2
LABEL = "Kode QR alamat pengumuman ini"


_DARK_RUN = re.compile(rb"\x01+")
BORDER = 2  # quiet zone in modules; the page's white margin adds to it


def qr_svg(url: str) -> str:
    """The QR code of `url` as one SVG path of horizontal runs (segno's own writer is ~3x slower)."""
    matrix = segno.make(url, error="m", micro=False, mask=MASK, boost_error=False).matrix
    size = len(matrix) + 2 * BORDER
    path: list[str] = []
    x = y = 0
    for row_y, row in enumerate(matrix, start=BORDER):
        for run in _DARK_RUN.finditer(bytes(row)):
            start = run.start() + BORDER
            path.append(f"m{start - x} {row_y - y}h{run.end() - run.start()}" if path
                        else f"M{start} {row_y}.5h{run.end() - run.start()}")
            x, y = run.end() + BORDER, row_y
    return (f'<svg role="img" viewBox="0 0 {size} {size}" class="ppid-qr__kode"><title>{LABEL}</title>'
            f'<path stroke="#000" d="{"".join(path)}"/></svg>')


class QrCodes:
    """The QR codes of many pages. With `workers`, other processes make them while the build renders pages
    (a code costs about as much pure-Python work as rendering the page itself); `get` then waits if needed.

    Ask in the order given for the least waiting; any order works. Use only from a process without threads
    (the pool forks), and `close()` at the end.
    """

    def __init__(self, urls: Sequence[str], workers: int = 0) -> None:
        self._ready: dict[str, str] = {}
        self._pool: Pool | None = None
        self._stream: Iterator[tuple[str, str]] = iter(())
        if workers > 0 and urls:
            self._pool = multiprocessing.get_context("fork").Pool(workers)
            self._stream = zip(urls, self._pool.imap(qr_svg, urls, chunksize=32), strict=True)

    def get(self, url: str) -> str:
        if url in self._ready:
            return self._ready.pop(url)
        for done, svg in self._stream:
            if done == url:
                return svg
            self._ready[done] = svg
        return qr_svg(url)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self._stream = iter(())
