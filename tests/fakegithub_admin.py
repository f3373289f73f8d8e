"""Administration endpoints for the fake GitHub (opt-in): teams, team access, rulesets, Pages, environments.

    fake = FakeGitHub(httpserver)
    admin = install_admin_routes(fake)       # state lives on `admin`; requests are logged by `fake` as usual
    admin.pages["dinas/ppid"] = {...}         # or let the client create things with POST/PUT

Served: POST /orgs/O/teams; GET+PUT /orgs/O/teams/S/repos/O/R; GET+POST /repos/O/R/rulesets;
GET+PUT /repos/O/R/rulesets/ID; GET+POST+PUT /repos/O/R/pages; GET+PUT /repos/O/R/environments/NAME;
GET+POST /repos/O/R/environments/NAME/deployment-branch-policies. Payloads follow GitHub's REST reference
(teams, repository rules, pages, deployment environments); validation errors answer 422 like GitHub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from werkzeug import Request

from tests.fakegithub import FakeGitHub
from tests.fakegithub_routes import REPO_PATH, TEAM_PATH, Route, repo_json, repo_of

Json = Any
_PERMISSIONS = ("pull", "triage", "push", "maintain", "admin")
_ROLE_NAME = {"pull": "read", "triage": "triage", "push": "write", "maintain": "maintain", "admin": "admin"}
_STAMP = "2025-01-06T01:00:00Z"


@dataclass
class AdminState:
    """The administration data of the fake, by repository full name (and team slug)."""

    fake: FakeGitHub
    access: dict[tuple[str, str], str] = field(default_factory=dict)  # (team slug, repo) -> permission
    rulesets: dict[str, dict[int, Json]] = field(default_factory=dict)
    pages: dict[str, Json] = field(default_factory=dict)
    environments: dict[str, dict[str, Json]] = field(default_factory=dict)
    branch_policies: dict[tuple[str, str], list[Json]] = field(default_factory=dict)

    def writes(self) -> int:
        """Requests that changed something (POST, PUT, PATCH, DELETE)."""
        return sum(1 for r in self.fake.requests if r.method in ("POST", "PUT", "PATCH", "DELETE"))


def _body(request: Request) -> Json:
    return request.get_json(silent=True) or {}


def _invalid(message: str, field_name: str = "") -> tuple[int, Json]:
    error = {"resource": "Repository", "code": "invalid", "field": field_name} if field_name else {}
    return 422, {"message": message, "errors": [error] if error else [],
                 "documentation_url": "https://docs.github.com/rest"}


def install_admin_routes(fake: FakeGitHub) -> AdminState:
    """Add the administration endpoints to `fake`; returns their state."""
    state = AdminState(fake)
    for method, pattern, handler in [*_team_routes(state), *_ruleset_routes(state), *_pages_routes(state),
                                     *_environment_routes(state)]:
        fake.route(method, pattern, handler)
    return state


def _repo_name(fake: FakeGitHub, match: re.Match[str]) -> str | None:
    """The full name of the repository a path names, as the fake spells it."""
    repo = repo_of(fake, match)
    return repo.full_name if repo is not None else None


def _team_routes(state: AdminState) -> list[Route]:
    """Teams: create a team; a team's access to a repository (get, set)."""
    fake = state.fake

    def create_team(request: Request, match: re.Match[str]) -> tuple[int, Json]:
        data = _body(request)
        name = data.get("name")
        if not isinstance(name, str) or not name:
            return _invalid("Validation Failed", "name")
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if (match["org"].lower(), slug) in fake.teams:
            return 422, {"message": "Validation Failed", "errors": [
                {"resource": "Team", "code": "custom", "field": "name", "message": "Name must be unique for this org"}]}
        team = fake.add_team(match["org"], slug, [])
        team.update(name=name, description=data.get("description") or "", privacy=data.get("privacy", "secret"))
        return 201, {k: v for k, v in team.items() if k != "members"}

    def team_repo(request: Request, match: re.Match[str]) -> tuple[int, Json]:
        team = fake.teams.get((match["org"].lower(), match["slug"]))
        repo = _repo_name(fake, match)
        if team is None or repo is None:
            return fake.not_found()
        key = (match["slug"], repo)
        if request.method == "PUT":
            permission = _body(request).get("permission", "push")
            if permission not in _PERMISSIONS:
                return _invalid(f"Invalid permission: {permission}", "permission")
            state.access[key] = permission
            return 204, None
        if key not in state.access:
            return fake.not_found()
        level = _PERMISSIONS.index(state.access[key])
        payload = repo_json(fake, fake.repos[repo])
        payload["permissions"] = {p: _PERMISSIONS.index(p) <= level for p in _PERMISSIONS}
        payload["role_name"] = _ROLE_NAME[state.access[key]]
        return 200, payload

    team_repo_path = rf"{TEAM_PATH}/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)"
    return [
        ("POST", r"/orgs/(?P<org>[^/]+)/teams", create_team),
        ("GET", team_repo_path, team_repo),
        ("PUT", team_repo_path, team_repo),
    ]


def _ruleset_json(fake: FakeGitHub, repo: str, ruleset_id: int, data: Json) -> Json:
    base = f"{fake.base_url}/repos/{repo}/rulesets/{ruleset_id}"
    return {"id": ruleset_id, "name": data["name"], "target": data.get("target", "branch"),
            "source_type": "Repository", "source": repo, "enforcement": data["enforcement"],
            "conditions": data.get("conditions") or {}, "rules": data.get("rules") or [],
            "bypass_actors": data.get("bypass_actors") or [], "current_user_can_bypass": "never",
            "node_id": f"RRS_{ruleset_id}",
            "_links": {"self": {"href": base}, "html": {"href": f"https://github.com/{repo}/rules/{ruleset_id}"}},
            "created_at": _STAMP, "updated_at": _STAMP}


