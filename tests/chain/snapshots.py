"""The chain's default story, and an in-memory snapshot builder for the rule tests (as policy-bot's `pulltest`).

Default story (Monday 5 August 2024, WIB): staf2 opens agenda issue #5 at 08:00; kabid1 assigns it to staf1
at 08:10 (the disposisi); staf1 opens PR #12 (ready for review) at 13:00 naming `Disposisi: #5` and adding
one berkala announcement. No reviews yet. `approve_chain()` adds kabid1 13:30, sekre1 14:00, kadis1 14:05;
`serta_merta()` turns the announcement into a serta-merta one.

The story is told two ways with one mutation surface (`Scene`), so a scenario function runs against either:
`World` (tests/chain/conftest.py) tells it to the fake GitHub and reads the snapshot through the chain's adapter
over HTTP; `Story` (here) keeps it in plain values and builds the `PrSnapshot` directly, as the adapter would
read it: where the adapter stops reading early, which teams it reads for which kind of PR, which announcements it
reads at the head commit and at the approved commit. tests/chain/test_snapshot_contract.py holds both to the same
snapshot for every scenario of the rule tables.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from pipeline.core.chain.changes import classify_changes
from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.gate import announcement_limit_exceeded, files_truncated
from pipeline.core.chain.snapshot import (
    AnnouncementHead,
    Assignment,
    ChangedFile,
    DisposisiIssue,
    DraftEvent,
    DraftEventKind,
    OpenPull,
    PrSnapshot,
    Review,
    TeamMembers,
    disposisi_number,
)
from pipeline.core.chain.urgency import announcement_paths, jenis_of
from pipeline.core.chain.verdict import CHAIN_ROLES, Verdict
from pipeline.core.scaffold import nomor_values
from pipeline.core.sop import ROLE_NAMES, Role, Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.github_client import GHOST
from pipeline.edges.workcal import build_calendar
from tests.contentkit import SERTA_MERTA_BODY, VALID_FRONT_MATTER, announcement
from tests.teams import TEAMS

WIB = ZoneInfo("Asia/Pontianak")
ORG = "dinas"
REPO = "dinas/ppid"
HEAD = "c0ffee" + "1" * 34
OLD = "1a2b3c4" + "0" * 33
ANNOUNCEMENT = "content/pengumuman/2024-08-05-jadwal-layanan.md"
SERTA_MERTA = announcement(VALID_FRONT_MATTER.replace("jenis: berkala\nkategori: tata-cara\n", "jenis: serta-merta\n")
                           + "berlaku_hingga: 2025-02-06\n", SERTA_MERTA_BODY)
WEB = "https://github.com"
# GitHub's list of a PR's files stops here; the PR's `changed_files` still counts them all.
FILES_LISTED = 3000


def wib(day: int, hour: int, minute: int = 0, month: int = 8, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


NOW = wib(5, 15, 0)


def tell_default_story(repo: Any) -> tuple[Any, Any]:
    """The default story's issue #5 and PR #12 in `repo`, a `FakeRepo` of the fake GitHub or a `Repo` here (both
    take the same calls); returns (issue, pr)."""
    issue = repo.add_issue(5, author="staf2", created_at=wib(5, 8, 0), title="Agenda: jadwal layanan informasi")
    issue.assign("staf1", by="kabid1", at=wib(5, 8, 10))
    pr = repo.add_pull(12, author="staf1", created_at=wib(5, 13, 0), head_sha=HEAD,
                       body="Konsep jadwal layanan.\n\nDisposisi: #5\n")
    pr.add_file(ANNOUNCEMENT, "added", content=announcement())
    return issue, pr


class Scene(ABC):
    """What a scenario function may use, on either telling of the story: `pr`, `issue` (the disposisi issue #5)
    and `repo` with the fake GitHub's calls, `sop`, and the shortcuts below."""

    pr: Any
    issue: Any
    repo: Any
    sop: Sop

    @abstractmethod
    def join(self, slug: str, login: str) -> None:
        """`login` becomes a member of team `slug`."""

    @abstractmethod
    def snapshot(self) -> PrSnapshot:
        """The PR's snapshot as the chain's evaluator takes it."""

    def approve_chain(self, kabid: str = "kabid1", sekretaris: str = "sekre1", kadis: str = "kadis1", *,
                      commit_id: str | None = None) -> None:
        """The full chain in order, on the head commit unless `commit_id` is given."""
        self.pr.review(kabid, "APPROVED", wib(5, 13, 30), commit_id=commit_id)
        self.pr.review(sekretaris, "APPROVED", wib(5, 14, 0), commit_id=commit_id)
        self.pr.review(kadis, "APPROVED", wib(5, 14, 5), commit_id=commit_id)

    def serta_merta(self, path: str = ANNOUNCEMENT) -> None:
        """The PR's announcement (at the head commit) is serta-merta."""
        self.pr.contents[path] = SERTA_MERTA.encode()

    def maintenance(self, path: str = "pipeline/core/sop.py") -> None:
        self.pr.files.clear()
        self.pr.add_file(path, "modified")

    def verdict(self, now: datetime = NOW) -> Verdict:
        return evaluate(self.snapshot(), self.sop, build_calendar(self.sop, 2023, 2025), now)


# -- the story in memory -----------------------------------------------------------------------------------------


@dataclass
class Event:
    """An issue event the adapter may read: `assigned` and `unassigned` on an issue (`assignee`, given by `actor`),
    `ready_for_review` and `convert_to_draft` on a PR."""

    kind: str
    at: datetime
    actor: str
    assignee: str | None = None


@dataclass
class Issue:
    """An issue, or the issue side of a PR (its author, body, state, labels and events)."""

    number: int
    author: str
    created_at: datetime
    title: str = "Agenda"
    body: str = ""
    state: str = "open"
    is_pull: bool = False
    events: list[Event] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def assign(self, assignee: str, *, by: str, at: datetime) -> None:
        """`by` gives the issue to `assignee`."""
        self.events.append(Event("assigned", at, by, assignee))

    def unassign(self, assignee: str, *, by: str, at: datetime) -> None:
        """`by` takes the issue away from `assignee` (the chain reads only assignments, so this leaves no trace)."""
        self.events.append(Event("unassigned", at, by, assignee))


@dataclass
class Pull:
    """A pull request: its files (as GitHub lists them), reviews, the files' bytes at the head commit."""

    repo: Repo
    issue: Issue
    head_sha: str
    draft: bool = False
    merged_at: datetime | None = None
    base_ref: str = "main"
    files: list[ChangedFile] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    contents: dict[str, bytes] = field(default_factory=dict)  # files at the head commit
    changed_files: int | None = None  # what GitHub counts; None: the number of files added

    @property
    def number(self) -> int:
        return self.issue.number

    @property
    def is_open(self) -> bool:
        return self.merged_at is None and self.issue.state == "open"

    @property
    def html_url(self) -> str:
        return f"{WEB}/{self.repo.full_name}/pull/{self.number}"

    def add_file(self, filename: str, status: str = "added", previous_filename: str | None = None, *,
                 content: str | bytes | None = None) -> None:
        """A changed file; `content` is its bytes at the head commit (none: the file cannot be read there)."""
        if content is not None:
            self.contents[filename] = content.encode() if isinstance(content, str) else content
        self.files.append(ChangedFile(filename, status, previous_filename))

    def review(self, login: str, state: str, at: datetime | None, *, commit_id: str | None = None) -> Review:
        """A review on the head commit unless `commit_id` is given; PENDING reviews have no `at`."""
        review_id = self.repo.next_id()
        made = Review(review_id, login, state, at.astimezone(UTC) if at and state != "PENDING" else None,
                      commit_id or self.head_sha, f"{self.html_url}#pullrequestreview-{review_id}")
        self.reviews.append(made)
        return made

    def dismiss(self, review: Review, *, by: str, at: datetime, message: str = "") -> None:
        """Dismiss `review` as GitHub does: DISMISSED, with the state it had before kept by the PR's event (who
        dismissed it and when are in that event too, but the adapter reads only the former state)."""
        index = next(i for i, r in enumerate(self.reviews) if r.id == review.id)
        self.reviews[index] = replace(review, state="DISMISSED", dismissed_state=review.state.upper())

    def merge(self, sha: str, *, at: datetime, by: str) -> None:
        """Merged as commit `sha` by `by` (the snapshot keeps only when)."""
        self.merged_at = at
        self.issue.state = "closed"

    def push(self, sha: str) -> None:
        """A new head commit (reviews on the old one become stale)."""
        self.head_sha = sha

    def mark_ready(self, at: datetime, actor: str | None = None) -> None:
        self.draft = False
        self.issue.events.append(Event("ready_for_review", at, actor or self.issue.author))

    def convert_to_draft(self, at: datetime, actor: str | None = None) -> None:
        self.draft = True
        self.issue.events.append(Event("convert_to_draft", at, actor or self.issue.author))


@dataclass
class Repo:
    """One repository: its issues and PRs (which share numbers) and files put at a commit."""

    full_name: str
    default_branch: str = "main"
    issues: dict[int, Issue] = field(default_factory=dict)
    pulls: dict[int, Pull] = field(default_factory=dict)
    files_at: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (ref, path) -> bytes
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1001))

    @property
    def owner(self) -> str:
        return self.full_name.split("/")[0]

    def next_id(self) -> int:
        return next(self._ids)

    def add_issue(self, number: int, *, author: str, created_at: datetime, title: str = "Agenda",
                  body: str = "") -> Issue:
        if number in self.issues:
            raise ValueError(f"#{number} exists (issues and PRs share numbers)")
        issue = Issue(number, author, created_at, title, body)
        self.issues[number] = issue
        return issue

    def add_pull(self, number: int, *, author: str, created_at: datetime, head_sha: str = "a" * 40,
                 body: str = "", title: str = "Konsep pengumuman", draft: bool = False,
                 files: Iterable[tuple[str, str] | tuple[str, str, str]] = (),
                 merged_at: datetime | None = None) -> Pull:
        issue = self.add_issue(number, author=author, created_at=created_at, title=title, body=body)
        issue.is_pull = True
        pull = Pull(self, issue, head_sha, draft=draft, merged_at=merged_at)
        for entry in files:
            pull.add_file(*entry)
        self.pulls[number] = pull
        return pull

    def put_file(self, path: str, data: str | bytes, ref: str | None = None) -> None:
        """A file at commit or branch `ref` (the default branch when None)."""
        self.files_at[(ref or self.default_branch, path)] = data.encode() if isinstance(data, str) else data

    def file_at(self, path: str, ref: str) -> bytes | None:
        """A file's bytes at `ref`: put there, or the head version of a PR whose head is `ref`."""
        if (ref, path) in self.files_at:
            return self.files_at[(ref, path)]
        return next((p.contents[path] for p in self.pulls.values() if p.head_sha == ref and path in p.contents),
                    None)


