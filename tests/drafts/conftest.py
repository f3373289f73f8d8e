"""Fixtures for the open-drafts parts: the fake GitHub with one repository, and settings that reach it."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub, FakeRepo

REPO = "dinas/ppid"


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


@pytest.fixture
def gh_repo(fake: FakeGitHub) -> FakeRepo:
    return fake.add_repo(REPO)


@pytest.fixture
def settings(fake: FakeGitHub) -> GitHubSettings:
    """Real PyGithub against the fake; retries on, waits recorded instead of slept."""
    return GitHubSettings(token=fake.token, api_url=fake.base_url, timeout=2, retries=2, backoff_factor=0.1,
                          max_wait=5, seconds_between_requests=0, seconds_between_writes=0, sleep=lambda _s: None)


@pytest.fixture
def github_env(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment a workflow (or a staff member with a token) gives the CLI."""
    monkeypatch.setenv("GITHUB_TOKEN", fake.token)
    monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
