"""Which reviews count, and who fills which role of the chain.

For each reviewer the latest of APPROVED, CHANGES_REQUESTED and DISMISSED decides; a DISMISSED review (GitHub
rewrites the state of a review someone dismissed) ends that person's say until they approve again. A valid approval
is on the head commit, by a member of the role's team who is not the PR author, and one login fills at most
one role. The Sekretaris's approval counts only after the Kabid's, the Kepala Dinas's only after the
Sekretaris's. Every review set aside is kept with its reason.

`sort_reviews` is the one filter for every kind of PR: the caller names the roles whose teams approve (the chain's
three, the admin team, the Kabid team) and words its own problems; `chain_reviews` then fills the chain's roles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Literal

from pipeline.core.chain.snapshot import PrSnapshot, Review
from pipeline.core.chain.verdict import CHAIN_ROLES, Approval, ChainProblem, Discarded
from pipeline.core.chain.words import chain_names, role_name, short_sha, when
from pipeline.core.sop import Role, Sop

COUNTED = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})
_WHAT = {"APPROVED": "persetujuan", "CHANGES_REQUESTED": "permintaan perubahan"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _order(review: Review) -> tuple[datetime, int]:
    return review.submitted_at or _EPOCH, review.id


def dismissed_what(review: Review) -> str:
    """What a dismissed review had been, in words: "permintaan perubahan", "persetujuan" or "ulasan"."""
    return _WHAT.get(review.dismissed_state or "", "ulasan")


def _was(review: Review) -> str:
    """For a dismissed review, what it had been ("permintaan perubahan yang dibatalkan; "), else nothing."""
    return f"{dismissed_what(review)} yang dibatalkan (dismissed); " if review.state == "DISMISSED" else ""


def latest_counted(reviews: Iterable[Review]) -> tuple[tuple[Review, ...], tuple[Discarded, ...]]:
    """The latest APPROVED/CHANGES_REQUESTED review per reviewer (none when their latest was dismissed), and
    every other review with why."""
    discarded: list[Discarded] = []
    latest: dict[str, Review] = {}
    for review in sorted(reviews, key=_order):
        if review.state not in COUNTED:
            discarded.append(Discarded(review.id, review.login, review.state, "not_counted",
                                       f"ulasan berstatus {review.state} tidak dihitung; yang dihitung hanya "
                                       "APPROVED, CHANGES_REQUESTED dan DISMISSED"))
            continue
        key = review.login.lower()
        earlier = latest.get(key)
        if earlier is not None:
            discarded.append(Discarded(earlier.id, earlier.login, earlier.state, "superseded",
                                       f"{_was(earlier)}digantikan oleh ulasan @{review.login} yang lebih baru "
                                       f"({review.state}, id {review.id})"))
        latest[key] = review
    counted = []
    for review in sorted(latest.values(), key=_order):
        if review.state == "DISMISSED":
            discarded.append(Discarded(review.id, review.login, review.state, "dismissed",
                                       f"{dismissed_what(review)} @{review.login} dibatalkan (dismissed); "
                                       f"@{review.login} tidak dihitung sampai menyetujui lagi"))
        else:
            counted.append(review)
    return tuple(counted), tuple(discarded)


def dismissed_latest(reviews: Sequence[Review]) -> tuple[Review, ...]:
    """Reviewers whose latest counted review was dismissed (that review, oldest first)."""
    _counted, discarded = latest_counted(reviews)
    ids = {d.review_id for d in discarded if d.code == "dismissed"}
    return tuple(r for r in sorted(reviews, key=_order) if r.id in ids)


SetAsideCode = Literal["author_review", "not_team_member", "stale_approval", "stale_changes_requested",
                       "changes_requested", "no_time"]
# The kind's problem, if any, for a latest review that is not an approval which may count.
Explain = Callable[[Review, SetAsideCode], ChainProblem | None]


@dataclass(frozen=True)
class SortedReviews:
    """The latest counted reviews of one PR sorted by whether they can count (`sort_reviews`)."""

    # On the head commit, by a member of a counted team who is not the author, with a time: they may count.
    approvals: tuple[Review, ...]
    # CHANGES_REQUESTED on the head commit by such a member.
    send_backs: tuple[Review, ...]
    # The kind's problems and the reviews set aside, in review order.
    problems: tuple[ChainProblem, ...]
    discarded: tuple[Discarded, ...]


def _stale_reason(review: Review, head_sha: str) -> str:
    what = "persetujuan" if review.state == "APPROVED" else "permintaan perubahan"
    return (f"{what} pada commit lama {short_sha(review.commit_id)}; commit terakhir PR adalah "
            f"{short_sha(head_sha)}")


def _why_not(review: Review, snapshot: PrSnapshot, counted: frozenset[str],
             teams: str) -> tuple[SetAsideCode, str] | None:
    """Why a latest review is not an approval that may count (code and reason), or None when it may."""
    login = review.login
    if login.lower() == snapshot.author.lower():
        return "author_review", "ulasan oleh penulis PR sendiri tidak dihitung"
    if login.lower() not in counted:
        return "not_team_member", f"@{login} bukan anggota tim {teams}"
    if review.commit_id != snapshot.head_sha:
        code: SetAsideCode = "stale_approval" if review.state == "APPROVED" else "stale_changes_requested"
        return code, _stale_reason(review, snapshot.head_sha)
    if review.state == "CHANGES_REQUESTED":
        return "changes_requested", f"@{login} meminta perubahan pada commit terakhir"
    if review.submitted_at is None:
        return "no_time", "persetujuan tanpa waktu pengiriman (submitted_at) tidak dihitung"
    return None


def sort_reviews(snapshot: PrSnapshot, latest: Sequence[Review], roles: Sequence[Role], sop: Sop,
                 explain: Explain, *, record_send_backs: bool) -> SortedReviews:
    """Sort the latest counted reviews (`latest_counted`) for a kind whose approvers are the teams of `roles`.

    A review by the author, by someone in none of those teams, on an older commit than the head, or an approval
    without a time is set aside with its reason; a CHANGES_REQUESTED on the head commit is a send-back, also set
    aside as `changes_requested` when `record_send_backs`. `explain` gives the kind's problem for each review that
    is not an approval which may count.
    """
    counted = frozenset[str]().union(*(snapshot.members(r) for r in roles))
    teams = ", ".join(sop.team(r) for r in roles)
    approvals: list[Review] = []
    send_backs: list[Review] = []
    problems: list[ChainProblem] = []
    discarded: list[Discarded] = []
    for review in latest:
        why = _why_not(review, snapshot, counted, teams)
        if why is None:
            approvals.append(review)
            continue
        code, reason = why
        if code == "changes_requested":
            send_backs.append(review)
        if code != "changes_requested" or record_send_backs:
            discarded.append(Discarded(review.id, review.login, review.state, code, reason))
        problem = explain(review, code)
        if problem is not None:
            problems.append(problem)
    return SortedReviews(tuple(approvals), tuple(send_backs), tuple(problems), tuple(discarded))


@dataclass(frozen=True)
class ChainReviews:
    """The chain as the reviews fill it."""

    approvals: tuple[Approval, ...]
    send_backs: tuple[tuple[Role, Review], ...]
    problems: tuple[ChainProblem, ...]
    discarded: tuple[Discarded, ...]


@dataclass(frozen=True)
class _Candidate:
    review: Review
    roles: tuple[Role, ...]

    @property
    def key(self) -> str:
        return self.review.login.lower()

    @property
    def at(self) -> datetime:
        assert self.review.submitted_at is not None  # candidates are filtered on it
        return self.review.submitted_at


class _Collector:
    """Problems and discarded reviews, in the order they are found."""

    def __init__(self, problems: Iterable[ChainProblem], discarded: Iterable[Discarded]) -> None:
        self.problems: list[ChainProblem] = list(problems)
        self.discarded: list[Discarded] = list(discarded)

    def discard(self, review: Review, code: str, reason: str, problem: ChainProblem | None = None) -> None:
        self.discarded.append(Discarded(review.id, review.login, review.state, code, reason))
        if problem is not None:
            self.problems.append(problem)


def chain_reviews(snapshot: PrSnapshot, latest: Sequence[Review], sop: Sop, tz: tzinfo) -> ChainReviews:
    """Fill Kabid, Sekretaris and Kepala Dinas from the latest counted reviews of an announcement PR."""
    teams = ", ".join(sop.team(r) for r in CHAIN_ROLES)

    def roles_of(review: Review) -> tuple[Role, ...]:
        return tuple(r for r in CHAIN_ROLES if review.login.lower() in snapshot.members(r))

    def explain(review: Review, code: SetAsideCode) -> ChainProblem | None:
        login = review.login
        if review.state != "APPROVED":
            return None  # the evaluator explains a send-back on the head commit; one on an older commit lapsed
        if code == "author_review":
            return ChainProblem("author_review", f"@{login} adalah penulis PR ini; penulis tidak dapat menyetujui "
                                "atau mengembalikan konsepnya sendiri. Minta pemegang peran lain meninjau.", "kabid")
        if code == "not_team_member":
            return ChainProblem("not_team_member", f"Persetujuan @{login} tidak dihitung: @{login} bukan anggota "
                                f"tim {teams}. Minta persetujuan dari anggota tim yang berwenang, atau minta admin "
                                f"PPID menambahkan @{login} ke tim yang sesuai.", "kabid")
        if code == "stale_approval":
            role = roles_of(review)[0]
            return ChainProblem("stale_approval", f"Persetujuan @{login} ({role_name(sop, role)}) diberikan pada "
                                f"commit lama {short_sha(review.commit_id)}, sebelum perubahan terakhir "
                                f"({short_sha(snapshot.head_sha)}). @{login} perlu memeriksa perubahan terbaru lalu "
                                "menyetujui lagi.", role)
        return None

    # In the chain a send-back is not set aside: it returns the concept (ChainReviews.send_backs).
    found = sort_reviews(snapshot, latest, CHAIN_ROLES, sop, explain, record_send_backs=False)
    out = _Collector(found.problems, found.discarded)
    candidates = [_Candidate(review, roles_of(review)) for review in found.approvals]
    send_backs = tuple((roles_of(review)[0], review) for review in found.send_backs)
    approvals = _fill_roles(candidates, snapshot, sop, tz, out)
    return ChainReviews(approvals, send_backs, tuple(out.problems), tuple(out.discarded))


def _fill_roles(candidates: list[_Candidate], snapshot: PrSnapshot, sop: Sop, tz: tzinfo,
                out: _Collector) -> tuple[Approval, ...]:
    filled: dict[Role, Approval] = {}
    used: dict[str, Role] = {}
    previous: Approval | None = None
    for index, role in enumerate(CHAIN_ROLES):
        if index > 0 and previous is None:
            break  # an earlier role is missing: nothing later is in order
        pool = [c for c in candidates if role in c.roles and c.key not in used]
        in_order = [c for c in pool if previous is None or c.at > previous.submitted_at]
        if not in_order:
            previous = None
            continue
        choice = min(in_order, key=lambda c: (c.at, c.review.id))
        previous = filled[role] = Approval(role, choice.review.login, choice.at, choice.review.commit_id,
                                           choice.review.id, choice.review.html_url)
        used[choice.key] = role
    chosen = {a.review_id for a in filled.values()}
    for cand in candidates:
        if cand.review.id in chosen:
            continue
        open_roles = [r for r in cand.roles if r not in filled]
        if not open_roles:
            holder = filled[cand.roles[0]]
            out.discard(cand.review, "redundant", f"peran {role_name(sop, cand.roles[0])} sudah diisi "
                        f"persetujuan @{holder.login}; persetujuan ini tidak diperlukan")
            continue
        # Each login has one latest review, so an unchosen candidate's login fills no role: it is out of order.
        role = open_roles[0]
        name = role_name(sop, role)
        position = CHAIN_ROLES.index(role)
        assert position > 0  # an available, unused Kabid approval is always chosen
        before = CHAIN_ROLES[position - 1]
        prior = filled.get(before)
        stamp = when(cand.at, tz)
        if prior is None:
            detail = f"{role_name(sop, before)} belum memberi persetujuan yang sah"
        else:
            detail = (f"persetujuan itu diberikan sebelum persetujuan {role_name(sop, before)} "
                      f"@{prior.login} ({when(prior.submitted_at, tz)})")
        out.discard(cand.review, "out_of_order", f"persetujuan {name} ({stamp}) tidak berurutan: {detail}",
                    ChainProblem("out_of_order", f"Persetujuan @{cand.review.login} sebagai {name} ({stamp}) "
                                 f"tidak dihitung karena {detail}. Urutan SOP: {chain_names(sop)}. "
                                 f"@{cand.review.login} perlu menyetujui ulang setelah "
                                 f"{role_name(sop, before)} menyetujui.", role))
    _explain_double_membership(filled, snapshot, sop, out)
    return tuple(filled[r] for r in CHAIN_ROLES if r in filled)


def _explain_double_membership(filled: dict[Role, Approval], snapshot: PrSnapshot, sop: Sop,
                               out: _Collector) -> None:
    """One approval by a member of two role teams fills one role only: say so for the role that waits."""
    waiting = next((r for r in CHAIN_ROLES if r not in filled), None)
    if waiting is None or any(p.code == "duplicate_person" for p in out.problems):
        return
    for role, approval in filled.items():
        if approval.login.lower() in snapshot.members(waiting):
            name = role_name(sop, waiting)
            out.problems.append(ChainProblem(
                "duplicate_person", f"@{approval.login} sudah menyetujui sebagai {role_name(sop, role)}; satu orang "
                f"hanya boleh mengisi satu peran, jadi persetujuan itu tidak dihitung sebagai {name}. {name} lain "
                f"(anggota tim {sop.team(waiting)}) perlu menyetujui.", waiting))
            return


def dismissal_problems(snapshot: PrSnapshot, sop: Sop, tz: tzinfo) -> tuple[ChainProblem, ...]:
    """One problem per approver whose latest review was dismissed: a dismissal is not an approval, and a dismissed
    send-back stays on record (it is a send-back the SOP counts), so say both."""
    out = []
    for review in dismissed_latest(snapshot.reviews):
        roles = [r for r in CHAIN_ROLES if review.login.lower() in snapshot.members(r)]
        if not roles or review.login.lower() == snapshot.author.lower():
            continue
        who = f"@{review.login} ({role_name(sop, roles[0])})"
        at = f" ({when(review.submitted_at, tz)})" if review.submitted_at else ""
        where = f"pada commit {short_sha(review.commit_id)}{at}"
        if review.dismissed_state == "CHANGES_REQUESTED":
            text = (f"Permintaan perubahan {who} {where} dibatalkan (dismissed). Pembatalan bukan persetujuan: "
                    f"pengembalian itu tetap tercatat, dan @{review.login} perlu memeriksa lagi lalu menyetujui bila "
                    "konsep sudah sesuai.")
        else:
            text = (f"{dismissed_what(review).capitalize()} {who} {where} dibatalkan (dismissed); @{review.login} "
                    "tidak dihitung sampai memeriksa lagi lalu menyetujui.")
        out.append(ChainProblem("dismissed_review", text, roles[0]))
    return tuple(out)
