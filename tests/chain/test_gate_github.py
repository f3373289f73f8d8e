"""The gate's data, read by the real adapter over real HTTP from the fake GitHub: open PRs (all pages), shared
heads, PRs beyond GitHub's 3,000-file list, outside authors, dismissals, and failing closed while reading them."""

from __future__ import annotations

import math
import re
from io import StringIO

import pytest
from werkzeug import Request, Response

from pipeline.commands.chain import chain
from pipeline.core.chain.snapshot import OpenPull
from pipeline.errors import GitHubUnavailable
from tests.chain.conftest import World
from tests.chain.snapshots import HEAD, REPO, wib
from tests.chain.test_rules import outside_author
from tests.conftest import ROOT
from tests.fakegithub_routes import pull_json

PULLS = "/repos/dinas/ppid/pulls"


def open_pulls(world: World, count: int, *, first: int = 100) -> None:
    """`count` other open PRs, each with its own head commit, into the default branch."""
    for number in range(first, first + count):
        world.repo.add_pull(number, author="staf2", created_at=wib(5, 9, 0), head_sha=f"{number:040x}")


@pytest.mark.parametrize("others", [0, 99, 100, 250])
def test_open_prs_are_read_once_over_all_pages(world: World, others: int) -> None:
    open_pulls(world, others)
    snapshot = world.snapshot()
    assert len(snapshot.open_pulls) == others + 1  # every open PR, this one included
    assert snapshot.sharing_head == ()
    assert world.fake.count("GET", PULLS) == max(1, math.ceil((others + 1) / 100))


def test_a_shared_head_on_the_last_page_is_found(world: World) -> None:
    open_pulls(world, 250)
    shared = world.repo.add_pull(7, author="staf2", created_at=wib(5, 9, 0), head_sha=HEAD)
    shared.base_ref = "rilis"
    world.approve_chain()
    snapshot = world.snapshot()
    assert snapshot.sharing_head == (OpenPull(7, "rilis", HEAD, "https://github.com/dinas/ppid/pull/7"),)
    verdict = world.verdict()
    assert (verdict.state, [p.code for p in verdict.problems]) == ("blocked", ["shared_head"])


def test_closed_and_merged_prs_do_not_share_a_head(world: World) -> None:
    closed = world.repo.add_pull(7, author="staf2", created_at=wib(5, 9, 0), head_sha=HEAD)
    closed.issue.state = "closed"
    merged = world.repo.add_pull(8, author="staf2", created_at=wib(5, 9, 0), head_sha=HEAD)
    merged.merge("f" * 40, at=wib(5, 10, 0), by="admin1")
    world.approve_chain()
    assert world.snapshot().sharing_head == ()
    assert world.verdict().approved


def test_a_merged_pr_is_archived_without_listing_open_prs(world: World) -> None:
    world.approve_chain()
    world.pr.merge("e" * 40, at=wib(5, 14, 15), by="admin1")
    world.repo.add_pull(7, author="staf2", created_at=wib(5, 15, 0), head_sha=HEAD)  # opened after the merge
    assert world.verdict().approved
    assert world.fake.count("GET", PULLS) == 0


def test_more_files_than_github_lists_stops_after_the_files(world: World) -> None:
    world.approve_chain()
    for index in range(3200):
        world.pr.add_file(f"content/lampiran/2024/berkas-{index:04d}.pdf", "added")
    world.pr.add_file("sop.yml", "modified")  # file 3,202: past the end of GitHub's list
    snapshot = world.snapshot()
    assert (snapshot.changed_files, len(snapshot.files)) == (3202, 3000)
    assert all(f.path != "sop.yml" for f in snapshot.files)
    assert snapshot.reviews == () and snapshot.teams == () and snapshot.open_pulls == ()
    # the PR, staf1's membership of ppid-pelaksana, and 30 pages of files; nothing else
    assert world.fake.count() == 1 + 1 + 30
    verdict = world.verdict()
    assert (verdict.kind, verdict.state, [p.code for p in verdict.problems]) == (
        "unevaluated", "blocked", ["too_many_files"])


def test_exactly_3000_files_are_evaluated(world: World) -> None:
    world.approve_chain()
    for index in range(2999):
        world.pr.add_file(f"content/lampiran/2024/berkas-{index:04d}.pdf", "added")
    verdict = world.verdict()
    assert verdict.approved and len(world.snapshot().files) == 3000


def test_over_the_announcement_limit_no_announcement_is_read(world: World) -> None:
    world.approve_chain()
    for index in range(1, 40):
        world.pr.add_file(f"content/pengumuman/2024/lain-{index:02d}.md", "added", content="---\njenis: berkala\n")
    snapshot = world.snapshot()
    assert snapshot.announcements == ()
    assert not any("/contents/" in r.path for r in world.fake.requests)
    assert [p.code for p in world.verdict().problems] == ["too_many_announcements"]


@pytest.mark.parametrize(("team", "requests"), [
    ("ppid-pelaksana", 1), ("ppid-kabid", 2), ("ppid-admin", 5), (None, 5)])
def test_author_membership_stops_at_the_first_team(world: World, team: str | None, requests: int) -> None:
    world.pr.issue.author = "baru"
    if team:
        world.join(team, "baru")
    snapshot = world.snapshot()
    assert snapshot.author_in_team is (team is not None)
    assert sum(1 for r in world.fake.requests if "/memberships/" in r.path) == requests


