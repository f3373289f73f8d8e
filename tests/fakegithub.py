"""A fake GitHub REST API for tests, served over real HTTP by pytest-httpserver.

Real PyGithub (or any HTTP client) talks to it exactly as it talks to api.github.com: payloads follow GitHub's
documented REST shapes, list endpoints paginate with `per_page`/`page` and RFC 8288 `Link` headers
(rel="prev", "next", "last", "first"), every answer carries `X-RateLimit-*` headers, the token is checked, and
faults can be injected per path: HTTP errors (5xx), rate limits (403/429 with X-RateLimit-Remaining: 0,
X-RateLimit-Reset, Retry-After) and delays (for client timeouts). Every request is recorded.

    fake = FakeGitHub(httpserver)                        # pytest-httpserver's `httpserver` fixture
    fake.add_team("dinas", "ppid-kabid", ["kabid1"])
    repo = fake.add_repo("dinas/ppid")
    issue = repo.add_issue(5, author="kabid1", created_at=t0)
    issue.assign("staf1", by="kabid1", at=t1)
    pr = repo.add_pull(12, author="staf1", created_at=t2, body="Disposisi: #5",
                       files=[("content/pengumuman/a.md", "added")])
    pr.review("kabid1", "APPROVED", t3)                  # on the head commit unless commit_id= is given
    Github(base_url=fake.base_url, auth=Auth.Token(fake.token))

    fake.fail("/repos/dinas/ppid/pulls/12/reviews", status=502, times=2)
    fake.rate_limit("/repos/dinas/ppid/pulls/12", reset_in=30)       # primary: 403, remaining 0, reset
    fake.rate_limit("/repos/dinas/ppid/pulls/12", retry_after=7)     # secondary: 403 + Retry-After
    fake.delay("/repos/dinas/ppid/pulls/12/files", seconds=1.5)
    fake.count("GET", "/repos/dinas/ppid/pulls/12/reviews")         # requests received (faults included)

Served (owner/repo/number placeholders): GET /user, GET /users/L (with `name` from fake.user_names),
GET /repos/O/R, GET /repos/O/R/pulls (filtered by `state` and `base`, newest first), GET /repos/O/R/pulls/N
(merge_commit_sha, merged_by and base sha set by `pr.merge(...)`; `changed_files` from `pr.changed_files`),
GET .../pulls/N/files (at most 3,000, as GitHub)|reviews|commits, GET /repos/O/R/issues/N,
GET .../issues/N/events|timeline (`pr.dismiss(review, ...)` adds a `review_dismissed` event),
GET+POST .../issues/N/comments, GET+PATCH+DELETE /repos/O/R/issues/comments/ID, POST /repos/O/R/statuses/SHA,
GET /repos/O/R/commits/SHA/statuses|status|pulls, GET /orgs/O/teams/S, GET /orgs/O/teams/S/members,
GET /orgs/O/teams/S/memberships/L; issues and labels: GET+POST /repos/O/R/issues (list filtered by `state`
and `labels`, pull requests included as GitHub does; create with labels and assignees), POST
.../issues/N/labels, GET+POST /repos/O/R/labels, GET /repos/O/R/labels/NAME; and GET /repos/O/R/contents/PATH
?ref=SHA for files given with `pr.add_file(..., content=...)` or `repo.put_file(path, data, ref)` (a folder
lists the files directly in it); GET /repos/O/R/compare/BASE...HEAD from `repo.compares[(base, head)]`.
Anything else: `fake.set_json(method, path, payload)` for a fixed answer, or `fake.route(method, regex, handler)`
with `handler(request, match) -> (status, payload[, headers])`; `fake.paginate(request, items)` builds a paginated
answer for custom list routes. The built-in routes, one function per resource, are in tests/fakegithub_routes.py.
Opt-in: administration endpoints (team creation and access, rulesets, Pages, environments) in
tests/fakegithub_admin.py, Actions runs and artifacts in tests/fakegithub_actions.py.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.fakegithub_routes import builtin_routes

Json = Any
Handler = Callable[[Request, "re.Match[str]"], tuple[Any, ...] | Response]
DOCS = "https://docs.github.com/rest"


def iso(moment: datetime | None) -> str | None:
    """GitHub's timestamp format: UTC with Z."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("use aware datetimes in the fake")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Recorded:
    """One request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    status: int = 0
    body: Json = None


@dataclass
class Fault:
    """An injected fault for requests matching `method` (None = any) and `pattern` (full match on the path)."""

    pattern: re.Pattern[str]
    method: str | None = "GET"
    status: int | None = 502
    headers: dict[str, str] = field(default_factory=dict)
    body: Json = None
    delay: float = 0.0
    times: int = 1  # -1: forever

    def matches(self, method: str, path: str) -> bool:
        return self.times != 0 and (self.method is None or self.method == method) and bool(
            self.pattern.fullmatch(path))


@dataclass
class FakeIssue:
    """An issue (or the issue side of a PR): events and comments live here."""

    repo: FakeRepo
    number: int
    author: str
    title: str
    body: str
    created_at: datetime
    state: str = "open"
    assignees: list[str] = field(default_factory=list)
    events: list[Json] = field(default_factory=list)
    is_pull: bool = False
    labels: list[str] = field(default_factory=list)

    def event(self, kind: str, at: datetime, actor: str | None = None, **extra: Json) -> Json:
        """Append an issue event (`assigned`, `ready_for_review`, `labeled`, ...) with GitHub's common fields."""
        fake = self.repo.fake
        event_id = fake.next_id()
        payload = {"id": event_id, "node_id": f"IE_{event_id}",
                   "url": f"{fake.base_url}/repos/{self.repo.full_name}/issues/events/{event_id}",
                   "actor": fake.user_json(actor or self.author), "event": kind, "commit_id": None,
                   "commit_url": None, "created_at": iso(at), "performed_via_github_app": None, **extra}
        self.events.append(payload)
        return payload

    def assign(self, assignee: str, *, by: str, at: datetime) -> Json:
        """An `assigned` event: `by` gave the issue to `assignee`."""
        if assignee not in self.assignees:
            self.assignees.append(assignee)
        fake = self.repo.fake
        return self.event("assigned", at, by, assignee=fake.user_json(assignee), assigner=fake.user_json(by))

    def unassign(self, assignee: str, *, by: str, at: datetime) -> Json:
        """An `unassigned` event: `by` took the issue away from `assignee`."""
        if assignee in self.assignees:
            self.assignees.remove(assignee)
        fake = self.repo.fake
        return self.event("unassigned", at, by, assignee=fake.user_json(assignee), assigner=fake.user_json(by))

    def comment(self, login: str, body: str, at: datetime | None = None) -> Json:
        """A comment by `login` (for example a human's comment that contains a bot marker)."""
        return self.repo.add_comment(self.number, login, body, at)

    def label(self, name: str) -> None:
        """Put label `name` on the issue (created in the repository when missing, as GitHub does)."""
        self.repo.label_json(name)
        if name not in self.labels:
            self.labels.append(name)


