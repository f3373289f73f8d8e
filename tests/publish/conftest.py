"""Fixtures for publishing and proof: sealed sample records, a chain of them, a throw-away git repository."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pipeline.commands.arsip import archive
from pipeline.core.proof import (
    GENESIS,
    AnnouncementRef,
    ApprovalRef,
    Commits,
    DisposisiRef,
    FileHash,
    ProofRecord,
    PullRequestRef,
    TimingRow,
    next_record,
    record_name,
    render,
)
from pipeline.edges.github_client import GitHubSettings
from tests.contentkit import announcement
from tests.fakegithub import FakeGitHub, FakePull, FakeRepo
from tests.teams import TEAMS

ROOT = Path(__file__).resolve().parents[2]
WIB = ZoneInfo("Asia/Pontianak")
T0 = datetime(2025, 1, 6, 1, 0, tzinfo=UTC)  # Senin 6 Januari 2025 08.00 WIB


def sha_of(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def draft(n: int = 1, slug: str = "jadwal-layanan", content: bytes = b"isi", *, demo: bool = False) -> ProofRecord:
    """An unsealed record for merge number n (times and shas derived from n)."""
    start = T0 + timedelta(days=n)
    path = f"content/pengumuman/2025/{slug}.md"
    approvals = tuple(
        ApprovalRef(role=role, login=login, review_id=1000 * n + i, submitted_at=start + timedelta(minutes=30 * i),
                    url=f"https://github.com/dinas/ppid/pull/{n}#pullrequestreview-{1000 * n + i}",
                    commit=sha_of(f"head{n}"), name=name)
        for i, (role, login, name) in enumerate(
            (("kabid", "kabid-ikp", "Budi Santoso"), ("sekretaris", "sekdis", None),
             ("kepala_dinas", "kadis", "Dr. Siti Aminah, M.Si.")), start=1))
    timing = tuple(
        TimingRow(step=i, key=key, role=role, standard=std, started_at=start, finished_at=start + timedelta(minutes=5),
                  deadline=start + timedelta(minutes=15), elapsed_minutes=5, status="ok")
        for i, (key, role, std) in enumerate(
            (("disposisi", "kabid", "15m"), ("konsep", "pelaksana", "1d"), ("periksa_kabid", "kabid", "1h"),
             ("periksa_sekretaris", "sekretaris", "1h"), ("persetujuan", "kepala_dinas", "10m"),
             ("publikasi", "pelaksana", "15m")), start=1))
    return ProofRecord(
        schema=1, seq=0, repository="dinas/ppid", demo=demo,
        pull_request=PullRequestRef(number=n, title=f"Pengumuman {slug}", url=f"https://github.com/dinas/ppid/pull/{n}",
                                    author="pelaksana1"),
        commits=Commits(base=sha_of(f"base{n}"), head=sha_of(f"head{n}"), merge=sha_of(f"merge{n}")),
        merged_at=start + timedelta(hours=2), merged_by="pelaksana1",
        files=(FileHash(path=path, sha256=hashlib.sha256(content).hexdigest()),),
        announcements=(AnnouncementRef(slug=slug, path=path, nomor=f"{n:03d}/PPID/DISKOMINFO/2025",
                                       judul=f"Jadwal Layanan «{slug}» | versi {n}", jenis="berkala",
                                       tanggal="2025-01-06"),),
        approvals=approvals,
        disposisi=DisposisiRef(number=100 + n, url=f"https://github.com/dinas/ppid/issues/{100 + n}",
                               created_at=start - timedelta(hours=1), assigned_at=start - timedelta(minutes=50),
                               assigned_by="kabid-ikp"),
        timing=timing, archived_at=start + timedelta(hours=2, minutes=3), pipeline_version="0.1.0",
        prev_sha256=GENESIS)


def chain(count: int, slugs: tuple[str, ...] = ("jadwal-layanan",)) -> list[ProofRecord]:
    records: list[ProofRecord] = []
    for n in range(1, count + 1):
        records.append(next_record(records[-1] if records else None, draft(n, slugs[(n - 1) % len(slugs)])))
    return records


def as_files(records: list[ProofRecord], archive: str = "content/arsip") -> list[tuple[str, bytes]]:
    return [(f"{archive}/{record_name(r, WIB)}", render(r)) for r in records]


@pytest.fixture
def sealed() -> Callable[..., ProofRecord]:
    return lambda n=1, **kw: next_record(None, replace(draft(n), **kw))


def git(root: Path, *argv: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.invalid", "GIT_COMMITTER_NAME": "Uji",
           "GIT_COMMITTER_EMAIL": "uji@example.invalid", "GIT_AUTHOR_DATE": "2025-01-06T08:00:00+07:00",
           "GIT_COMMITTER_DATE": "2025-01-06T08:00:00+07:00", "PATH": "/usr/bin:/bin", "HOME": str(root)}
    done = subprocess.run(["git", "-C", str(root), *argv], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


@pytest.fixture
def gitrepo(tmp_path: Path) -> Path:
    """A git repository with the project's sop.yml and an empty content tree, one commit."""
    root = tmp_path / "repo"
    (root / "content" / "pengumuman" / "2025").mkdir(parents=True)
    shutil.copy(ROOT / "sop.yml", root / "sop.yml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "awal")
    return root


# -- a merged announcement PR on the fake GitHub, merged as a real commit of a throw-away repository --------
ORG = "dinas"
REPO = "dinas/ppid"
ANN = "content/pengumuman/2025/jadwal-layanan.md"
HEAD = "c0ffee" + "2" * 34


def wib(hour: int, minute: int = 0, day: int = 6) -> datetime:
    """A moment in January 2025, WIB (6 January 2025 is a Monday)."""
    return datetime(2025, 1, day, hour, minute, tzinfo=WIB)


@pytest.fixture
def fake(httpserver: Any) -> FakeGitHub:
    return FakeGitHub(httpserver)


@pytest.fixture
def settings(fake: FakeGitHub) -> GitHubSettings:
    return GitHubSettings(token=fake.token, api_url=fake.base_url, timeout=2, retries=1, backoff_factor=0,
                          seconds_between_requests=0, seconds_between_writes=0, sleep=lambda _s: None)


@dataclass
class Merged:
    """The story: issue #5 assigned at 08:10, PR #12 opened 09:00, approved in order, merged 10:15."""

    root: Path
    fake: FakeGitHub
    repo: FakeRepo
    pr: FakePull
    settings: GitHubSettings
    sha: str = ""

    def commit(self, files: dict[str, str | None], message: str = "Merge pull request #12") -> str:
        for rel, text in files.items():
            if text is None:
                git(self.root, "rm", "-q", rel)
            else:
                (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
                (self.root / rel).write_text(text, encoding="utf-8")
                git(self.root, "add", rel)
        git(self.root, "commit", "-q", "-m", message)
        return git(self.root, "rev-parse", "HEAD")

    def approve(self, *who: tuple[str, datetime]) -> None:
        for login, at in who or (("kabid1", wib(9, 30)), ("sekre1", wib(10, 0)), ("kadis1", wib(10, 5))):
            self.pr.review(login, "APPROVED", at)

    def merge(self, at: datetime | None = None) -> str:
        base = git(self.root, "rev-parse", "HEAD~1")
        self.pr.merge(self.sha, at=at or wib(10, 15), by="staf1", base_sha=base)
        return self.sha

    def archive(self, **kw: Any) -> tuple[int, str]:
        out = io.StringIO()
        code = archive(repo=REPO, sha=kw.pop("sha", self.sha), now_text=kw.pop("now_text", "2025-01-06T10:20:00+07:00"),
                       demo=kw.pop("demo", False), env=kw.pop("env", {}), settings=self.settings, root=self.root,
                       out=out)
        return code, out.getvalue()


@pytest.fixture
def merged(gitrepo: Path, fake: FakeGitHub, settings: GitHubSettings) -> Merged:
    for slug, members in TEAMS.items():
        fake.add_team(ORG, slug, members)
    fake.user_names.update({"kabid1": "Budi Santoso", "kadis1": "Dr. Siti Aminah"})
    repo = fake.add_repo(REPO)
    issue = repo.add_issue(5, author="kabid1", created_at=wib(8, 0), title="Disposisi: jadwal layanan")
    issue.assign("staf1", by="kabid1", at=wib(8, 10))
    pr = repo.add_pull(12, author="staf1", created_at=wib(9, 0), head_sha=HEAD, title="Jadwal layanan 2025",
                       body="Disposisi: #5\n", files=[(ANN, "added")])
    story = Merged(gitrepo, fake, repo, pr, settings)
    story.sha = story.commit({ANN: announcement()})
    return story
