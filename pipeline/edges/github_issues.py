"""Issues on GitHub (PyGithub), for reminders and disposisi: list open issues, open one, read one, labels.

Same client, bounded retries and error messages as the chain adapter (it is a GitHubRepo). Lists are read in
full (every page); only fields present in GitHub's list payloads are read, so nothing is fetched per issue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.core.reminder import OpenIssue
from pipeline.core.sop import Role
from pipeline.edges.github import CommentWrite, GitHubRepo
from pipeline.edges.github_client import GitHubSettings, Messages, login_of
from pipeline.errors import UsageError


@dataclass(frozen=True)
class RepoInfo:
    """What links into the repository need."""

    default_branch: str
    html_url: str


@dataclass(frozen=True)
class Issue:
    """One issue as GitHub returns it."""

    number: int
    title: str
    body: str
    html_url: str
    state: str
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    is_pull_request: bool


def _issue(raw: Any) -> Issue:
    html_url = str(raw.html_url or "")
    # List payloads of plain issues have no `pull_request` key, and asking PyGithub for it would fetch every
    # issue again; a pull request's web address is .../pull/N, an issue's .../issues/N.
    return Issue(int(raw.number), str(raw.title or ""), str(raw.body or ""), html_url, str(raw.state or ""),
                 tuple(str(label.name) for label in raw.labels), tuple(login_of(user) for user in raw.assignees),
                 "/pull/" in html_url)


class IssueDesk:
    """The repository's issues; `command` is what error messages tell people to run again."""

    def __init__(self, settings: GitHubSettings, full_name: str, command: str) -> None:
        self.repo = GitHubRepo(settings, full_name, Messages(command))
        self.client = self.repo.client
        self.full_name = full_name
        self.owner = self.client.owner

    def close(self) -> None:
        self.client.close()

    def upsert_comment(self, number: int, body: str, marker: str, *, what: str = "PR") -> CommentWrite:
        """Keep exactly one comment of ours (marker + our login) on issue `number`, edited in place."""
        return self.repo.upsert_comment(number, body, marker, what=what)

    def ensure_label(self, name: str, color: str, description: str) -> bool:
        """Create repository label `name` when it is missing; True when created."""
        return self.repo.ensure_label(name, color, description)

    def repository(self) -> RepoInfo:
        """The default branch and web address (one request)."""
        with self.client.calling(f"membaca repositori {self.full_name}"):
            return RepoInfo(str(self.client.repo.default_branch), str(self.client.repo.html_url))

    def open_issues(self, labels: Sequence[str]) -> tuple[OpenIssue, ...]:
        """Every open issue (not pull request) carrying all `labels`, all pages."""
        with self.client.calling("membaca daftar issue terbuka"):
            return tuple(OpenIssue(i.number, i.title, i.body, i.html_url)
                         for i in map(_issue, self.client.repo.get_issues(state="open", labels=list(labels)))
                         if not i.is_pull_request)

    def issue(self, number: int) -> Issue:
        """Issue `number`; a usage error when it does not exist or is a pull request."""
        missing = lambda: UsageError(  # noqa: E731
            f"issue #{number} tidak ditemukan di {self.full_name}; periksa --repo dan --issue")
        with self.client.calling(f"membaca issue #{number}", not_found=missing):
            found = _issue(self.client.repo.get_issue(number))
        if found.is_pull_request:
            raise UsageError(f"#{number} adalah pull request, bukan issue disposisi")
        return found

    def create_issue(self, title: str, body: str, labels: Sequence[str], assignees: Sequence[str]) -> Issue:
        """Open an issue (one write; not repeated after a failure that may have gone through)."""
        with self.client.calling(f"membuka issue '{title}'", writing=True):
            return _issue(self.client.repo.create_issue(title=title, body=body, labels=list(labels),
                                                  assignees=list(assignees)))

    def members(self, role: Role, slug: str) -> frozenset[str]:
        """The members of the team standing in for `role` (all pages)."""
        return self.client.team(role, slug).members
