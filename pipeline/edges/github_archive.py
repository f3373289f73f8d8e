"""What `ppid arsip` reads from GitHub besides the PR snapshot: which PR was merged as a commit, the merge
details, and the approvers' profile names. Holds the chain's PR reader on a client with its own messages (a
failure says to rerun the archiving command, never that an approval is invalid).

Requests: GET /repos/O/R/commits/SHA/pulls (all pages), GET /repos/O/R/pulls/N, one GET /users/L per approver.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.chain.snapshot import PrSnapshot
from pipeline.core.proof_draft import MergeInfo
from pipeline.core.sop import Sop
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import GitHubSettings, Messages, login_of, required_time


class ArchiveGitHub:
    """The repository, read for archiving a merge; `command` is what error messages tell people to run again."""

    def __init__(self, settings: GitHubSettings, full_name: str, command: str = "ppid arsip") -> None:
        self.pulls = GitHubRepo(settings, full_name, Messages(command))
        self.client = self.pulls.client

    def close(self) -> None:
        self.client.close()

    def fetch_snapshot(self, number: int, sop: Sop) -> PrSnapshot:
        """The merged PR as the chain evaluator reads it."""
        return self.pulls.fetch_snapshot(number, sop)

    def merged_pull(self, sha: str) -> MergeInfo | None:
        """The PR that was merged as commit `sha` (merge, squash or rebase), or None."""
        with self.client.calling(f"mencari PR yang digabung sebagai commit {sha[:7]}"):
            numbers = [p.number for p in self.client.repo.get_commit(sha).get_pulls()
                       if p.merged_at is not None and (p.merge_commit_sha or "").lower() == sha.lower()]
        if not numbers:
            return None
        number = numbers[0]
        with self.client.calling(f"membaca PR #{number}"):
            pr = self.client.repo.get_pull(number)
            return MergeInfo(number=number, title=pr.title or "", url=pr.html_url or "", author=login_of(pr.user),
                             base_sha=str(pr.base.sha), head_sha=str(pr.head.sha), merge_sha=sha.lower(),
                             merged_at=required_time(pr.merged_at, "PR yang digabung"),
                             merged_by=login_of(pr.merged_by))

    def profile_names(self, logins: Iterable[str]) -> dict[str, str | None]:
        """Each login's profile name, None when the person did not set one."""
        out: dict[str, str | None] = {}
        for login in dict.fromkeys(logins):
            with self.client.calling(f"membaca profil @{login}"):
                name = self.client.gh.get_user(login).name
            out[login] = str(name).strip() or None if name else None
        return out

    def in_team(self, slug: str, login: str) -> bool:
        """Whether `login` is a member of the team `slug` (team names as in sop.yml)."""
        return login.lower() in {m.lower() for m in self.client.team("admin", slug).members}
