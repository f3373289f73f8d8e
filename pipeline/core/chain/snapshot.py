"""A frozen snapshot of one pull request: everything the chain evaluator looks at, fetched once.

The GitHub adapter (pipeline.edges.github) builds it; the evaluator never asks for more. Times are aware
datetimes (UTC as GitHub sends them). Logins are compared as GitHub spells them, case-insensitively. What the PR
changes (`PrSnapshot.change`) is derived from its files and sop.yml's `content` section, never given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Literal

from pipeline.core.chain.changes import ChangeSet, classify_changes
from pipeline.core.sop import ContentConfig, Role

# GitHub's values, kept as sent (an unknown one is simply not counted):
# review states APPROVED, CHANGES_REQUESTED, COMMENTED, PENDING, DISMISSED;
# file statuses added, removed, modified, renamed, copied, changed, unchanged.
ReviewState = str
FileStatus = str
DraftEventKind = Literal["ready_for_review", "convert_to_draft"]

# GitHub's closing keywords (close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved) and our own
# `Disposisi: #N`; an optional colon after the keyword, as GitHub accepts.
_CLOSING = re.compile(r"(?i)(?<![\w/])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?[ \t]+#(\d+)\b")
_DISPOSISI = re.compile(r"(?i)(?<![\w/])disposisi[ \t]*:[ \t]*#(\d+)\b")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def disposisi_number(body: str) -> int | None:
    """The disposisi issue a PR body names: `Disposisi: #N` first, else the first `Closes/Fixes/Resolves #N`.

    Text inside HTML comments (the PR template's hints) does not count.
    """
    text = _HTML_COMMENT.sub("", body or "")
    for pattern in (_DISPOSISI, _CLOSING):
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


@dataclass(frozen=True)
class ChangedFile:
    """One file in the PR diff; `previous_path` is set for renames."""

    path: str
    status: FileStatus
    previous_path: str | None = None


@dataclass(frozen=True)
class AnnouncementHead:
    """A changed announcement as it stands on the PR's head commit; `jenis` is None when it cannot be read.

    `approved_nomor` is its `nomor` on `approved_commit`, the commit of the newest approval given before the last
    change (read only when such an approval exists), so the chain can say that a renumbering voided it.
    """

    path: str
    jenis: str | None
    # The file's bytes at the head commit (already read for `jenis`), for the approvers' preview.
    data: bytes | None = field(default=None, repr=False)
    nomor: str | None = None
    approved_nomor: str | None = None
    approved_commit: str = ""


@dataclass(frozen=True)
class Review:
    """One submitted (or pending) review as GitHub lists it."""

    id: int
    login: str
    state: ReviewState
    submitted_at: datetime | None
    commit_id: str
    html_url: str = ""
    # For a DISMISSED review, what it was before (GitHub rewrites the state; the PR's `review_dismissed` event
    # keeps the original, e.g. "CHANGES_REQUESTED"); None when unknown or not dismissed.
    dismissed_state: str | None = None


@dataclass(frozen=True)
class OpenPull:
    """Another open pull request of the repository, as the PR list shows it."""

    number: int
    base_ref: str
    head_sha: str
    html_url: str = ""


@dataclass(frozen=True)
class Assignment:
    """An `assigned` issue event: `assigner` gave the issue to `assignee`."""

    assignee: str
    assigner: str
    at: datetime


@dataclass(frozen=True)
class DisposisiIssue:
    """The agenda issue a PR names; the Kabid's assignment of it to the author is the disposisi."""

    number: int
    created_at: datetime
    assignments: tuple[Assignment, ...] = ()
    is_pull_request: bool = False
    html_url: str = ""


@dataclass(frozen=True)
class DraftEvent:
    """A `ready_for_review` or `convert_to_draft` event on the PR."""

    kind: DraftEventKind
    at: datetime


@dataclass(frozen=True)
class TeamMembers:
    """The members (now) of the team that stands in for one role."""

    role: Role
    slug: str
    members: frozenset[str]


@dataclass(frozen=True)
class PrSnapshot:
    """One pull request as read at one moment.

    `content` is the sop.yml `content` section the files are sorted by; `change` is that sorting, derived on first
    use and kept, so it cannot disagree with `files` (a `replace` with other files or another `content` derives
    it afresh).
    """

    repo: str
    number: int
    author: str
    head_sha: str
    draft: bool
    created_at: datetime
    body: str
    files: tuple[ChangedFile, ...]
    reviews: tuple[Review, ...]
    teams: tuple[TeamMembers, ...]
    content: ContentConfig
    draft_events: tuple[DraftEvent, ...] = ()
    disposisi: DisposisiIssue | None = None
    merged_at: datetime | None = None
    html_url: str = ""
    org: str = field(default="")
    # The changed announcements' jenis at the head commit (announcement PRs only) and the PR's labels.
    announcements: tuple[AnnouncementHead, ...] = ()
    labels: tuple[str, ...] = ()
    # The gate (pipeline.core.chain.gate): the PR's base and the repository's default branch; the file count
    # GitHub reports (the files list stops at 3,000); whether the author is in any PPID team (when not, the
    # adapter stops reading there); and the repository's other open PRs (for the shared-head rule).
    base_ref: str = "main"
    default_branch: str = "main"
    changed_files: int | None = None
    author_in_team: bool = True
    open_pulls: tuple[OpenPull, ...] = ()

    @cached_property
    def change(self) -> ChangeSet:
        """What the PR changes: its kind, its paths by folder, the archive records and evidence it would alter."""
        return classify_changes(self.files, self.content)

    def team(self, role: Role) -> TeamMembers | None:
        """The fetched team for `role`, or None when it was not needed for this PR."""
        return next((t for t in self.teams if t.role == role), None)

    def members(self, role: Role) -> frozenset[str]:
        """Lower-cased logins of the role's team (empty when not fetched)."""
        team = self.team(role)
        return frozenset(m.lower() for m in team.members) if team else frozenset()

    @property
    def sharing_head(self) -> tuple[OpenPull, ...]:
        """The other open PRs whose head is this PR's head commit (a commit status is shared by all of them)."""
        return tuple(p for p in self.open_pulls if p.number != self.number and p.head_sha == self.head_sha)

    @property
    def ready_at(self) -> datetime | None:
        """When the PR first became ready for review: opened as non-draft, or the first ready_for_review."""
        events = sorted(self.draft_events, key=lambda e: e.at)
        if events:
            first = events[0]
            # A PR whose first draft event is `convert_to_draft` was opened ready for review.
            return first.at if first.kind == "ready_for_review" else self.created_at
        return None if self.draft else self.created_at


def calendar_years(snapshot: PrSnapshot, now: datetime) -> tuple[int, int]:
    """Years a working calendar must cover to judge SNAPSHOT at NOW: from a year before its earliest moment to a
    year after its latest."""
    moments = [snapshot.created_at, now, *(r.submitted_at for r in snapshot.reviews if r.submitted_at)]
    if snapshot.disposisi:
        moments.append(snapshot.disposisi.created_at)
        moments.extend(a.at for a in snapshot.disposisi.assignments)
    if snapshot.merged_at:
        moments.append(snapshot.merged_at)
    return min(m.year for m in moments) - 1, max(m.year for m in moments) + 1
