"""A PPID organisation on the fake GitHub: teams, a disposisi issue and an announcement PR to mutate.

Default story (Monday 5 August 2024, WIB): staf2 opens agenda issue #5 at 08:00; kabid1 assigns it to staf1
at 08:10 (the disposisi); staf1 opens PR #12 (ready for review) at 13:00 naming `Disposisi: #5` and adding
one berkala announcement. No reviews yet. `World.approve_chain()` adds kabid1 13:30, sekre1 14:00, kadis1 14:05;
`World.serta_merta()` turns the announcement into a serta-merta one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pytest_httpserver import HTTPServer

from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.snapshot import PrSnapshot
from pipeline.core.chain.verdict import Verdict
from pipeline.core.sop import Sop
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.workcal import build_calendar
from tests.contentkit import SERTA_MERTA_BODY, VALID_FRONT_MATTER, announcement
from tests.fakegithub import FakeGitHub, FakeIssue, FakePull, FakeRepo
from tests.teams import TEAMS


def fetch_snapshot(settings: GitHubSettings, repo: str, number: int, sop: Sop) -> PrSnapshot:
    """One snapshot of `repo` PR `number` through the chain's adapter, closed afterwards."""
    client = GitHubRepo(settings, repo)
    try:
        return client.fetch_snapshot(number, sop)
    finally:
        client.close()

WIB = ZoneInfo("Asia/Pontianak")
ORG = "dinas"
REPO = "dinas/ppid"
HEAD = "c0ffee" + "1" * 34
OLD = "1a2b3c4" + "0" * 33
ANNOUNCEMENT = "content/pengumuman/2024-08-05-jadwal-layanan.md"
SERTA_MERTA = announcement(VALID_FRONT_MATTER.replace("jenis: berkala\nkategori: tata-cara\n", "jenis: serta-merta\n")
                           + "berlaku_hingga: 2025-02-06\n", SERTA_MERTA_BODY)


def wib(day: int, hour: int, minute: int = 0, month: int = 8, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


NOW = wib(5, 15, 0)


@dataclass
class World:
    """The fake GitHub with the default story, plus shortcuts used by the scenario tables."""

    fake: FakeGitHub
    repo: FakeRepo
    issue: FakeIssue
    pr: FakePull
    settings: GitHubSettings
    sop: Sop
    sleeps: list[float] = field(default_factory=list)

    def join(self, slug: str, login: str) -> None:
        self.fake.teams[(ORG, slug)]["members"].append(login)

    def approve_chain(self, kabid: str = "kabid1", sekretaris: str = "sekre1", kadis: str = "kadis1") -> None:
        self.pr.review(kabid, "APPROVED", wib(5, 13, 30))
        self.pr.review(sekretaris, "APPROVED", wib(5, 14, 0))
        self.pr.review(kadis, "APPROVED", wib(5, 14, 5))

    def serta_merta(self, path: str = ANNOUNCEMENT) -> None:
        """The PR's announcement (at the head commit) is serta-merta."""
        self.pr.contents[path] = SERTA_MERTA.encode()

    def maintenance(self, path: str = "pipeline/core/sop.py") -> None:
        self.pr.files.clear()
        self.pr.add_file(path, "modified")

    def snapshot(self) -> PrSnapshot:
        return fetch_snapshot(self.settings, REPO, self.pr.number, self.sop)

    def verdict(self, now: datetime = NOW) -> Verdict:
        snapshot = self.snapshot()
        return evaluate(snapshot, self.sop, build_calendar(self.sop, 2023, 2025), now)


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
    issue = repo.add_issue(5, author="staf2", created_at=wib(5, 8, 0), title="Agenda: jadwal layanan informasi")
    issue.assign("staf1", by="kabid1", at=wib(5, 8, 10))
    pr = repo.add_pull(12, author="staf1", created_at=wib(5, 13, 0), head_sha=HEAD,
                       body="Konsep jadwal layanan.\n\nDisposisi: #5\n")
    pr.add_file(ANNOUNCEMENT, "added", content=announcement())
    return World(fake, repo, issue, pr, settings, sop, sleeps if sleeps is not None else [])
