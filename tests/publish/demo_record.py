"""Write the demo proof record of the sample content: `.venv/bin/python -m tests.publish.demo_record`.

The sample announcement was not published by a real GitHub merge, so this runs the real `ppid arsip --demo`
against the local fake GitHub with a realistic, clearly fictional story (names end in "(contoh)"). The merge
commit it records is the real commit of this repository that last changed the file, so `ppid verify` checks the
content hash against git exactly as for a real record. The record says `"demo": true`, and its proof page says
so and links nowhere outside the site. Records are append-only: after the sample file changes, running this
again adds a new version instead of rewriting the old one.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pytest_httpserver import HTTPServer

from pipeline.commands.arsip import archive
from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub

ROOT = Path(__file__).resolve().parents[2]
ANNOUNCEMENT = "content/pengumuman/2025/jadwal-layanan-informasi-publik-2025.md"
REPO = "contoh/ppid-diskominfo-kalbar"
WIB = ZoneInfo("Asia/Pontianak")
PEOPLE = {  # role team -> (login, profile name)
    "ppid-pelaksana": ("rina-ppid", "Rina Lestari (contoh)"),
    "ppid-kabid": ("kabid-ikp", "Budi Santoso (contoh)"),
    "ppid-sekretaris": ("sekretaris-dinas", "Maria Ulfa (contoh)"),
    "ppid-kepala-dinas": ("kadis-kominfo", "Hendra Wijaya (contoh)"),
    "ppid-admin": ("admin-ppid", None),
}


def at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2025, 1, day, hour, minute, tzinfo=WIB)


def git(*argv: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *argv], capture_output=True, text=True, check=True).stdout.strip()


def main() -> int:
    merge_sha = git("log", "-1", "--format=%H", "--", ANNOUNCEMENT)
    base_sha = git("rev-parse", f"{merge_sha}^1")
    server = HTTPServer()
    server.start()
    try:
        fake = FakeGitHub(server)
        for slug, (login, name) in PEOPLE.items():
            fake.add_team("contoh", slug, [login])
            if name:
                fake.user_names[login] = name
        repo = fake.add_repo(REPO)
        staf, kabid = PEOPLE["ppid-pelaksana"][0], PEOPLE["ppid-kabid"][0]
        # Friday 3 January 2025: the Kabid opens the agenda issue and assigns it (the disposisi, step 1).
        issue = repo.add_issue(7, author=kabid, created_at=at(3, 14, 0),
                               title="Disposisi: jadwal layanan informasi publik 2025")
        issue.assign(staf, by=kabid, at=at(3, 14, 10))
        # Monday 6 January 2025: the draft (step 2), three ordered approvals (steps 3-5), the merge (step 6).
        pr = repo.add_pull(8, author=staf, created_at=at(6, 8, 30), head_sha="5e" * 20,
                           title="Pengumuman: Jadwal Layanan Informasi Publik Tahun 2025",
                           body="Disposisi: #7\n\nJadwal layanan meja informasi PPID tahun 2025.\n",
                           files=[(ANNOUNCEMENT, "added")])
        pr.review(kabid, "APPROVED", at(6, 9, 5))
        pr.review(PEOPLE["ppid-sekretaris"][0], "APPROVED", at(6, 9, 50))
        pr.review(PEOPLE["ppid-kepala-dinas"][0], "APPROVED", at(6, 9, 58))
        pr.merge(merge_sha, at=at(6, 10, 6), by=staf, base_sha=base_sha)
        settings = GitHubSettings(token=fake.token, api_url=fake.base_url, seconds_between_requests=0,
                                  seconds_between_writes=0)
        return archive(repo=REPO, sha=merge_sha, now_text="2025-01-06T10:08:00+07:00", demo=True, env={},
                       settings=settings, root=ROOT)
    finally:
        server.clear()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
