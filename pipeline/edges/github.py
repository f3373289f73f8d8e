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

Built on the shared GitHubClient (pipeline.edges.github_client) with the chain's messages: a read that fails
says the approval is NOT taken as valid (fail closed). An unknown PR -> UsageError.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal, cast
from urllib.parse import quote

from github.GithubException import GithubException

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
    disposisi_number,
)
from pipeline.core.chain.urgency import announcement_paths, jenis_of
from pipeline.core.chain.verdict import CHAIN_ROLES
from pipeline.core.scaffold import nomor_values
from pipeline.core.sop import ROLE_NAMES, Role, Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.github_client import (
    GHOST,
    GitHubClient,
    GitHubSettings,
    Messages,
    Missing,
    as_utc,
    login_of,
    rate_limited,
    required_time,
)
from pipeline.errors import ConfigError, UsageError

CHAIN = Messages("ppid chain --report", after_read="Persetujuan TIDAK dianggap sah; jalankan ulang pemeriksaan nanti.")


def _dismissed_states(dismissals: Iterable[Any]) -> dict[int, str]:
    """review id -> its state before it was dismissed ("CHANGES_REQUESTED"), from `review_dismissed` events."""
    out: dict[int, str] = {}
    for item in dismissals:
        if isinstance(item, dict) and isinstance(item.get("review_id"), int) and isinstance(item.get("state"), str):
            out[item["review_id"]] = item["state"].upper()
    return out


@dataclass(frozen=True)
class CommentWrite:
    """What upserting the PR comment did."""

    action: Literal["created", "updated", "unchanged"]
    html_url: str