@dataclass
class FakePull:
    """A pull request; `issue` holds its events and comments (PRs are issues on GitHub)."""

    repo: FakeRepo
    issue: FakeIssue
    head_sha: str
    draft: bool = False
    merged_at: datetime | None = None
    base_ref: str = "main"
    head_ref: str = "konsep"
    files: list[Json] = field(default_factory=list)
    reviews: list[Json] = field(default_factory=list)
    merge_commit_sha: str | None = None
    merged_by: str | None = None
    base_sha: str = "0" * 40
    contents: dict[str, bytes] = field(default_factory=dict)  # files at the head commit, served by /contents
    changed_files: int | None = None  # what the PR payload says; None: the number of files added

    @property
    def number(self) -> int:
        return self.issue.number

    def merge(self, sha: str, *, at: datetime, by: str, base_sha: str | None = None) -> None:
        """Merge the PR as commit `sha` (listed by GET /commits/SHA/pulls, as GitHub does after a merge)."""
        self.merged_at, self.merge_commit_sha, self.merged_by = at, sha, by
        self.issue.state = "closed"
        if base_sha is not None:
            self.base_sha = base_sha
        self.repo.commit_pulls.setdefault(sha, []).append(self.number)

    def add_file(self, filename: str, status: str = "added", previous_filename: str | None = None, *,
                 content: str | bytes | None = None) -> None:
        """A changed file as GET /pulls/N/files lists it; `content` is served at the head commit by /contents."""
        data = content.encode() if isinstance(content, str) else content
        if data is not None:
            self.contents[filename] = data
        fake = self.repo.fake
        # GitHub lists the git blob sha of the file at the head commit.
        sha = (hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest() if data is not None
               else f"{len(self.files) + 1:040x}")
        web = f"https://github.com/{self.repo.full_name}"
        path = quote(filename)
        entry: Json = {"sha": sha, "filename": filename, "status": status, "additions": 1, "deletions": 0,
                       "changes": 1, "blob_url": f"{web}/blob/{self.head_sha}/{path}",
                       "raw_url": f"{web}/raw/{self.head_sha}/{path}",
                       "contents_url": f"{fake.base_url}/repos/{self.repo.full_name}/contents/{path}"
                                       f"?ref={self.head_sha}",
                       "patch": "@@ -0,0 +1 @@"}
        if previous_filename is not None:
            entry["previous_filename"] = previous_filename
        self.files.append(entry)

    def review(self, login: str, state: str, at: datetime | None, *, commit_id: str | None = None,
               body: str = "") -> Json:
        """A review as GET /pulls/N/reviews lists it (PENDING reviews have no submitted_at)."""
        fake = self.repo.fake
        review_id = fake.next_id()
        html = f"https://github.com/{self.repo.full_name}/pull/{self.number}#pullrequestreview-{review_id}"
        payload: Json = {
            "id": review_id, "node_id": f"PRR_{review_id}", "user": fake.user_json(login), "body": body,
            "state": state, "html_url": html,
            "pull_request_url": f"{fake.base_url}/repos/{self.repo.full_name}/pulls/{self.number}",
            "author_association": "MEMBER",
            "_links": {"html": {"href": html},
                       "pull_request": {"href": f"{fake.base_url}/repos/{self.repo.full_name}/pulls/{self.number}"}},
            "commit_id": commit_id or self.head_sha,
        }
        if state != "PENDING":
            payload["submitted_at"] = iso(at)
        self.reviews.append(payload)
        return payload

    def dismiss(self, review: Json, *, by: str, at: datetime, message: str = "") -> Json:
        """Dismiss `review` as GitHub does: its state becomes DISMISSED, and a `review_dismissed` issue event keeps
        the state it had (lower case, as GitHub sends it)."""
        original = review["state"]
        review["state"] = "DISMISSED"
        return self.issue.event("review_dismissed", at, by, dismissed_review={
            "state": original.lower(), "review_id": review["id"], "dismissal_message": message or None,
            "dismissal_commit_id": self.head_sha})

    @property
    def is_open(self) -> bool:
        return self.merged_at is None and self.issue.state == "open"

    def push(self, sha: str) -> None:
        """A new head commit (reviews on the old one become stale)."""
        self.head_sha = sha

    def mark_ready(self, at: datetime, actor: str | None = None) -> None:
        self.draft = False
        self.issue.event("ready_for_review", at, actor)

    def convert_to_draft(self, at: datetime, actor: str | None = None) -> None:
        self.draft = True
        self.issue.event("convert_to_draft", at, actor)


