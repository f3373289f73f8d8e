"""Fixtures for the open-drafts parts: the fake GitHub with one repository, and settings that reach it."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub, FakeRepo
from tests.githubkit import retrying_settings

REPO = "dinas/ppid"


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


@pytest.fixture
def gh_repo(fake: FakeGitHub) -> FakeRepo:
    return fake.add_repo(REPO)


@pytest.fixture
def settings(fake: FakeGitHub) -> GitHubSettings:
    return retrying_settings(fake)


@pytest.fixture
def github_env(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment a workflow (or a staff member with a token) gives the CLI."""
    monkeypatch.setenv("GITHUB_TOKEN", fake.token)
    monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
