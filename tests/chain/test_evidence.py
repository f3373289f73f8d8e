"""The third kind of PR: offline evidence (content/bukti/ only), judged on the default story in memory; what the
adapter reads for it and what the command writes, over HTTP against the fake GitHub.

One valid approval on the head commit by a Kabid team member who is not the author approves it; anything else in
the same PR is `mixed_change`; editing, deleting or moving existing evidence is `evidence_modified`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO

import pytest

from pipeline.commands.chain import chain
from pipeline.core.chain.render import MARKER, STATUS_CONTEXT
from tests.chain.conftest import World
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, OLD, REPO, Scene, Story, wib
from tests.conftest import ROOT

FOLDER = "content/bukti/jadwal-layanan-informasi-publik-2025"
PHOTO = f"{FOLDER}/2024-08-06-papan-pengumuman-1.jpg"
RECORD = f"{FOLDER}/2024-08-06-papan-pengumuman-1.yml"
OLD_PHOTO = f"{FOLDER}/2024-08-01-papan-pengumuman-1.jpg"

Setup = Callable[[Scene], None]


def evidence(w: Scene) -> None:
    """staf1's PR adds one photo and its record; the body names no disposisi (evidence needs none)."""
    w.pr.files.clear()
    w.pr.issue.body = "Foto papan pengumuman."
    w.pr.add_file(PHOTO, "added")
    w.pr.add_file(RECORD, "added")


def then(*steps: Setup) -> Setup:
    def setup(w: Scene) -> None:
        evidence(w)
        for step in steps:
            step(w)
    return setup


