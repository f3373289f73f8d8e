"""The lifecycle harness fixture: one `Office` per story (see office.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakegithub import FakeGitHub
from tests.lifecycle.office import Office


@pytest.fixture
def office(tmp_path: Path, httpserver: Any) -> Iterator[Office]:
    world = Office(tmp_path, FakeGitHub(httpserver))
    yield world
    world.close()
