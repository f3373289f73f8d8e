"""Every chain rule, table-driven, judged on the default story in memory (tests/chain/snapshots.py).

The scenario functions take either telling of the story: tests/chain/test_command.py runs them through the
command over HTTP, and tests/chain/test_snapshot_contract.py holds the adapter's snapshot of each to the
builder's."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.chain.snapshots import ANNOUNCEMENT, HEAD, OLD, Scene, Story, wib

Setup = Callable[[Scene], None]


def nothing(w: Scene) -> None:
    pass


def kabid(w: Scene) -> None:
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))


def kabid_sekretaris(w: Scene) -> None:
    kabid(w)
    w.pr.review("sekre1", "APPROVED", wib(5, 14, 0))


def full(w: Scene) -> None:
    w.approve_chain()


def mixed(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file("pipeline/core/sop.py", "modified")


def mixed_by_rename(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file("content/pengumuman/lama.md", "renamed", "docs/lama.md")


def maintenance_waiting(w: Scene) -> None:
    w.maintenance()


def maintenance_approved(w: Scene) -> None:
    w.maintenance(".github/workflows/check.yml")
    w.pr.review("admin2", "APPROVED", wib(5, 13, 30))


def maintenance_by_author(w: Scene) -> None:
    w.maintenance()
    w.join("ppid-admin", "staf1")
    w.pr.review("staf1", "APPROVED", wib(5, 13, 30))


def maintenance_by_kabid(w: Scene) -> None:
    w.maintenance("sop.yml")
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))


def maintenance_stale(w: Scene) -> None:
    w.maintenance()
    w.pr.review("admin1", "APPROVED", wib(5, 13, 30), commit_id=OLD)


def maintenance_changes_then_other_admin(w: Scene) -> None:
    w.maintenance()
    w.pr.review("admin1", "CHANGES_REQUESTED", wib(5, 13, 20))
    w.pr.review("admin2", "APPROVED", wib(5, 13, 30))


def maintenance_changes_requested(w: Scene) -> None:
    w.maintenance()
    w.pr.review("admin1", "CHANGES_REQUESTED", wib(5, 13, 20))


def archive_edited(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file("content/arsip/2024/001-bukti.yml", "modified")


def archive_deleted(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file("content/arsip/2024/001-bukti.yml", "removed")


def archive_renamed_away(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file("content/pengumuman/bukti.yml", "renamed", "content/arsip/2024/001-bukti.yml")


def archive_added(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file("content/arsip/2024/002-bukti.yml", "added")


def body(text: str) -> Setup:
    def setup(w: Scene) -> None:
        w.approve_chain()
        w.pr.issue.body = text
    return setup


def not_assigned(w: Scene) -> None:
    w.approve_chain()
    w.issue.events.clear()
    w.issue.assign("staf2", by="kabid1", at=wib(5, 8, 10))


def assigned_by_staff(w: Scene) -> None:
    w.approve_chain()
    w.issue.events.clear()
    w.issue.assign("staf1", by="staf2", at=wib(5, 8, 10))


def self_assigned_then_kabid(w: Scene) -> None:
    w.approve_chain()
    w.issue.events.clear()
    w.issue.assign("staf1", by="staf1", at=wib(5, 8, 5))
    w.issue.unassign("staf1", by="staf1", at=wib(5, 8, 6))
    w.issue.assign("staf1", by="kabid2", at=wib(5, 8, 12))


def kabid_sends_back(w: Scene) -> None:
    w.pr.review("kabid1", "CHANGES_REQUESTED", wib(5, 13, 30))


def sekretaris_sends_back(w: Scene) -> None:
    kabid(w)
    w.pr.review("sekre1", "CHANGES_REQUESTED", wib(5, 14, 0))


def kadis_sends_back(w: Scene) -> None:
    kabid_sekretaris(w)
    w.pr.review("kadis1", "CHANGES_REQUESTED", wib(5, 14, 5))


def sent_back_then_pushed(w: Scene) -> None:
    w.pr.review("kabid1", "CHANGES_REQUESTED", wib(5, 13, 30), commit_id=OLD)


def sent_back_then_approved(w: Scene) -> None:
    w.pr.review("kabid1", "CHANGES_REQUESTED", wib(5, 13, 20))
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 40))


def approved_then_commented(w: Scene) -> None:
    kabid(w)
    w.pr.review("kabid1", "COMMENTED", wib(5, 13, 45))


def dismissed(w: Scene) -> None:
    w.pr.review("kabid1", "DISMISSED", wib(5, 13, 30))


def pending(w: Scene) -> None:
    w.pr.review("kabid1", "PENDING", None)


def stale(w: Scene) -> None:
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30), commit_id=OLD)


def pushed_after_full_chain(w: Scene) -> None:
    w.approve_chain(commit_id=OLD)


def outsider(w: Scene) -> None:
    w.pr.review("warga", "APPROVED", wib(5, 13, 30))


def outsider_changes_requested(w: Scene) -> None:
    kabid(w)
    w.pr.review("warga", "CHANGES_REQUESTED", wib(5, 13, 40))


def one_person_two_roles(w: Scene) -> None:
    w.join("ppid-sekretaris", "kabid1")
    kabid(w)


def one_person_two_roles_and_another(w: Scene) -> None:
    w.join("ppid-sekretaris", "kabid1")
    w.pr.review("kabid2", "APPROVED", wib(5, 13, 20))
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    w.pr.review("kadis1", "APPROVED", wib(5, 14, 0))


def sekretaris_first(w: Scene) -> None:
    w.pr.review("sekre1", "APPROVED", wib(5, 13, 20))
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))


def sekretaris_without_kabid(w: Scene) -> None:
    w.pr.review("sekre1", "APPROVED", wib(5, 13, 20))


def kadis_before_sekretaris(w: Scene) -> None:
    kabid(w)
    w.pr.review("kadis1", "APPROVED", wib(5, 13, 40))
    w.pr.review("sekre1", "APPROVED", wib(5, 14, 0))


def sekretaris_reapproves_in_order(w: Scene) -> None:
    w.pr.review("sekre1", "APPROVED", wib(5, 13, 20))
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    w.pr.review("sekre1", "APPROVED", wib(5, 13, 50))
    w.pr.review("kadis1", "APPROVED", wib(5, 14, 0))


def second_kabid_redundant(w: Scene) -> None:
    w.approve_chain()
    w.pr.review("kabid2", "APPROVED", wib(5, 14, 10))


def draft(w: Scene) -> None:
    w.pr.draft = True


def author_approves(w: Scene) -> None:
    w.join("ppid-kabid", "staf1")
    w.pr.review("staf1", "APPROVED", wib(5, 13, 30))


def blocked_beats_returned(w: Scene) -> None:
    w.pr.issue.body = "Tanpa nomor disposisi."
    kabid_sends_back(w)


def every_problem(w: Scene) -> None:
    w.pr.issue.body = ""
    w.pr.add_file("pipeline/cli.py", "modified")
    w.pr.add_file("content/arsip/2024/001-bukti.yml", "removed")


def other_base(w: Scene) -> None:
    w.approve_chain()
    w.pr.base_ref = "rilis"


def outside_author(w: Scene) -> None:
    w.approve_chain()
    w.pr.issue.author = "warga"


def outside_author_other_base(w: Scene) -> None:
    outside_author(w)
    w.pr.base_ref = "rilis"


def shares_head_with(base: str, *, closed: bool = False) -> Setup:
    def setup(w: Scene) -> None:
        w.approve_chain()
        other = w.repo.add_pull(13, author="staf2", created_at=wib(5, 13, 5), head_sha=HEAD, body="Bukti saja.")
        other.base_ref = base
        if closed:
            other.issue.state = "closed"
    return setup


def files_beyond_the_list(w: Scene) -> None:
    w.approve_chain()
    w.pr.changed_files = 3500  # GitHub counts every file; its list (here one file) stops at 3,000


def announcements(count: int) -> Setup:
    def setup(w: Scene) -> None:
        w.approve_chain()
        for index in range(1, count):
            w.pr.add_file(f"content/pengumuman/2024/lain-{index:02d}.md", "added")
    return setup


def kadis_send_back_dismissed(w: Scene) -> None:
    kabid_sekretaris(w)
    send_back = w.pr.review("kadis1", "CHANGES_REQUESTED", wib(5, 14, 5))
    w.pr.dismiss(send_back, by="staf1", at=wib(5, 14, 8), message="Sudah diperbaiki")


def kadis_approves_then_send_back_dismissed(w: Scene) -> None:
    """The review's story: Kepala Dinas approves, then sends back; the author dismisses the send-back."""
    w.approve_chain()
    send_back = w.pr.review("kadis1", "CHANGES_REQUESTED", wib(5, 14, 10))
    w.pr.dismiss(send_back, by="staf1", at=wib(5, 14, 12))


