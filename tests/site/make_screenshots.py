"""Regenerate the README screenshots (.github/screenshots/) from this repository's own content.

    .venv/bin/python -m tests.site.make_screenshots [--today YYYY-MM-DD]

Builds the site into a temporary folder (`today` pinned so the serta-merta alert is reproducible), serves it on
localhost and photographs the home page and one announcement at desktop and phone width with Debian's Chromium.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

from pipeline.cli import main as ppid
from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.site.sitekit import ROOT

OUT = ROOT / ".github" / "screenshots"
WARNING = "pengumuman/2026/peringatan-dini-banjir-kabupaten-sintang/"
REPORT = "pengumuman/2025/ringkasan-laporan-kinerja-2024/"
# name, page, viewport, device pixel ratio, whole page
SHOTS: list[tuple[str, str, ViewportSize, int, bool]] = [
    ("beranda-desktop.png", "", {"width": 1280, "height": 1000}, 1, False),
    ("beranda-ponsel.png", "", {"width": 390, "height": 844}, 2, False),
    ("pengumuman-desktop.png", REPORT, {"width": 1280, "height": 900}, 1, True),
    ("pengumuman-ponsel.png", WARNING, {"width": 390, "height": 844}, 2, False),
]


def build(today: str, work: Path) -> Path:
    shutil.copy(ROOT / "sop.yml", work / "sop.yml")
    shutil.copytree(ROOT / "content", work / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "mkdocs.yml").write_text(
        config.replace("plugins:\n  - ppid\n", f'plugins:\n  - ppid:\n      today: "{today}"\n'), encoding="utf-8")
    here = Path.cwd()
    os.chdir(work)
    try:
        if ppid(["build"]) != 0:
            raise SystemExit("ppid build failed")
    finally:
        os.chdir(here)
    return work / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="2026-11-29", help="the build date (the alert shows notices in force)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        site = build(args.today, Path(temp))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path, viewport, scale, whole in SHOTS:
                page = browser.new_page(viewport=viewport, device_scale_factor=scale, is_mobile=scale > 1)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if whole:  # a tall window rather than full_page, which scrolls and so hides Material's tabs
                    height = page.evaluate("() => document.documentElement.scrollHeight")
                    page.set_viewport_size({"width": viewport["width"], "height": height})
                    page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / name))
                page.close()
                print(OUT / name)
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