@dataclass
class Story(Scene):
    """The default story in memory: the PR's snapshot is built from these values, with no HTTP."""

    repo: Repo
    issue: Issue
    pr: Pull
    sop: Sop
    teams: dict[str, list[str]]  # team slug -> members

    def join(self, slug: str, login: str) -> None:
        self.teams[slug].append(login)

    def snapshot(self) -> PrSnapshot:
        return pr_snapshot(self)


def build_story(sop: Sop) -> Story:
    """The default story, with the PPID teams of tests/teams.py."""
    repo = Repo(REPO)
    issue, pr = tell_default_story(repo)
    return Story(repo, issue, pr, sop, {slug: list(members) for slug, members in TEAMS.items()})


# -- what the adapter would read ---------------------------------------------------------------------------------


def pr_snapshot(story: Story) -> PrSnapshot:
    """The snapshot `GitHubRepo.fetch_snapshot` reads for the story's PR; the one place a PrSnapshot is built here.

    The adapter stops reading early where the gate refuses the PR anyway, so what it did not read stays empty:
    after the PR and the author's memberships for an outside author or another base, after the files list when
    GitHub did not list every file.
    """
    repo, pr, sop = story.repo, story.pr, story.sop
    author = pr.issue.author
    changed_files = len(pr.files) if pr.changed_files is None else pr.changed_files
    author_in_team = author != GHOST and any(author in story.teams.get(sop.team(role), ()) for role in ROLE_NAMES)
    # gate.refused_before_files, on what the PR itself says
    files_read = author_in_team and pr.base_ref == repo.default_branch
    files = tuple(pr.files[:FILES_LISTED]) if files_read else ()
    complete = files_read and not files_truncated(changed_files, len(files))
    reviews = tuple(pr.reviews) if complete else ()
    kind = classify_changes(files, sop.content).kind
    announcement_pr = complete and kind in ("announcement", "mixed")
    wanted = disposisi_number(pr.issue.body) if announcement_pr else None
    paths = announcement_paths(files, sop) if announcement_pr else ()
    by_kind: dict[str, tuple[Role, ...]] = {"maintenance": ("admin",), "evidence": ("kabid",)}
    roles = by_kind.get(kind, CHAIN_ROLES) if complete else ()
    return PrSnapshot(
        repo=repo.full_name, number=pr.number, author=author, head_sha=pr.head_sha, draft=pr.draft,
        created_at=pr.issue.created_at.astimezone(UTC), body=pr.issue.body, files=files, reviews=reviews,
        teams=tuple(TeamMembers(role, sop.team(role), frozenset(story.teams[sop.team(role)])) for role in roles),
        content=sop.content,
        draft_events=tuple(DraftEvent(cast(DraftEventKind, e.kind), e.at.astimezone(UTC)) for e in pr.issue.events
                           if e.kind in ("ready_for_review", "convert_to_draft")) if complete else (),
        disposisi=_disposisi(repo, wanted) if wanted is not None else None,
        merged_at=pr.merged_at.astimezone(UTC) if pr.merged_at else None, html_url=pr.html_url, org=repo.owner,
        announcements=(_announcement_heads(repo, pr, paths, reviews, sop)
                       if not announcement_limit_exceeded(len(paths), sop) else ()),
        labels=tuple(pr.issue.labels), base_ref=pr.base_ref, default_branch=repo.default_branch,
        changed_files=changed_files, author_in_team=author_in_team,
        # a merged PR's verdict is for the archive: the adapter does not list the open PRs for it
        open_pulls=tuple(OpenPull(p.number, p.base_ref, p.head_sha, p.html_url)
                         for p in sorted(repo.pulls.values(), key=lambda p: p.number, reverse=True)
                         if p.is_open) if complete and pr.merged_at is None else ())


