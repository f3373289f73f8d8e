"""The fake GitHub's built-in REST routes and payload builders (see tests/fakegithub.py for the public API).

One function per resource, named after the section of GitHub's REST reference that documents it, returns that
resource's `(method, path regex, handler)` routes; `builtin_routes` joins them. Payload shapes follow the same
reference; fields the pipeline does not read are still present so PyGithub never needs to complete an object
with an extra request.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from werkzeug import Request, Response

if TYPE_CHECKING:
    from tests.fakegithub import FakeGitHub, FakePull, FakeRepo

Json = Any
Result = tuple[Any, ...] | Response
Handler = Callable[[Request, "re.Match[str]"], Result]
RepoHandler = Callable[[Request, "re.Match[str]", "FakeRepo"], Result]
Route = tuple[str, str, Handler]
REPO_PATH = r"/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)"
TEAM_PATH = r"/orgs/(?P<org>[^/]+)/teams/(?P<slug>[^/]+)"
_NUM = r"(?P<number>\d+)"
_DOCS = "https://docs.github.com/rest"
STATUS_STATES = frozenset({"error", "failure", "pending", "success"})
FILES_LIST_LIMIT = 3000  # GitHub's list of a PR's files stops here; `changed_files` still counts them all


# -- payloads ----------------------------------------------------------------------------------------------------

def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def repo_json(fake: FakeGitHub, repo: FakeRepo) -> Json:
    url = f"{fake.base_url}/repos/{repo.full_name}"
    name = repo.full_name.split("/")[1]
    return {"id": repo.id, "node_id": f"R_{repo.id}", "name": name, "full_name": repo.full_name, "private": False,
            "owner": fake.user_json(repo.owner, kind="Organization"), "html_url": f"https://github.com/{repo.full_name}",
            "description": None, "fork": False, "url": url, "issues_url": f"{url}/issues{{/number}}",
            "pulls_url": f"{url}/pulls{{/number}}", "statuses_url": f"{url}/statuses/{{sha}}",
            "default_branch": repo.default_branch, "visibility": "public", "archived": False, "disabled": False}


def issue_json(fake: FakeGitHub, repo: FakeRepo, number: int) -> Json:
    issue = repo.issues[number]
    url = f"{fake.base_url}/repos/{repo.full_name}/issues/{number}"
    kind = "pull" if issue.is_pull else "issues"
    payload: Json = {
        "id": 500000 + number, "node_id": f"I_{number}", "url": url, "repository_url": f"{fake.base_url}/repos/"
        f"{repo.full_name}", "labels_url": f"{url}/labels{{/name}}", "comments_url": f"{url}/comments",
        "events_url": f"{url}/events", "html_url": f"https://github.com/{repo.full_name}/{kind}/{number}",
        "number": number, "state": issue.state, "title": issue.title, "body": issue.body,
        "user": fake.user_json(issue.author), "labels": [repo.label_json(n) for n in issue.labels],
        "assignee": fake.user_json(issue.assignees[0]) if issue.assignees else None,
        "assignees": [fake.user_json(a) for a in issue.assignees], "milestone": None, "locked": False,
        "active_lock_reason": None, "comments": len(repo.comments_on(number)), "closed_at": None,
        "created_at": _iso(issue.created_at), "updated_at": _iso(issue.created_at), "author_association": "MEMBER",
        "state_reason": None, "closed_by": None, "performed_via_github_app": None,
    }
    if issue.is_pull:
        pull = repo.pulls[number]
        payload["pull_request"] = {"url": f"{fake.base_url}/repos/{repo.full_name}/pulls/{number}",
                                   "html_url": f"https://github.com/{repo.full_name}/pull/{number}",
                                   "diff_url": f"https://github.com/{repo.full_name}/pull/{number}.diff",
                                   "patch_url": f"https://github.com/{repo.full_name}/pull/{number}.patch",
                                   "merged_at": _iso(pull.merged_at)}
    return payload


def pull_json(fake: FakeGitHub, repo: FakeRepo, pull: FakePull) -> Json:
    base = f"{fake.base_url}/repos/{repo.full_name}"
    number, issue = pull.number, pull.issue
    html = f"https://github.com/{repo.full_name}/pull/{number}"
    merged = pull.merged_at is not None
    owner = fake.user_json(repo.owner, kind="Organization")
    rjson = repo_json(fake, repo)
    return {
        "url": f"{base}/pulls/{number}", "id": 900000 + number, "node_id": f"PR_{number}", "html_url": html,
        "diff_url": f"{html}.diff", "patch_url": f"{html}.patch", "issue_url": f"{base}/issues/{number}",
        "commits_url": f"{base}/pulls/{number}/commits", "review_comments_url": f"{base}/pulls/{number}/comments",
        "review_comment_url": f"{base}/pulls/comments{{/number}}", "comments_url": f"{base}/issues/{number}/comments",
        "statuses_url": f"{base}/statuses/{pull.head_sha}", "number": number,
        "state": "closed" if merged else issue.state, "locked": False, "title": issue.title,
        "user": fake.user_json(issue.author), "body": issue.body or None,
        "labels": [repo.label_json(n) for n in issue.labels], "milestone": None,
        "active_lock_reason": None, "created_at": _iso(issue.created_at), "updated_at": _iso(issue.created_at),
        "closed_at": _iso(pull.merged_at), "merged_at": _iso(pull.merged_at),
        "merge_commit_sha": pull.merge_commit_sha, "assignee": None, "assignees": [], "requested_reviewers": [],
        "requested_teams": [],
        "head": {"label": f"{repo.owner}:{pull.head_ref}", "ref": pull.head_ref, "sha": pull.head_sha,
                 "user": owner, "repo": rjson},
        "base": {"label": f"{repo.owner}:{pull.base_ref}", "ref": pull.base_ref, "sha": pull.base_sha, "user": owner,
                 "repo": rjson},
        "_links": {"self": {"href": f"{base}/pulls/{number}"}, "html": {"href": html},
                   "issue": {"href": f"{base}/issues/{number}"},
                   "comments": {"href": f"{base}/issues/{number}/comments"},
                   "statuses": {"href": f"{base}/statuses/{pull.head_sha}"}},
        "author_association": "MEMBER", "auto_merge": None, "draft": pull.draft, "merged": merged,
        "mergeable": None if merged else True, "rebaseable": None if merged else True,
        "mergeable_state": "unknown" if merged else "clean",
        "merged_by": fake.user_json(pull.merged_by) if pull.merged_by else None,
        "comments": len(repo.comments_on(number)), "review_comments": 0, "maintainer_can_modify": False,
        "commits": 1, "additions": len(pull.files), "deletions": 0,
        "changed_files": len(pull.files) if pull.changed_files is None else pull.changed_files,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _public(comment: Json) -> Json:
    return {k: v for k, v in comment.items() if not k.startswith("_")}


def validation_failed(resource: str, field: str, code: str = "missing_field") -> Result:
    """GitHub's 422 for one invalid field of a request body."""
    return 422, {"message": "Validation Failed", "errors": [{"resource": resource, "code": code, "field": field}],
                 "documentation_url": _DOCS}