class GitHubRepo:
    """One repository as the chain reads and writes it: the PR snapshot, the comment, the status, labels.

    Other commands' adapters hold one of these, made with their own messages, when they read PRs too."""

    def __init__(self, settings: GitHubSettings, full_name: str, messages: Messages = CHAIN) -> None:
        self.client = GitHubClient(settings, full_name, messages)
        self.settings = settings
        self.full_name = full_name
        self.owner = self.client.owner
        self._open_pulls: tuple[OpenPull, ...] | None = None

    def close(self) -> None:
        self.client.close()

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
        with self.client.calling(f"membaca PR #{number}", not_found=pr_missing):
            pr = self.client.repo.get_pull(number)
            author, head_sha, draft, body = login_of(pr.user), str(pr.head.sha), bool(pr.draft), pr.body or ""
            created_at, merged_at = required_time(pr.created_at, "PR"), as_utc(pr.merged_at)
            html_url = pr.html_url or ""
            labels = tuple(str(label.name) for label in pr.labels)
            base_ref, default_branch = str(pr.base.ref), str(pr.base.repo.default_branch)
            changed_files = int(pr.changed_files) if pr.changed_files is not None else None
        base = PrSnapshot(repo=self.full_name, number=number, author=author, head_sha=head_sha, draft=draft,
                          created_at=created_at, body=body, files=(), reviews=(), teams=(), content=sop.content,
                          merged_at=merged_at,
                          html_url=html_url, org=self.owner, labels=labels, base_ref=base_ref,
                          default_branch=default_branch, changed_files=changed_files,
                          author_in_team=self.in_any_team(author, sop))
        if refused_before_files(base):
            return base
        with self.client.calling(f"membaca daftar berkas PR #{number}"):
            files = tuple(ChangedFile(f.filename, f.status, f.previous_filename) for f in pr.get_files())
        listed = replace(base, files=files)
        if files_truncated(changed_files, len(files)):
            return listed
        # A merged PR's verdict is for the archive: the shared-head rule guarded the status before the merge.
        open_pulls = self.open_pulls() if merged_at is None else ()
        with self.client.calling(f"membaca riwayat PR #{number}"):
            # `dismissed_review` is read only where GitHub sends it: a missing attribute makes PyGithub fetch more.
            events = [(e.event, e.created_at, e.dismissed_review if e.event == "review_dismissed" else None)
                      for e in pr.get_issue_events()
                      if e.event in ("ready_for_review", "convert_to_draft", "review_dismissed")]
        draft_events = tuple(DraftEvent(cast(DraftEventKind, kind), required_time(moment, "peristiwa PR"))
                             for kind, moment, _ in events if kind != "review_dismissed")
        dismissed = _dismissed_states(dismissal for kind, _, dismissal in events if kind == "review_dismissed")
        with self.client.calling(f"membaca ulasan PR #{number}"):
            reviews = tuple(Review(r.id, login_of(r.user), r.state, as_utc(r.submitted_at), r.commit_id or "",
                                   r.html_url or "", dismissed.get(r.id) if r.state == "DISMISSED" else None)
                            for r in pr.get_reviews())
        kind = listed.change.kind
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
        teams = tuple(self.client.team(role, sop.team(role)) for role in roles)
        return replace(listed, reviews=reviews, teams=teams, draft_events=draft_events, disposisi=disposisi,
                       announcements=announcements, open_pulls=open_pulls)

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

    def in_any_team(self, account: str, sop: Sop) -> bool:
        """Whether `account` is an active member of any PPID team (one request per team, stopping at the first)."""
        if account == GHOST:
            return False
        for role in ROLE_NAMES:
            slug = sop.team(role)
            try:
                with self.client.calling(f"membaca keanggotaan @{account} di tim {slug}", not_found=Missing):
                    _headers, data = self.client.request_json(
                        "GET", f"/orgs/{quote(self.owner)}/teams/{quote(slug)}/memberships/{quote(account)}")
            except Missing:
                continue
            if isinstance(data, dict) and data.get("state") == "active":
                return True
        return False

    def open_pulls(self, *, refresh: bool = False) -> tuple[OpenPull, ...]:
        """Every open PR of the repository (all pages), read once per client unless `refresh`."""
        if self._open_pulls is None or refresh:
            with self.client.calling("membaca daftar PR terbuka"):
                self._open_pulls = tuple(OpenPull(p.number, str(p.base.ref), str(p.head.sha), p.html_url or "")
                                         for p in self.client.repo.get_pulls(state="open"))
        return self._open_pulls

    def file_at(self, path: str, ref: str) -> bytes | None:
        """A file's bytes at commit `ref` (contents API, read as data), or None when it is not there or too big
        for the API to inline (over 1 MB, which `ppid check` refuses anyway)."""
        try:
            with self.client.calling(f"membaca berkas {path} pada commit {ref[:7]}", not_found=Missing):
                _headers, data = self.client.request_json(
                    "GET", f"/repos/{self.full_name}/contents/{quote(path)}", parameters={"ref": ref})
        except Missing:
            return None
        if not isinstance(data, dict) or data.get("type") != "file" or data.get("encoding") != "base64":
            return None
        try:
            return base64.b64decode(str(data.get("content") or ""), validate=False)
        except binascii.Error:
            return None

    def _disposisi(self, number: int) -> DisposisiIssue | None:
        """The named issue and its assignments; None when it does not exist (the evaluator explains)."""
        try:
            with self.client.calling(f"membaca issue disposisi #{number}", not_found=Missing):
                issue = self.client.repo.get_issue(number)
                created_at = required_time(issue.created_at, "issue disposisi")
                is_pr = issue.pull_request is not None
                html_url = issue.html_url or ""
            with self.client.calling(f"membaca riwayat issue disposisi #{number}"):
                assignments = tuple(
                    Assignment(login_of(e.assignee), login_of(e.assigner if e.assigner is not None else e.actor),
                               required_time(e.created_at, "penugasan issue"))
                    for e in issue.get_events() if e.event == "assigned")
        except Missing:
            return None
        return DisposisiIssue(number, created_at, assignments, is_pr, html_url)

    def own_login(self) -> str:
        """The token's own account (GET /user), or settings.bot_login when GitHub refuses that for the token."""
        try:
            with self.client.calling("membaca akun token (GET /user)", not_found=Missing):
                try:
                    return str(self.client.gh.get_user().login)
                except GithubException as exc:
                    if exc.status == 403 and not rate_limited(exc):
                        raise Missing from None
                    raise
        except Missing:
            if self.settings.bot_login:
                return self.settings.bot_login
            raise ConfigError("GitHub tidak memberi tahu akun pemilik token (GET /user ditolak, biasa untuk token "
                              "GitHub App/Actions); isi PPID_BOT_LOGIN dengan login akun itu, misalnya "
                              "nama-app[bot]") from None

    # -- writing -----------------------------------------------------------------------------------------

    def upsert_comment(self, number: int, body: str, marker: str = MARKER, *, what: str = "PR") -> CommentWrite:
        """Keep exactly one comment of ours (marker + our login) on PR (or issue) `number`, edited in place."""
        me = self.own_login().lower()
        issue = self.client.repo.get_issue(number)
        with self.client.calling(f"membaca komentar {what} #{number}"):
            ours = [c for c in issue.get_comments()
                    if marker in (c.body or "") and login_of(c.user).lower() == me]
        if not ours:
            with self.client.calling(f"menulis komentar di {what} #{number}", writing=True):
                made = issue.create_comment(body)
            return CommentWrite("created", made.html_url or "")
        keep, extra = ours[0], ours[1:]
        action: Literal["updated", "unchanged"] = "unchanged"
        with self.client.calling(f"memperbarui komentar di {what} #{number}", writing=True):
            if keep.body != body:
                keep.edit(body)
                action = "updated"
        with self.client.calling(f"menghapus komentar ganda di {what} #{number}", writing=True):
            for duplicate in extra:
                duplicate.delete()
        return CommentWrite(action, keep.html_url or "")

    def ensure_label(self, name: str, color: str, description: str) -> bool:
        """Create repository label `name` when it is missing; True when created."""
        path = f"/repos/{self.full_name}/labels"
        try:
            with self.client.calling(f"membaca label {name}", not_found=Missing):
                self.client.request_json("GET", f"{path}/{quote(name, safe='')}")
            return False
        except Missing:
            pass
        with self.client.calling(f"membuat label {name}", writing=True):
            try:
                self.client.request_json("POST", path, payload={"name": name, "color": color,
                                                                            "description": description})
            except GithubException as exc:
                if exc.status == 422:  # created meanwhile by another run: what we wanted
                    return False
                raise
        return True

    def add_labels(self, number: int, names: list[str]) -> None:
        """Add labels to issue or PR `number` (labels it already has stay)."""
        with self.client.calling(f"memberi label pada #{number}", writing=True):
            self.client.request_json("POST", f"/repos/{self.full_name}/issues/{number}/labels",
                                                   payload={"labels": names})

    def set_status(self, sha: str, state: str, description: str, context: str,
                   target_url: str | None = None) -> None:
        """POST a commit status on `sha`."""
        payload = {"state": state, "description": description, "context": context}
        if target_url:
            payload["target_url"] = target_url
        with self.client.calling(f"menulis status {context} pada commit {sha[:7]}", writing=True):
            self.client.request_json("POST", f"/repos/{self.full_name}/statuses/{sha}", payload=payload)


def _nomor(path: str, data: bytes | None, sop: Sop) -> str | None:
    found = nomor_values([SourceFile(path, data)], sop) if data is not None else []
    return found[0] if found else None
