"""The one GitHub client every adapter is built from: PyGithub with bounded retries and pacing, and the
translation of its errors into PpidErrors whose messages name the command to run again.

Each command's adapter (the chain's `GitHubRepo`, `ArchiveGitHub`, `DeployGitHub`, `IssueDesk`, `SetupGitHub`)
holds a client made with its own command, so a failure during `ppid arsip` tells people to rerun `ppid arsip`,
never the chain's "Persetujuan TIDAK dianggap sah".

Errors: GitHub unreachable or failing after bounded retries -> GitHubUnavailable (exit 3, fail closed); a
rejected token or missing permission -> ConfigError (exit 2).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
from github import Auth, Github
from github.GithubException import BadCredentialsException, GithubException, RateLimitExceededException

from pipeline.core import permissions
from pipeline.core.chain.snapshot import TeamMembers
from pipeline.core.sop import Role
from pipeline.edges.github_retry import RetryWaitTooLong, make_retry
from pipeline.errors import ConfigError, GitHubUnavailable, UsageError

DEFAULT_API_URL = "https://api.github.com"
GHOST = "ghost"  # GitHub's stand-in for deleted accounts


@dataclass(frozen=True)
class GitHubSettings:
    """How to reach GitHub. Tests shrink the waits and inject `sleep`; production keeps the defaults."""

    token: str
    api_url: str = DEFAULT_API_URL
    # The token's own login when GET /user is refused (GitHub App and Actions tokens), e.g. "ppid-bot[bot]".
    bot_login: str | None = None
    timeout: int = 15
    retries: int = 4
    backoff_factor: float = 0.5
    backoff_max: float = 10.0
    max_wait: float = 60.0
    secondary_rate_wait: float = 60.0
    seconds_between_requests: float = 0.25
    seconds_between_writes: float = 1.0
    per_page: int = 100
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    clock: Callable[[], float] = field(default=time.time, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str], needs: str = permissions.CHAIN) -> GitHubSettings:
        """GITHUB_TOKEN (required), GITHUB_API_URL, PPID_BOT_LOGIN; `needs` says which token the command needs."""
        token = env.get("GITHUB_TOKEN", "").strip()
        if not token:
            raise ConfigError(f"GITHUB_TOKEN belum diisi; isi dengan {needs}")
        api_url = (env.get("GITHUB_API_URL") or DEFAULT_API_URL).strip().rstrip("/")
        if not api_url.startswith(("https://", "http://")):
            raise ConfigError(f"GITHUB_API_URL '{api_url}' bukan alamat http(s); kosongkan untuk "
                              f"{DEFAULT_API_URL} atau tulis alamat API GitHub Enterprise")
        return cls(token=token, api_url=api_url, bot_login=(env.get("PPID_BOT_LOGIN") or "").strip() or None)

    def retry(self) -> Any:
        """The bounded retry policy, for PyGithub and for downloads outside it."""
        return make_retry(retries=self.retries, backoff_factor=self.backoff_factor, backoff_max=self.backoff_max,
                          max_wait=self.max_wait, secondary_rate_wait=self.secondary_rate_wait, sleep=self.sleep,
                          clock=self.clock)


class Missing(Exception):
    """An expected 404 (or refusal) that an adapter turns into data; never reaches the CLI."""


@dataclass(frozen=True)
class Messages:
    """What an adapter's error messages tell people: the command to run again (after a read, after a write),
    what to say when a read failed, and the token permission the command needs."""

    command: str
    write_command: str | None = None  # when a write is rerun differently (`ppid setup --apply`)
    after_read: str | None = None  # default: "Jalankan ulang `command` nanti."
    needs: str | None = None

    def again(self, writing: bool) -> str:
        if writing:
            return (f"Penulisan tidak diulang karena mungkin sudah tersimpan; jalankan ulang "
                    f"`{self.write_command or self.command}`.")
        return self.after_read or f"Jalankan ulang `{self.command}` nanti."


def rate_limited(exc: GithubException) -> bool:
    headers = {str(k).lower(): v for k, v in (exc.headers or {}).items()}
    return (isinstance(exc, RateLimitExceededException) or exc.status == 429
            or (exc.status == 403 and (headers.get("x-ratelimit-remaining") == "0" or "retry-after" in headers)))


def _message(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    return str(data.get("message") or exc.message or "").strip()


def login_of(user: Any) -> str:
    """A user object's login; GHOST for a deleted account."""
    return str(user.login) if user is not None else GHOST


def as_utc(moment: datetime | None) -> datetime | None:
    """PyGithub's timestamps as aware UTC datetimes."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def required_time(moment: datetime | None, what: str) -> datetime:
    """A timestamp GitHub always sends; its absence means a malformed answer, not our bug."""
    if moment is None:
        raise GitHubUnavailable(f"jawaban GitHub tidak lengkap: {what} tanpa waktu; jalankan ulang nanti")
    return as_utc(moment) or moment


class GitHubClient:
    """One repository on GitHub through PyGithub, with one adapter's messages."""

    def __init__(self, settings: GitHubSettings, full_name: str, messages: Messages) -> None:
        owner, _, name = full_name.partition("/")
        if not owner or not name or "/" in name:
            raise UsageError(f"--repo '{full_name}' harus berbentuk PEMILIK/NAMA, misalnya diskominfo-kalbar/ppid")
        self.settings = settings
        self.full_name = full_name
        self.owner = owner
        self.messages = messages
        self.gh = Github(base_url=settings.api_url, auth=Auth.Token(settings.token), retry=settings.retry(),
                         timeout=settings.timeout, per_page=settings.per_page, lazy=True,
                         seconds_between_requests=settings.seconds_between_requests,
                         seconds_between_writes=settings.seconds_between_writes)
        self.repo = self.gh.get_repo(full_name)

    def close(self) -> None:
        self.gh.close()

    @contextmanager
    def calling(self, what: str, *, writing: bool = False,
                not_found: Callable[[], Exception] | None = None) -> Iterator[None]:
        """Turn PyGithub and HTTP errors while doing `what` into PpidErrors that say what to do next; a 404 raises
        `not_found()` when given (a PpidError for the user, or `Missing` for the adapter to turn into data)."""
        again = self.messages.again(writing)
        try:
            yield
        except RetryWaitTooLong as exc:
            raise GitHubUnavailable(f"batas laju (rate limit) GitHub tercapai saat {what}: GitHub meminta menunggu "
                                    f"{exc.wait:.0f} detik, lebih lama dari yang diizinkan. {again}") from None
        except BadCredentialsException:
            raise ConfigError("GITHUB_TOKEN ditolak GitHub (401 Bad credentials); periksa token atau buat token "
                              "baru") from None
        except GithubException as exc:
            if exc.status == 404 and not_found is not None:
                raise not_found() from None
            if rate_limited(exc):
                raise GitHubUnavailable(f"batas laju (rate limit) GitHub tercapai saat {what}. {again}") from None
            if exc.status in (401, 403, 404):
                action = "menulis" if writing else "membaca"
                needs = self.messages.needs
                fix = f"perintah ini memerlukan {needs}" if needs else (
                    "beri token izin yang diperlukan (lihat dokumentasi GitHub App PPID)")
                raise ConfigError(f"token tidak punya izin {action} saat {what} (HTTP {exc.status}: "
                                  f"{_message(exc)}); {fix}") from None
            raise GitHubUnavailable(f"GitHub menjawab HTTP {exc.status} saat {what} setelah beberapa percobaan "
                                    f"({_message(exc) or 'tanpa pesan'}). {again}") from None
        except requests.RequestException as exc:
            raise GitHubUnavailable(f"tidak dapat terhubung ke GitHub saat {what} ({type(exc).__name__}). "
                                    f"{again}") from None

    def request_json(self, method: str, path: str, *,
                     parameters: dict[str, Any] | None = None, payload: Any = None,
                     headers: dict[str, str] | None = None) -> tuple[dict[str, Any], Any]:
        """One REST call (inside `calling`): the response headers and the decoded JSON."""
        response_headers, data = self.gh.requester.requestJsonAndCheck(method, path, parameters=parameters,
                                                                       input=payload, headers=headers)
        return response_headers, data

    def team(self, role: Role, slug: str) -> TeamMembers:
        """The members of the team standing in for `role` (all pages)."""
        missing = lambda: ConfigError(  # noqa: E731
            f"tim '{slug}' (peran {role}) tidak ditemukan di organisasi {self.owner}, atau token tidak punya izin "
            "Members: read; buat timnya atau perbaiki sop.yml roles, dan beri token izin membaca anggota tim")
        with self.calling(f"membaca anggota tim {slug}", not_found=missing):
            team = self.gh.get_organization(self.owner).get_team_by_slug(slug)
            members = frozenset(login_of(u) for u in team.get_members())
        return TeamMembers(role, slug, members)
