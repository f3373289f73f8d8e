"""Fixtures for the commands that talk to GitHub (disposisi, jadwal): the fake GitHub with the PPID teams and a
repository."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub, FakeRepo
from tests.githubkit import retrying_settings
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
    return retrying_settings(fake)
