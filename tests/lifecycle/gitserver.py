"""The repository's git remote for the lifecycle harness: a bare repository served over smart HTTP by real
`git http-backend`, guarded by a `pre-receive` hook that enforces what `ppid setup` configures on GitHub.

Tokens stand for accounts, as on GitHub: a push authenticates with a token (HTTP basic, the way
`ppid arsip --dorong` sends its token in an `http.extraheader`), the server hands the account to the hook as
REMOTE_USER, and the hook applies the branch ruleset to the default branch:

- nobody deletes it or force-pushes to it;
- GitHub's merge button (account `MERGE_BUTTON`) moves it by one merge commit whose first parent is the old tip;
  the button itself checks the required status and the code owners' reviews first (see office.py), as GitHub
  does;
- the PPID App (account `APP`, the ruleset's only bypass) moves it only by commits that add files under
  content/arsip/ (the proof records of `ppid arsip --dorong`);
- anything else is a direct push and is rejected.

Other branches (the staff's draft branches) take any authenticated push. Reading needs no token (a public
repository).
"""

from __future__ import annotations

import base64
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

MERGE_BUTTON = "github-merge-button"
APP = "ppid-app[bot]"
DEFAULT_BRANCH = "main"

_HOOK = r'''#!{python}
"""pre-receive: the branch ruleset of the default branch (see tests/lifecycle/gitserver.py)."""
import os
import subprocess
import sys

ZERO = "0" * 40
BRANCH = "refs/heads/{branch}"
MERGE_BUTTON = {merge_button!r}
APP = {app!r}
ARCHIVE = "content/arsip/"


def git(*argv):
    return subprocess.run(["git", *argv], capture_output=True, text=True, check=False)


def reject(*rules):
    print("error: GH013: Repository rule violations found for " + BRANCH + ".", file=sys.stderr)
    for rule in rules:
        print("- " + rule, file=sys.stderr)
    sys.exit(1)


def only_adds_records(old, new):
    commits = git("rev-list", "--parents", old + ".." + new).stdout.split("\n")
    for line in filter(None, commits):
        commit, *parents = line.split()
        if len(parents) != 1:
            return False
        changes = git("diff-tree", "--no-commit-id", "-r", "--no-renames", "--name-status", commit).stdout
        for change in filter(None, changes.split("\n")):
            status, path = change.split("\t", 1)
            if status != "A" or not path.startswith(ARCHIVE):
                return False
    return True


actor = os.environ.get("REMOTE_USER", "")
for line in sys.stdin:
    old, new, ref = line.split()
    if ref != BRANCH:
        continue
    if new == ZERO:
        reject("Cannot delete this branch")
    if old != ZERO and git("merge-base", "--is-ancestor", old, new).returncode != 0:
        reject("Cannot force-push to this branch")
    if actor == MERGE_BUTTON:
        # One merge commit on top of the old tip: the branch's first-parent line gains exactly one step.
        parents = git("rev-list", "--parents", "-n", "1", new).stdout.split()[1:]
        if parents[:1] != [old]:
            reject("Changes must be made through a pull request.")
        continue
    if actor == APP and only_adds_records(old, new):
        continue
    reject("Changes must be made through a pull request.",
           "Required status check \"ppid/persetujuan\" is expected.")
'''


class GitRemote:
    """The bare repository `<root>/<owner>/<name>.git`, its ruleset hook, and the HTTP server in front of it."""

    def __init__(self, root: Path, full_name: str, tokens: dict[str, str]) -> None:
        self.root = root
        self.full_name = full_name
        self.bare = root / f"{full_name}.git"
        self.tokens = dict(tokens)  # token -> account
        self._server: http.server.ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """The server's address (what GITHUB_SERVER_URL holds in a workflow)."""
        assert self._server is not None, "start() the remote first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def clone_url(self) -> str:
        return f"{self.url}/{self.full_name}.git"

    def create(self, seed: Path) -> None:
        """Make the bare repository from the seed repository's default branch, then install the ruleset (the
        initial push happens before the organisation protects the branch, as on GitHub)."""
        self.bare.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", "--bare", "-b", DEFAULT_BRANCH, str(self.bare)], check=True)
        subprocess.run(["git", "-C", str(seed), "push", "-q", str(self.bare), f"HEAD:refs/heads/{DEFAULT_BRANCH}"],
                       check=True, capture_output=True)
        hook = self.bare / "hooks" / "pre-receive"
        hook.write_text(_HOOK.format(python=sys.executable, branch=DEFAULT_BRANCH, merge_button=MERGE_BUTTON,
                                     app=APP), encoding="utf-8")
        hook.chmod(0o755)

    def start(self) -> None:
        handler = type("Handler", (_GitHttp,), {"remote": self})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def bypass_push(self, clone: Path, branch: str = DEFAULT_BRANCH) -> None:
        """Move `branch` to the clone's HEAD without the ruleset (force allowed), as an organisation owner can after
        switching the ruleset off: a fetch into the bare repository runs no receive hook."""
        subprocess.run(["git", "-C", str(self.bare), "fetch", "-q", str(clone), f"+HEAD:refs/heads/{branch}"],
                       check=True, capture_output=True)

    def tip(self, branch: str = DEFAULT_BRANCH) -> str:
        """The branch's commit on the remote."""
        done = subprocess.run(["git", "-C", str(self.bare), "rev-parse", f"refs/heads/{branch}"], capture_output=True,
                              text=True, check=True)
        return done.stdout.strip()

    def account(self, authorization: str | None) -> str | None:
        """The account a request authenticates as (basic auth, token as password), or None."""
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            _, _, token = base64.b64decode(value.strip()).decode().partition(":")
        except ValueError:
            return None
        return self.tokens.get(token)


class _GitHttp(http.server.BaseHTTPRequestHandler):
    """A CGI bridge to `git http-backend` (Git's own smart HTTP server)."""

    remote: GitRemote

    def do_GET(self) -> None:
        self._backend(b"")

    def do_POST(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while size := int(self.rfile.readline().strip() or b"0", 16):
                body += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._backend(body)

    def _backend(self, body: bytes) -> None:
        path, _, query = self.path.partition("?")
        pushing = "git-receive-pack" in path or "service=git-receive-pack" in query
        account = self.remote.account(self.headers.get("Authorization"))
        if pushing and account is None:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="GitHub"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_PROJECT_ROOT": str(self.remote.root),
               "GIT_HTTP_EXPORT_ALL": "1", "REQUEST_METHOD": self.command, "PATH_INFO": path, "QUERY_STRING": query,
               "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
               "REMOTE_ADDR": self.client_address[0]}
        if account is not None:
            env["REMOTE_USER"] = account
        for header, variable in (("Content-Encoding", "HTTP_CONTENT_ENCODING"), ("Git-Protocol", "GIT_PROTOCOL")):
            if self.headers.get(header):
                env[variable] = self.headers[header]
        done = subprocess.run(["git", "http-backend"], input=body, capture_output=True, env=env, check=False,
                              timeout=120)
        head, _, payload = done.stdout.partition(b"\r\n\r\n")
        status = 200
        headers: list[tuple[str, str]] = []
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass
