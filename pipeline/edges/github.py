"""The GitHub adapter (PyGithub): a frozen PR snapshot in a bounded number of requests; status and one comment.

One snapshot costs, with 100 items per page: the PR (1); the author's team memberships (1 per PPID team until
the first hit, at most 5); its files (at most 30 pages: GitHub lists 3,000), the repository's open PRs, its
reviews and issue events (all pages each); for announcements the disposisi issue (1) and its events (all
pages), and each added or changed announcement file at the head commit (1 per file, to read its `jenis` and `nomor`
as data; none above sop.yml's `content.max_announcements_per_pr`) and, when an approval was given on an older
commit, at the newest such commit (1 more per file, to name a changed `nomor`); the members of each needed team
(all pages, once per team). Nothing is fetched per review or per reviewer, so the count grows only with pages. A
PR the gate refuses (outside author, other base, files GitHub did not list) stops reading early.
Objects are lazy and only attributes present in GitHub's documented list payloads are read, so PyGithub never
completes an object behind our back.

Errors become PpidErrors: GitHub unreachable or failing after bounded retries -> GitHubUnavailable (exit 3,
fail closed); a rejected token or missing permission -> ConfigError (exit 2); an unknown PR -> UsageError.
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal, cast
from urllib.parse import quote

import requests
from github import Auth, Github
from github.GithubException import BadCredentialsException, GithubException, RateLimitExceededException

from pipeline.core import permissions
from pipeline.core.chain.changes import classify_changes
from pipeline.core.chain.gate import announcement_limit_exceeded, files_truncated, refused_before_files
from pipeline.core.chain.render import MARKER
from pipeline.core.chain.snapshot import (
    AnnouncementHead,
    Assignment,
    ChangedFile,
    DisposisiIssue,
    DraftEvent,
    DraftEventKind,
    OpenPull,
    PrSnapshot,
    Review,
    TeamMembers,
    disposisi_number,
)
from pipeline.core.chain.urgency import announcement_paths, jenis_of
from pipeline.core.chain.verdict import CHAIN_ROLES
from pipeline.core.scaffold import nomor_values
from pipeline.core.sop import ROLE_NAMES, Role, Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.github_retry import RetryWaitTooLong, make_retry
from pipeline.errors import ConfigError, GitHubUnavailable, PpidError, UsageError

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


def _rate_limited(exc: GithubException) -> bool:
    headers = {str(k).lower(): v for k, v in (exc.headers or {}).items()}
    return (isinstance(exc, RateLimitExceededException) or exc.status == 429
            or (exc.status == 403 and (headers.get("x-ratelimit-remaining") == "0" or "retry-after" in headers)))


def _message(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    return str(data.get("message") or exc.message or "").strip()


@contextmanager
def _github(what: str, *, writing: bool = False, not_found: Callable[[], PpidError] | None = None,
            command: str = "ppid chain --report", needs: str | None = None) -> Iterator[None]:
    """Turn PyGithub and HTTP errors while doing `what` into PpidErrors that say what to do (rerun `command`)."""
    if writing:
        again = f"Penulisan tidak diulang karena mungkin sudah tersimpan; jalankan ulang `{command}`."
    elif command.startswith("ppid chain"):
        again = "Persetujuan TIDAK dianggap sah; jalankan ulang pemeriksaan nanti."
    else:
        again = f"Jalankan ulang `{command}` nanti."
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
        if _rate_limited(exc):
            raise GitHubUnavailable(f"batas laju (rate limit) GitHub tercapai saat {what}. {again}") from None
        if exc.status in (401, 403, 404):
            action = "menulis" if writing else "membaca"
            fix = f"perintah ini memerlukan {needs}" if needs else (
                "beri token izin yang diperlukan (lihat dokumentasi GitHub App PPID)")
            raise ConfigError(f"token tidak punya izin {action} saat {what} (HTTP {exc.status}: {_message(exc)}); "
                              f"{fix}") from None
        raise GitHubUnavailable(f"GitHub menjawab HTTP {exc.status} saat {what} setelah beberapa percobaan "
                                f"({_message(exc) or 'tanpa pesan'}). {again}") from None
    except requests.RequestException as exc:
        raise GitHubUnavailable(f"tidak dapat terhubung ke GitHub saat {what} ({type(exc).__name__}). "
                                f"{again}") from None


def _dismissed_states(dismissals: Iterable[Any]) -> dict[int, str]:
    """review id -> its state before it was dismissed ("CHANGES_REQUESTED"), from `review_dismissed` events."""
    out: dict[int, str] = {}
    for item in dismissals:
        if isinstance(item, dict) and isinstance(item.get("review_id"), int) and isinstance(item.get("state"), str):
            out[item["review_id"]] = item["state"].upper()
    return out


def _login(user: Any) -> str:
    return str(user.login) if user is not None else GHOST


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _at(moment: datetime | None, what: str) -> datetime:
    """A timestamp GitHub always sends; its absence means a malformed answer, not our bug."""
    if moment is None:
        raise GitHubUnavailable(f"jawaban GitHub tidak lengkap: {what} tanpa waktu; jalankan ulang nanti")
    return _utc(moment) or moment


@dataclass(frozen=True)
class CommentWrite:
    """What upserting the PR comment did."""

    action: Literal["created", "updated", "unchanged"]
    comment_id: int
    html_url: str
    deleted_duplicates: int = 0


class GitHubRepo:
    """One repository on GitHub, read and written through PyGithub."""

    # The command error messages tell people to run again (subclasses serving other commands change it).
    command = "ppid chain --report"

    def __init__(self, settings: GitHubSettings, full_name: str) -> None:
        owner, _, name = full_name.partition("/")
        if not owner or not name or "/" in name:
            raise UsageError(f"--repo '{full_name}' harus berbentuk PEMILIK/NAMA, misalnya diskominfo-kalbar/ppid")
        self.settings = settings
        self.full_name = full_name
        self.owner = owner
        retry = make_retry(retries=settings.retries, backoff_factor=settings.backoff_factor,
                           backoff_max=settings.backoff_max, max_wait=settings.max_wait,
                           secondary_rate_wait=settings.secondary_rate_wait, sleep=settings.sleep,
                           clock=settings.clock)
        self._gh = Github(base_url=settings.api_url, auth=Auth.Token(settings.token), retry=retry,
                          timeout=settings.timeout, per_page=settings.per_page, lazy=True,
                          seconds_between_requests=settings.seconds_between_requests,
                          seconds_between_writes=settings.seconds_between_writes)
        self._repo = self._gh.get_repo(full_name)
        self._open_pulls: tuple[OpenPull, ...] | None = None

    def close(self) -> None:
        self._gh.close()

    # -- reading -----------------------------------------------------------------------------------------

    def fetch_snapshot(self, number: int, sop: Sop) -> PrSnapshot:
        """Everything the chain evaluator needs about PR `number`, each kind of data fetched once.

        Reading stops early where the gate (pipeline.core.chain.gate) will refuse to judge the PR anyway: after the
        PR and its author's team memberships when the author is in no PPID team or the base is not the default
        branch, and after the files list when GitHub did not list every file.
        """
        pr_missing = lambda: UsageError(  # noqa: E731
            f"PR #{number} tidak ditemukan di {self.full_name} (atau token tidak boleh membacanya); periksa "
            "--repo dan --pr")
        with _github(f"membaca PR #{number}", not_found=pr_missing):
            pr = self._repo.get_pull(number)
            author, head_sha, draft, body = _login(pr.user), str(pr.head.sha), bool(pr.draft), pr.body or ""
            created_at, merged_at, html_url = _at(pr.created_at, "PR"), _utc(pr.merged_at), pr.html_url or ""
            labels = tuple(str(label.name) for label in pr.labels)
            base_ref, default_branch = str(pr.base.ref), str(pr.base.repo.default_branch)
            changed_files = int(pr.changed_files) if pr.changed_files is not None else None
        base = PrSnapshot(repo=self.full_name, number=number, author=author, head_sha=head_sha, draft=draft,
                          created_at=created_at, body=body, files=(), reviews=(), teams=(), merged_at=merged_at,
                          html_url=html_url, org=self.owner, labels=labels, base_ref=base_ref,
                          default_branch=default_branch, changed_files=changed_files,
                          author_in_team=self.in_any_team(author, sop))
        if refused_before_files(base):
            return base
        with _github(f"membaca daftar berkas PR #{number}"):
            files = tuple(ChangedFile(f.filename, f.status, f.previous_filename) for f in pr.get_files())
        if files_truncated(changed_files, len(files)):
            return replace(base, files=files)
        # A merged PR's verdict is for the archive: the shared-head rule guarded the status before the merge.
        open_pulls = self.open_pulls() if merged_at is None else ()
        with _github(f"membaca riwayat PR #{number}"):
            # `dismissed_review` is read only where GitHub sends it: a missing attribute makes PyGithub fetch more.
            events = [(e.event, e.created_at, e.dismissed_review if e.event == "review_dismissed" else None)
                      for e in pr.get_issue_events()
                      if e.event in ("ready_for_review", "convert_to_draft", "review_dismissed")]
        draft_events = tuple(DraftEvent(cast(DraftEventKind, kind), _at(at, "peristiwa PR"))
                             for kind, at, _ in events if kind != "review_dismissed")
        dismissed = _dismissed_states(dismissal for kind, _, dismissal in events if kind == "review_dismissed")
        with _github(f"membaca ulasan PR #{number}"):
            reviews = tuple(Review(r.id, _login(r.user), r.state, _utc(r.submitted_at), r.commit_id or "",
                                   r.html_url or "", dismissed.get(r.id) if r.state == "DISMISSED" else None)
                            for r in pr.get_reviews())
        kind = classify_changes(files, sop.content).kind
        by_kind: dict[str, tuple[Role, ...]] = {"maintenance": ("admin",), "evidence": ("kabid",)}
        roles = by_kind.get(kind, CHAIN_ROLES)
        disposisi = None
        announcements: tuple[AnnouncementHead, ...] = ()
        if kind in ("announcement", "mixed"):
            wanted = disposisi_number(body)
            disposisi = self._disposisi(wanted) if wanted is not None else None
            paths = announcement_paths(files, sop)
            # Over the limit none is read: the gate blocks the PR, and one evaluation keeps a fixed budget.
            if not announcement_limit_exceeded(len(paths), sop):
                announcements = self._announcement_heads(paths, head_sha, reviews, sop)
        teams = tuple(self._team(role, sop.team(role)) for role in roles)
        return replace(base, files=files, reviews=reviews, teams=teams, draft_events=draft_events,
                       disposisi=disposisi, announcements=announcements, open_pulls=open_pulls)

    def _announcement_heads(self, paths: Iterable[str], head_sha: str, reviews: Iterable[Review],
                            sop: Sop) -> tuple[AnnouncementHead, ...]:
        """Each announcement at the head commit and, when an approval was given on an older commit, at the newest
        such commit (so a changed `nomor` can be named)."""
        stale = [r for r in reviews if r.state == "APPROVED" and r.commit_id and r.commit_id != head_sha
                 and r.submitted_at is not None]
        approved = max(stale, key=lambda r: (r.submitted_at, r.id)).commit_id if stale else ""
        out = []
        for path in paths:
            data = self.file_at(path, head_sha)
            before = _nomor(path, self.file_at(path, approved), sop) if approved else None
            out.append(AnnouncementHead(path, jenis_of(path, data), data, nomor=_nomor(path, data, sop),
                                        approved_nomor=before, approved_commit=approved))
        return tuple(out)

    def in_any_team(self, login: str, sop: Sop) -> bool:
        """Whether `login` is an active member of any PPID team (one request per team, stopping at the first)."""
        if login == GHOST:
            return False
        gone = _NotFound()
        for role in ROLE_NAMES:
            slug = sop.team(role)
            try:
                with _github(f"membaca keanggotaan @{login} di tim {slug}", not_found=lambda: gone,
                             command=self.command):
                    _headers, data = self._gh.requester.requestJsonAndCheck(
                        "GET", f"/orgs/{quote(self.owner)}/teams/{quote(slug)}/memberships/{quote(login)}")
            except _NotFound:
                continue
            if isinstance(data, dict) and data.get("state") == "active":
                return True
        return False

    def open_pulls(self, *, refresh: bool = False) -> tuple[OpenPull, ...]:
        """Every open PR of the repository (all pages), read once per client unless `refresh`."""
        if self._open_pulls is None or refresh:
            with _github("membaca daftar PR terbuka", command=self.command):
                self._open_pulls = tuple(OpenPull(p.number, str(p.base.ref), str(p.head.sha), p.html_url or "")
                                         for p in self._repo.get_pulls(state="open"))
        return self._open_pulls

    def file_at(self, path: str, ref: str) -> bytes | None:
        """A file's bytes at commit `ref` (contents API, read as data), or None when it is not there or too big
        for the API to inline (over 1 MB, which `ppid check` refuses anyway)."""
        gone = _NotFound()
        try:
            with _github(f"membaca berkas {path} pada commit {ref[:7]}", not_found=lambda: gone,
                         command=self.command):
                _headers, data = self._gh.requester.requestJsonAndCheck(
                    "GET", f"/repos/{self.full_name}/contents/{quote(path)}", parameters={"ref": ref})
        except _NotFound:
            return None
        if not isinstance(data, dict) or data.get("type") != "file" or data.get("encoding") != "base64":
            return None
        try:
            return base64.b64decode(str(data.get("content") or ""), validate=False)
        except binascii.Error:
            return None

    def _disposisi(self, number: int) -> DisposisiIssue | None:
        """The named issue and its assignments; None when it does not exist (the evaluator explains)."""
        gone = _NotFound()
        try:
            with _github(f"membaca issue disposisi #{number}", not_found=lambda: gone):
                issue = self._repo.get_issue(number)
                created_at = _at(issue.created_at, "issue disposisi")
                is_pr = issue.pull_request is not None
                html_url = issue.html_url or ""
            with _github(f"membaca riwayat issue disposisi #{number}"):
                assignments = tuple(
                    Assignment(_login(e.assignee), _login(e.assigner if e.assigner is not None else e.actor),
                               _at(e.created_at, "penugasan issue"))
                    for e in issue.get_events() if e.event == "assigned")
        except _NotFound:
            return None
        return DisposisiIssue(number, created_at, assignments, is_pr, html_url)

    def _team(self, role: Role, slug: str) -> TeamMembers:
        missing = lambda: ConfigError(  # noqa: E731
            f"tim '{slug}' (peran {role}) tidak ditemukan di organisasi {self.owner}, atau token tidak punya izin "
            "Members: read; buat timnya atau perbaiki sop.yml roles, dan beri token izin membaca anggota tim")
        with _github(f"membaca anggota tim {slug}", not_found=missing, command=self.command):
            team = self._gh.get_organization(self.owner).get_team_by_slug(slug)
            members = frozenset(_login(u) for u in team.get_members())
        return TeamMembers(role, slug, members)

    def own_login(self) -> str:
        """The token's own account (GET /user), or settings.bot_login when GitHub refuses that for the token."""
        refused = _NotFound()
        try:
            with _github("membaca akun token (GET /user)", not_found=lambda: refused, command=self.command):
                try:
                    return str(self._gh.get_user().login)
                except GithubException as exc:
                    if exc.status == 403 and not _rate_limited(exc):
                        raise refused from None
                    raise
        except _NotFound:
            if self.settings.bot_login:
                return self.settings.bot_login
            raise ConfigError("GitHub tidak memberi tahu akun pemilik token (GET /user ditolak, biasa untuk token "
                              "GitHub App/Actions); isi PPID_BOT_LOGIN dengan login akun itu, misalnya "
                              "nama-app[bot]") from None

    # -- writing -----------------------------------------------------------------------------------------

    def upsert_comment(self, number: int, body: str, marker: str = MARKER, *, what: str = "PR") -> CommentWrite:
        """Keep exactly one comment of ours (marker + our login) on PR (or issue) `number`, edited in place."""
        me = self.own_login().lower()
        issue = self._repo.get_issue(number)
        with _github(f"membaca komentar {what} #{number}", command=self.command):
            ours = [c for c in issue.get_comments()
                    if marker in (c.body or "") and _login(c.user).lower() == me]
        if not ours:
            with _github(f"menulis komentar di {what} #{number}", writing=True, command=self.command):
                made = issue.create_comment(body)
            return CommentWrite("created", made.id, made.html_url or "")
        keep, extra = ours[0], ours[1:]
        action: Literal["updated", "unchanged"] = "unchanged"
        with _github(f"memperbarui komentar di {what} #{number}", writing=True, command=self.command):
            if keep.body != body:
                keep.edit(body)
                action = "updated"
        with _github(f"menghapus komentar ganda di {what} #{number}", writing=True, command=self.command):
            for duplicate in extra:
                duplicate.delete()
        return CommentWrite(action, keep.id, keep.html_url or "", len(extra))

    def ensure_label(self, name: str, color: str, description: str) -> bool:
        """Create repository label `name` when it is missing; True when created."""
        path = f"/repos/{self.full_name}/labels"
        missing = _NotFound()
        try:
            with _github(f"membaca label {name}", not_found=lambda: missing, command=self.command):
                self._gh.requester.requestJsonAndCheck("GET", f"{path}/{quote(name, safe='')}")
            return False
        except _NotFound:
            pass
        with _github(f"membuat label {name}", writing=True, command=self.command):
            try:
                self._gh.requester.requestJsonAndCheck("POST", path, input={"name": name, "color": color,
                                                                            "description": description})
            except GithubException as exc:
                if exc.status == 422:  # created meanwhile by another run: what we wanted
                    return False
                raise
        return True

    def add_labels(self, number: int, names: list[str]) -> None:
        """Add labels to issue or PR `number` (labels it already has stay)."""
        with _github(f"memberi label pada #{number}", writing=True):
            self._gh.requester.requestJsonAndCheck("POST", f"/repos/{self.full_name}/issues/{number}/labels",
                                                   input={"labels": names})

    def set_status(self, sha: str, state: str, description: str, context: str,
                   target_url: str | None = None) -> None:
        """POST a commit status on `sha`."""
        payload = {"state": state, "description": description, "context": context}
        if target_url:
            payload["target_url"] = target_url
        with _github(f"menulis status {context} pada commit {sha[:7]}", writing=True):
            self._gh.requester.requestJsonAndCheck("POST", f"/repos/{self.full_name}/statuses/{sha}",
                                                   input=payload)


def _nomor(path: str, data: bytes | None, sop: Sop) -> str | None:
    found = nomor_values([SourceFile(path, data)], sop) if data is not None else []
    return found[0] if found else None


class _NotFound(PpidError):
    """Internal: an expected 404 (or refusal) that the caller turns into data."""


def fetch_snapshot(settings: GitHubSettings, repo: str, number: int, sop: Sop) -> PrSnapshot:
    """Convenience: one snapshot of `repo` PR `number`."""
    client = GitHubRepo(settings, repo)
    try:
        return client.fetch_snapshot(number, sop)
    finally:
        client.close()
