"""Session fixtures for the site: one real build of a fixture repository, served on localhost, and Chromium."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.commands.build import build
from tests.browser import CANDIDATES, find_chromium
from tests.folderserver import serve_folder
from tests.site.sitekit import write_repo

CHROMIUM = find_chromium() or CANDIDATES[0]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def site_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repo(tmp_path_factory.mktemp("situs"))


@pytest.fixture(scope="session")
def built_site(site_repo: Path) -> Path:
    """`ppid build` run once in the fixture repository; returns its site/ folder."""
    assert build(site_dir=Path("site"), fmt="text", publishing=False, root=site_repo, out=io.StringIO()) == 0
    return site_repo / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served by a background http.server on 127.0.0.1 (a free port)."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="package")
def chromium() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never a browser download).

    Package scope: Playwright's sync API allows one instance per thread, so it is closed before other test
    packages start theirs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
