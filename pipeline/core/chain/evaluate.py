"""The approval chain evaluator: a pure function from a PR snapshot to a Verdict.

`evaluate(snapshot, sop, calendar, now)` first asks the gate (pipeline.core.chain.gate) whether the PR may be
judged at all, then applies the chain's rules in turn: the kind of change, what blocks an announcement
whatever its reviews, send-backs, valid approvals, their order and the approval itself; then the SOP timing
(with the serta-merta standards for an urgent announcement). Maintenance PRs need one admin approval; offline
evidence PRs one Kabid approval. `now` is fixed once per run by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

from pipeline.core.chain import gate
from pipeline.core.chain.changes import ChangeSet
from pipeline.core.chain.reviews import SetAsideCode, chain_reviews, dismissal_problems, latest_counted, sort_reviews
from pipeline.core.chain.snapshot import (
    Assignment,
    ChangedFile,
    DisposisiIssue,
    PrSnapshot,
    Review,
    disposisi_number,
)
from pipeline.core.chain.timing import Milestones, step_timings
from pipeline.core.chain.urgency import is_urgent
from pipeline.core.chain.verdict import (
    BLOCKING,
    CHAIN_ROLES,
    Approval,
    ChainProblem,
    Discarded,
    RuleResult,
    Verdict,
    standing,
)
from pipeline.core.chain.words import chain_names, inline_code, role_name, short_sha, when
from pipeline.core.paths import below
from pipeline.core.sop import Role, Sop
from pipeline.core.workcal import WorkingCalendar

_SHOWN_PATHS = 3


def _paths(paths: Sequence[str]) -> str:
    shown = ", ".join(inline_code(p) for p in paths[:_SHOWN_PATHS])
    return shown + (f" dan {len(paths) - _SHOWN_PATHS} lainnya" if len(paths) > _SHOWN_PATHS else "")


def _change_rules(change: ChangeSet, sop: Sop) -> tuple[list[RuleResult], list[ChainProblem]]:
    rules: list[RuleResult] = []
    problems: list[ChainProblem] = []
    evidence = sop.content.evidence
    reasons = []
    if change.kind == "mixed":
        reason = (f"mengubah {sop.content.dir}/ ({_paths(change.content_paths)}) sekaligus berkas lain "
                  f"({_paths(change.other_paths)})")
        reasons.append(reason)
        problems.append(ChainProblem("mixed_change", f"PR ini {reason}. Pisahkan menjadi dua PR: satu PR "
                                     f"pengumuman yang hanya mengubah {sop.content.dir}/, dan satu PR pemeliharaan "
                                     "untuk berkas lain (disetujui tim admin)."))
    if change.evidence_paths:
        reason = f"mencampur pengumuman dengan bukti offline di {evidence}/ ({_paths(change.evidence_paths)})"
        reasons.append(reason)
        problems.append(ChainProblem("mixed_change", f"PR ini {reason}. Bukti offline diajukan dalam PR "
                                     f"tersendiri yang hanya menambah berkas di {evidence}/ (disetujui "
                                     f"{role_name(sop, 'kabid')}); keluarkan berkas bukti dari PR ini."))
    if reasons:
        rules.append(RuleResult("kind", "fail", "; ".join(reasons)))
    else:
        rules.append(RuleResult("kind", "pass", f"pengumuman: hanya mengubah {sop.content.dir}/"))
    archive = sop.content.archive
    if change.archive_changes:
        def new_record(f: ChangedFile) -> bool:  # added, or moved in from outside the archive
            return f.status == "added" or (f.status == "renamed" and not below(f.previous_path or "", archive))

        added = [f.path for f in change.archive_changes if new_record(f)]
        altered = [f.previous_path if f.status == "renamed" and f.previous_path else f.path
                   for f in change.archive_changes if not new_record(f)]
        if altered:
            names = _paths(altered)
            rules.append(RuleResult("archive", "fail", f"mengubah atau menghapus arsip: {names}"))
            problems.append(ChainProblem("archive_modified", f"PR ini mengubah, memindahkan atau menghapus bukti "
                                         f"yang sudah diarsipkan ({names}). Arsip {archive}/ tidak pernah diubah; "
                                         "kembalikan berkas itu seperti semula. Versi baru sebuah pengumuman "
                                         "mendapat catatan bukti baru secara otomatis setelah digabung."))
        if added:
            names = _paths(added)
            rules.append(RuleResult("archive", "fail", f"menambah catatan bukti lewat PR: {names}"))
            problems.append(ChainProblem("archive_modified", f"PR ini menambah catatan bukti di {archive}/ "
                                         f"({names}). Catatan bukti hanya dibuat otomatis oleh alur terbit "
                                         "(`ppid arsip`) setelah pengumuman digabung; hapus berkas itu dari PR."))
    else:
        rules.append(RuleResult("archive", "pass", f"tidak menyentuh {archive}/"))
    if change.evidence_changes:
        rule, problem = _evidence_append_only(change, sop)
        rules.append(rule)
        problems.append(problem)
    return rules, problems


def _evidence_append_only(change: ChangeSet, sop: Sop) -> tuple[RuleResult, ChainProblem]:
    """Offline evidence, like the archive, is only ever added: edits, deletions and moves are refused."""
    evidence = sop.content.evidence
    names = _paths([f.previous_path if f.status == "renamed" and f.previous_path else f.path
                    for f in change.evidence_changes])
    return (RuleResult("evidence", "fail", f"mengubah atau menghapus bukti offline: {names}"),
            ChainProblem("evidence_modified", f"PR ini mengubah, memindahkan atau menghapus bukti offline yang "
                         f"sudah ada ({names}). Folder {evidence}/ hanya boleh ditambah; kembalikan berkas itu "
                         "seperti semula, dan bila fotonya salah tambahkan foto baru dengan `ppid bukti`."))


def named_disposisi(snapshot: PrSnapshot) -> tuple[int | None, DisposisiIssue | None]:
    """The issue number the PR description names, and that issue when it exists and is not a pull request."""
    number = disposisi_number(snapshot.body)
    issue = snapshot.disposisi
    valid = issue is not None and number is not None and issue.number == number and not issue.is_pull_request
    return number, issue if valid else None


def _disposisi(snapshot: PrSnapshot, number: int | None, issue: DisposisiIssue | None,
               sop: Sop) -> tuple[RuleResult, ChainProblem | None, Assignment | None]:
    """The disposisi checks on the issue the PR names (`named_disposisi`); returns the assignment that starts
    step 2 when there is one."""
    author = snapshot.author
    kabid, team = role_name(sop, "kabid"), sop.team("kabid")
    if number is None:
        message = ("Deskripsi PR belum menyebut issue disposisi. Tambahkan baris `Disposisi: #N` (N = nomor issue "
                   f"agenda yang ditugaskan {kabid} kepada Anda) ke deskripsi PR.")
        return RuleResult("disposisi", "fail", "tidak ada issue disposisi"), \
            ChainProblem("missing_disposisi", message), None
    if issue is None:
        found = snapshot.disposisi
        what = "adalah pull request, bukan issue" if found is not None and found.number == number \
            else "tidak ditemukan di repositori ini"
        message = (f"Deskripsi PR menyebut #{number} sebagai disposisi, tetapi #{number} {what}. Perbaiki nomor "
                   "issue disposisi di deskripsi PR (`Disposisi: #N`).")
        return RuleResult("disposisi", "fail", f"#{number} {what}"), ChainProblem("missing_disposisi", message), None
    to_author = [a for a in issue.assignments if a.assignee.lower() == author.lower()]
    if not to_author:
        message = (f"Issue disposisi #{number} belum pernah ditugaskan (assign) kepada @{author}. {kabid} perlu "
                   f"menugaskan issue itu kepada @{author} lewat Assignees, atau perbaiki nomor issue di deskripsi "
                   "PR.")
        return RuleResult("disposisi", "fail", f"#{number} tidak pernah ditugaskan kepada @{author}"), \
            ChainProblem("disposisi_not_assigned", message, "kabid"), None
    kabids = snapshot.members("kabid")
    by_kabid = sorted((a for a in to_author if a.assigner.lower() in kabids), key=lambda a: a.at)
    if not by_kabid:
        first = min(to_author, key=lambda a: a.at)
        message = (f"Issue disposisi #{number} ditugaskan kepada @{author} oleh @{first.assigner}, yang bukan "
                   f"anggota tim {team}. Disposisi harus dari {kabid}: minta {kabid} menugaskan ulang issue itu "
                   f"(hapus lalu tambahkan @{author} di Assignees).")
        return RuleResult("disposisi", "fail", f"#{number} tidak ditugaskan oleh anggota tim {team}"), \
            ChainProblem("disposisi_not_by_kabid", message, "kabid"), first
    chosen = by_kabid[0]
    return RuleResult("disposisi", "pass", f"#{number} ditugaskan kepada @{author} oleh @{chosen.assigner}"), \
        None, chosen


def _send_back_problems(send_backs: Sequence[tuple[Role, Review]], sop: Sop, tz: tzinfo) -> list[ChainProblem]:
    kabid = role_name(sop, "kabid")
    out = []
    for role, review in send_backs:
        at = when(review.submitted_at, tz) if review.submitted_at else "waktu tidak diketahui"
        who = f"@{review.login} ({role_name(sop, role)})"
        if role == "kabid":
            out.append(ChainProblem("changes_requested", f"{who} meminta perubahan pada commit "
                                    f"{short_sha(review.commit_id)} ({at}). Pelaksana: perbaiki konsep sesuai catatan "
                                    f"ulasan lalu push perubahannya; pemeriksaan dimulai lagi dari {kabid}."))
        else:
            out.append(ChainProblem("changes_requested", f"{who} mengembalikan konsep kepada {kabid} ({at}). "
                                    f"{kabid}: tindak lanjuti catatan ulasan bersama Pelaksana; setelah perbaikan "
                                    f"di-push, {chain_names(sop)} menyetujui ulang.", "kabid"))
    return out


def _renumbered(snapshot: PrSnapshot, sop: Sop) -> list[ChainProblem]:
    """Say so when approvals went stale because a `nomor` changed (typically to fix a clash with another PR)."""
    out = []
    for item in snapshot.announcements:
        if item.approved_nomor and item.nomor and item.approved_nomor != item.nomor:
            out.append(ChainProblem(
                "nomor_changed", f"Nomor {item.path} diganti dari '{item.approved_nomor}' menjadi '{item.nomor}' "
                f"sesudah disetujui (commit {short_sha(item.approved_commit)}). Nomor tercetak di halaman dan di "
                "papan pengumuman, jadi menggantinya adalah perubahan isi: persetujuan sebelumnya gugur dan "
                f"{chain_names(sop)} perlu menyetujui lagi berurutan. Lain kali perbaiki bentrok nomor (pemeriksaan "
                "isi ppid/isi) sebelum meminta persetujuan.", "kabid"))
    return out


def _announcement(snapshot: PrSnapshot, sop: Sop, calendar: WorkingCalendar, now: datetime) -> Verdict:
    tz = calendar.tz
    rules, problems = _change_rules(snapshot.change, sop)
    limit_rule, limit_problem = gate.announcement_limit(snapshot.files, sop)
    rules.append(limit_rule)
    problems.extend([limit_problem] if limit_problem else [])
    number, issue = named_disposisi(snapshot)
    disposisi_rule, disposisi_problem, assignment = _disposisi(snapshot, number, issue, sop)
    rules.append(disposisi_rule)
    problems.extend([disposisi_problem] if disposisi_problem else [])
    latest, discarded = latest_counted(snapshot.reviews)
    chain = chain_reviews(snapshot, latest, sop, tz)
    send_back = _send_back_problems(chain.send_backs, sop, tz)
    rules.append(RuleResult("send_back", "fail" if send_back else "pass",
                            f"{len(send_back)} permintaan perubahan pada commit terakhir" if send_back
                            else "tidak ada permintaan perubahan pada commit terakhir"))
    filled = {a.role: a for a in chain.approvals}
    missing = [r for r in CHAIN_ROLES if r not in filled]
    rules.append(RuleResult("chain", "fail" if missing else "pass",
                            f"menunggu {role_name(sop, missing[0])}" if missing
                            else f"{chain_names(sop)} menyetujui berurutan"))
    draft = [ChainProblem("draft", "PR masih berstatus draf. Pelaksana: setelah konsep selesai, klik "
                          f"\"Ready for review\" agar {role_name(sop, 'kabid')} dapat memeriksanya.")] \
        if snapshot.draft else []
    rules.append(_draft_rule(snapshot))
    all_problems = [*problems, *send_back, *dismissal_problems(snapshot, sop, tz), *chain.problems,
                    *_renumbered(snapshot, sop), *draft]
    # A Kabid's send-back returns the concept to the Pelaksana; a later approver's returns it to the Kabid.
    returned_to: Role | None = None
    if chain.send_backs:
        returned_to = "pelaksana" if any(role == "kabid" for role, _ in chain.send_backs) else "kabid"
    state, next_role = standing([p for p in all_problems if p.code in BLOCKING], returned_to, snapshot.draft,
                                missing[0] if missing else None)
    milestones = Milestones(
        disposisi_opened=issue.created_at if issue else None,
        disposisi_assigned=assignment.at if assignment else None,
        ready_for_review=snapshot.ready_at,
        kabid_approved=filled["kabid"].submitted_at if "kabid" in filled else None,
        sekretaris_approved=filled["sekretaris"].submitted_at if "sekretaris" in filled else None,
        kepala_dinas_approved=filled["kepala_dinas"].submitted_at if "kepala_dinas" in filled else None,
        merged=snapshot.merged_at,
        actors=(assignment.assigner if assignment else None, snapshot.author,
                *(filled[r].login if r in filled else None for r in CHAIN_ROLES), None))
    urgent = is_urgent(snapshot.announcements)
    return Verdict(snapshot.repo, snapshot.number, snapshot.head_sha, snapshot.author, "announcement", state,
                   next_role, chain.approvals, tuple(all_problems), tuple(rules), (*discarded, *chain.discarded),
                   step_timings(milestones, sop, calendar, now, urgent), now, snapshot.html_url, urgent)


def _draft_rule(snapshot: PrSnapshot) -> RuleResult:
    return RuleResult("draft", "fail" if snapshot.draft else "pass",
                      "PR masih draf" if snapshot.draft else "PR siap ditinjau")


def _stale_problem(review: Review, owner: Role) -> ChainProblem:
    """An approval on an older commit, for a kind that one approval settles (maintenance, evidence)."""
    login = review.login
    return ChainProblem("stale_approval", f"Persetujuan @{login} diberikan pada commit lama "
                        f"{short_sha(review.commit_id)}; @{login} perlu memeriksa perubahan terbaru lalu menyetujui "
                        "lagi.", owner)


def _one_approval(valid: Sequence[Review], role: Role, sop: Sop) -> tuple[tuple[Approval, ...], list[Discarded]]:
    """For a kind that one approval settles: the first valid approval fills `role`, the others are redundant."""
    if not valid:
        return (), []
    first = valid[0]
    assert first.submitted_at is not None  # sort_reviews sets approvals without a time aside
    redundant = [Discarded(r.id, r.login, r.state, "redundant", f"persetujuan {role_name(sop, role)} sudah cukup "
                           "satu") for r in valid[1:]]
    return (Approval(role, first.login, first.submitted_at, first.commit_id, first.id, first.html_url),), redundant


def _one_review_rule(rule: str, approval: Approval | None, team: str) -> RuleResult:
    if approval is not None:
        return RuleResult(rule, "pass", f"disetujui @{approval.login} (tim {team})")
    return RuleResult(rule, "fail", f"menunggu persetujuan anggota tim {team} pada commit terakhir")


def _maintenance(snapshot: PrSnapshot, sop: Sop, now: datetime) -> Verdict:
    team = sop.team("admin")

    def explain(review: Review, code: SetAsideCode) -> ChainProblem | None:
        login = review.login
        if code == "not_team_member" and review.state == "APPROVED":
            return ChainProblem("not_team_member", f"Persetujuan @{login} tidak dihitung: perubahan di luar "
                                f"{sop.content.dir}/ hanya dapat disetujui anggota tim {team}.", "admin")
        if code == "stale_approval":
            return _stale_problem(review, "admin")
        if code == "changes_requested":
            return ChainProblem("changes_requested", f"Admin @{login} meminta perubahan. Perbaiki sesuai catatan "
                                "ulasan, push, lalu minta admin meninjau ulang.", "admin")
        return None

    latest, discarded = latest_counted(snapshot.reviews)
    found = sort_reviews(snapshot, latest, ("admin",), sop, explain, record_send_backs=True)
    approvals, redundant = _one_approval(found.approvals, "admin", sop)
    # Maintenance is judged on the admin approval alone: nothing blocks it, and a send-back is a problem to fix
    # while the PR waits for an admin, not a return.
    state, next_role = standing(blocking=(), returned_to=None, draft=False, waiting_for=None if approvals else "admin")
    rules = (RuleResult("kind", "pass", f"pemeliharaan: tidak mengubah {sop.content.dir}/"),
             _one_review_rule("admin_review", approvals[0] if approvals else None, team))
    # An approval settles the PR; the reviews that did not count stay on record as discarded.
    problems = () if state == "approved" else found.problems
    return Verdict(snapshot.repo, snapshot.number, snapshot.head_sha, snapshot.author, "maintenance", state,
                   next_role, approvals, problems, rules, (*discarded, *found.discarded, *redundant), (), now,
                   snapshot.html_url)


def _evidence(snapshot: PrSnapshot, sop: Sop, now: datetime) -> Verdict:
    """Offline evidence: one valid approval by a Kabid team member who is not the author, on the head commit."""
    change = snapshot.change
    team, kabid = sop.team("kabid"), role_name(sop, "kabid")
    evidence = sop.content.evidence
    rules: list[RuleResult] = []
    blocking: list[ChainProblem] = []
    others = change.non_evidence_paths
    if others:
        reason = f"menambah bukti offline sekaligus mengubah berkas lain ({_paths(others)})"
        rules.append(RuleResult("kind", "fail", reason))
        blocking.append(ChainProblem("mixed_change", f"PR ini {reason}. PR bukti offline hanya boleh menambah "
                                     f"berkas di {evidence}/; pindahkan perubahan lain ke PR tersendiri."))
    else:
        rules.append(RuleResult("kind", "pass", f"bukti offline: hanya berkas di {evidence}/"))
    if change.evidence_changes:
        rule, problem = _evidence_append_only(change, sop)
        rules.append(rule)
        blocking.append(problem)
    else:
        rules.append(RuleResult("evidence", "pass", f"hanya menambah berkas baru di {evidence}/"))

    def explain(review: Review, code: SetAsideCode) -> ChainProblem | None:
        login = review.login
        if review.state != "APPROVED":
            return None  # a send-back on the head commit returns the PR (below); an older one lapsed
        if code == "author_review":
            return ChainProblem("author_review", f"@{login} adalah penulis PR ini dan tidak dapat menyetujui "
                                f"buktinya sendiri. Minta {kabid} lain meninjau.", "kabid")
        if code == "not_team_member":
            return ChainProblem("not_team_member", f"Persetujuan @{login} tidak dihitung: bukti offline disetujui "
                                f"anggota tim {team}.", "kabid")
        if code == "stale_approval":
            return _stale_problem(review, "kabid")
        return None

    latest, discarded = latest_counted(snapshot.reviews)
    found = sort_reviews(snapshot, latest, ("kabid",), sop, explain, record_send_backs=True)
    returned = [ChainProblem("changes_requested", f"@{r.login} ({kabid}) meminta perubahan pada commit "
                             f"{short_sha(r.commit_id)}. Pelaksana: perbaiki sesuai catatan ulasan lalu push; "
                             f"{kabid} meninjau ulang.") for r in found.send_backs]
    approvals, redundant = _one_approval(found.approvals, "kabid", sop)
    draft = [ChainProblem("draft", "PR masih berstatus draf. Pelaksana: klik \"Ready for review\" agar "
                          f"{kabid} dapat memeriksanya.")] if snapshot.draft else []
    rules.append(_draft_rule(snapshot))
    rules.append(_one_review_rule("kabid_review", approvals[0] if approvals and not returned else None, team))
    state, next_role = standing(blocking, "pelaksana" if returned else None, snapshot.draft,
                                None if approvals else "kabid")
    # As for maintenance, a valid approval settles the PR; reviews that did not count stay on record.
    problems = () if state == "approved" else found.problems
    return Verdict(snapshot.repo, snapshot.number, snapshot.head_sha, snapshot.author, "evidence", state, next_role,
                   approvals, (*blocking, *returned, *problems, *draft), tuple(rules),
                   (*discarded, *found.discarded, *redundant), (), now, snapshot.html_url)


def _unevaluated(snapshot: PrSnapshot, rules: Sequence[RuleResult], problems: Sequence[ChainProblem],
                 now: datetime) -> Verdict:
    """The gate refused to judge the PR: blocked, nothing about its reviews or files is said."""
    return Verdict(snapshot.repo, snapshot.number, snapshot.head_sha, snapshot.author, "unevaluated", "blocked",
                   problems[0].owner, (), tuple(problems), tuple(rules), (), (), now, snapshot.html_url)


def evaluate(snapshot: PrSnapshot, sop: Sop, calendar: WorkingCalendar, now: datetime) -> Verdict:
    """Where the PR stands at `now`: state, who acts next, valid approvals, problems, SOP timing."""
    if snapshot.content != sop.content:
        # The snapshot's `change` was derived from its own `content`; judging it by another would mix two SOPs.
        raise ValueError("the snapshot's files were sorted by another sop.yml content section than the one given")
    gate_rules, refused = gate.refusals(snapshot, sop)
    if refused:
        return _unevaluated(snapshot, gate_rules, refused, now)
    kind = snapshot.change.kind
    if kind == "maintenance":
        verdict = _maintenance(snapshot, sop, now)
    elif kind == "evidence":
        verdict = _evidence(snapshot, sop, now)
    else:
        verdict = _announcement(snapshot, sop, calendar, now)
    shared_rule, shared = gate.shared_head(snapshot, sop)
    verdict = replace(verdict, rules=(*gate_rules, shared_rule, *verdict.rules))
    if shared is None:
        return verdict
    # Blocks whatever the reviews say; the chain so far stays visible, and the admin must act first.
    return replace(verdict, state="blocked", next=shared.owner, problems=(shared, *verdict.problems))