@dataclass
class FakeRepo:
    """One repository: issues, pulls, comments, statuses and commit -> PR links."""

    fake: FakeGitHub
    full_name: str
    id: int
    default_branch: str = "main"
    issues: dict[int, FakeIssue] = field(default_factory=dict)
    pulls: dict[int, FakePull] = field(default_factory=dict)
    comments: dict[int, Json] = field(default_factory=dict)
    statuses: dict[str, list[Json]] = field(default_factory=dict)
    commit_pulls: dict[str, list[int]] = field(default_factory=dict)
    labels: dict[str, Json] = field(default_factory=dict)
    files_at: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (ref, path) -> bytes
    # (base, head) -> the `files` of GET /compare/BASE...HEAD (a pair not here answers 404, as for a lost commit)
    compares: dict[tuple[str, str], list[Json]] = field(default_factory=dict)

    @property
    def owner(self) -> str:
        return self.full_name.split("/")[0]

    def add_issue(self, number: int, *, author: str, created_at: datetime, title: str = "Agenda",
                  body: str = "", labels: Iterable[str] = (), state: str = "open") -> FakeIssue:
        if number in self.issues:
            raise ValueError(f"#{number} exists (issues and PRs share numbers)")
        issue = FakeIssue(self, number, author, title, body, created_at, state)
        self.issues[number] = issue
        for name in labels:
            issue.label(name)
        return issue

    def next_number(self) -> int:
        """The number GitHub gives the next issue or PR."""
        return max(self.issues, default=0) + 1

    def add_label(self, name: str, *, color: str = "ededed", description: str | None = None) -> Json:
        """A repository label as GET /repos/O/R/labels/NAME answers it."""
        label_id = self.fake.next_id()
        payload = {"id": label_id, "node_id": f"LA_{label_id}",
                   "url": f"{self.fake.base_url}/repos/{self.full_name}/labels/{quote(name)}", "name": name,
                   "description": description, "color": color, "default": False}
        self.labels[name.lower()] = payload
        return payload

    def label_json(self, name: str) -> Json:
        """The label `name`, created with GitHub's default colour when missing."""
        return self.labels.get(name.lower()) or self.add_label(name)

    def put_file(self, path: str, data: str | bytes, ref: str | None = None) -> None:
        """A file at commit or branch `ref` (default branch when None), served by GET /contents/PATH."""
        self.files_at[(ref or self.default_branch, path)] = data.encode() if isinstance(data, str) else data

    def file_at(self, path: str, ref: str | None) -> bytes | None:
        ref = ref or self.default_branch
        if (ref, path) in self.files_at:
            return self.files_at[(ref, path)]
        return next((p.contents[path] for p in self.pulls.values() if p.head_sha == ref and path in p.contents),
                    None)

    def folder_at(self, folder: str, ref: str | None) -> dict[str, bytes]:
        """The files directly in `folder` at `ref` (path -> bytes), as GET /contents/FOLDER lists them."""
        ref = ref or self.default_branch
        found = {path: data for (at, path), data in self.files_at.items() if at == ref}
        for pull in self.pulls.values():
            if pull.head_sha == ref:
                found.update(pull.contents)
        return {path: data for path, data in found.items() if path.rsplit("/", 1)[0] == folder}

    def add_pull(self, number: int, *, author: str, created_at: datetime, head_sha: str = "a" * 40,
                 body: str = "", title: str = "Konsep pengumuman", draft: bool = False,
                 files: Iterable[tuple[str, str] | tuple[str, str, str]] = (),
                 merged_at: datetime | None = None) -> FakePull:
        issue = self.add_issue(number, author=author, created_at=created_at, title=title, body=body)
        issue.is_pull = True
        pull = FakePull(self, issue, head_sha, draft=draft, merged_at=merged_at)
        for entry in files:
            pull.add_file(*entry)
        self.pulls[number] = pull
        return pull

    def add_comment(self, number: int, login: str, body: str, at: datetime | None = None) -> Json:
        fake = self.fake
        comment_id = fake.next_id()
        stamp = iso(at or datetime.now(UTC))
        kind = "pull" if self.issues[number].is_pull else "issues"
        payload = {"id": comment_id, "node_id": f"IC_{comment_id}",
                   "url": f"{fake.base_url}/repos/{self.full_name}/issues/comments/{comment_id}",
                   "html_url": f"https://github.com/{self.full_name}/{kind}/{number}#issuecomment-{comment_id}",
                   "body": body, "user": fake.user_json(login), "created_at": stamp, "updated_at": stamp,
                   "issue_url": f"{fake.base_url}/repos/{self.full_name}/issues/{number}",
                   "author_association": "MEMBER", "performed_via_github_app": None, "_issue": number}
        self.comments[comment_id] = payload
        return payload

    def comments_on(self, number: int) -> list[Json]:
        return [c for c in self.comments.values() if c["_issue"] == number]