# -- shared by the routes below ----------------------------------------------------------------------------------

def repo_of(fake: FakeGitHub, match: re.Match[str]) -> FakeRepo | None:
    """The repository a path names (GitHub matches owner and name without regard to case)."""
    wanted = f"{match['owner']}/{match['name']}".lower()
    return next((r for name, r in fake.repos.items() if name.lower() == wanted), None)


def with_repo(fake: FakeGitHub, handler: RepoHandler) -> Handler:
    """`handler` given the repository the path names; 404 when there is none."""
    def wrapped(request: Request, match: re.Match[str]) -> Result:
        repo = repo_of(fake, match)
        return handler(request, match, repo) if repo is not None else fake.not_found()
    return wrapped


def builtin_routes(fake: FakeGitHub) -> list[Route]:
    """(method, path regex, handler) for every built-in endpoint."""
    return [*user_routes(fake), *repository_routes(fake), *pull_routes(fake), *issue_routes(fake),
            *issue_comment_routes(fake), *label_routes(fake), *commit_status_routes(fake), *team_routes(fake),
            *content_routes(fake), *compare_routes(fake)]


# -- one function per resource, named after its section of GitHub's REST reference ------------------------------

def user_routes(fake: FakeGitHub) -> list[Route]:
    """Users: the token's own account and any user by login."""

    def me(_request: Request, _match: re.Match[str]) -> Result:
        if fake.user_endpoint_refused:
            return 403, {"message": "Resource not accessible by integration", "documentation_url": f"{_DOCS}/users"}
        return 200, fake.user_json(fake.login)

    def user(_request: Request, match: re.Match[str]) -> Result:
        return 200, {**fake.user_json(match["login"]), "name": fake.user_names.get(match["login"])}

    return [
        ("GET", r"/user", me),
        ("GET", r"/users/(?P<login>[^/]+)", user),
    ]


