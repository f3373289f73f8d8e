"""Fixtures for publishing and proof: sealed sample records, a chain of them, a throw-away git repository."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

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