class FakeGitHub:
    """The fake API. `base_url` goes to Github(base_url=...); `token` is the only token accepted."""

    def __init__(self, server: HTTPServer, *, token: str = "test-token", login: str = "ppid-bot",
                 default_per_page: int = 30, max_per_page: int = 100) -> None:
        self.server = server
        self.base_url = server.url_for("/").rstrip("/")
        self.token = token
        self.login = login  # the token's own account (GET /user)
        self.user_endpoint_refused = False  # True: GET /user answers 403 as for a GitHub App token
        self.default_per_page = default_per_page
        self.max_per_page = max_per_page
        self.rate_remaining = 5000
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.repos: dict[str, FakeRepo] = {}
        self.teams: dict[tuple[str, str], Json] = {}
        self._users: dict[str, int] = {}
        self.user_names: dict[str, str] = {}  # profile names shown by GET /users/L (full user objects)
        self._ids = 1000
        self._lock = threading.Lock()
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._install_routes()
        server.expect_request(re.compile(r"^/.*")).respond_with_handler(self._handle)

    # -- data ----------------------------------------------------------------------------------------------

    def next_id(self) -> int:
        with self._lock:
            self._ids += 1
            return self._ids

    def user_json(self, login: str, *, kind: str | None = None) -> Json:
        """A simple-user object; logins ending in [bot] are Bots."""
        user_id = self._users.setdefault(login, 100 + len(self._users))
        url = f"{self.base_url}/users/{quote(login)}"
        return {"login": login, "id": user_id, "node_id": f"U_{user_id}",
                "avatar_url": f"https://avatars.githubusercontent.com/u/{user_id}?v=4", "gravatar_id": "",
                "url": url, "html_url": f"https://github.com/{quote(login)}", "followers_url": f"{url}/followers",
                "repos_url": f"{url}/repos", "organizations_url": f"{url}/orgs",
                "type": kind or ("Bot" if login.endswith("[bot]") else "User"), "site_admin": False}

    def add_repo(self, full_name: str, *, default_branch: str = "main") -> FakeRepo:
        repo = FakeRepo(self, full_name, self.next_id(), default_branch)
        self.repos[full_name] = repo
        return repo

    def add_team(self, org: str, slug: str, members: Iterable[str]) -> Json:
        team_id = self.next_id()
        team = {"id": team_id, "node_id": f"T_{team_id}", "slug": slug, "name": slug, "description": "",
                "privacy": "closed", "permission": "pull", "parent": None,
                "url": f"{self.base_url}/organizations/1/team/{team_id}",
                "html_url": f"https://github.com/orgs/{org}/teams/{slug}",
                "members_url": f"{self.base_url}/organizations/1/team/{team_id}/members{{/member}}",
                "repositories_url": f"{self.base_url}/organizations/1/team/{team_id}/repos",
                "members": list(members)}
        self.teams[(org.lower(), slug)] = team
        return team

    # -- faults and log --------------------------------------------------------------------------------------

    def fail(self, path: str, *, status: int = 502, method: str | None = "GET", times: int = 1,
             headers: dict[str, str] | None = None, body: Json = None) -> Fault:
        """Answer `status` to the next `times` matching requests (`path` is a regex, full match)."""
        fault = Fault(re.compile(path), method, status, headers or {},
                      body if body is not None else {"message": "Server Error"}, 0.0, times)
        self.faults.append(fault)
        return fault

    def rate_limit(self, path: str, *, method: str | None = "GET", times: int = 1, reset_in: int = 60,
                   retry_after: int | None = None, status: int = 403) -> Fault:
        """A primary rate limit (remaining 0, reset in `reset_in` s) or, with `retry_after`, a secondary one."""
        reset = int(time.time()) + reset_in
        headers = {"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0", "X-RateLimit-Used": "5000",
                   "X-RateLimit-Reset": str(reset), "X-RateLimit-Resource": "core"}
        message = f"API rate limit exceeded for user ID {self._users.get(self.login, 1)}."
        if retry_after is not None:
            headers = {"Retry-After": str(retry_after), "X-RateLimit-Limit": "5000",
                       "X-RateLimit-Remaining": "4000", "X-RateLimit-Reset": str(reset)}
            message = ("You have exceeded a secondary rate limit. Please wait a few minutes before you try "
                       "again. If you reach out to GitHub Support for help, please include the request ID.")
        docs = f"{DOCS}/overview/rate-limits-for-the-rest-api"
        return self.fail(path, status=status, method=method, times=times, headers=headers,
                         body={"message": message, "documentation_url": docs})

    def delay(self, path: str, seconds: float, *, method: str | None = "GET", times: int = 1) -> Fault:
        """Wait `seconds` before answering normally (to trip client timeouts)."""
        fault = Fault(re.compile(path), method, None, {}, None, seconds, times)
        self.faults.append(fault)
        return fault

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """Requests received, optionally only those with `method` and exactly `path`."""
        return sum(1 for r in self.requests
                   if (method is None or r.method == method) and (path is None or r.path == path))

    def reset_log(self) -> None:
        self.requests.clear()

    # -- extension points ----------------------------------------------------------------------------------

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        """Serve `method` on paths fully matching `pattern` (checked before the built-in routes)."""
        self._routes.insert(0, (method, re.compile(pattern), handler))

    def set_json(self, method: str, path: str, payload: Json, status: int = 200, *, paginate: bool = False) -> None:
        """A fixed answer for one exact path (paginated when `paginate` and payload is a list)."""
        def handler(request: Request, _match: re.Match[str]) -> tuple[Any, ...] | Response:
            return self.paginate(request, payload) if paginate else (status, payload)
        self.route(method, re.escape(path), handler)

    def paginate(self, request: Request, items: list[Json]) -> Response:
        """One page of `items` with GitHub's Link header (per_page default 30, max 100)."""
        per_page = min(max(int(request.args.get("per_page", self.default_per_page)), 1), self.max_per_page)
        page = max(int(request.args.get("page", 1)), 1)
        last = max(math.ceil(len(items) / per_page), 1)
        links = []

        def url(number: int) -> str:
            query = dict(request.args.items())
            query.update(page=str(number), per_page=str(per_page))
            return f"{self.base_url}{request.path}?{urlencode(query)}"

        if page > 1:
            links.append(f'<{url(page - 1)}>; rel="prev"')
        if page < last:
            links += [f'<{url(page + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
        if page > 1:
            links.append(f'<{url(1)}>; rel="first"')
        headers = {"Link": ", ".join(links)} if links else {}
        return self._json(200, items[(page - 1) * per_page: page * per_page], headers)

    # -- HTTP ------------------------------------------------------------------------------------------------

    def _json(self, status: int, payload: Json, headers: dict[str, str] | None = None) -> Response:
        with self._lock:
            self.rate_remaining = max(self.rate_remaining - 1, 0)
            remaining = self.rate_remaining
        base = {"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": str(remaining),
                "X-RateLimit-Used": str(5000 - remaining), "X-RateLimit-Reset": str(int(time.time()) + 3600),
                "X-RateLimit-Resource": "core", "X-GitHub-Request-Id": f"FAKE:{self.next_id()}",
                "X-GitHub-Api-Version-Selected": "2022-11-28"}
        base.update(headers or {})
        text = "" if status == 204 else json.dumps(payload)
        return Response(text, status=status, headers=base, content_type="application/json; charset=utf-8")

    @staticmethod
    def not_found() -> tuple[int, Json]:
        return 404, {"message": "Not Found", "documentation_url": DOCS, "status": "404"}

    def _handle(self, request: Request) -> Response:
        body = request.get_json(silent=True) if request.data else None
        record = Recorded(request.method, request.path, dict(request.args.items()), 0, body)
        self.requests.append(record)
        response = self._dispatch(request)
        record.status = response.status_code
        return response

    def _dispatch(self, request: Request) -> Response:
        for fault in self.faults:
            if fault.matches(request.method, request.path):
                if fault.times > 0:
                    fault.times -= 1
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.status is not None:
                    return self._json(fault.status, fault.body, fault.headers)
                break
        auth = request.headers.get("Authorization", "")
        if auth not in (f"token {self.token}", f"Bearer {self.token}"):
            return self._json(401, {"message": "Bad credentials", "documentation_url": DOCS, "status": "401"})
        for method, pattern, handler in self._routes:
            match = pattern.fullmatch(request.path)
            if match and method == request.method:
                result = handler(request, match)
                if isinstance(result, Response):
                    return result
                status, payload, *rest = result
                return self._json(status, payload, rest[0] if rest else None)
        return self._json(*self.not_found())

    # -- built-in routes (GitHub REST) ---------------------------------------------------------------------

    def _install_routes(self) -> None:
        for method, pattern, handler in builtin_routes(self):
            self._routes.append((method, re.compile(pattern), handler))