def repository_routes(fake: FakeGitHub) -> list[Route]:
    """Repositories: one repository."""

    def repo(_request: Request, _match: re.Match[str], repo: FakeRepo) -> Result:
        return 200, repo_json(fake, repo)

    return [("GET", REPO_PATH, with_repo(fake, repo))]


def pull_routes(fake: FakeGitHub) -> list[Route]:
    """Pulls: one pull request, the list, and a pull request's files, reviews and commits."""

    def pull(_request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        found = repo.pulls.get(int(match["number"]))
        return (200, pull_json(fake, repo, found)) if found else fake.not_found()

    def pulls(request: Request, _match: re.Match[str], repo: FakeRepo) -> Result:
        state = request.args.get("state", "open")
        base = request.args.get("base")
        found = [p for p in sorted(repo.pulls.values(), key=lambda p: p.number, reverse=True)
                 if (state == "all" or (state == "open") == p.is_open) and (base is None or p.base_ref == base)]
        return fake.paginate(request, [pull_json(fake, repo, p) for p in found])

    def pull_list(attribute: str, limit: int | None = None) -> RepoHandler:
        def handler(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
            found = repo.pulls.get(int(match["number"]))
            return fake.paginate(request, getattr(found, attribute)[:limit]) if found else fake.not_found()
        return handler

    def pull_commits(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        found = repo.pulls.get(int(match["number"]))
        if not found:
            return fake.not_found()
        sha = found.head_sha
        author = {"name": found.issue.author, "email": f"{found.issue.author}@example.org",
                  "date": _iso(found.issue.created_at)}
        commit = {"sha": sha, "node_id": f"C_{sha[:8]}", "url": f"{fake.base_url}/repos/{repo.full_name}/commits/{sha}",
                  "html_url": f"https://github.com/{repo.full_name}/commit/{sha}",
                  "commit": {"author": author, "committer": author, "message": found.issue.title,
                             "tree": {"sha": "f" * 40, "url": ""}, "url": "", "comment_count": 0},
                  "author": fake.user_json(found.issue.author), "committer": fake.user_json(found.issue.author),
                  "parents": []}
        return fake.paginate(request, [commit])

    return [
        ("GET", rf"{REPO_PATH}/pulls/{_NUM}", with_repo(fake, pull)),
        ("GET", rf"{REPO_PATH}/pulls", with_repo(fake, pulls)),
        ("GET", rf"{REPO_PATH}/pulls/{_NUM}/files", with_repo(fake, pull_list("files", FILES_LIST_LIMIT))),
        ("GET", rf"{REPO_PATH}/pulls/{_NUM}/reviews", with_repo(fake, pull_list("reviews"))),
        ("GET", rf"{REPO_PATH}/pulls/{_NUM}/commits", with_repo(fake, pull_commits)),
    ]


def issue_routes(fake: FakeGitHub) -> list[Route]:
    """Issues: one issue, its events and timeline, the list, a new issue, and labels added to an issue."""

    def issue(_request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        number = int(match["number"])
        return (200, issue_json(fake, repo, number)) if number in repo.issues else fake.not_found()

    def issue_events(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        found = repo.issues.get(int(match["number"]))
        return fake.paginate(request, found.events) if found else fake.not_found()

    def issues(request: Request, _match: re.Match[str], repo: FakeRepo) -> Result:
        if request.method == "POST":
            return create_issue(request, repo)
        state = request.args.get("state", "open")
        wanted = {n.strip().lower() for n in request.args.get("labels", "").split(",") if n.strip()}
        found = [i for i in sorted(repo.issues.values(), key=lambda i: i.number, reverse=True)
                 if (state == "all" or i.state == state) and wanted <= {n.lower() for n in i.labels}]
        return fake.paginate(request, [issue_json(fake, repo, i.number) for i in found])

    def create_issue(request: Request, repo: FakeRepo) -> Result:
        data = request.get_json(silent=True) or {}
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            return validation_failed("Issue", "title")
        issue = repo.add_issue(repo.next_number(), author=fake.login, created_at=datetime.now(UTC), title=title,
                               body=str(data.get("body") or ""), labels=data.get("labels") or ())
        for login in data.get("assignees") or ():
            issue.assign(login, by=fake.login, at=datetime.now(UTC))
        return 201, issue_json(fake, repo, issue.number)

    def issue_labels(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        found = repo.issues.get(int(match["number"]))
        if found is None:
            return fake.not_found()
        names = (request.get_json(silent=True) or {}).get("labels")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return validation_failed("Label", "labels", "invalid")
        for name in names:
            found.label(name)
        return 200, [repo.label_json(n) for n in found.labels]

    return [
        ("GET", rf"{REPO_PATH}/issues/{_NUM}", with_repo(fake, issue)),
        ("GET", rf"{REPO_PATH}/issues/{_NUM}/events", with_repo(fake, issue_events)),
        ("GET", rf"{REPO_PATH}/issues/{_NUM}/timeline", with_repo(fake, issue_events)),
        ("GET", rf"{REPO_PATH}/issues", with_repo(fake, issues)),
        ("POST", rf"{REPO_PATH}/issues", with_repo(fake, issues)),
        ("POST", rf"{REPO_PATH}/issues/{_NUM}/labels", with_repo(fake, issue_labels)),
    ]


def issue_comment_routes(fake: FakeGitHub) -> list[Route]:
    """Issue comments: an issue's comments (list, create) and one comment (get, edit, delete)."""

    def comments(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        number = int(match["number"])
        if number not in repo.issues:
            return fake.not_found()
        if request.method == "POST":
            body = (request.get_json(silent=True) or {}).get("body")
            if not isinstance(body, str) or not body:
                return 422, {"message": "Validation Failed", "errors": [{"resource": "IssueComment",
                                                                          "code": "missing_field", "field": "body"}]}
            return 201, _public(repo.add_comment(number, fake.login, body))
        return fake.paginate(request, [_public(c) for c in repo.comments_on(number)])

    def comment(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        found = repo.comments.get(int(match["id"]))
        if found is None:
            return fake.not_found()
        if request.method == "DELETE":
            del repo.comments[found["id"]]
            return 204, None
        if request.method == "PATCH":
            found["body"] = (request.get_json(silent=True) or {}).get("body", found["body"])
            found["updated_at"] = _now()
        return 200, _public(found)

    comment_path = rf"{REPO_PATH}/issues/comments/(?P<id>\d+)"
    return [
        ("GET", rf"{REPO_PATH}/issues/{_NUM}/comments", with_repo(fake, comments)),
        ("POST", rf"{REPO_PATH}/issues/{_NUM}/comments", with_repo(fake, comments)),
        ("GET", comment_path, with_repo(fake, comment)),
        ("PATCH", comment_path, with_repo(fake, comment)),
        ("DELETE", comment_path, with_repo(fake, comment)),
    ]


def label_routes(fake: FakeGitHub) -> list[Route]:
    """Labels: a repository's labels (list, create) and one label by name."""

    def labels(request: Request, _match: re.Match[str], repo: FakeRepo) -> Result:
        if request.method == "GET":
            return fake.paginate(request, list(repo.labels.values()))
        data = request.get_json(silent=True) or {}
        name = data.get("name")
        if not isinstance(name, str) or not name:
            return validation_failed("Label", "name")
        if name.lower() in repo.labels:
            return validation_failed("Label", "name", "already_exists")
        return 201, repo.add_label(name, color=str(data.get("color") or "ededed").lstrip("#"),
                                   description=data.get("description"))

    def label(_request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        found = repo.labels.get(match["label"].lower())
        return (200, found) if found else fake.not_found()

    return [
        ("GET", rf"{REPO_PATH}/labels", with_repo(fake, labels)),
        ("POST", rf"{REPO_PATH}/labels", with_repo(fake, labels)),
        ("GET", rf"{REPO_PATH}/labels/(?P<label>[^/]+)", with_repo(fake, label)),
    ]


def commit_status_routes(fake: FakeGitHub) -> list[Route]:
    """Commit statuses (create, list, combined) and the pull requests a commit belongs to."""

    def create_status(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        data = request.get_json(silent=True) or {}
        errors = []
        if data.get("state") not in STATUS_STATES:
            errors.append({"resource": "Status", "code": "custom", "field": "state",
                           "message": "state is not included in the list"})
        if len(data.get("description") or "") > 140:
            errors.append({"resource": "Status", "code": "custom", "field": "description",
                           "message": "description is too long (maximum is 140 characters)"})
        if errors:
            return 422, {"message": "Validation Failed", "errors": errors, "documentation_url": _DOCS}
        status_id = fake.next_id()
        sha = match["sha"]
        payload = {"url": f"{fake.base_url}/repos/{repo.full_name}/statuses/{sha}", "avatar_url": None,
                   "id": status_id, "node_id": f"SC_{status_id}", "state": data["state"],
                   "description": data.get("description"), "target_url": data.get("target_url"),
                   "context": data.get("context") or "default", "created_at": _now(), "updated_at": _now(),
                   "creator": fake.user_json(fake.login)}
        repo.statuses.setdefault(sha, []).insert(0, payload)  # newest first, as GitHub lists them
        return 201, payload

    def list_statuses(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        return fake.paginate(request, repo.statuses.get(match["ref"], []))

    def combined_status(_request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        latest: dict[str, Json] = {}
        for status in repo.statuses.get(match["ref"], []):
            latest.setdefault(status["context"], status)
        states = {s["state"] for s in latest.values()}
        overall = ("failure" if states & {"failure", "error"} else "pending" if "pending" in states or not states
                   else "success")
        return 200, {"state": overall, "statuses": list(latest.values()), "sha": match["ref"],
                     "total_count": len(latest), "repository": repo_json(fake, repo)}

    def commit_pulls(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        numbers = repo.commit_pulls.get(match["ref"], [])
        return fake.paginate(request, [pull_json(fake, repo, repo.pulls[n]) for n in numbers])

    commit_path = rf"{REPO_PATH}/commits/(?P<ref>[^/]+)"
    return [
        ("POST", rf"{REPO_PATH}/statuses/(?P<sha>[0-9a-fA-F]{{7,40}})", with_repo(fake, create_status)),
        ("GET", rf"{commit_path}/statuses", with_repo(fake, list_statuses)),
        ("GET", rf"{commit_path}/status", with_repo(fake, combined_status)),
        ("GET", rf"{commit_path}/pulls", with_repo(fake, commit_pulls)),
    ]


def team_routes(fake: FakeGitHub) -> list[Route]:
    """Teams: one team by slug, its members, and one member's membership."""

    def team_of(match: re.Match[str]) -> Json | None:
        return fake.teams.get((match["org"].lower(), match["slug"]))

    def team(_request: Request, match: re.Match[str]) -> Result:
        found = team_of(match)
        return (200, {k: v for k, v in found.items() if k != "members"}) if found else fake.not_found()

    def team_members(request: Request, match: re.Match[str]) -> Result:
        found = team_of(match)
        if found is None:
            return fake.not_found()
        return fake.paginate(request, [fake.user_json(m) for m in found["members"]])

    def membership(_request: Request, match: re.Match[str]) -> Result:
        found = team_of(match)
        if found is None or match["login"] not in found["members"]:
            return fake.not_found()
        return 200, {"url": f"{found['url']}/memberships/{match['login']}", "role": "member", "state": "active"}

    return [
        ("GET", TEAM_PATH, team),
        ("GET", rf"{TEAM_PATH}/members", team_members),
        ("GET", rf"{TEAM_PATH}/memberships/(?P<login>[^/]+)", membership),
    ]


def content_routes(fake: FakeGitHub) -> list[Route]:
    """Repository contents: a file at a ref (base64), or the files directly in a folder."""

    def contents(request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        path = match["path"]
        data = repo.file_at(path, request.args.get("ref"))
        if data is None:
            listing = repo.folder_at(path, request.args.get("ref"))
            if not listing:
                return fake.not_found()
            return 200, [{"type": "file", "name": name.rsplit("/", 1)[-1], "path": name, "size": len(blob),
                          "sha": hashlib.sha1(b"blob %d\0" % len(blob) + blob).hexdigest(),
                          "url": f"{fake.base_url}/repos/{repo.full_name}/contents/{name}"}
                         for name, blob in sorted(listing.items())]
        sha = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
        web = f"https://github.com/{repo.full_name}"
        url = f"{fake.base_url}/repos/{repo.full_name}/contents/{path}"
        encoded = base64.encodebytes(data).decode("ascii") if len(data) <= 1024 * 1024 else ""
        return 200, {"type": "file", "encoding": "base64" if encoded else "none", "size": len(data),
                     "name": path.rsplit("/", 1)[-1], "path": path, "content": encoded, "sha": sha, "url": url,
                     "git_url": f"{fake.base_url}/repos/{repo.full_name}/git/blobs/{sha}",
                     "html_url": f"{web}/blob/{request.args.get('ref') or repo.default_branch}/{path}",
                     "download_url": f"https://raw.githubusercontent.com/{repo.full_name}/HEAD/{path}",
                     "_links": {"self": url, "git": f"{fake.base_url}/repos/{repo.full_name}/git/blobs/{sha}",
                                "html": f"{web}/blob/HEAD/{path}"}}

    return [("GET", rf"{REPO_PATH}/contents/(?P<path>.+)", with_repo(fake, contents))]


def compare_routes(fake: FakeGitHub) -> list[Route]:
    """Commits: compare two commits (from `repo.compares`; a pair not there is a lost commit, 404)."""

    def compare(_request: Request, match: re.Match[str], repo: FakeRepo) -> Result:
        files = repo.compares.get((match["base"], match["head"]))
        if files is None:
            return fake.not_found()
        return 200, {"status": "ahead", "ahead_by": 1, "behind_by": 0, "total_commits": 1,
                     "base_commit": {"sha": match["base"]}, "commits": [], "files": files}

    return [("GET", rf"{REPO_PATH}/compare/(?P<base>[^./]+)\.\.\.(?P<head>[^/]+)", with_repo(fake, compare))]
