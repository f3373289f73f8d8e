"""Fixtures for the commands that talk to GitHub (disposisi, jadwal): the fake GitHub with the PPID teams and a
repository."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub, FakeRepo
from tests.teams import TEAMS

ORG = "dinas"
REPO = "dinas/ppid"


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    server = FakeGitHub(httpserver)
    for slug, members in TEAMS.items():
        server.add_team(ORG, slug, list(members))
    return server


@pytest.fixture
def gh_repo(fake: FakeGitHub) -> FakeRepo:
    return fake.add_repo(REPO)


@pytest.fixture
def settings(fake: FakeGitHub) -> GitHubSettings:
    """Real PyGithub against the fake; retries on, waits recorded instead of slept."""
    return GitHubSettings(token=fake.token, api_url=fake.base_url, timeout=2, retries=2, backoff_factor=0.1,
                          max_wait=5, seconds_between_requests=0, seconds_between_writes=0, sleep=lambda _s: None)
