"""Write more demo proof records for the kinerja page: `.venv/bin/python -m tests.kinerja.demo_records`.

Extends tests/publish/demo_record.py (which writes record 1, the Jadwal Layanan 2025) with a dozen more clearly
fictional stories for other sample announcements: some steps late, some drafts sent back (CHANGES_REQUESTED
by the Kabid, the Sekretaris or the Kepala Dinas, then a fix pushed and the chain approved again), two years,
all three jenis but no serta-merta notice in 2025. Each record is made by the real `ppid arsip --demo`
against the local fake GitHub, so its timing is what the pipeline computes from the story, not typed in.

Merge commits. The sample announcements were all added by one commit, and the archive refuses two records
for one merge; so each story names a distinct later commit of this repository (oldest first, never one
already archived) whose tree holds the announcement with exactly the bytes of the working tree. `ppid verify`
checks those bytes at that commit as for a real record; the pull request, disposisi and reviews around it
are fiction, which the record says (`"demo": true`) and its proof page states.

Append-only and idempotent: a story whose pull request is already archived is skipped, so running this again
writes nothing; new stories may only be added after the last one (their merges must come later).
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pytest_httpserver import HTTPServer

from pipeline.commands.arsip import archive
from pipeline.core.proof import verify_chain
from pipeline.edges.archive import read_records
from pipeline.edges.config import load_sop
from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub
from tests.publish import demo_record

ROOT = Path(__file__).resolve().parents[2]
REPO = demo_record.REPO
WIB = ZoneInfo("Asia/Pontianak")
SAMPLE_COMMIT = "7cd06d7"  # added the sample announcements; merges are taken from the commits after it
STAF, KABID = demo_record.PEOPLE["ppid-pelaksana"][0], demo_record.PEOPLE["ppid-kabid"][0]
SEKRETARIS, KADIS = demo_record.PEOPLE["ppid-sekretaris"][0], demo_record.PEOPLE["ppid-kepala-dinas"][0]
Moment = tuple[int, int, int, int, int]  # year, month, day, hour, minute (WIB)


@dataclass(frozen=True)
class Story:
    """One fictional publication: disposisi, draft, reviews in order, merge. `reviews` are (login, state, moment,
    head index): head 0 is the first draft, head 1 the fix pushed after a send-back."""

    pr: int
    path: str
    title: str
    opened: Moment
    assigned: Moment
    ready: Moment
    reviews: tuple[tuple[str, str, Moment, int], ...]
    merged: Moment
    extra: tuple[str, ...] = ()  # further content files in the same pull request

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.path, *self.extra)


def _ok(kabid: Moment, sekretaris: Moment, kadis: Moment, head: int = 0) -> tuple[tuple[str, str, Moment, int], ...]:
    return ((KABID, "APPROVED", kabid, head), (SEKRETARIS, "APPROVED", sekretaris, head),
            (KADIS, "APPROVED", kadis, head))


P = "content/pengumuman"
STORIES = (
    # SK PPID: the draft took more than a working day, the Kabid checked it only on Monday morning.
    Story(11, f"{P}/2025/sk-ppid-pelaksana-diskominfo-2025.md", "SK PPID Pelaksana 2025",
          (2025, 1, 9, 13, 0), (2025, 1, 9, 13, 10), (2025, 1, 10, 14, 0),
          _ok((2025, 1, 13, 8, 10), (2025, 1, 13, 8, 55), (2025, 1, 13, 9, 3)), (2025, 1, 13, 9, 15)),
    # Tata cara permohonan: a slow disposisi and a slow Kepala Dinas, the rest on time.
    Story(14, f"{P}/2025/tata-cara-permohonan-informasi-publik.md", "Tata cara permohonan informasi publik",
          (2025, 1, 16, 8, 0), (2025, 1, 16, 8, 25), (2025, 1, 17, 7, 55),
          _ok((2025, 1, 17, 8, 40), (2025, 1, 17, 9, 30), (2025, 1, 17, 9, 45)), (2025, 1, 17, 9, 55)),
    # Tata cara pengaduan: the Kabid sends the draft back; the fixed draft is approved by all three.
    Story(17, f"{P}/2025/tata-cara-pengaduan-layanan-informasi.md", "Tata cara pengaduan layanan informasi",
          (2025, 1, 20, 9, 0), (2025, 1, 20, 9, 5), (2025, 1, 21, 8, 30),
          ((KABID, "CHANGES_REQUESTED", (2025, 1, 21, 9, 10), 0),
           *_ok((2025, 1, 21, 11, 0), (2025, 1, 21, 11, 40), (2025, 1, 21, 11, 48), head=1)),
          (2025, 1, 21, 11, 58)),
    Story(20, f"{P}/2025/profil-dinas-komunikasi-dan-informatika.md", "Profil Dinas Komunikasi dan Informatika",
          (2025, 1, 30, 10, 0), (2025, 1, 30, 10, 5), (2025, 1, 31, 9, 0),
          _ok((2025, 1, 31, 9, 30), (2025, 1, 31, 10, 15), (2025, 1, 31, 10, 22)), (2025, 1, 31, 10, 30)),
    # Ringkasan kinerja: the Sekretaris sends it back to the Kabid; fixed the next morning, approved again.
    Story(23, f"{P}/2025/ringkasan-laporan-kinerja-2024.md", "Ringkasan laporan kinerja 2024",
          (2025, 3, 5, 13, 0), (2025, 3, 5, 13, 8), (2025, 3, 6, 10, 30),
          ((KABID, "APPROVED", (2025, 3, 6, 11, 0), 0), (SEKRETARIS, "CHANGES_REQUESTED", (2025, 3, 6, 13, 0), 0),
           *_ok((2025, 3, 7, 8, 50), (2025, 3, 7, 9, 40), (2025, 3, 7, 9, 50), head=1)),
          (2025, 3, 7, 10, 0)),
    Story(26, f"{P}/2025/ringkasan-laporan-keuangan-2024.md", "Ringkasan laporan keuangan 2024",
          (2025, 6, 11, 9, 0), (2025, 6, 11, 9, 20), (2025, 6, 12, 9, 0),
          _ok((2025, 6, 12, 9, 50), (2025, 6, 12, 11, 20), (2025, 6, 12, 11, 28)), (2025, 6, 12, 11, 40)),
    Story(29, f"{P}/2025/program-literasi-digital-kalbar-2025.md", "Program Literasi Digital Kalbar 2025",
          (2025, 7, 2, 10, 0), (2025, 7, 2, 10, 10), (2025, 7, 3, 9, 30),
          _ok((2025, 7, 3, 10, 5), (2025, 7, 3, 10, 50), (2025, 7, 3, 10, 58)), (2025, 7, 3, 11, 20)),
    Story(32, f"{P}/2025/daftar-informasi-publik-2025.md", "Daftar Informasi Publik 2025",
          (2025, 12, 10, 8, 0), (2025, 12, 10, 8, 10), (2025, 12, 11, 8, 5),
          _ok((2025, 12, 11, 8, 50), (2025, 12, 11, 9, 35), (2025, 12, 11, 9, 44)), (2025, 12, 11, 9, 55)),
    Story(35, f"{P}/2026/jadwal-layanan-informasi-publik-2026.md", "Jadwal Layanan Informasi Publik 2026",
          (2026, 1, 2, 8, 0), (2026, 1, 2, 8, 10), (2026, 1, 5, 7, 50),
          _ok((2026, 1, 5, 8, 30), (2026, 1, 5, 9, 15), (2026, 1, 5, 9, 22)), (2026, 1, 5, 9, 30)),
    # RUP 2026: a late draft, then the Kepala Dinas sends it back; the whole chain approves the fix.
    Story(38, f"{P}/2026/rencana-umum-pengadaan-2026.md", "Rencana Umum Pengadaan 2026",
          (2026, 2, 4, 9, 0), (2026, 2, 4, 9, 10), (2026, 2, 5, 10, 0),
          ((KABID, "APPROVED", (2026, 2, 5, 10, 40), 0), (SEKRETARIS, "APPROVED", (2026, 2, 5, 11, 30), 0),
           (KADIS, "CHANGES_REQUESTED", (2026, 2, 5, 11, 45), 0),
           *_ok((2026, 2, 6, 8, 20), (2026, 2, 6, 8, 50), (2026, 2, 6, 9, 0), head=1)),
          (2026, 2, 6, 9, 10)),
    # Serta merta: the same chain, run within the first working hour.
    Story(41, f"{P}/2026/pemeliharaan-pusat-data-september-2026.md", "Pemeliharaan pusat data September 2026",
          (2026, 9, 14, 7, 40), (2026, 9, 14, 7, 45), (2026, 9, 14, 8, 20),
          _ok((2026, 9, 14, 8, 35), (2026, 9, 14, 8, 50), (2026, 9, 14, 8, 58)), (2026, 9, 14, 9, 5)),
    Story(44, f"{P}/2026/peringatan-dini-banjir-kabupaten-sintang.md", "Peringatan dini banjir Kabupaten Sintang",
          (2026, 11, 24, 7, 35), (2026, 11, 24, 7, 38), (2026, 11, 24, 8, 10),
          _ok((2026, 11, 24, 8, 25), (2026, 11, 24, 8, 40), (2026, 11, 24, 9, 5)), (2026, 11, 24, 9, 12)),
    # The rest of the sample site in one pull request: the home and Tentang pages, the attachments and the
    # announcements no story above covers. Without it the deploying build refuses them as unapproved.
    Story(47, f"{P}/2025/laporan-layanan-informasi-publik-2024.md", "Halaman situs dan pengumuman awal PPID",
          (2026, 12, 1, 8, 0), (2026, 12, 1, 8, 10), (2026, 12, 2, 8, 0),
          _ok((2026, 12, 2, 8, 45), (2026, 12, 2, 9, 30), (2026, 12, 2, 9, 38)), (2026, 12, 2, 9, 50),
          extra=("content/index.md", "content/tentang/index.md",
                 "content/lampiran/2025/daftar-informasi-publik-2025.csv",
                 "content/lampiran/2025/rencana-umum-pengadaan-2025.csv",
                 "content/lampiran/2025/ringkasan-lkjip-2024.pdf",
                 "content/lampiran/2026/laporan-layanan-informasi-publik-2025.pdf",
                 f"{P}/2025/maklumat-pelayanan-informasi-publik.md",
                 f"{P}/2025/peringatan-kabut-asap-karhutla-agustus-2025.md",
                 f"{P}/2025/rencana-umum-pengadaan-2025.md",
                 f"{P}/2026/laporan-layanan-informasi-publik-2025.md",
                 f"{P}/2026/program-kalbar-digital-2026.md")),
)


def at(moment: Moment) -> datetime:
    return datetime(*moment, tzinfo=WIB)


def git(*argv: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *argv], capture_output=True, check=True).stdout.decode().strip()


def git_bytes(*argv: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(ROOT), *argv], capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def head_sha(pr: int, index: int) -> str:
    return hashlib.sha1(f"demo-pr-{pr}-head-{index}".encode()).hexdigest()


def merge_commit(paths: tuple[str, ...], used: set[str]) -> str:
    """The oldest commit after the sample-content commit, not yet archived, holding `paths` as they are now."""
    current = {path: (ROOT / path).read_bytes() for path in paths}
    for sha in git("rev-list", "--first-parent", "--reverse", f"{SAMPLE_COMMIT}..HEAD").split():
        if sha not in used and all(git_bytes("cat-file", "blob", f"{sha}:{path}") == data
                                   for path, data in current.items()):
            return sha
    raise SystemExit(f"no unused commit holds {', '.join(paths)} as in the working tree")


def publish(story: Story, fake: FakeGitHub, used: set[str]) -> int:
    repo = fake.repos[REPO]
    merge_sha = merge_commit(story.paths, used)
    issue = repo.add_issue(story.pr - 1, author=KABID, created_at=at(story.opened),
                           title=f"Disposisi: {story.title.lower()}")
    issue.assign(STAF, by=KABID, at=at(story.assigned))
    pull = repo.add_pull(story.pr, author=STAF, created_at=at(story.ready), head_sha=head_sha(story.pr, 0),
                         title=f"Pengumuman: {story.title}",
                         body=f"Disposisi: #{story.pr - 1}\n\n{story.title}.\n",
                         files=[(path, "added") for path in story.paths])
    for login, state, moment, head in story.reviews:
        if head_sha(story.pr, head) != pull.head_sha:
            pull.push(head_sha(story.pr, head))
        pull.review(login, state, at(moment))
    pull.merge(merge_sha, at=at(story.merged), by=STAF, base_sha=git("rev-parse", f"{merge_sha}^1"))
    settings = GitHubSettings(token=fake.token, api_url=fake.base_url, seconds_between_requests=0,
                              seconds_between_writes=0)
    archived = (at(story.merged) + timedelta(minutes=2)).isoformat()
    code = archive(repo=REPO, sha=merge_sha, now_text=archived, demo=True, env={}, settings=settings, root=ROOT)
    used.add(merge_sha)
    return code


def main() -> int:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the fake server's request log is noise here
    sop = load_sop(ROOT)
    report = verify_chain(read_records(ROOT, sop), sop.content.archive, WIB)
    if not report.ok:
        raise SystemExit("the archive is broken; run 'ppid verify' first")
    # A record that starts a generation has no pull request; it holds no story.
    if not any(r.pull_request is not None and r.pull_request.number == 8 for _, r in report.records):
        demo_record.main()  # record 1 comes first: its story is the earliest
        report = verify_chain(read_records(ROOT, sop), sop.content.archive, WIB)
    done = {r.pull_request.number for _, r in report.records if r.pull_request is not None and r.repository == REPO}
    used = {r.commits.merge for _, r in report.records}
    server = HTTPServer()
    server.start()
    try:
        fake = FakeGitHub(server)
        for slug, (login, name) in demo_record.PEOPLE.items():
            fake.add_team("contoh", slug, [login])
            if name:
                fake.user_names[login] = name
        fake.add_repo(REPO)
        for story in STORIES:
            if story.pr in done:
                continue
            code = publish(story, fake, used)
            if code:
                return code
    finally:
        server.clear()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
