"""Proof records for test repositories: one sealed record, made by the core's own functions, that covers every
file the site would publish, as if one pull request had been approved by the whole chain and merged.

For tests of what consumes records (the site, verify, the deploy). The chain and `ppid arsip` have their own
tests against the fake GitHub; this only saves other tests from running that story to get a recorded tree.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline import __version__
from pipeline.core.paths import kind_of
from pipeline.core.proof import (
    AnnouncementRef,
    ApprovalRef,
    Commits,
    FileHash,
    ProofRecord,
    PullRequestRef,
    next_record,
    verify_chain,
)
from pipeline.core.proof_draft import announcement_ref
from pipeline.edges.archive import read_published, read_records, write_record
from pipeline.edges.config import load_sop

MERGED = datetime(2025, 1, 6, 3, 0, tzinfo=UTC)
CHAIN = (("kabid", "kabid-ikp"), ("sekretaris", "sekretaris-dinas"), ("kepala_dinas", "kadis-kominfo"))


def record_content(root: Path, *, number: int = 1, merge_sha: str | None = None,
                   paths: list[str] | None = None) -> str:
    """Append a demo record covering `paths` (default: every published file) as they are now; returns its path."""
    sop = load_sop(root)
    tz = sop.tz
    current = read_published(root, sop)
    chosen = sorted(paths if paths is not None else current)
    files = tuple(FileHash(p, hashlib.sha256(data).hexdigest() if (data := current.get(p)) is not None else None)
                  for p in chosen)
    announcements: tuple[AnnouncementRef, ...] = tuple(
        announcement_ref(p, current[p] or b"", sop) for p in chosen
        if kind_of(p, sop) == "announcement" and current.get(p))
    merge = merge_sha or hashlib.sha1(f"merge-{number}".encode()).hexdigest()
    merged = MERGED + timedelta(days=number)
    approvals = tuple(ApprovalRef(role=role, login=login, review_id=number * 10 + i, url="https://example.invalid/",
                                  submitted_at=merged - timedelta(minutes=30 - 10 * i), commit="c" * 40)
                      for i, (role, login) in enumerate(CHAIN))
    report = verify_chain(read_records(root, sop), sop.content.archive, tz)
    record = next_record(report.records[-1][1] if report.records else None, ProofRecord(
        schema=1, seq=0, repository="contoh/ppid", demo=True,
        pull_request=PullRequestRef(number=number, title=f"Uji #{number}", url="https://example.invalid/",
                                    author="rina-ppid"),
        commits=Commits(base="b" * 40, head="d" * 40, merge=merge), merged_at=merged, merged_by="rina-ppid",
        files=files, announcements=announcements, approvals=approvals, disposisi=None, timing=(),
        archived_at=merged, pipeline_version=__version__, prev_sha256="", send_backs=()))
    return write_record(root, sop, record, tz)
