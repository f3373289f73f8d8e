"""Proof records for kinerja tests, built compactly: a merge moment, the jenis, each step's (minutes, status),
and the send-backs by role (None: a record made before send-backs were recorded)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.core.proof import (
    GENESIS,
    AnnouncementRef,
    Commits,
    FileHash,
    ProofRecord,
    PullRequestRef,
    SendBackRef,
    TimingRow,
    next_record,
)
from pipeline.core.sop import Sop
from pipeline.edges.config import load_sop

ROOT = Path(__file__).resolve().parents[2]
WIB = ZoneInfo("Asia/Pontianak")
SOP: Sop = load_sop(ROOT)
ALL_OK: tuple[tuple[int | None, str], ...] = ((10, "ok"), (200, "ok"), (30, "ok"), (40, "ok"), (8, "ok"), (9, "ok"))


def record(n: int, merged: datetime, jenis: Sequence[str] = ("berkala",),
           times: Sequence[tuple[int | None, str]] = ALL_OK, send_backs: Sequence[str] | None = (),
           *, demo: bool = True, standards: Sequence[str] | None = None) -> ProofRecord:
    """An unsealed record number `n` (shas and paths derived from n)."""
    start = merged - timedelta(hours=5)
    rows = tuple(
        TimingRow(step=step.langkah, key=step.key, role=step.role,
                  standard=standards[i] if standards else str(step.standard),
                  started_at=None if status == "not_started" else start,
                  finished_at=None if status == "not_started" else start + timedelta(minutes=minutes or 0),
                  deadline=None if status == "not_started" else start + timedelta(minutes=15),
                  elapsed_minutes=minutes, status=status)
        for i, (step, (minutes, status)) in enumerate(zip(SOP.steps, times, strict=True)))
    anns = tuple(AnnouncementRef(slug=f"pengumuman-{n}-{j}", path=f"content/pengumuman/2025/pengumuman-{n}-{j}.md",
                                 nomor=f"{n:03d}/PPID/DISKOMINFO/2025", judul=f"Pengumuman {n}", jenis=j,
                                 tanggal="2025-01-06") for j in jenis)
    backs = None if send_backs is None else tuple(
        SendBackRef(role=role, login=f"{role}-1", review_id=100 * n + i, submitted_at=start + timedelta(minutes=i),
                    url=f"https://github.com/dinas/ppid/pull/{n}#pullrequestreview-{100 * n + i}", commit="c" * 40)
        for i, role in enumerate(send_backs))
    return ProofRecord(
        schema=1, seq=0, repository="dinas/ppid", demo=demo,
        pull_request=PullRequestRef(number=n, title=f"Pengumuman {n}", url=f"https://github.com/dinas/ppid/pull/{n}",
                                    author="staf1"),
        commits=Commits(base="b" * 40, head="a" * 40, merge=hashlib.sha1(f"merge{n}".encode()).hexdigest()),
        merged_at=merged, merged_by="staf1",
        files=tuple(FileHash(a.path, hashlib.sha256(a.slug.encode()).hexdigest()) for a in anns),
        announcements=anns, approvals=(), disposisi=None, timing=rows, archived_at=merged + timedelta(minutes=2),
        pipeline_version="0.1.0", prev_sha256=GENESIS, send_backs=backs)


def chain(drafts: Sequence[ProofRecord]) -> list[ProofRecord]:
    """The drafts numbered, linked and sealed in order."""
    out: list[ProofRecord] = []
    for draft in drafts:
        out.append(next_record(out[-1] if out else None, draft))
    return out


def wib(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


def sample() -> list[ProofRecord]:
    """The records of the golden page and report: 2025 with four records (one before send-backs were recorded,
    one with two jenis, one late twice and sent back twice, one without a disposisi), 2026 with one."""
    return chain([
        record(1, wib(2025, 1, 6), send_backs=None),
        record(2, wib(2025, 2, 3), ("berkala", "setiap-saat"),
               ((12, "ok"), (480, "ok"), (75, "late"), (45, "ok"), (8, "ok"), (20, "late")), ("kabid",)),
        record(3, wib(2025, 8, 18), ("serta-merta",),
               ((5, "ok"), (560, "late"), (30, "ok"), (90, "late"), (15, "late"), (7, "ok")),
               ("sekretaris", "kepala_dinas")),
        record(4, wib(2025, 12, 31, 23, 30), ("setiap-saat",),
               ((None, "not_started"), (None, "not_started"), (20, "ok"), (35, "ok"), (6, "ok"), (10, "ok"))),
        record(5, wib(2026, 1, 5), ("berkala",)),
    ])
