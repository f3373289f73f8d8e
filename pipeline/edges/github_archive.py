"""What `ppid arsip` reads from GitHub besides the PR snapshot: which PR was merged as a commit, the merge
details, and the approvers' profile names. Built on the chain's adapter (same retries, errors, fail-closed).

Requests: GET /repos/O/R/commits/SHA/pulls (all pages), GET /repos/O/R/pulls/N, one GET /users/L per approver.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.proof_draft import MergeInfo
from pipeline.edges.github import GitHubRepo, _at, _github, _login


class ArchiveGitHub(GitHubRepo):
    """The repository, read for archiving a merge."""

    def merged_pull(self, sha: str) -> MergeInfo | None:
        """The PR that was merged as commit `sha` (merge, squash or rebase), or None."""
        with _github(f"mencari PR yang digabung sebagai commit {sha[:7]}"):
            numbers = [p.number for p in self._repo.get_commit(sha).get_pulls()
                       if p.merged_at is not None and (p.merge_commit_sha or "").lower() == sha.lower()]
        if not numbers:
            return None
        number = numbers[0]
        with _github(f"membaca PR #{number}"):
            pr = self._repo.get_pull(number)
            return MergeInfo(number=number, title=pr.title or "", url=pr.html_url or "", author=_login(pr.user),
                             base_sha=str(pr.base.sha), head_sha=str(pr.head.sha), merge_sha=sha.lower(),
                             merged_at=_at(pr.merged_at, "PR yang digabung"), merged_by=_login(pr.merged_by))

    def profile_names(self, logins: Iterable[str]) -> dict[str, str | None]:
        """Each login's profile name, None when the person did not set one."""
        out: dict[str, str | None] = {}
        for login in dict.fromkeys(logins):
            with _github(f"membaca profil @{login}"):
                name = self._gh.get_user(login).name
            out[login] = str(name).strip() or None if name else None
        return out

    def in_team(self, slug: str, login: str) -> bool:
        """Whether `login` is a member of the team `slug` (team names as in sop.yml)."""
        return login.lower() in {m.lower() for m in self._team("admin", slug).members}
