"""The chain's verdict: a result tree, not a bool (after policy-bot).

A status and a reason per rule, every approval that counts, every review set aside with why, the problems
staff must act on (Bahasa Indonesia, saying what to do), and the SOP timing per step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pipeline.core.sop import Duration, Role
from pipeline.core.workcal import StepStatus

# "unevaluated": the gate refused to judge the PR (outside author, other base, files GitHub did not list).
Kind = Literal["announcement", "maintenance", "evidence", "unevaluated"]
State = Literal["approved", "waiting", "returned", "blocked"]
RuleStatus = Literal["pass", "fail", "skip"]
ProblemCode = Literal[
    "mixed_change", "archive_modified", "missing_disposisi", "disposisi_not_assigned", "disposisi_not_by_kabid",
    "changes_requested", "stale_approval", "not_team_member", "duplicate_person", "out_of_order",
    "author_review", "draft", "evidence_modified", "dismissed_review",
    "author_not_in_team", "base_not_default", "shared_head", "too_many_files", "too_many_announcements",
    "nomor_changed",
]
# Problems that block a PR whatever its reviews.
BLOCKING: frozenset[str] = frozenset(
    {"mixed_change", "archive_modified", "missing_disposisi", "disposisi_not_assigned", "disposisi_not_by_kabid",
     "evidence_modified", "author_not_in_team", "base_not_default", "shared_head", "too_many_files",
     "too_many_announcements"})
CHAIN_ROLES: tuple[Role, ...] = ("kabid", "sekretaris", "kepala_dinas")


@dataclass(frozen=True)
class ChainProblem:
    """Something a person must do; `message` is Bahasa Indonesia and says what to do."""

    code: ProblemCode
    message: str
    # Who must act to clear it (drives `next` when the PR is blocked).
    owner: Role = "pelaksana"


def standing(blocking: Sequence[ChainProblem], returned_to: Role | None, draft: bool,
             waiting_for: Role | None) -> tuple[State, Role | None]:
    """Where a PR stands and who acts next, the first of these that applies: blocked (the owner of the first
    blocking problem acts), returned (to `returned_to`), a draft (the Pelaksana marks it ready), an approval
    missing (`waiting_for` approves), else approved."""
    if blocking:
        return "blocked", blocking[0].owner
    if returned_to is not None:
        return "returned", returned_to
    if draft:
        return "waiting", "pelaksana"
    if waiting_for is not None:
        return "waiting", waiting_for
    return "approved", None


@dataclass(frozen=True)
class Approval:
    """A valid, in-order approval filling one role."""

    role: Role
    login: str
    submitted_at: datetime
    commit_id: str
    review_id: int
    html_url: str = ""


@dataclass(frozen=True)
class Discarded:
    """A review that does not count, and why (e.g. "persetujuan pada commit lama 1a2b3c4")."""

    review_id: int
    login: str
    state: str
    code: str
    reason: str


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome with its reason."""

    rule: str
    status: RuleStatus
    reason: str


@dataclass(frozen=True)
class StepTiming:
    """One SOP step against its time standard (working time)."""

    step: int
    key: str
    role: Role
    standard: Duration
    started_at: datetime | None
    finished_at: datetime | None
    deadline: datetime | None
    elapsed_minutes: int | None
    status: StepStatus
    # Who finished the step (the assigning Kabid, the author, the approver), when known.
    actor: str | None = None


@dataclass(frozen=True)
class Verdict:
    """Where a PR stands in the approval chain at `evaluated_at`."""

    repo: str
    pr: int
    head_sha: str
    author: str
    kind: Kind
    state: State
    next: Role | None
    approvals: tuple[Approval, ...]
    problems: tuple[ChainProblem, ...]
    rules: tuple[RuleResult, ...]
    discarded: tuple[Discarded, ...]
    timing: tuple[StepTiming, ...]
    evaluated_at: datetime
    html_url: str = ""
    # A serta-merta announcement (Pasal 10 UU 14/2008): shown as urgent, timed by the stricter standards.
    urgent: bool = False

    @property
    def approved(self) -> bool:
        return self.state == "approved"

    def approval(self, role: Role) -> Approval | None:
        return next((a for a in self.approvals if a.role == role), None)
