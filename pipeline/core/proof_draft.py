"""From a merged PR to its proof record (pure): what was merged, who approved it in order, how long each SOP step
took; and the refusal when the merge bypassed the approval chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from pipeline.core.chain.render import summary_text
from pipeline.core.chain.snapshot import PrSnapshot
from pipeline.core.chain.verdict import CHAIN_ROLES, Verdict
from pipeline.core.paths import join, kind_of
from pipeline.core.proof import (
    GENESIS,
    SCHEMA,
    AnnouncementRef,
    ApprovalRef,
    ChainReport,
    Commits,
    DisposisiRef,
    FileHash,
    GenerationRef,
    ProofRecord,
    PullRequestRef,
    SendBackRef,
    TimingRow,
    seal,
)
from pipeline.core.sop import Sop
from pipeline.core.validate import read_leniently

NO_SLUG = "konten"


@dataclass(frozen=True)
class MergeInfo:
    """The merged PR as GitHub reports it."""

    number: int
    title: str
    url: str
    author: str
    base_sha: str
    head_sha: str
    merge_sha: str
    merged_at: datetime
    merged_by: str


def content_paths(snapshot: PrSnapshot, sop: Sop) -> list[str]:
    """The content files the merge changed (renames count old and new path), without the archive."""
    return sorted(p for p in snapshot.change.content_paths if kind_of(p, sop) != "archive")


def announcement_ref(path: str, data: bytes, sop: Sop) -> AnnouncementRef:
    """The announcement's identity as its front matter states it (read leniently: the record keeps what was
    merged, even a file `ppid check` would have flagged)."""
    slug = path.rsplit("/", 1)[-1].removesuffix(".md")
    doc = read_leniently(path, data)
    meta: Mapping[str, object] = doc.front_matter if doc else {}

    def field(key: str) -> str:
        value = meta.get(key)
        return str(value).strip() if value is not None else ""

    return AnnouncementRef(slug=slug, path=path, nomor=field("nomor"), judul=field("judul") or slug,
                           jenis=field("jenis"), tanggal=field("tanggal"))


def lampiran_of(data: bytes, path: str, sop: Sop) -> tuple[str, ...]:
    """The repository paths of the attachments an announcement names (read leniently)."""
    doc = read_leniently(path, data)
    items = doc.front_matter.get("lampiran") if doc else None
    return tuple(join(sop.content.attachments, item["berkas"]) for item in items or ()
                 if isinstance(item, dict) and isinstance(item.get("berkas"), str)) if isinstance(items, list) else ()


def refusal(verdict: Verdict, sop: Sop, tz: tzinfo) -> str | None:
    """Why this merge must not be archived, or None. A merge whose chain is not approved bypassed the SOP."""
    if verdict.approved:
        return None
    what = "persetujuan admin" if verdict.kind == "maintenance" else "rantai persetujuan SOP"
    return (f"PERINGATAN: PR #{verdict.pr} digabung (merge) TANPA {what} yang lengkap; aturan dilewati. "
            "Catatan bukti TIDAK dibuat dan situs tidak diterbitkan. Admin PPID: periksa siapa yang menggabungkan "
            "dan mengapa aturan cabang tidak mencegahnya, lalu kembalikan (revert) merge ini bila perlu.\n"
            + summary_text(verdict, sop, tz))


def send_backs(snapshot: PrSnapshot) -> tuple[SendBackRef, ...]:
    """Every CHANGES_REQUESTED review by a member of an approver team (not the author), oldest first: the times the
    draft was sent back. Each counts for the first chain role whose team holds the reviewer, as the chain does.
    A send-back someone later dismissed still happened (GitHub only rewrites its state), so it is recorded too."""
    out = []
    for review in sorted(snapshot.reviews, key=lambda r: (r.submitted_at or snapshot.created_at, r.id)):
        roles = [r for r in CHAIN_ROLES if review.login.lower() in snapshot.members(r)]
        sent_back = review.state == "CHANGES_REQUESTED" or (
            review.state == "DISMISSED" and review.dismissed_state == "CHANGES_REQUESTED")
        if (not sent_back or review.submitted_at is None or not roles
                or review.login.lower() == snapshot.author.lower()):
            continue
        out.append(SendBackRef(role=roles[0], login=review.login, review_id=review.id,
                               submitted_at=review.submitted_at, url=review.html_url, commit=review.commit_id))
    return tuple(out)


def draft_record(*, repo: str, merge: MergeInfo, snapshot: PrSnapshot, verdict: Verdict,
                 files: Sequence[tuple[str, bytes | None]], announcements: Sequence[AnnouncementRef],
                 names: Mapping[str, str | None], archived_at: datetime, version: str,
                 demo: bool = False) -> ProofRecord:
    """The unsealed record of an approved merge (numbered and linked by `next_record`)."""
    disposisi = None
    if snapshot.disposisi is not None:
        first = verdict.timing[0] if verdict.timing else None
        disposisi = DisposisiRef(number=snapshot.disposisi.number, url=snapshot.disposisi.html_url,
                                 created_at=snapshot.disposisi.created_at,
                                 assigned_at=first.finished_at if first else None,
                                 assigned_by=first.actor if first else None)
    return ProofRecord(
        schema=SCHEMA, seq=0, repository=repo, demo=demo,
        pull_request=PullRequestRef(number=merge.number, title=merge.title, url=merge.url, author=merge.author),
        commits=Commits(base=merge.base_sha, head=merge.head_sha, merge=merge.merge_sha),
        merged_at=merge.merged_at, merged_by=merge.merged_by,
        files=tuple(FileHash(path, hashlib.sha256(data).hexdigest() if data is not None else None)
                    for path, data in files),
        announcements=tuple(announcements),
        approvals=tuple(ApprovalRef(role=a.role, login=a.login, review_id=a.review_id, submitted_at=a.submitted_at,
                                    url=a.html_url, commit=a.commit_id, name=names.get(a.login))
                        for a in verdict.approvals),
        disposisi=disposisi,
        timing=tuple(TimingRow(step=t.step, key=t.key, role=t.role, standard=str(t.standard),
                               started_at=t.started_at, finished_at=t.finished_at, deadline=t.deadline,
                               elapsed_minutes=t.elapsed_minutes, status=t.status) for t in verdict.timing),
        archived_at=archived_at, pipeline_version=version, prev_sha256=GENESIS, send_backs=send_backs(snapshot))


SAMPLE_KINDS = ("announcement", "attachment", "evidence")


def sample_paths(records: Sequence[tuple[str, ProofRecord]], current: Mapping[str, bytes | None],
                 sop: Sop) -> list[str]:
    """The sample content a new archive removes: announcements, attachments and evidence whose latest record is a
    demo record. Pages (home, Tentang) stay as the office's starting content, to be edited through the chain."""
    latest: dict[str, ProofRecord] = {}
    for _, record in records:
        for item in record.files:
            latest[item.path] = record
    return sorted(path for path in current
                  if path in latest and latest[path].demo and kind_of(path, sop) in SAMPLE_KINDS)


