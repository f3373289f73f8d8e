"""The chain's default story (tests/chain/snapshots.py) told to the fake GitHub over HTTP: `World`, for the tests
of the chain's GitHub adapter and commands. Rule tests take the in-memory `story` instead."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pytest_httpserver import HTTPServer

from pipeline.core.chain.snapshot import PrSnapshot
from pipeline.core.sop import Sop
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import GitHubSettings
from tests.chain.snapshots import ORG, REPO, Scene, Story, build_story, tell_default_story
from tests.fakegithub import FakeGitHub, FakeIssue, FakePull, FakeRepo
from tests.teams import TEAMS


def fetch_snapshot(settings: GitHubSettings, repo: str, number: int, sop: Sop) -> PrSnapshot:
    """One snapshot of `repo` PR `number` through the chain's adapter, closed afterwards."""
    client = GitHubRepo(settings, repo)
    try:
        return client.fetch_snapshot(number, sop)
    finally:
        client.close()


@dataclass
class World(Scene):
    """The fake GitHub with the default story; the snapshot is read by the chain's adapter over HTTP."""

    fake: FakeGitHub
    repo: FakeRepo
    issue: FakeIssue
    pr: FakePull
    settings: GitHubSettings
    sop: Sop
    sleeps: list[float] = field(default_factory=list)

    def join(self, slug: str, login: str) -> None:
        self.fake.teams[(ORG, slug)]["members"].append(login)

    def snapshot(self) -> PrSnapshot:
        return fetch_snapshot(self.settings, REPO, self.pr.number, self.sop)


@pytest.fixture
def story(sop: Sop) -> Story:
    """The default story in memory: rule tests judge its snapshot without HTTP."""
    return build_story(sop)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


@pytest.fixture
def sleeps() -> list[float]:
    """Waits the retry policy asked for (recorded, never slept)."""
    return []


@pytest.fixture
def settings(fake: FakeGitHub, sleeps: list[float]) -> GitHubSettings:
    return GitHubSettings(token=fake.token, api_url=fake.base_url, timeout=1, retries=3, backoff_factor=0.5,
                          max_wait=120, seconds_between_requests=0, seconds_between_writes=0, sleep=sleeps.append)


@pytest.fixture
def world(fake: FakeGitHub, settings: GitHubSettings, sop: Sop, sleeps: list[float]) -> World:
    return build_world(fake, settings, sop, sleeps)


def build_world(fake: FakeGitHub, settings: GitHubSettings, sop: Sop, sleeps: list[float] | None = None) -> World:
    """The default story on `fake` (also used by benchmarks/bench_chain_requests.py)."""
    for slug, members in TEAMS.items():
        fake.add_team(ORG, slug, list(members))
    repo = fake.add_repo(REPO)
    issue, pr = tell_default_story(repo)
    return World(fake, repo, issue, pr, settings, sop, sleeps if sleeps is not None else [])
