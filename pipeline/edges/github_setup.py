"""Reading and changing a repository's GitHub settings for `ppid setup` (teams, ruleset, Pages, environments).

Built on the shared GitHub client (same retries and errors) with its own messages. Reads: the repository, each
team and its access, the rulesets (list, then the one named ppid-cabang-utama), Pages, and each environment with
its branch policies.
"""

from __future__ import annotations

from typing import Any

from github.GithubException import GithubException

from pipeline.core import permissions
from pipeline.core.repo_setup import ENVIRONMENTS, RULESET_NAME, Change, Observed
from pipeline.core.sop import Sop
from pipeline.edges.github_client import GitHubClient, GitHubSettings, Messages
from pipeline.errors import UsageError

Json = Any
_REPO_MEDIA = "application/vnd.github.v3.repository+json"


class SetupGitHub:
    """The repository and its organisation, as `ppid setup` sees and changes them."""

    def __init__(self, settings: GitHubSettings, full_name: str) -> None:
        self.client = GitHubClient(settings, full_name, Messages("ppid setup", write_command="ppid setup --apply",
                                                                 needs=permissions.SETUP))
        self.full_name = full_name
        self.owner = self.client.owner

    def close(self) -> None:
        self.client.close()

    def _get(self, path: str, what: str, headers: dict[str, str] | None = None) -> Json | None:
        """GET `path`; None on 404 (the thing does not exist)."""
        with self.client.calling(what):
            try:
                _, data = self.client.request_json("GET", path, headers=headers)
            except GithubException as exc:
                if exc.status == 404:
                    return None
                raise
        return data

    def _send(self, method: str, path: str, payload: Json, what: str) -> None:
        with self.client.calling(what, writing=True):
            self.client.request_json(method, path, payload=payload)

    def observe(self, sop: Sop) -> Observed:
        """The current state of everything `ppid setup` manages."""
        repo = self._get(f"/repos/{self.full_name}", f"membaca repositori {self.full_name}")
        if repo is None:
            raise UsageError(f"repositori {self.full_name} tidak ditemukan atau token tidak boleh membacanya")
        slugs = sorted({config.team for config in sop.roles.values()})
        teams, access = {}, {}
        for slug in slugs:
            teams[slug] = self._get(f"/orgs/{self.owner}/teams/{slug}", f"membaca tim {slug}") is not None
            found = self._get(f"/orgs/{self.owner}/teams/{slug}/repos/{self.full_name}",
                              f"membaca akses tim {slug}", {"Accept": _REPO_MEDIA}) if teams[slug] else None
            access[slug] = _role_name(found) if found else None
        listed = self._get(f"/repos/{self.full_name}/rulesets", "membaca aturan cabang") or []
        match = next((r for r in listed if r.get("name") == RULESET_NAME), None)
        ruleset = (self._get(f"/repos/{self.full_name}/rulesets/{match['id']}", f"membaca aturan {RULESET_NAME}")
                   if match else None)
        pages = self._get(f"/repos/{self.full_name}/pages", "membaca pengaturan GitHub Pages")
        environments, policies = {}, {}
        for name in ENVIRONMENTS:
            environments[name] = self._get(f"/repos/{self.full_name}/environments/{name}", f"membaca lingkungan {name}")
            listed_policies = (self._get(f"/repos/{self.full_name}/environments/{name}/deployment-branch-policies",
                                         f"membaca cabang lingkungan {name}") if environments[name] else None) or {}
            policies[name] = tuple(p.get("name", "") for p in listed_policies.get("branch_policies") or []
                                   if p.get("type", "branch") == "branch")
        return Observed(default_branch=str(repo.get("default_branch") or "main"), teams=teams, team_access=access,
                        ruleset=ruleset, pages=pages, environments=environments, branch_policies=policies)

    def apply(self, change: Change) -> None:
        """Make one planned change."""
        self._send(change.method, change.path, change.payload, f"mengubah {change.what}")


def _role_name(repo: Json) -> str | None:
    """The team's role on the repository ("admin", "maintain", "write", "triage", "read")."""
    if repo.get("role_name"):
        return str(repo["role_name"])
    permissions = repo.get("permissions") or {}
    for role in ("admin", "maintain", "push", "triage", "pull"):
        if permissions.get(role):
            return {"push": "write", "pull": "read"}.get(role, role)
    return None