def approve(login: str, at: int = 1330, commit: str | None = None) -> Setup:
    return lambda w: w.pr.review(login, "APPROVED", wib(5, at // 100, at % 100), commit_id=commit) and None


def send_back(login: str, at: int = 1320) -> Setup:
    return lambda w: w.pr.review(login, "CHANGES_REQUESTED", wib(5, at // 100, at % 100)) and None


def add(path: str, status: str = "added", previous: str | None = None) -> Setup:
    return lambda w: w.pr.add_file(path, status, previous)


def join(slug: str, login: str) -> Setup:
    return lambda w: w.join(slug, login)


def draft(w: Scene) -> None:
    w.pr.draft = True


SCENARIOS: list[tuple[str, Setup, str, str, str | None, list[str], list[str]]] = [
    # id, setup, kind, state, next, problem codes, approving logins
    ("waiting-for-kabid", then(), "evidence", "waiting", "kabid", [], []),
    ("approved-by-kabid", then(approve("kabid2")), "evidence", "approved", None, [], ["kabid2"]),
    ("one-approval-is-enough", then(approve("kabid1", 1320), approve("kabid2")), "evidence", "approved", None, [],
     ["kabid1"]),
    ("sekretaris-is-not-kabid", then(approve("sekre1")), "evidence", "waiting", "kabid", ["not_team_member"], []),
    ("author-in-kabid-team", then(join("ppid-kabid", "staf1"), approve("staf1")), "evidence", "waiting", "kabid",
     ["author_review"], []),
    ("stale-approval", then(approve("kabid1", commit=OLD)), "evidence", "waiting", "kabid", ["stale_approval"], []),
    ("outsider-then-kabid", then(approve("warga", 1310), approve("kabid1")), "evidence", "approved", None, [],
     ["kabid1"]),
    ("kabid-sends-back", then(send_back("kabid1")), "evidence", "returned", "pelaksana", ["changes_requested"], []),
    ("send-back-beats-other-approval", then(send_back("kabid1"), approve("kabid2")), "evidence", "returned",
     "pelaksana", ["changes_requested"], ["kabid2"]),
    ("draft", then(draft, approve("kabid1")), "evidence", "waiting", "pelaksana", ["draft"], ["kabid1"]),
    # anything else in the same PR blocks it
    ("with-code", then(add("pipeline/cli.py", "modified"), approve("kabid1")), "evidence", "blocked", "pelaksana",
     ["mixed_change"], ["kabid1"]),
    ("with-announcement", then(add(ANNOUNCEMENT), approve("kabid1")), "announcement", "blocked", "pelaksana",
     ["mixed_change", "missing_disposisi"], []),
    ("with-archive-record", then(add("content/arsip/2024/00002-x.json"), approve("kabid1")), "announcement",
     "blocked", "pelaksana", ["mixed_change", "archive_modified", "missing_disposisi"], []),
    # evidence is append-only
    ("modifies-old-photo", then(add(OLD_PHOTO, "modified"), approve("kabid1")), "evidence", "blocked", "pelaksana",
     ["evidence_modified"], ["kabid1"]),
    ("deletes-old-photo", then(add(OLD_PHOTO, "removed"), approve("kabid1")), "evidence", "blocked", "pelaksana",
     ["evidence_modified"], ["kabid1"]),
    ("renames-old-photo", then(add(f"{FOLDER}/baru.jpg", "renamed", OLD_PHOTO), approve("kabid1")), "evidence",
     "blocked", "pelaksana", ["evidence_modified"], ["kabid1"]),
    ("moves-photo-out", then(add("content/lampiran/2024/foto.jpg", "renamed", OLD_PHOTO), approve("kabid1")),
     "announcement", "blocked", "pelaksana", ["mixed_change", "evidence_modified", "missing_disposisi"], []),
    ("mixed-and-modified", then(add(OLD_PHOTO, "removed"), add("sop.yml", "modified")), "evidence", "blocked",
     "pelaksana", ["mixed_change", "evidence_modified"], []),
]


@pytest.mark.parametrize(("setup", "kind", "state", "next_role", "codes", "logins"),
                         [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_evidence_rule(story: Story, setup: Setup, kind: str, state: str, next_role: str | None, codes: list[str],
                       logins: list[str]) -> None:
    setup(story)
    verdict = story.verdict()
    assert (verdict.kind, verdict.state, verdict.next) == (kind, state, next_role)
    assert [p.code for p in verdict.problems] == codes
    if kind == "evidence":
        assert [a.login for a in verdict.approvals] == logins
        assert {a.role for a in verdict.approvals} <= {"kabid"}
        assert verdict.timing == ()  # evidence is documentation after step 6, not a step of its own
    assert verdict.approved is (state == "approved")


def test_announcement_that_adds_evidence_is_mixed(story: Story) -> None:
    story.approve_chain()
    story.pr.add_file(PHOTO, "added")
    verdict = story.verdict()
    assert (verdict.kind, verdict.state, [p.code for p in verdict.problems]) == (
        "announcement", "blocked", ["mixed_change"])
    assert verdict.problems[0].message == (
        f"PR ini mencampur pengumuman dengan bukti offline di content/bukti/ (`{PHOTO}`). Bukti offline diajukan "
        "dalam PR tersendiri yang hanya menambah berkas di content/bukti/ (disetujui Kabid/Kasubag); keluarkan "
        "berkas bukti dari PR ini.")


@pytest.mark.parametrize(("setup", "message"), [
    (then(add("pipeline/cli.py", "modified")),
     "PR ini menambah bukti offline sekaligus mengubah berkas lain (`pipeline/cli.py`). PR bukti offline hanya "
     "boleh menambah berkas di content/bukti/; pindahkan perubahan lain ke PR tersendiri."),
    (then(add(OLD_PHOTO, "removed")),
     f"PR ini mengubah, memindahkan atau menghapus bukti offline yang sudah ada (`{OLD_PHOTO}`). Folder "
     "content/bukti/ hanya boleh ditambah; kembalikan berkas itu seperti semula, dan bila fotonya salah tambahkan "
     "foto baru dengan `ppid bukti`."),
    (then(approve("sekre1")),
     "Persetujuan @sekre1 tidak dihitung: bukti offline disetujui anggota tim ppid-kabid."),
])
def test_messages_say_what_to_do(story: Story, setup: Setup, message: str) -> None:
    setup(story)
    assert story.verdict().problems[0].message == message


def test_result_tree(story: Story) -> None:
    then(approve("warga", 1310), approve("kabid1"))(story)
    verdict = story.verdict()
    assert [(r.rule, r.status) for r in verdict.rules] == [
        ("author", "pass"), ("base", "pass"), ("files", "pass"), ("shared_head", "pass"),
        ("kind", "pass"), ("evidence", "pass"), ("draft", "pass"), ("kabid_review", "pass")]
    assert [(d.login, d.code) for d in verdict.discarded] == [("warga", "not_team_member")]


# -- over HTTP: what the adapter reads for an evidence PR, what the command writes ----------------------------------


def test_evidence_pr_reads_only_what_it_needs(world: World) -> None:
    then(approve("kabid1"))(world)
    world.verdict()
    paths = [r.path for r in world.fake.requests]
    assert "/orgs/dinas/teams/ppid-kabid/members" in paths
    assert not any(p.startswith(("/orgs/dinas/teams/ppid-sekretaris", "/orgs/dinas/teams/ppid-kepala-dinas",
                                 "/orgs/dinas/teams/ppid-admin", "/repos/dinas/ppid/issues/5"))
                   or "/contents/" in p for p in paths)
    # PR, the author's membership of ppid-pelaksana, files, open PRs, reviews, PR events, Kabid team
    assert world.fake.count() == 7


def test_command_json_and_report(world: World) -> None:
    then(approve("kabid2"))(world)
    out, err = StringIO(), StringIO()
    code = chain(repo=REPO, pr=12, now_text="2024-08-05T15:00:00+07:00", as_json=True, report=True, env={},
                 settings=world.settings, root=ROOT, out=out, err=err)
    data = json.loads(out.getvalue())
    assert code == 0
    assert {k: data[k] for k in ("kind", "state", "next", "serta_merta", "timing")} == {
        "kind": "evidence", "state": "approved", "next": None, "serta_merta": False, "timing": []}
    assert data["approvals"] == [
        {"role": "kabid", "login": "kabid2", "submitted_at": "2024-08-05T06:30:00Z", "commit_id": HEAD}]
    status = world.repo.statuses[HEAD][0]
    assert (status["context"], status["state"], status["description"]) == (
        STATUS_CONTEXT, "success", "Bukti offline disetujui Kabid/Kasubag @kabid2")
    [comment] = world.repo.comments_on(12)
    assert comment["body"].startswith(MARKER) and "bukti offline" in comment["body"]
    assert world.pr.issue.labels == []  # not urgent: no label


def test_blocked_evidence_exits_1(world: World) -> None:
    then(add(OLD_PHOTO, "modified"), approve("kabid2"))(world)
    out = StringIO()
    code = chain(repo=REPO, pr=12, now_text=None, as_json=False, report=False, env={}, settings=world.settings,
                 root=ROOT, out=out, err=StringIO())
    assert code == 1
    assert out.getvalue().startswith("PR #12 (bukti offline, commit c0ffee1): Terblokir; perlu tindakan "
                                     "Fungsional/Pelaksana\n")
