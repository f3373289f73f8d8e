"""The preview end to end: `ppid chain --report` against the fake GitHub puts the announcement as the public will
read it into the PR comment, with attachment sizes and the changes since an approver's version, in a bounded
number of extra requests (one per attachment folder, one per older approved commit)."""

from __future__ import annotations

from tests.chain.conftest import World
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, OLD, wib
from tests.chain.test_command import run
from tests.contentkit import VALID_FRONT_MATTER, announcement

LAMPIRAN = VALID_FRONT_MATTER + "lampiran:\n" + "".join(
    f"  - berkas: {folder}/berkas-{n}.pdf\n    judul: Berkas {n}\n" for n, folder in enumerate(("2024", "2025") * 3))
FOLDER_LISTINGS = tuple(f"/repos/dinas/ppid/contents/content/lampiran/{year}" for year in ("2024", "2025"))


def compares(world: World) -> int:
    return sum(1 for r in world.fake.requests if r.path.startswith("/repos/dinas/ppid/compare/"))


def with_attachments(world: World) -> None:
    world.pr.contents[ANNOUNCEMENT] = announcement(LAMPIRAN, "Isi untuk @kabid2 <b>tebal</b>.\n").encode()
    for n, folder in enumerate(("2024", "2025") * 3):
        world.pr.add_file(f"content/lampiran/{folder}/berkas-{n}.pdf", "added", content=b"%PDF" + b"0" * 2048 * n)


def test_report_shows_the_announcement_to_approvers(world: World) -> None:
    with_attachments(world)
    world.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    run(world, report=True)
    [comment] = world.repo.comments_on(12)
    body = comment["body"]
    assert "### Pratinjau pengumuman" in body
    assert "#### Jadwal Layanan Informasi Publik Tahun 2025" in body and "- **Tanggal:** 6 Januari 2025" in body
    assert "> Isi untuk @\u2060kabid2 &lt;b>tebal&lt;/b>." in body
    assert "- Berkas 5 (`2025/berkas-5.pdf`, 10 KB)" in body
    # one listing per folder, however many attachments; the announcement itself was read once, for the snapshot
    assert [world.fake.count("GET", path) for path in FOLDER_LISTINGS] == [1, 1]
    assert world.fake.count("GET", f"/repos/dinas/ppid/contents/{ANNOUNCEMENT}") == 1
    assert compares(world) == 0


def test_report_says_what_changed_since_each_approvers_version(world: World) -> None:
    world.pr.review("kabid1", "APPROVED", wib(5, 13, 30), commit_id=OLD)
    world.pr.review("sekre1", "DISMISSED", wib(5, 13, 40), commit_id=OLD)
    world.pr.review("kadis1", "APPROVED", wib(5, 13, 50), commit_id="9" * 40)  # gone after a force push
    world.repo.compares[(OLD, HEAD)] = [{"filename": ANNOUNCEMENT, "status": "modified", "additions": 1,
                                         "deletions": 1, "changes": 2,
                                         "patch": "@@ -1 +1 @@\n-Senin–Kamis\n+Senin–Jumat"}]
    run(world, report=True)
    body = world.repo.comments_on(12)[0]["body"]
    assert ("Sejak versi yang disetujui @kabid1, @sekre1 (commit <code>1a2b3c4</code>): 1 berkas berubah"
            in body)
    assert "-Senin–Kamis\n+Senin–Jumat" in body
    assert "Sejak versi yang disetujui @kadis1 (commit `9999999`): perubahan tidak dapat dibandingkan" in body
    assert world.fake.count("GET", f"/repos/dinas/ppid/compare/{OLD}...{HEAD}") == 1
    assert compares(world) == 2  # one per older commit, not per approver


def test_maintenance_pr_gets_no_preview_and_no_extra_request(world: World) -> None:
    world.maintenance()
    world.pr.review("admin1", "APPROVED", wib(5, 13, 30), commit_id=OLD)
    run(world, report=True)
    assert "Pratinjau" not in world.repo.comments_on(12)[0]["body"]
    assert compares(world) == 0
