"""The fake GitHub itself, over plain HTTP: pagination, headers, auth, faults, writes and extension points.

Others reuse tests/fakegithub.py, so its GitHub-like behaviour is pinned here.
"""

from __future__ import annotations

import re
import time

import pytest
import requests
from werkzeug import Request

from tests.chain.snapshots import WIB, wib
from tests.fakegithub import FakeGitHub, iso


@pytest.fixture
def api(fake: FakeGitHub) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"token {fake.token}"
    return session


@pytest.fixture
def pr_with_reviews(fake: FakeGitHub) -> FakeGitHub:
    repo = fake.add_repo("dinas/ppid")
    pull = repo.add_pull(12, author="staf1", created_at=wib(5, 13, 0), files=[("content/a.md", "added")])
    for index in range(250):
        pull.review(f"u{index}", "COMMENTED", wib(5, 13, 30))
    return fake


def test_link_header_pagination_like_github(pr_with_reviews: FakeGitHub, api: requests.Session) -> None:
    base = pr_with_reviews.base_url
    first = api.get(f"{base}/repos/dinas/ppid/pulls/12/reviews", params={"per_page": 100})
    assert len(first.json()) == 100
    assert first.headers["Link"] == (
        f'<{base}/repos/dinas/ppid/pulls/12/reviews?per_page=100&page=2>; rel="next", '
        f'<{base}/repos/dinas/ppid/pulls/12/reviews?per_page=100&page=3>; rel="last"')
    middle = api.get(first.links["next"]["url"])
    assert set(middle.links) == {"prev", "next", "last", "first"}
    last = api.get(middle.links["next"]["url"])
    assert len(last.json()) == 50 and set(last.links) == {"prev", "first"}
    default = api.get(f"{base}/repos/dinas/ppid/pulls/12/reviews")
    assert len(default.json()) == 30  # GitHub's default page size
    capped = api.get(f"{base}/repos/dinas/ppid/pulls/12/reviews", params={"per_page": 1000})
    assert len(capped.json()) == 100  # and its maximum


def test_every_answer_carries_rate_limit_headers(pr_with_reviews: FakeGitHub, api: requests.Session) -> None:
    one = api.get(f"{pr_with_reviews.base_url}/repos/dinas/ppid/pulls/12")
    two = api.get(f"{pr_with_reviews.base_url}/repos/dinas/ppid/pulls/12")
    assert one.headers["X-RateLimit-Limit"] == "5000"
    assert int(two.headers["X-RateLimit-Remaining"]) == int(one.headers["X-RateLimit-Remaining"]) - 1
    assert int(one.headers["X-RateLimit-Reset"]) > time.time()
    assert one.json()["head"]["sha"] == "a" * 40 and one.json()["draft"] is False


def test_token_is_checked(pr_with_reviews: FakeGitHub) -> None:
    answer = requests.get(f"{pr_with_reviews.base_url}/repos/dinas/ppid/pulls/12",
                          headers={"Authorization": "token nope"})
    assert (answer.status_code, answer.json()["message"]) == (401, "Bad credentials")


def test_unknown_paths_are_github_404s(fake: FakeGitHub, api: requests.Session) -> None:
    answer = api.get(f"{fake.base_url}/repos/x/y/pulls/1")
    assert (answer.status_code, answer.json()["message"]) == (404, "Not Found")


def test_faults_count_down_and_are_recorded(pr_with_reviews: FakeGitHub, api: requests.Session) -> None:
    fake = pr_with_reviews
    fake.fail("/repos/dinas/ppid/pulls/12", status=503, times=1)
    fake.rate_limit("/repos/dinas/ppid/pulls/12/files", reset_in=42)
    url = f"{fake.base_url}/repos/dinas/ppid/pulls/12"
    assert api.get(url).status_code == 503
    assert api.get(url).status_code == 200
    limited = api.get(f"{url}/files")
    assert limited.status_code == 403
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert limited.json()["message"].startswith("API rate limit exceeded")
    assert [r.status for r in fake.requests] == [503, 200, 403]
    assert fake.count("GET", "/repos/dinas/ppid/pulls/12") == 2


def test_comments_statuses_and_commit_pulls(fake: FakeGitHub, api: requests.Session) -> None:
    repo = fake.add_repo("dinas/ppid")
    repo.add_pull(12, author="staf1", created_at=wib(5, 13, 0), head_sha="b" * 40)
    repo.commit_pulls["d" * 40] = [12]
    base = f"{fake.base_url}/repos/dinas/ppid"
    made = api.post(f"{base}/issues/12/comments", json={"body": "halo"})
    assert made.status_code == 201 and made.json()["user"]["login"] == fake.login
    edited = api.patch(made.json()["url"], json={"body": "halo lagi"})
    assert edited.json()["body"] == "halo lagi"
    assert api.delete(made.json()["url"]).status_code == 204
    assert api.get(f"{base}/issues/12/comments").json() == []
    too_long = api.post(f"{base}/statuses/{'b' * 40}", json={"state": "success", "description": "x" * 141})
    assert too_long.status_code == 422
    ok = api.post(f"{base}/statuses/{'b' * 40}", json={"state": "success", "context": "ppid/persetujuan"})
    assert ok.status_code == 201
    assert api.get(f"{base}/commits/{'b' * 40}/status").json()["state"] == "success"
    assert [p["number"] for p in api.get(f"{base}/commits/{'d' * 40}/pulls").json()] == [12]


def test_extension_points(fake: FakeGitHub, api: requests.Session) -> None:
    fake.set_json("GET", "/repos/dinas/ppid/rulesets", [{"id": i, "name": f"r{i}"} for i in range(3)], paginate=True)

    def echo(request: Request, match: re.Match[str]) -> tuple[int, dict[str, str]]:
        return 200, {"branch": match["branch"], "method": request.method}

    fake.route("GET", r"/repos/dinas/ppid/rules/branches/(?P<branch>[^/]+)", echo)
    assert [r["id"] for r in api.get(f"{fake.base_url}/repos/dinas/ppid/rulesets", params={"per_page": 2}).json()] \
        == [0, 1]
    assert api.get(f"{fake.base_url}/repos/dinas/ppid/rules/branches/main").json() == {"branch": "main",
                                                                                         "method": "GET"}


def test_teams_and_timestamps(fake: FakeGitHub, api: requests.Session) -> None:
    fake.add_team("dinas", "ppid-kabid", ["kabid1"])
    assert [u["login"] for u in api.get(f"{fake.base_url}/orgs/dinas/teams/ppid-kabid/members").json()] == ["kabid1"]
    assert api.get(f"{fake.base_url}/orgs/dinas/teams/ppid-kabid/memberships/kabid1").json()["state"] == "active"
    assert api.get(f"{fake.base_url}/orgs/dinas/teams/ppid-kabid/memberships/x").status_code == 404
    assert iso(wib(5, 8, 0)) == "2024-08-05T01:00:00Z"
    assert WIB.key == "Asia/Pontianak"
