"""GitHub Actions endpoints for the fake GitHub (opt-in): workflow runs, their artifacts, and artifact downloads.

    fake = FakeGitHub(httpserver)
    actions = install_actions_routes(fake, blob_server)   # a second HTTPServer, on another host name
    run = actions.add_run("dinas/ppid", head_sha=sha, created_at=t)          # push to main, success, terbit.yml
    actions.add_artifact(run, f"situs-ppid-{sha}", zip_bytes)                 # digest "sha256:..." of the bytes

Served, shaped as GitHub's REST reference documents them:
GET /repos/O/R/actions/workflows/{id or file name}/runs (filters `branch`, `event`, `status`; `per_page`/`page`;
answer `{"total_count", "workflow_runs"}`), GET /repos/O/R/actions/runs/ID/artifacts (`{"total_count",
"artifacts"}`, each with `digest` "sha256:<hex>" and `workflow_run`), and GET /repos/O/R/actions/artifacts/ID/zip,
which answers 302 with a short-lived `Location` on the blob server (like GitHub's storage host) or 410 when the
artifact expired. The blob server refuses a request that carries an Authorization header (the token must never
travel to the storage host), can cut a download after N bytes (`actions.cut[id] = N`), and can hold a download
until a test releases it (`actions.hold[id] = threading.Event()`). `actions.honour_filters = False` makes the
runs list ignore its filters, to prove the client checks every run itself.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlencode

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.fakegithub import FakeGitHub, iso
from tests.fakegithub_routes import REPO_PATH, Route, repo_json

Json = Any
WORKFLOW_PATH = ".github/workflows/terbit.yml"


@dataclass
class FakeArtifact:
    id: int
    name: str
    data: bytes
    run: FakeRun
    digest: str | None
    expired: bool = False
    created_at: datetime = field(default_factory=lambda: datetime(2025, 1, 6, tzinfo=UTC))


@dataclass
class FakeRun:
    id: int
    repo: str
    run_number: int
    head_sha: str
    head_branch: str
    event: str
    status: str
    conclusion: str | None
    path: str
    created_at: datetime
    head_repository: str
    workflow_id: int
    artifacts: list[FakeArtifact] = field(default_factory=list)


@dataclass
class ActionsState:
    fake: FakeGitHub
    blob: HTTPServer
    runs: list[FakeRun] = field(default_factory=list)
    honour_filters: bool = True
    cut: dict[int, int] = field(default_factory=dict)
    hold: dict[int, threading.Event] = field(default_factory=dict)
    downloads: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # artifact id, request headers
    workflows: dict[str, int] = field(default_factory=dict)

    def workflow_id(self, path: str) -> int:
        return self.workflows.setdefault(path, 16_000_000 + len(self.workflows))

    def add_run(self, repo: str, *, head_sha: str, created_at: datetime, branch: str = "main", event: str = "push",
                status: str = "completed", conclusion: str | None = "success", path: str = WORKFLOW_PATH,
                head_repository: str | None = None) -> FakeRun:
        run = FakeRun(self.fake.next_id(), repo, len([r for r in self.runs if r.repo == repo]) + 1, head_sha, branch,
                      event, status, conclusion, path, created_at, head_repository or repo, self.workflow_id(path))
        self.runs.append(run)
        return run

    def add_artifact(self, run: FakeRun, name: str, data: bytes, *, digest: str | None = None,
                     expired: bool = False) -> FakeArtifact:
        artifact = FakeArtifact(self.fake.next_id(), name, data, run,
                                digest if digest is not None else "sha256:" + hashlib.sha256(data).hexdigest(),
                                expired)
        run.artifacts.append(artifact)
        return artifact

    def artifact(self, artifact_id: int) -> FakeArtifact | None:
        return next((a for r in self.runs for a in r.artifacts if a.id == artifact_id), None)

    # -- payloads ---------------------------------------------------------------------------------------------

    def run_json(self, run: FakeRun) -> Json:
        base = self.fake.base_url
        api = f"{base}/repos/{run.repo}/actions/runs/{run.id}"
        repo = self.fake.repos[run.repo]
        head = self.fake.repos.get(run.head_repository)
        head_json = repo_json(self.fake, head) if head else {
            "id": 999, "name": run.head_repository.split("/")[-1], "full_name": run.head_repository,
            "owner": self.fake.user_json(run.head_repository.split("/")[0]), "private": False,
            "html_url": f"https://github.com/{run.head_repository}", "url": f"{base}/repos/{run.head_repository}"}
        return {
            "id": run.id, "name": "Terbitkan situs", "node_id": f"WFR_{run.id}", "head_branch": run.head_branch,
            "head_sha": run.head_sha, "path": run.path, "display_title": f"Merge {run.head_sha[:7]}",
            "run_number": run.run_number, "event": run.event, "status": run.status, "conclusion": run.conclusion,
            "workflow_id": run.workflow_id, "check_suite_id": run.id + 1, "check_suite_node_id": f"CS_{run.id}",
            "url": api, "html_url": f"https://github.com/{run.repo}/actions/runs/{run.id}",
            "pull_requests": [], "created_at": iso(run.created_at),
            "updated_at": iso(run.created_at + timedelta(minutes=3)), "actor": self.fake.user_json("staf1"),
            "triggering_actor": self.fake.user_json("staf1"), "run_attempt": 1,
            "run_started_at": iso(run.created_at), "jobs_url": f"{api}/jobs", "logs_url": f"{api}/logs",
            "check_suite_url": f"{base}/repos/{run.repo}/check-suites/{run.id + 1}",
            "artifacts_url": f"{api}/artifacts", "cancel_url": f"{api}/cancel", "rerun_url": f"{api}/rerun",
            "workflow_url": f"{base}/repos/{run.repo}/actions/workflows/{run.workflow_id}",
            "head_commit": {"id": run.head_sha, "tree_id": "f" * 40, "message": "Merge pull request",
                            "timestamp": iso(run.created_at),
                            "author": {"name": "staf1", "email": "staf1@example.go.id"},
                            "committer": {"name": "GitHub", "email": "noreply@github.com"}},
            "repository": repo_json(self.fake, repo), "head_repository": head_json,
        }

    def artifact_json(self, artifact: FakeArtifact) -> Json:
        base = self.fake.base_url
        run = artifact.run
        url = f"{base}/repos/{run.repo}/actions/artifacts/{artifact.id}"
        return {
            "id": artifact.id, "node_id": f"MDg6QXJ0aWZhY3Q{artifact.id}", "name": artifact.name,
            "size_in_bytes": len(artifact.data), "url": url, "archive_download_url": f"{url}/zip",
            "expired": artifact.expired, "digest": artifact.digest, "created_at": iso(artifact.created_at),
            "updated_at": iso(artifact.created_at), "expires_at": iso(artifact.created_at + timedelta(days=90)),
            "workflow_run": {"id": run.id, "repository_id": self.fake.repos[run.repo].id,
                             "head_repository_id": self.fake.repos[run.repo].id, "head_branch": run.head_branch,
                             "head_sha": run.head_sha},
        }


def _page(request: Request, items: list[Json], key: str, fake: FakeGitHub) -> Response:
    per_page = min(max(int(request.args.get("per_page", 30)), 1), 100)
    page = max(int(request.args.get("page", 1)), 1)
    chunk = items[(page - 1) * per_page: page * per_page]
    links = []
    if page * per_page < len(items):
        query = dict(request.args.items())
        query.update(page=str(page + 1), per_page=str(per_page))
        links.append(f'<{fake.base_url}{request.path}?{urlencode(query)}>; rel="next"')
    return fake._json(200, {"total_count": len(items), key: chunk}, {"Link": ", ".join(links)} if links else {})


def install_actions_routes(fake: FakeGitHub, blob: HTTPServer) -> ActionsState:
    """Add the Actions endpoints to `fake` and serve artifact downloads from `blob`; returns their state."""
    state = ActionsState(fake, blob)
    for method, pattern, handler in _workflow_run_routes(state):
        fake.route(method, pattern, handler)
    blob.expect_request(re.compile(r"^/artefak/\d+$")).respond_with_handler(partial(_serve_blob, state))
    return state


def _workflow_run_routes(state: ActionsState) -> list[Route]:
    """Workflow runs (list a workflow's runs) and artifacts (list a run's artifacts, download one)."""
    fake = state.fake

    def runs(request: Request, match: Any) -> Response | tuple[int, Json]:
        repo = f"{match['owner']}/{match['name']}"
        if repo not in fake.repos:
            return fake.not_found()
        wanted = match["workflow"]
        found = [r for r in state.runs if r.repo == repo
                 and (str(r.workflow_id) == wanted or r.path.rsplit("/", 1)[-1] == wanted)]
        if not found and wanted != WORKFLOW_PATH.rsplit("/", 1)[-1]:
            return fake.not_found()
        if state.honour_filters:
            args = request.args
            found = [r for r in found
                     if args.get("branch") in (None, r.head_branch) and args.get("event") in (None, r.event)
                     and args.get("status") in (None, r.status, r.conclusion)]
        found.sort(key=lambda r: r.created_at, reverse=True)
        return _page(request, [state.run_json(r) for r in found], "workflow_runs", fake)

    def artifacts(request: Request, match: Any) -> Response | tuple[int, Json]:
        run = next((r for r in state.runs if r.id == int(match["run"])
                    and r.repo == f"{match['owner']}/{match['name']}"), None)
        if run is None:
            return fake.not_found()
        return _page(request, [state.artifact_json(a) for a in run.artifacts], "artifacts", fake)

    def download(_request: Request, match: Any) -> Response | tuple[int, Json]:
        artifact = state.artifact(int(match["artifact"]))
        if artifact is None or artifact.run.repo != f"{match['owner']}/{match['name']}":
            return fake.not_found()
        if artifact.expired:
            return 410, {"message": "Artifact has expired", "documentation_url": "https://docs.github.com/rest"}
        location = state.blob.url_for(f"/artefak/{artifact.id}") + "?sig=signed-for-one-minute"
        return Response("", status=302, headers={"Location": location})

    return [
        ("GET", REPO_PATH + r"/actions/workflows/(?P<workflow>[^/]+)/runs", runs),
        ("GET", REPO_PATH + r"/actions/runs/(?P<run>\d+)/artifacts", artifacts),
        ("GET", REPO_PATH + r"/actions/artifacts/(?P<artifact>\d+)/zip", download),
    ]


def _serve_blob(state: ActionsState, request: Request) -> Response:
    """The storage host's answer to an artifact download: refused with a token, cut or held when a test says so."""
    artifact_id = int(request.path.rsplit("/", 1)[-1])
    state.downloads.append((artifact_id, dict(request.headers.items())))
    if "Authorization" in request.headers:
        return Response("<Error><Code>InvalidAuthenticationInfo</Code></Error>", status=400,
                        content_type="application/xml")
    artifact = state.artifact(artifact_id)
    if artifact is None:
        return Response("<Error><Code>BlobNotFound</Code></Error>", status=404, content_type="application/xml")
    gate = state.hold.get(artifact_id)
    limit = state.cut.get(artifact_id)

    def body() -> Iterator[bytes]:
        if gate is not None:
            gate.wait(30)
        if limit is None:
            yield artifact.data
            return
        yield artifact.data[:limit]
        raise ConnectionAbortedError("download cut by the test")

    return Response(body(), status=200, direct_passthrough=True,
                    headers={"Content-Type": "application/zip", "Content-Length": str(len(artifact.data))})