def _ruleset_routes(state: AdminState) -> list[Route]:
    """Repository rules: a repository's rulesets (list, create) and one ruleset (get, update)."""
    fake = state.fake

    def rulesets(request: Request, match: re.Match[str]) -> Any:
        repo = _repo_name(fake, match)
        if repo is None:
            return fake.not_found()
        found = state.rulesets.setdefault(repo, {})
        if request.method == "POST":
            data = _body(request)
            if not data.get("name") or data.get("enforcement") not in ("active", "evaluate", "disabled"):
                return _invalid("Invalid request.", "name")
            if any(r["name"] == data["name"] for r in found.values()):
                return _invalid("Name must be unique", "name")
            ruleset_id = fake.next_id()
            found[ruleset_id] = _ruleset_json(fake, repo, ruleset_id, data)
            return 201, found[ruleset_id]
        summaries = [{k: v for k, v in r.items() if k not in ("rules", "conditions", "bypass_actors")}
                     for r in found.values()]
        return fake.paginate(request, summaries)

    def ruleset(request: Request, match: re.Match[str]) -> tuple[int, Json]:
        repo = _repo_name(fake, match)
        found = state.rulesets.get(repo or "", {}).get(int(match["id"]))
        if repo is None or found is None:
            return fake.not_found()
        if request.method == "PUT":
            data = {**found, **_body(request)}
            state.rulesets[repo][found["id"]] = _ruleset_json(fake, repo, found["id"], data)
        return 200, state.rulesets[repo][found["id"]]

    return [
        ("GET", rf"{REPO_PATH}/rulesets", rulesets),
        ("POST", rf"{REPO_PATH}/rulesets", rulesets),
        ("GET", rf"{REPO_PATH}/rulesets/(?P<id>\d+)", ruleset),
        ("PUT", rf"{REPO_PATH}/rulesets/(?P<id>\d+)", ruleset),
    ]


def _pages_routes(state: AdminState) -> list[Route]:
    """Pages: a repository's site (get, create, update)."""
    fake = state.fake

    def pages(request: Request, match: re.Match[str]) -> tuple[int, Json]:
        repo = _repo_name(fake, match)
        if repo is None:
            return fake.not_found()
        current = state.pages.get(repo)
        if request.method == "GET":
            return (200, current) if current else fake.not_found()
        build_type = _body(request).get("build_type", "legacy")
        if build_type not in ("legacy", "workflow"):
            return _invalid("Invalid build_type", "build_type")
        if request.method == "POST":
            if current:
                return 409, {"message": "GitHub Pages is already enabled.",
                             "documentation_url": "https://docs.github.com/rest"}
            owner, name = repo.split("/")
            state.pages[repo] = {"url": f"{fake.base_url}/repos/{repo}/pages", "status": None, "cname": None,
                                 "custom_404": False, "html_url": f"https://{owner}.github.io/{name}/",
                                 "build_type": build_type, "source": {"branch": "main", "path": "/"},
                                 "public": True, "https_enforced": True}
            return 201, state.pages[repo]
        if not current:
            return fake.not_found()
        current["build_type"] = build_type
        return 204, None

    return [
        ("GET", rf"{REPO_PATH}/pages", pages),
        ("POST", rf"{REPO_PATH}/pages", pages),
        ("PUT", rf"{REPO_PATH}/pages", pages),
    ]


def _environment_routes(state: AdminState) -> list[Route]:
    """Deployment environments: one environment (get, create or update) and its branch policies (list, create)."""
    fake = state.fake

    def environment(request: Request, match: re.Match[str]) -> tuple[int, Json]:
        repo = _repo_name(fake, match)
        if repo is None:
            return fake.not_found()
        envs = state.environments.setdefault(repo, {})
        name = match["env"]
        if request.method == "PUT":
            policy = _body(request).get("deployment_branch_policy")
            if policy is not None and policy.get("protected_branches") == policy.get("custom_branch_policies"):
                return _invalid("Exactly one of protected_branches or custom_branch_policies must be true")
            env_id = envs[name]["id"] if name in envs else fake.next_id()
            envs[name] = {"id": env_id, "node_id": f"EN_{env_id}", "name": name,
                          "url": f"{fake.base_url}/repos/{repo}/environments/{name}",
                          "html_url": f"https://github.com/{repo}/deployments/activity_log?environments_filter={name}",
                          "created_at": _STAMP, "updated_at": _STAMP, "protection_rules": [],
                          "deployment_branch_policy": policy}
        return (200, envs[name]) if name in envs else fake.not_found()

    def branch_policies(request: Request, match: re.Match[str]) -> tuple[int, Json]:
        repo = _repo_name(fake, match)
        env = state.environments.get(repo or "", {}).get(match["env"])
        if repo is None or env is None:
            return fake.not_found()
        found = state.branch_policies.setdefault((repo, match["env"]), [])
        if request.method == "POST":
            if not (env.get("deployment_branch_policy") or {}).get("custom_branch_policies"):
                return 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}
            data = _body(request)
            policy_id = fake.next_id()
            found.append({"id": policy_id, "node_id": f"DBP_{policy_id}", "name": data.get("name", ""),
                          "type": data.get("type", "branch")})
            return 200, found[-1]
        return 200, {"total_count": len(found), "branch_policies": found}

    env_path = rf"{REPO_PATH}/environments/(?P<env>[^/]+)"
    return [
        ("GET", env_path, environment),
        ("PUT", env_path, environment),
        ("GET", rf"{env_path}/deployment-branch-policies", branch_policies),
        ("POST", rf"{env_path}/deployment-branch-policies", branch_policies),
    ]