def dismissed_then_approved_again(w: Scene) -> None:
    kadis_approves_then_send_back_dismissed(w)
    w.pr.review("kadis1", "APPROVED", wib(5, 14, 20))


def approval_dismissed(w: Scene) -> None:
    approval = w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    w.pr.dismiss(approval, by="admin1", at=wib(5, 13, 40))


def many_pages(w: Scene) -> None:
    for minute in range(297):
        w.pr.review(f"warga{minute % 7}", "COMMENTED", wib(5, 13, 1))
    w.approve_chain()


SCENARIOS: list[tuple[str, Setup, str, str, str | None, list[str], list[str]]] = [
    # id, setup, kind, state, next, problem codes, roles approved
    ("no-reviews", nothing, "announcement", "waiting", "kabid", [], []),
    ("kabid-only", kabid, "announcement", "waiting", "sekretaris", [], ["kabid"]),
    ("kabid-sekretaris", kabid_sekretaris, "announcement", "waiting", "kepala_dinas", [], ["kabid", "sekretaris"]),
    ("full-chain", full, "announcement", "approved", None, [], ["kabid", "sekretaris", "kepala_dinas"]),
    # the kind of change
    ("mixed", mixed, "announcement", "blocked", "pelaksana", ["mixed_change"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("mixed-by-rename", mixed_by_rename, "announcement", "blocked", "pelaksana", ["mixed_change"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("maintenance-waiting", maintenance_waiting, "maintenance", "waiting", "admin", [], []),
    ("maintenance-approved", maintenance_approved, "maintenance", "approved", None, [], ["admin"]),
    ("maintenance-by-author", maintenance_by_author, "maintenance", "waiting", "admin", [], []),
    ("maintenance-by-kabid", maintenance_by_kabid, "maintenance", "waiting", "admin", ["not_team_member"], []),
    ("maintenance-stale", maintenance_stale, "maintenance", "waiting", "admin", ["stale_approval"], []),
    ("maintenance-changes-requested", maintenance_changes_requested, "maintenance", "waiting", "admin",
     ["changes_requested"], []),
    ("maintenance-one-admin-enough", maintenance_changes_then_other_admin, "maintenance", "approved", None, [],
     ["admin"]),
    # what blocks an announcement whatever its reviews
    ("archive-edited", archive_edited, "announcement", "blocked", "pelaksana", ["archive_modified"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("archive-deleted", archive_deleted, "announcement", "blocked", "pelaksana", ["archive_modified"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("archive-renamed-away", archive_renamed_away, "announcement", "blocked", "pelaksana", ["archive_modified"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    # Proof records come only from the publish workflow: a PR adding one could forge proof of approval.
    ("archive-added", archive_added, "announcement", "blocked", "pelaksana", ["archive_modified"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("no-disposisi", body("Konsep tanpa nomor."), "announcement", "blocked", "pelaksana", ["missing_disposisi"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("disposisi-only-in-html-comment", body("<!-- Disposisi: #5 -->\nKonsep."), "announcement", "blocked",
     "pelaksana", ["missing_disposisi"], ["kabid", "sekretaris", "kepala_dinas"]),
    ("disposisi-unknown-issue", body("Disposisi: #77"), "announcement", "blocked", "pelaksana",
     ["missing_disposisi"], ["kabid", "sekretaris", "kepala_dinas"]),
    ("disposisi-is-a-pr", body("Disposisi: #12"), "announcement", "blocked", "pelaksana", ["missing_disposisi"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("closes", body("Closes #5"), "announcement", "approved", None, [], ["kabid", "sekretaris", "kepala_dinas"]),
    ("fixes", body("fixes: #5"), "announcement", "approved", None, [], ["kabid", "sekretaris", "kepala_dinas"]),
    ("resolves", body("Konsep.\nResolves #5"), "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("not-assigned", not_assigned, "announcement", "blocked", "kabid", ["disposisi_not_assigned"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("assigned-by-staff", assigned_by_staff, "announcement", "blocked", "kabid", ["disposisi_not_by_kabid"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("self-assigned-then-kabid", self_assigned_then_kabid, "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    # which reviews count
    ("approved-then-commented", approved_then_commented, "announcement", "waiting", "sekretaris", [], ["kabid"]),
    ("dismissed", dismissed, "announcement", "waiting", "kabid", ["dismissed_review"], []),
    ("pending", pending, "announcement", "waiting", "kabid", [], []),
    # over HTTP the adapter reads three pages of reviews for this one (tests/chain/test_snapshot_contract.py)
    ("all-pages-read", many_pages, "announcement", "approved", None, [], ["kabid", "sekretaris", "kepala_dinas"]),
    # send-backs
    ("kabid-sends-back", kabid_sends_back, "announcement", "returned", "pelaksana", ["changes_requested"], []),
    ("sekretaris-sends-back", sekretaris_sends_back, "announcement", "returned", "kabid", ["changes_requested"],
     ["kabid"]),
    ("kadis-sends-back", kadis_sends_back, "announcement", "returned", "kabid", ["changes_requested"],
     ["kabid", "sekretaris"]),
    ("sent-back-then-pushed", sent_back_then_pushed, "announcement", "waiting", "kabid", [], []),
    ("sent-back-then-approved", sent_back_then_approved, "announcement", "waiting", "sekretaris", [], ["kabid"]),
    ("outsider-changes-requested", outsider_changes_requested, "announcement", "waiting", "sekretaris", [],
     ["kabid"]),
    # valid approvals
    ("stale", stale, "announcement", "waiting", "kabid", ["stale_approval"], []),
    ("pushed-after-full-chain", pushed_after_full_chain, "announcement", "waiting", "kabid",
     ["stale_approval", "stale_approval", "stale_approval"], []),
    ("outsider", outsider, "announcement", "waiting", "kabid", ["not_team_member"], []),
    ("one-person-two-roles", one_person_two_roles, "announcement", "waiting", "sekretaris", ["duplicate_person"],
     ["kabid"]),
    ("two-roles-fills-second", one_person_two_roles_and_another, "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("author-approves", author_approves, "announcement", "waiting", "kabid", ["author_review"], []),
    # order
    ("sekretaris-before-kabid", sekretaris_first, "announcement", "waiting", "sekretaris", ["out_of_order"],
     ["kabid"]),
    ("sekretaris-without-kabid", sekretaris_without_kabid, "announcement", "waiting", "kabid", ["out_of_order"], []),
    ("kadis-before-sekretaris", kadis_before_sekretaris, "announcement", "waiting", "kepala_dinas",
     ["out_of_order"], ["kabid", "sekretaris"]),
    ("reapproved-in-order", sekretaris_reapproves_in_order, "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("second-kabid-redundant", second_kabid_redundant, "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    # the gate: one PR per verdict, bounded size, outside authors
    ("other-base", other_base, "unevaluated", "blocked", "pelaksana", ["base_not_default"], []),
    ("outside-author", outside_author, "unevaluated", "blocked", "admin", ["author_not_in_team"], []),
    ("outside-author-other-base", outside_author_other_base, "unevaluated", "blocked", "admin",
     ["author_not_in_team", "base_not_default"], []),
    ("shared-head-other-base", shares_head_with("rilis"), "announcement", "blocked", "admin", ["shared_head"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("shared-head-same-base", shares_head_with("main"), "announcement", "blocked", "admin", ["shared_head"],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("shared-head-closed-pr", shares_head_with("rilis", closed=True), "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("files-beyond-the-list", files_beyond_the_list, "unevaluated", "blocked", "pelaksana", ["too_many_files"], []),
    ("announcements-at-limit", announcements(20), "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("announcements-over-limit", announcements(21), "announcement", "blocked", "pelaksana",
     ["too_many_announcements"], ["kabid", "sekretaris", "kepala_dinas"]),
    # a dismissed review ends that person's say
    ("kadis-send-back-dismissed", kadis_send_back_dismissed, "announcement", "waiting", "kepala_dinas",
     ["dismissed_review"], ["kabid", "sekretaris"]),
    ("dismissal-does-not-revive-approval", kadis_approves_then_send_back_dismissed, "announcement", "waiting",
     "kepala_dinas", ["dismissed_review"], ["kabid", "sekretaris"]),
    ("dismissed-then-approved-again", dismissed_then_approved_again, "announcement", "approved", None, [],
     ["kabid", "sekretaris", "kepala_dinas"]),
    ("approval-dismissed", approval_dismissed, "announcement", "waiting", "kabid", ["dismissed_review"], []),
    # states combined
    ("draft", draft, "announcement", "waiting", "pelaksana", ["draft"], []),
    ("blocked-beats-returned", blocked_beats_returned, "announcement", "blocked", "pelaksana",
     ["missing_disposisi", "changes_requested"], []),
    ("every-problem-collected", every_problem, "announcement", "blocked", "pelaksana",
     ["mixed_change", "archive_modified", "missing_disposisi"], []),
]


@pytest.mark.parametrize(("setup", "kind", "state", "next_role", "codes", "roles"),
                         [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_rule(story: Story, setup: Setup, kind: str, state: str, next_role: str | None, codes: list[str],
              roles: list[str]) -> None:
    setup(story)
    verdict = story.verdict()
    assert (verdict.kind, verdict.state, verdict.next) == (kind, state, next_role)
    assert [p.code for p in verdict.problems] == codes
    assert [a.role for a in verdict.approvals] == roles
    assert verdict.approved is (state == "approved")
    assert verdict.head_sha == HEAD


def test_approvals_name_who_and_when(story: Story) -> None:
    story.approve_chain()
    verdict = story.verdict()
    assert [(a.role, a.login, a.submitted_at, a.commit_id) for a in verdict.approvals] == [
        ("kabid", "kabid1", wib(5, 13, 30), HEAD),
        ("sekretaris", "sekre1", wib(5, 14, 0), HEAD),
        ("kepala_dinas", "kadis1", wib(5, 14, 5), HEAD),
    ]


@pytest.mark.parametrize(("setup", "login", "code", "reason"), [
    (stale, "kabid1", "stale_approval", "persetujuan pada commit lama 1a2b3c4; commit terakhir PR adalah c0ffee1"),
    (sent_back_then_pushed, "kabid1", "stale_changes_requested",
     "permintaan perubahan pada commit lama 1a2b3c4; commit terakhir PR adalah c0ffee1"),
    (outsider, "warga", "not_team_member", "@warga bukan anggota tim ppid-kabid, ppid-sekretaris, ppid-kepala-dinas"),
    (dismissed, "kabid1", "dismissed", "ulasan @kabid1 dibatalkan (dismissed); @kabid1 tidak dihitung sampai "
     "menyetujui lagi"),
    (approval_dismissed, "kabid1", "dismissed", "persetujuan @kabid1 dibatalkan (dismissed); @kabid1 tidak dihitung "
     "sampai menyetujui lagi"),
    (approved_then_commented, "kabid1", "not_counted",
     "ulasan berstatus COMMENTED tidak dihitung; yang dihitung hanya APPROVED, CHANGES_REQUESTED dan DISMISSED"),
    (one_person_two_roles, "kabid1", None, None),
    (sekretaris_first, "sekre1", "out_of_order",
     "persetujuan Sekretaris (5 Agustus 2024 13.20 WIB) tidak berurutan: persetujuan itu diberikan sebelum "
     "persetujuan Kabid/Kasubag @kabid1 (5 Agustus 2024 13.30 WIB)"),
    (second_kabid_redundant, "kabid2", "redundant",
     "peran Kabid/Kasubag sudah diisi persetujuan @kabid1; persetujuan ini tidak diperlukan"),
])
def test_every_set_aside_review_keeps_its_reason(story: Story, setup: Setup, login: str, code: str | None,
                                                 reason: str | None) -> None:
    setup(story)
    verdict = story.verdict()
    mine = [(d.code, d.reason) for d in verdict.discarded if d.login == login]
    if code is None:  # kabid1 fills Kabid; nothing of theirs is set aside, the problem is the empty role
        assert mine == []
        assert verdict.problems[0].message.startswith("@kabid1 sudah menyetujui sebagai Kabid/Kasubag")
    else:
        assert mine == [(code, reason)]


def test_superseded_reviews_are_kept_with_reason(story: Story) -> None:
    sent_back_then_approved(story)
    verdict = story.verdict()
    first = story.pr.reviews[0].id
    second = story.pr.reviews[1].id
    assert [(d.review_id, d.code, d.reason) for d in verdict.discarded] == [
        (first, "superseded", f"digantikan oleh ulasan @kabid1 yang lebih baru (APPROVED, id {second})")]


@pytest.mark.parametrize(("setup", "message"), [
    (body("Konsep tanpa nomor."), "Deskripsi PR belum menyebut issue disposisi. Tambahkan baris `Disposisi: #N` "
     "(N = nomor issue agenda yang ditugaskan Kabid/Kasubag kepada Anda) ke deskripsi PR."),
    (not_assigned, "Issue disposisi #5 belum pernah ditugaskan (assign) kepada @staf1. Kabid/Kasubag perlu "
     "menugaskan issue itu kepada @staf1 lewat Assignees, atau perbaiki nomor issue di deskripsi PR."),
    (assigned_by_staff, "Issue disposisi #5 ditugaskan kepada @staf1 oleh @staf2, yang bukan anggota tim "
     "ppid-kabid. Disposisi harus dari Kabid/Kasubag: minta Kabid/Kasubag menugaskan ulang issue itu (hapus lalu "
     "tambahkan @staf1 di Assignees)."),
    (kabid_sends_back, "@kabid1 (Kabid/Kasubag) meminta perubahan pada commit c0ffee1 (5 Agustus 2024 13.30 WIB). "
     "Pelaksana: perbaiki konsep sesuai catatan ulasan lalu push perubahannya; pemeriksaan dimulai lagi dari "
     "Kabid/Kasubag."),
    (stale, "Persetujuan @kabid1 (Kabid/Kasubag) diberikan pada commit lama 1a2b3c4, sebelum perubahan terakhir "
     "(c0ffee1). @kabid1 perlu memeriksa perubahan terbaru lalu menyetujui lagi."),
    (archive_deleted, "PR ini mengubah, memindahkan atau menghapus bukti yang sudah diarsipkan "
     "(`content/arsip/2024/001-bukti.yml`). Arsip content/arsip/ tidak pernah diubah; kembalikan berkas itu "
     "seperti semula. Versi baru sebuah pengumuman mendapat catatan bukti baru secara otomatis setelah digabung."),
    (archive_added, "PR ini menambah catatan bukti di content/arsip/ (`content/arsip/2024/002-bukti.yml`). "
     "Catatan bukti hanya dibuat otomatis oleh alur terbit (`ppid arsip`) setelah pengumuman digabung; hapus "
     "berkas itu dari PR."),
    (other_base, "PR ini ditujukan ke cabang `rilis`, bukan cabang utama `main`. Rantai persetujuan hanya menilai "
     "PR ke cabang utama, karena status ppid/persetujuan melekat pada commit dan akan tampil juga di PR lain dengan "
     "commit yang sama. Ubah cabang tujuan (base) PR ini menjadi `main` (tombol Edit di samping judul PR), atau "
     "tutup PR ini."),
    (outside_author, "PR ini dibuat oleh @warga, yang bukan anggota tim PPID mana pun (ppid-pelaksana, ppid-kabid, "
     "ppid-sekretaris, ppid-kepala-dinas, ppid-admin). Rantai persetujuan hanya menilai PR dari anggota tim, jadi "
     "PR ini tidak dievaluasi dan tidak dapat digabung. Bila @warga staf yang menyusun pengumuman, Admin PPID perlu "
     "menambahkannya ke tim ppid-pelaksana; setelah itu perbarui PR (push atau edit deskripsi) agar diperiksa "
     "ulang. Usulan dari luar dinas disampaikan lewat layanan permohonan informasi PPID, bukan lewat pull request."),
    (shares_head_with("rilis"), "Commit c0ffee1 juga menjadi commit terakhir PR #13 (ke cabang `rilis`) yang masih "
     "terbuka. Status ppid/persetujuan melekat pada commit, bukan pada PR, sehingga hasil pemeriksaan PR ini akan "
     "tampil juga di PR itu; karena itu status ini tidak ditulis sukses selama commit dipakai bersama. Admin PPID: "
     "periksa PR #13 (ke cabang `rilis`), tutup bila tidak diperlukan (atau minta pembuatnya mendorong commit lain "
     "ke salah satu PR), lalu perbarui PR ini (push atau edit deskripsi) agar diperiksa ulang."),
    (files_beyond_the_list, "PR ini mengubah 3.500 berkas, tetapi GitHub hanya mencantumkan 1 di antaranya (daftar "
     "berkas GitHub berhenti di 3.000). Berkas yang tidak tercantum tidak dapat diperiksa, jadi PR ini tidak "
     "dievaluasi. Pecah perubahan menjadi beberapa PR yang lebih kecil."),
    (announcements(21), "PR ini menambah atau mengubah 21 pengumuman, lebih dari batas 20 pengumuman per PR "
     "(sop.yml `content.max_announcements_per_pr`). Batas ini menjaga setiap pemeriksaan tetap ringan dan setiap "
     "pengumuman diperiksa dengan teliti. Pecah menjadi beberapa PR yang masing-masing berisi paling banyak 20 "
     "pengumuman."),
    (kadis_approves_then_send_back_dismissed, "Permintaan perubahan @kadis1 (Kepala Dinas) pada commit c0ffee1 "
     "(5 Agustus 2024 14.10 WIB) dibatalkan (dismissed). Pembatalan bukan persetujuan: pengembalian itu tetap "
     "tercatat, dan @kadis1 perlu memeriksa lagi lalu menyetujui bila konsep sudah sesuai."),
    (approval_dismissed, "Persetujuan @kabid1 (Kabid/Kasubag) pada commit c0ffee1 (5 Agustus 2024 13.30 WIB) "
     "dibatalkan (dismissed); @kabid1 tidak dihitung sampai memeriksa lagi lalu menyetujui."),
])
def test_problem_messages_say_what_to_do(story: Story, setup: Setup, message: str) -> None:
    setup(story)
    assert story.verdict().problems[0].message == message


def test_mixed_change_names_the_paths(story: Story) -> None:
    mixed(story)
    message = story.verdict().problems[0].message
    assert f"`{ANNOUNCEMENT}`" in message and "`pipeline/core/sop.py`" in message


def test_result_tree_has_a_reason_per_rule(story: Story) -> None:
    sekretaris_sends_back(story)
    verdict = story.verdict()
    assert [(r.rule, r.status) for r in verdict.rules] == [
        ("author", "pass"), ("base", "pass"), ("files", "pass"), ("shared_head", "pass"), ("kind", "pass"),
        ("archive", "pass"), ("announcements", "pass"), ("disposisi", "pass"), ("send_back", "fail"),
        ("chain", "fail"), ("draft", "pass")]
    assert all(r.reason for r in verdict.rules)


def test_a_dismissed_send_back_stays_visible_with_what_it_was(story: Story) -> None:
    dismissed_then_approved_again(story)
    verdict = story.verdict()
    assert [(d.login, d.state, d.code, d.reason) for d in verdict.discarded][1:] == [
        ("kadis1", "DISMISSED", "superseded", "permintaan perubahan yang dibatalkan (dismissed); digantikan oleh "
         f"ulasan @kadis1 yang lebih baru (APPROVED, id {story.pr.reviews[-1].id})")]
