"""One evaluation costs a bounded number of requests that grows only with pages, never per review or reviewer."""

from __future__ import annotations

import math

import pytest

from pipeline.core.chain.gate import GITHUB_FILES_LIMIT
from tests.chain.conftest import World
from tests.chain.snapshots import wib

PER_PAGE = 100


def add_reviews(world: World, count: int) -> None:
    """`count` reviews by `count` different people, the last three being the valid chain."""
    for index in range(count - 3):
        world.pr.review(f"warga{index}", "COMMENTED" if index % 2 else "APPROVED", wib(5, 13, 10))
    world.approve_chain()


def floor(world: World) -> int:
    """The least any client must ask: each single object once, each list once per page, and each changed
    announcement once (its `jenis` at the head commit is not in any list)."""
    open_pulls = sum(1 for p in world.repo.pulls.values() if p.is_open)
    pages = [len(world.pr.files), open_pulls, len(world.pr.reviews), len(world.pr.issue.events),
             len(world.issue.events), *(len(world.fake.teams[("dinas", slug)]["members"])
                                        for slug in ("ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas"))]
    announcements = sum(1 for f in world.pr.files
                        if f["filename"].startswith("content/pengumuman/") and f["status"] != "removed")
    # the PR, the author's membership of ppid-pelaksana (the first team asked) and the disposisi issue, plus one
    # read per changed announcement
    return 3 + announcements + sum(max(1, math.ceil(n / PER_PAGE)) for n in pages)


@pytest.mark.parametrize("reviews", [3, 100, 101, 300, 1000])
def test_requests_equal_the_page_floor(world: World, reviews: int) -> None:
    add_reviews(world, reviews)
    verdict = world.verdict()
    assert verdict.state == "approved"
    assert world.fake.count() == floor(world)
    assert world.fake.count("GET", "/repos/dinas/ppid/pulls/12/reviews") == math.ceil(reviews / PER_PAGE)


def test_300_reviews_cost_two_more_requests_than_3(world: World) -> None:
    add_reviews(world, 3)
    world.verdict()
    few = world.fake.count()
    world.fake.reset_log()
    world.pr.reviews.clear()
    add_reviews(world, 300)
    world.verdict()
    assert world.fake.count() - few == 2  # two more pages of reviews, nothing per reviewer


@pytest.mark.parametrize("announcements", [1, 3])
def test_each_changed_announcement_is_read_once(world: World, announcements: int) -> None:
    for index in range(1, announcements):
        world.pr.add_file(f"content/pengumuman/2024/lain-{index}.md", "modified")
    world.pr.add_file("content/pengumuman/2024/lama.md", "removed")  # nothing to read at the head commit
    world.pr.add_file("content/lampiran/2024/a.pdf", "added")  # not an announcement
    world.approve_chain()
    world.verdict()
    assert world.fake.count("GET", "/repos/dinas/ppid/contents/content/pengumuman/2024-08-05-jadwal-layanan.md") == 1
    assert sum(1 for r in world.fake.requests if "/contents/" in r.path) == announcements
    assert world.fake.count() == floor(world)  # the removed file is listed but never read


def test_large_teams_are_read_once_per_page(world: World) -> None:
    for index in range(250):
        world.join("ppid-kabid", f"kabidx{index}")
    world.verdict()
    assert world.fake.count("GET", "/orgs/dinas/teams/ppid-kabid/members") == 3
    assert world.fake.count("GET", "/orgs/dinas/teams/ppid-sekretaris/members") == 1


def budget(world: World) -> int:
    """What one evaluation may cost whatever files the PR holds: the PR, the author's membership of each of the
    five teams, 30 pages of files (GitHub lists 3,000), sop.yml's announcement limit, and one page each of the
    lists that do not grow with the files here (open PRs, reviews, PR events, disposisi events, three teams)
    plus the disposisi issue."""
    return 1 + 5 + GITHUB_FILES_LIMIT // PER_PAGE + world.sop.content.max_announcements_per_pr + 7 + 1


@pytest.mark.parametrize(("files", "announcements"), [(1, 1), (50, 10), (50, 50), (3001, 20), (3500, 600)])
def test_one_evaluation_stays_within_a_fixed_budget_whatever_the_pr_holds(world: World, files: int,
                                                                          announcements: int) -> None:
    world.approve_chain()
    for index in range(1, files):
        folder = "pengumuman" if index < announcements else "lampiran"
        world.pr.add_file(f"content/{folder}/2024/berkas-{index:04d}.md", "added")
    world.verdict()
    assert world.fake.count() <= budget(world)
    assert sum(1 for r in world.fake.requests if "/contents/" in r.path) <= world.sop.content.max_announcements_per_pr
