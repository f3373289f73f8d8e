"""The adapter under faults: bounded retries with backoff on 5xx, timeouts and rate limits; fail closed."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from pipeline.core.chain.render import MARKER
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import ConfigError, GitHubUnavailable, UsageError
from tests.chain.conftest import World, fetch_snapshot
from tests.chain.snapshots import REPO

PR = "/repos/dinas/ppid/pulls/12"
REVIEWS = f"{PR}/reviews"
COMMENTS = "/repos/dinas/ppid/issues/12/comments"


def test_5xx_is_retried_with_backoff_then_succeeds(world: World) -> None:
    world.approve_chain()
    world.fake.fail(REVIEWS, status=502, times=2)
    assert world.verdict().state == "approved"
    assert world.fake.count("GET", REVIEWS) == 3
    assert world.sleeps == [1.0]  # urllib3: the first retry is immediate, then backoff_factor * 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_persistent_5xx_fails_closed_after_bounded_attempts(world: World, status: int) -> None:
    world.approve_chain()
    world.fake.fail(REVIEWS, status=status, times=-1)
    with pytest.raises(GitHubUnavailable, match=f"HTTP {status} saat membaca ulasan PR #12") as caught:
        world.verdict()
    assert "Persetujuan TIDAK dianggap sah" in str(caught.value)
    assert caught.value.exit_code == 3
    assert world.fake.count("GET", REVIEWS) == world.settings.retries + 1


def test_primary_rate_limit_waits_until_reset(world: World) -> None:
    world.fake.rate_limit(PR, reset_in=30)
    assert world.verdict().state == "waiting"
    assert world.fake.count("GET", PR) == 2
    assert len(world.sleeps) == 1 and 29 <= world.sleeps[0] <= 32  # X-RateLimit-Reset + 1 s


def test_secondary_rate_limit_honours_retry_after(world: World) -> None:
    world.fake.rate_limit("/orgs/dinas/teams/ppid-kabid/members", retry_after=7)
    world.verdict()
    assert world.sleeps == [7.0]


def test_429_with_retry_after_is_retried(world: World) -> None:
    world.fake.fail(f"{PR}/files", status=429, headers={"Retry-After": "3"},
                    body={"message": "Too many requests"})
    world.verdict()
    assert world.sleeps == [3.0]
    assert world.fake.count("GET", f"{PR}/files") == 2


def test_rate_limit_reset_too_far_away_fails_closed_without_waiting(world: World) -> None:
    world.fake.rate_limit(PR, reset_in=3600, times=-1)
    with pytest.raises(GitHubUnavailable, match="rate limit"):
        world.verdict()
    assert world.sleeps == []
    assert world.fake.count("GET", PR) == 1


def test_forbidden_is_a_permission_problem_not_retried(world: World) -> None:
    world.fake.fail("/orgs/dinas/teams/ppid-kabid/members", status=403,
                    body={"message": "Resource not accessible by integration"})
    with pytest.raises(ConfigError, match="token tidak punya izin membaca saat membaca anggota tim ppid-kabid"):
        world.verdict()
    assert world.fake.count("GET", "/orgs/dinas/teams/ppid-kabid/members") == 1


def test_slow_answer_times_out_and_is_retried(world: World) -> None:
    world.fake.delay(f"{PR}/files", seconds=1.6)
    world.approve_chain()
    assert world.verdict().state == "approved"
    assert world.fake.count("GET", f"{PR}/files") == 2


def test_connection_refused_fails_closed(world: World, sleeps: list[float]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = replace(world.settings, api_url=f"http://127.0.0.1:{port}")
    with pytest.raises(GitHubUnavailable, match="tidak dapat terhubung ke GitHub saat membaca PR #12"):
        fetch_snapshot(settings, REPO, 12, world.sop)
    assert len(sleeps) == settings.retries - 1  # backoff between the bounded attempts (first retry immediate)


def test_bad_token_is_a_configuration_error(world: World) -> None:
    settings = replace(world.settings, token="wrong")
    with pytest.raises(ConfigError, match="GITHUB_TOKEN ditolak"):
        fetch_snapshot(settings, REPO, 12, world.sop)


def test_unknown_pr_is_a_usage_error(world: World) -> None:
    with pytest.raises(UsageError, match="PR #99 tidak ditemukan di dinas/ppid"):
        fetch_snapshot(world.settings, REPO, 99, world.sop)


def test_missing_team_is_a_configuration_error(world: World) -> None:
    del world.fake.teams[("dinas", "ppid-sekretaris")]
    with pytest.raises(ConfigError, match=r"tim 'ppid-sekretaris' .* tidak ditemukan di organisasi dinas"):
        world.verdict()


def _client(world: World) -> GitHubRepo:
    return GitHubRepo(world.settings, REPO)


def test_a_write_that_may_have_gone_through_is_not_retried(world: World) -> None:
    world.fake.fail(COMMENTS, method="POST", status=502)
    with pytest.raises(GitHubUnavailable, match="Penulisan tidak diulang"):
        _client(world).upsert_comment(12, f"{MARKER}\nisi")
    assert world.fake.count("POST", COMMENTS) == 1


def test_a_timed_out_write_is_not_retried(world: World) -> None:
    world.fake.delay(COMMENTS, seconds=1.6, method="POST")
    with pytest.raises(GitHubUnavailable):
        _client(world).upsert_comment(12, f"{MARKER}\nisi")
    assert world.fake.count("POST", COMMENTS) == 1


def test_an_edit_that_may_have_gone_through_is_not_retried(world: World) -> None:
    world.pr.issue.comment(world.fake.login, f"{MARKER}\nlama")
    world.fake.fail(r"/repos/dinas/ppid/issues/comments/\d+", method="PATCH", status=500)
    with pytest.raises(GitHubUnavailable):
        _client(world).upsert_comment(12, f"{MARKER}\nbaru")
    assert world.fake.count("PATCH") == 1


def test_a_rate_limited_write_was_refused_so_it_is_retried_once(world: World) -> None:
    world.fake.rate_limit(COMMENTS, method="POST", retry_after=2)
    written = _client(world).upsert_comment(12, f"{MARKER}\nisi")
    assert written.action == "created"
    assert world.fake.count("POST", COMMENTS) == 2
    assert len(world.repo.comments_on(12)) == 1
    assert world.sleeps == [2.0]


def test_a_failed_status_write_is_not_retried(world: World) -> None:
    world.fake.fail(r"/repos/dinas/ppid/statuses/\w+", method="POST", status=503)
    with pytest.raises(GitHubUnavailable, match="menulis status ppid/persetujuan"):
        _client(world).set_status(world.pr.head_sha, "pending", "Menunggu", "ppid/persetujuan")
    assert world.fake.count("POST") == 1


def test_settings_from_environment() -> None:
    with pytest.raises(ConfigError, match="GITHUB_TOKEN belum diisi"):
        GitHubSettings.from_env({})
    with pytest.raises(ConfigError, match="GITHUB_API_URL 'ftp://x'"):
        GitHubSettings.from_env({"GITHUB_TOKEN": "t", "GITHUB_API_URL": "ftp://x"})
    settings = GitHubSettings.from_env({"GITHUB_TOKEN": " t ", "GITHUB_API_URL": "https://ghe.example/api/v3/"})
    assert (settings.token, settings.api_url, settings.bot_login) == ("t", "https://ghe.example/api/v3", None)
    assert GitHubSettings.from_env({"GITHUB_TOKEN": "t"}).api_url == "https://api.github.com"


@pytest.mark.parametrize("name", ["dinas", "dinas/ppid/x", "/ppid", "dinas/"])
def test_repo_must_be_owner_slash_name(world: World, name: str) -> None:
    with pytest.raises(UsageError, match="PEMILIK/NAMA"):
        GitHubRepo(world.settings, name)