def genesis_record(*, repo: str, previous: ChainReport, generation: int, removed: Sequence[str],
                   kept: Sequence[tuple[str, bytes]], announcements: Sequence[AnnouncementRef], base_sha: str,
                   start_sha: str, by: str, at: datetime, url: str, reason: str, version: str) -> ProofRecord:
    """The sealed first record of a new archive generation: it replaces the chain in `previous` (demo records
    only), records the removed sample files as withdrawn and the files kept (signed off by the admin `by`) as the
    starting content, and links to the replaced head."""
    return seal(ProofRecord(
        schema=SCHEMA, seq=1, repository=repo, demo=False, pull_request=None,
        commits=Commits(base=base_sha, head=start_sha, merge=start_sha), merged_at=at, merged_by=by,
        files=tuple(sorted([*(FileHash(p, None) for p in removed),
                            *(FileHash(p, hashlib.sha256(data).hexdigest()) for p, data in kept)],
                           key=lambda f: f.path)),
        announcements=tuple(announcements),
        approvals=(ApprovalRef(role="admin", login=by, review_id=0, submitted_at=at, url=url, commit=start_sha),),
        disposisi=None, timing=(), archived_at=at, pipeline_version=version, prev_sha256=previous.head,
        send_backs=(), generation=GenerationRef(number=generation, previous_head=previous.head,
                                                previous_count=len(previous.records), reason=reason)))