def _disposisi(repo: Repo, number: int) -> DisposisiIssue | None:
    """The named issue (a PR is an issue too) and its assignments; None when there is no such issue."""
    issue = repo.issues.get(number)
    if issue is None:
        return None
    assignments = tuple(Assignment(e.assignee or "", e.actor, e.at.astimezone(UTC)) for e in issue.events
                        if e.kind == "assigned")
    kind = "pull" if issue.is_pull else "issues"
    return DisposisiIssue(number, issue.created_at.astimezone(UTC), assignments, issue.is_pull,
                          f"{WEB}/{repo.full_name}/{kind}/{number}")


def _announcement_heads(repo: Repo, pr: Pull, paths: Iterable[str], reviews: Iterable[Review],
                        sop: Sop) -> tuple[AnnouncementHead, ...]:
    """Each announcement at the head commit and, when an approval was given on an older commit, its `nomor` at
    the newest such commit."""
    stale = [r for r in reviews if r.state == "APPROVED" and r.commit_id and r.commit_id != pr.head_sha
             and r.submitted_at is not None]
    approved = max(stale, key=lambda r: (r.submitted_at, r.id)).commit_id if stale else ""
    heads = []
    for path in paths:
        data = repo.file_at(path, pr.head_sha)
        before = _nomor(path, repo.file_at(path, approved), sop) if approved else None
        heads.append(AnnouncementHead(path, jenis_of(path, data), data, nomor=_nomor(path, data, sop),
                                      approved_nomor=before, approved_commit=approved))
    return tuple(heads)


def _nomor(path: str, data: bytes | None, sop: Sop) -> str | None:
    found = nomor_values([SourceFile(path, data)], sop) if data is not None else []
    return found[0] if found else None
