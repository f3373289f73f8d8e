"""The repository's own site (its sample content and demo proof records) built once and served.

The site tests' session build (tests/site/conftest.py) is of a fixture repository without proof records, where
the Kinerja Layanan page has no charts; the charts need this repository's archive, so it is built here once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.edges.mkdocs_build import build_site
from tests.folderserver import serve_folder
from tests.kinerja.kit import ROOT


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("kinerja") / "site"
    build_site(ROOT, site)
    return site


@pytest.fixture(scope="session")
def sample_url(sample_site: Path) -> Iterator[str]:
    with serve_folder(sample_site) as url:
        yield url