def test_an_outside_authors_pr_is_not_read_beyond_the_pr(world: World) -> None:
    outside_author(world)
    for index in range(500):
        world.pr.add_file(f"content/pengumuman/2024/x-{index}.md", "added")
    verdict = world.verdict()
    assert verdict.rules[0].status == "fail" and verdict.discarded == () and verdict.approvals == ()
    # the PR, then warga's membership of each of the five PPID teams; nothing else
    assert [r.path for r in world.fake.requests] == ["/repos/dinas/ppid/pulls/12"] + [
        f"/orgs/dinas/teams/{slug}/memberships/warga" for slug in
        ("ppid-pelaksana", "ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas", "ppid-admin")]


def test_a_deleted_author_is_outside_without_asking(world: World) -> None:
    world.pr.issue.author = "ghost"
    snapshot = world.snapshot()
    assert not snapshot.author_in_team and world.fake.count() == 1


def test_a_pull_into_another_base_stops_after_the_membership(world: World) -> None:
    world.pr.base_ref = "rilis"
    snapshot = world.snapshot()
    assert (snapshot.base_ref, snapshot.default_branch, snapshot.files) == ("rilis", "main", ())
    assert world.fake.count() == 2


def test_the_default_branch_comes_from_the_pull_payload(world: World) -> None:
    world.repo.default_branch = "utama"
    world.pr.base_ref = "utama"
    world.approve_chain()
    assert world.verdict().approved
    assert world.fake.count("GET", "/repos/dinas/ppid") == 0


def test_dismissal_events_give_the_state_before_dismissal(world: World) -> None:
    send_back = world.pr.review("kadis1", "CHANGES_REQUESTED", wib(5, 14, 5))
    approval = world.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    world.pr.dismiss(send_back, by="staf1", at=wib(5, 14, 8))
    world.pr.dismiss(approval, by="admin1", at=wib(5, 14, 9))
    world.pr.mark_ready(wib(5, 13, 1), "staf1")
    snapshot = world.snapshot()
    assert [(r.login, r.state, r.dismissed_state) for r in snapshot.reviews] == [
        ("kadis1", "DISMISSED", "CHANGES_REQUESTED"), ("kabid1", "DISMISSED", "APPROVED")]
    assert [e.kind for e in snapshot.draft_events] == ["ready_for_review"]
    # the dismissal events are read from the PR's event pages, not fetched one by one
    assert world.fake.count("GET", "/repos/dinas/ppid/issues/12/events") == 1


@pytest.mark.parametrize("path", [PULLS, "/orgs/dinas/teams/ppid-pelaksana/memberships/staf1"])
def test_failing_to_read_the_gate_fails_closed(world: World, path: str) -> None:
    world.approve_chain()
    world.fake.fail(path, status=502, times=-1)
    with pytest.raises(GitHubUnavailable, match="Persetujuan TIDAK dianggap sah"):
        world.snapshot()


def test_an_outside_authors_pr_gets_one_comment_and_no_success(world: World) -> None:
    world.pr.issue.author = "warga"
    for index in range(2000):
        world.pr.add_file(f"content/pengumuman/2024/x-{index:04d}.md", "added")
    for _ in range(2):  # every edit of the PR runs the check again
        code = chain(repo=REPO, pr=12, now_text="2024-08-05T15:00:00+07:00", as_json=False, report=True, env={},
                     settings=world.settings, root=ROOT, out=StringIO(), err=StringIO())
        assert code == 1
    [comment] = world.repo.comments_on(12)
    assert "`author_not_in_team`: PR ini dibuat oleh @warga, yang bukan anggota tim PPID mana pun" in comment["body"]
    assert [s["state"] for s in world.repo.statuses[HEAD]] == ["failure", "failure"]
    # per run: the PR, five memberships, GET /user, one page of comments, one write (comment or none), the status
    assert world.fake.count() == (1 + 5 + 1 + 1 + 1 + 1) + (1 + 5 + 1 + 1 + 1)


def test_a_pr_opened_with_the_same_head_while_judging_turns_success_into_failure(world: World) -> None:
    """The other PR's own run may write failure before this run writes success: look again after writing."""
    world.approve_chain()
    listings = []

    def open_prs(request: Request, _match: re.Match[str]) -> Response:
        listings.append(request.path)
        if len(listings) == 2:  # opened after the snapshot read the list, before the check after writing
            world.repo.add_pull(13, author="staf2", created_at=wib(5, 15, 0), head_sha=HEAD).base_ref = "rilis"
        pulls = [p for p in world.repo.pulls.values() if p.is_open]
        return world.fake.paginate(request, [pull_json(world.fake, world.repo, p) for p in pulls])

    world.fake.route("GET", PULLS, open_prs)
    err = StringIO()
    code = chain(repo=REPO, pr=12, now_text="2024-08-05T15:00:00+07:00", as_json=False, report=True, env={},
                 settings=world.settings, root=ROOT, out=StringIO(), err=err)
    assert code == 1 and len(listings) == 2
    assert [s["state"] for s in world.repo.statuses[HEAD]] == ["failure", "success"]  # newest first
    assert "PR lain dengan commit yang sama dibuka selama pemeriksaan; hasil ditulis ulang:" in err.getvalue()
    [comment] = world.repo.comments_on(12)
    assert "`shared_head`: Commit c0ffee1 juga menjadi commit terakhir PR #13" in comment["body"]


def test_a_success_costs_one_more_look_at_the_open_prs(world: World) -> None:
    world.approve_chain()
    chain(repo=REPO, pr=12, now_text="2024-08-05T15:00:00+07:00", as_json=False, report=True, env={},
          settings=world.settings, root=ROOT, out=StringIO(), err=StringIO())
    assert world.fake.count("GET", PULLS) == 2
    assert [s["state"] for s in world.repo.statuses[HEAD]] == ["success"]
