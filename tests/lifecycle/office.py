"""The lifecycle harness: the agency's whole SOP run against real git, the fake GitHub and real MkDocs.

`Office` is the world of one story. People act through domain-named steps, and each step runs what the real
thing runs, in the same order as the workflows:

    office.disposisi(...)        a Kabid assigns an issue (fake GitHub)
    office.open_pr(...)          staff push a branch to the remote and open a PR whose head and files match it
    office.baru(login, judul)    `ppid baru` on a desk, with a token: the next nomor free across main and open PRs
    office.check(pr)             periksa.yml, job "isi": the default branch's sop.yml + the PR's content/, ppid check
                                 against main and every other open PR, then ppid status (the required status ppid/isi)
    office.push(pr, files)       the author pushes a change to the PR's branch (a synchronize event: the check runs)
    office.update_branch(pr)     GitHub's "Update branch": main merged into the PR's branch (the check runs again)
    office.review(pr, login)     a review on the PR's head (fake GitHub)
    office.chain(pr)             periksa.yml, job "rantai": ppid chain --report (writes ppid/persetujuan)
    office.merge_button(pr)      GitHub's merge button: the branch up to date with main, the required statuses and a
                                 code owner's approval, then one merge commit on main
    office.publish()             terbit.yml: checkout, ppid arsip --dorong, ppid verify --sejak, ppid build --terbit,
                                 then the official host pulls the site (the live site)

The places: gitserver.py (the remote, whose pre-receive hook is the branch ruleset, so a step that GitHub would
refuse is refused here by git itself), workspace.py (clones on desks and runners, and `ppid` run in them),
live_site.py (the official host that serves what a publish run deployed). Commands run as the pipeline's own
functions with plain values (the GitHub ones with settings that do not sleep) or through `pipeline.cli.main`, in
the folder the workflow would use.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from pipeline.commands.arsip import archive_pending
from pipeline.commands.baru import create
from pipeline.commands.chain import chain
from pipeline.commands.check import DraftTarget, check
from pipeline.commands.status import status
from pipeline.core.chain.render import STATUS_CONTEXT
from pipeline.core.repo_setup import CONTENT_STATUS_CONTEXT, ruleset_body
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.record_push import Remote
from tests.fakegithub import FakeGitHub, FakePull, FakeRepo
from tests.lifecycle.gitserver import APP, DEFAULT_BRANCH, MERGE_BUTTON, GitRemote
from tests.lifecycle.live_site import LiveSite
from tests.lifecycle.workspace import FileChange, Workspace, call, inside, ppid
from tests.recordkit import record_content

ROOT = Path(__file__).resolve().parents[2]
WIB = ZoneInfo("Asia/Pontianak")
ORG = "dinas"
REPO = "dinas/ppid"
TEAMS = {"ppid-pelaksana": ["staf1", "staf2"], "ppid-kabid": ["kabid1"], "ppid-sekretaris": ["sekre1"],
         "ppid-kepala-dinas": ["kadis1"], "ppid-admin": ["admin1"]}
CHAIN = ("kabid1", "sekre1", "kadis1")
NAMES = {"kabid1": "Budi Santoso, S.Sos.", "sekre1": "Hj. Nurul Aini, S.E., M.M.", "kadis1": "Dr. Siti Aminah, M.Si."}
TODAY = date(2025, 3, 14)  # the site's "today" (the ppid plugin is pinned to it, so builds are deterministic)
START = datetime(2025, 3, 10, 7, 45, tzinfo=WIB)  # Senin 10 Maret 2025, 07.45 WIB
# "Require branches to be up to date before merging", from the ruleset `ppid setup` writes.
STRICT = next(rule["parameters"]["strict_required_status_checks_policy"] for rule in ruleset_body(None)["rules"]
              if rule["type"] == "required_status_checks")


def notice(slug: str, nomor: int, judul: str, body: str = "Isi pengumuman untuk warga.\n") -> tuple[str, str]:
    """An announcement (path, text) that passes `ppid check`."""
    text = (f"---\njudul: {judul}\nnomor: {nomor:03d}/PPID/DISKOMINFO/2025\njenis: berkala\nkategori: program\n"
            f"tanggal: 2025-03-10\nringkasan: Ringkasan {judul.lower()}.\nunit: Bidang Informasi dan Komunikasi "
            f"Publik\npenanggung_jawab: Budi Santoso, S.Sos.\nretensi: 1 Tahun\n---\n{body}")
    return f"content/pengumuman/2025/{slug}.md", text


class Clock:
    """The story's time: it only moves forward, a few minutes per step, in WIB."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def tick(self, minutes: int = 5) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now

    def iso(self) -> str:
        return self.now.isoformat()


@dataclass(frozen=True)
class Step:
    """One workflow step: its exit code and what it printed."""

    name: str
    code: int
    out: str

    @property
    def ok(self) -> bool:
        return self.code == 0


@dataclass
class PublishRun:
    """One run of terbit.yml: its checkout, its steps in order, and whether the site went live."""

    checkout: Path
    steps: list[Step] = field(default_factory=list)
    deployed: bool = False

    def step(self, name: str) -> Step:
        found = [s for s in self.steps if s.name == name]
        assert found, f"step {name!r} did not run; steps: {[s.name for s in self.steps]}"
        return found[0]

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps) and self.deployed


@dataclass
class PullRequest:
    """A PR: the fake's view of it and the real branch behind it."""

    pull: FakePull
    branch: str
    checked: Step | None = None  # the content check job of the PR's opening event

    @property
    def number(self) -> int:
        return self.pull.number

    @property
    def head(self) -> str:
        return self.pull.head_sha


class MergeBlocked(Exception):
    """GitHub's merge button is disabled: the required status is not success."""


class Office:
    """One story's world: the organisation on the fake GitHub, the protected remote, desks and runners."""

    def __init__(self, tmp: Path, fake: FakeGitHub) -> None:
        self.tmp, self.fake = tmp, fake
        self.clock = Clock(START)
        self.settings = GitHubSettings(token=fake.token, api_url=fake.base_url, timeout=5, retries=1,
                                       backoff_factor=0, seconds_between_requests=0, seconds_between_writes=0,
                                       sleep=lambda _s: None)
        for slug, members in TEAMS.items():
            fake.add_team(ORG, slug, members)
        fake.user_names.update(NAMES)
        self.repo: FakeRepo = fake.add_repo(REPO)
        # Tokens stand for accounts on the git server; the App's is the token the fake API accepts.
        self.tokens = {login: f"token-{login}" for members in TEAMS.values() for login in members}
        self.tokens[MERGE_BUTTON] = "token-merge-button"
        self.remote = GitRemote(tmp / "github", REPO, {token: login for login, token in self.tokens.items()}
                                | {fake.token: APP})
        self.remote.create(self._seed(tmp / "seed"))
        self.remote.start()
        self.live = LiveSite(tmp / "live")
        self._desks: dict[str, Workspace] = {}
        self._runs = 0

    def close(self) -> None:
        self.remote.stop()
        self.live.stop()

    @staticmethod
    def _seed(root: Path) -> Path:
        """The repository as the admin set it up: the project's sop.yml, mkdocs.yml (the site's date pinned) and
        static pages, then the sample record that covers them in a commit of its own (as the real repository's
        demo record), so the first publish has an archived point to start from."""
        root.mkdir(parents=True)
        shutil.copy(ROOT / "sop.yml", root / "sop.yml")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        pinned = config.replace("plugins:\n  - ppid\n", f'plugins:\n  - ppid:\n      today: "{TODAY.isoformat()}"\n')
        assert pinned != config, "mkdocs.yml no longer lists the ppid plugin as '  - ppid'"
        (root / "mkdocs.yml").write_text(pinned, encoding="utf-8")
        (root / ".gitignore").write_text("/site/\n", encoding="utf-8")
        for page in ("content/index.md", "content/tentang/index.md"):
            (root / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / page, root / page)
        assert ppid(root, "codeowners", "--org", ORG)[0] == 0  # as the admin does after `ppid setup`
        seed = Workspace(root, "admin1")
        seed.git("init", "-q", "-b", DEFAULT_BRANCH)
        seed.git("add", "-A")
        seed.git("commit", "-q", "-m", "Repositori PPID")
        record_content(root, number=1)
        seed.git("add", "-A")
        seed.git("commit", "-q", "-m", "Arsip bukti contoh")
        return root

    # -- people and their desks ------------------------------------------------------------------------------

    def desk(self, login: str) -> Workspace:
        """`login`'s own clone, pushing with `login`'s token."""
        if login not in self._desks:
            self._desks[login] = Workspace(self.tmp / "desks" / login, login, self.tokens.get(login),
                                           clone=self.remote.clone_url)
        return self._desks[login]

    def runner(self, label: str) -> Workspace:
        """A fresh checkout on a workflow runner (full history, no credentials kept)."""
        self._runs += 1
        return Workspace(self.tmp / "runners" / f"{self._runs:02d}-{label}", "runner", clone=self.remote.clone_url)

    # -- SOP step 1: disposisi --------------------------------------------------------------------------------

    def disposisi(self, title: str, *, to: str = "staf1", by: str = "kabid1") -> int:
        """An issue from the Disposisi form, assigned by `by` to `to`; returns its number."""
        issue = self.repo.add_issue(self.repo.next_number(), author=by, created_at=self.clock.tick(),
                                    title=f"Disposisi: {title}", labels=["disposisi"])
        issue.assign(to, by=by, at=self.clock.tick())
        return issue.number

    # -- SOP step 2: the draft as a pull request ------------------------------------------------------------

    def open_pr(self, files: Mapping[str, FileChange], *, title: str, disposisi: int | None = None,
                author: str = "staf1") -> PullRequest:
        """`author` commits `files` on a new branch from the remote's main, pushes it, and opens a PR whose head
        commit and changed files on the fake GitHub are those of the real branch; its content check runs at once."""
        desk = self.desk(author)
        number = self.repo.next_number()
        branch = f"konsep-{number}"
        main_sha = desk.sync()
        desk.git("checkout", "-q", "-b", branch)
        head = desk.commit(files, title)
        desk.git("push", "-q", "origin", f"{branch}:refs/heads/{branch}")
        body = f"Disposisi: #{disposisi}\n" if disposisi else "Perubahan pemeliharaan.\n"
        pull = self.repo.add_pull(number, author=author, created_at=self.clock.tick(), head_sha=head, title=title,
                                  body=body)
        pull.head_ref, pull.base_sha = branch, main_sha
        self._list_files(pull, desk, main_sha, head)
        desk.sync()
        pr = PullRequest(pull, branch)
        pr.checked = self.check(pr)  # the opened event runs periksa.yml's job "isi" at once
        return pr

    @staticmethod
    def _list_files(pull: FakePull, desk: Workspace, base: str, head: str) -> None:
        """The PR's files as GitHub lists them: the diff from the merge base of `base` and `head` to `head`."""
        pull.files.clear()
        pull.contents.clear()
        statuses = {"A": "added", "M": "modified", "D": "removed", "T": "changed"}
        diff = desk.git("diff", "--name-status", "--no-renames", f"{base}...{head}")
        for line in diff.splitlines():
            status, path = line.split("\t", 1)
            data = desk.run("cat-file", "blob", f"{head}:{path}", check=False).stdout if status != "D" else None
            pull.add_file(path, statuses[status[0]], content=data)

    def push(self, pr: PullRequest, files: Mapping[str, FileChange], message: str = "Perbaikan") -> Step:
        """The author commits `files` on the PR's branch and pushes: a new head (older reviews go stale), the
        synchronize event runs job "isi" at once; returns its result."""
        desk = self.desk(pr.pull.issue.author)
        desk.git("fetch", "-q", "origin")
        desk.git("checkout", "-q", "-B", pr.branch, f"origin/{pr.branch}")
        head = desk.commit(files, message)
        desk.git("push", "-q", "origin", f"{pr.branch}:refs/heads/{pr.branch}")
        self._moved(pr, desk, head)
        desk.sync()
        return self.check(pr)

    def update_branch(self, pr: PullRequest, *, by: str | None = None) -> None:
        """GitHub's "Update branch" button (update with merge commit): main is merged into the PR's branch and
        pushed as the person who clicked. The synchronize event then runs the jobs; the story runs them with
        `check` and `chain`, so what the merge button sees in between is visible too."""
        desk = self.desk(by or pr.pull.issue.author)
        desk.git("fetch", "-q", "origin")
        desk.git("checkout", "-q", "-B", pr.branch, f"origin/{pr.branch}")
        desk.git("merge", "-q", "--no-ff", "-m", f"Merge branch '{DEFAULT_BRANCH}' into {pr.branch}",
                 f"origin/{DEFAULT_BRANCH}")
        head = desk.git("rev-parse", "HEAD")
        desk.git("push", "-q", "origin", f"{pr.branch}:refs/heads/{pr.branch}")
        self._moved(pr, desk, head)
        desk.sync()

    def _moved(self, pr: PullRequest, desk: Workspace, head: str) -> None:
        self.clock.tick()
        # GitHub keeps serving every commit's files (contents API with ?ref=SHA), the old head's included.
        for path, data in pr.pull.contents.items():
            self.repo.put_file(path, data, ref=pr.head)
        pr.pull.push(head)
        self._list_files(pr.pull, desk, f"origin/{DEFAULT_BRANCH}", head)

    def baru(self, login: str, judul: str, *, jenis: str = "setiap-saat", token: bool = True) -> tuple[str, str, str]:
        """`login` runs `ppid baru` at their desk on a fresh copy of main (with a token for the repository, or
        without one); returns the new file's path, its text and what the command printed. The file is left for
        `open_pr` to commit."""
        desk = self.desk(login)
        desk.sync()
        out = io.StringIO()
        with inside(desk.path):
            code = call(lambda: create(judul=judul, jenis=jenis, tanggal=self.clock.now.date().isoformat(), repo=REPO,
                                       env={}, settings=self.settings if token else None, root=desk.path,
                                       now=self.clock.now, out=out), out)
        assert code == 0, out.getvalue()
        path = out.getvalue().splitlines()[0].removeprefix("Berkas dibuat: ")
        file = desk.path / path
        text = file.read_text(encoding="utf-8")
        file.unlink()
        return path, text, out.getvalue()

    # -- periksa.yml ------------------------------------------------------------------------------------------

    def check(self, pr: PullRequest) -> Step:
        """Job "isi": the default branch's sop.yml next to the PR's content/ (taken as data, symlinks kept as
        links, the way `cp -R` copies them), the workflow's symlink refusal, then `ppid check --format github`."""
        runner = self.runner(f"periksa-{pr.number}")
        folder = self.tmp / "periksa" / runner.path.name  # one folder per run: a PR is checked again and again
        (folder / "content").mkdir(parents=True)
        shutil.copy(runner.path / "sop.yml", folder / "sop.yml")
        runner.git("fetch", "-q", "origin", f"refs/heads/{pr.branch}")
        assert runner.git("rev-parse", "FETCH_HEAD") == pr.head
        archive = subprocess.run(["git", "-C", str(runner.path), "archive", "--format=tar", pr.head, "content"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        links = sorted(p.relative_to(folder).as_posix() for p in (folder / "content").rglob("*") if p.is_symlink())
        if links:
            code, out = 1, ("::error title=content::PR berisi tautan simbolik (symlink); ganti dengan berkas biasa: "
                            f"{' '.join(links)}\n")
        else:
            # --repo "$REPO" --event "$GITHUB_EVENT_PATH" --utama "$GITHUB_WORKSPACE": the runner's checkout of main
            said_check = io.StringIO()
            target = DraftTarget(REPO, event=self._event(pr), utama=runner.path)
            with inside(folder):
                code = call(lambda: check(root=folder, paths=None, fmt="github", target=target, env={},
                                          settings=self.settings, out=said_check), said_check)
            out = said_check.getvalue()
        # The job's last step, whatever the check did: the required status ppid/isi on the PR head.
        said = io.StringIO()
        call(lambda: status(repo=REPO, event_path=self._event(pr), outcome="success" if code == 0 else "failure",
                            env={}, settings=self.settings, err=said), said)
        return Step("check", code, out + said.getvalue())

    def _event(self, pr: PullRequest) -> Path:
        """The pull_request_target payload GitHub writes to GITHUB_EVENT_PATH for the PR as it is now."""
        path = self.tmp / "events" / f"{pr.number}-{pr.head[:7]}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        pull = {"number": pr.number, "head": {"sha": pr.head, "ref": pr.branch}, "base": {"ref": DEFAULT_BRANCH}}
        path.write_text(json.dumps({"action": "synchronize", "number": pr.number, "pull_request": pull,
                                    "repository": {"full_name": REPO, "default_branch": DEFAULT_BRANCH}}),
                        encoding="utf-8")
        return path

    def review(self, pr: PullRequest, login: str, state: str = "APPROVED") -> None:
        """A review on the PR's current head commit."""
        pr.pull.review(login, state, self.clock.tick())

    def chain(self, pr: PullRequest) -> Step:
        """Job "rantai" (after every PR event and every review): `ppid chain --report` run from a checkout of the
        default branch; writes the status `ppid/persetujuan` on the PR head and one comment."""
        runner = self.runner(f"rantai-{pr.number}")
        out = io.StringIO()
        code = call(lambda: chain(repo=REPO, pr=None, event_path=self._event(pr), now_text=self.clock.iso(),
                                   as_json=False, report=True, env={}, settings=self.settings, root=runner.path,
                                   out=out, err=out), out)
        return Step("chain", code, out.getvalue())

    def approve_in_order(self, pr: PullRequest, approvers: tuple[str, ...] = CHAIN) -> Step:
        """Each approver reviews in turn; the relayed review event runs the chain after each one."""
        step = self.chain(pr)
        for login in approvers:
            self.review(pr, login)
            step = self.chain(pr)
        return step

    def status_from_another_pr(self, sha: str, context: str = STATUS_CONTEXT) -> None:
        """`context: success` on `sha`, written for another PR that shares this head commit (the shared-head hole:
        a commit status belongs to the commit, not to one PR); for ppid/isi, any workflow run of the repository
        could write it."""
        answer = requests.post(f"{self.fake.base_url}/repos/{REPO}/statuses/{sha}", timeout=5,
                               headers={"Authorization": f"token {self.fake.token}"},
                               json={"state": "success", "context": context,
                                     "description": "Berhasil (PR lain dengan commit yang sama)"})
        answer.raise_for_status()

    def required_status(self, sha: str, context: str = STATUS_CONTEXT) -> str | None:
        """The state of the required status `context` on `sha`, read from GitHub's combined status as the merge
        button does."""
        answer = requests.get(f"{self.fake.base_url}/repos/{REPO}/commits/{sha}/status", timeout=5,
                              headers={"Authorization": f"token {self.fake.token}"})
        answer.raise_for_status()
        return next((s["state"] for s in answer.json()["statuses"] if s["context"] == context), None)

    def announce(self, slug: str, nomor: int, judul: str, body: str = "Isi pengumuman untuk warga.\n") -> str:
        """SOP steps 1-6 up to the merge, all by the book: disposisi, PR, check, the three approvals in order
        with the chain after each, the merge button. Returns the merge commit."""
        path, text = notice(slug, nomor, judul, body)
        pr = self.open_pr({path: text}, title=judul, disposisi=self.disposisi(judul))
        assert pr.checked is not None and pr.checked.ok, pr.checked
        assert self.approve_in_order(pr).ok
        return self.merge_button(pr)

    # -- SOP step 6: merge and publish -----------------------------------------------------------------------

    def merge_button(self, pr: PullRequest, *, by: str = "staf1") -> str:
        """GitHub's merge button under the ruleset: enabled only when the PR's branch is up to date with main (strict
        required checks), the required statuses on the PR head (ppid/persetujuan and ppid/isi) are success and a
        code owner of every changed file approved the head; then
        one merge commit on main, pushed under GitHub's own account (the only account the ruleset lets merge)."""
        button = self.runner(f"merge-{pr.number}")
        button.login, button.token = MERGE_BUTTON, self.tokens[MERGE_BUTTON]
        base = button.sync()
        # The ruleset's strict required checks (as `ppid setup` writes them): the branch must hold main's tip, so
        # the statuses below were written for the content as it will be after the merge.
        button.git("fetch", "-q", "origin", f"refs/heads/{pr.branch}")
        if STRICT and button.run("merge-base", "--is-ancestor", base, "FETCH_HEAD", check=False).returncode != 0:
            raise MergeBlocked(f"PR #{pr.number}: this branch is out-of-date with the base branch (Update branch)")
        for context in (STATUS_CONTEXT, CONTENT_STATUS_CONTEXT):
            state = self.required_status(pr.head, context)
            if state != "success":
                raise MergeBlocked(f"PR #{pr.number}: {context} is {state or 'missing'}")
        owners = _code_owners((button.path / "CODEOWNERS").read_text(encoding="utf-8"))
        approvers = _approvers(pr.pull)
        for item in pr.pull.files:
            teams = owners(item["filename"])
            if not any(login in TEAMS[team] for team in teams for login in approvers):
                raise MergeBlocked(f"PR #{pr.number}: {item['filename']} needs a review from {', '.join(teams)}")
        button.git("fetch", "-q", "origin", f"refs/heads/{pr.branch}")
        assert button.git("rev-parse", "FETCH_HEAD") == pr.head, "the PR head on GitHub is not the branch tip"
        button.git("merge", "-q", "--no-ff", "-m", f"Merge pull request #{pr.number} from {ORG}/{pr.branch}",
                   "FETCH_HEAD")
        sha = button.git("rev-parse", "HEAD")
        pushed = button.run("push", "-q", "origin", f"HEAD:refs/heads/{DEFAULT_BRANCH}", check=False)
        assert pushed.returncode == 0, f"the ruleset refused the merge button:\n{pushed.stderr}"
        pr.pull.merge(sha, at=self.clock.tick(), by=by, base_sha=base)
        return sha

    def checkout(self) -> Workspace:
        """terbit.yml's first step: the default branch with its whole history, as the push event saw it."""
        return self.runner("terbit")

    def publish(self, checkout: Workspace | None = None, *, event: str | None = None,
                keep_going: bool = False) -> PublishRun:
        """One run of terbit.yml on `checkout` (default: a checkout made now) for the push of `event` (github.sha;
        default: the checkout's commit; the workflow checks out the branch, which may have moved on since). Steps
        stop at the first failure, as in GitHub Actions; `keep_going` runs the later ones anyway, to show each
        defence holds on its own. The official host takes the site only when every step passed."""
        runner = checkout or self.checkout()
        run = PublishRun(runner.path)
        sha = event or runner.git("rev-parse", "HEAD")
        self.clock.tick()
        out = io.StringIO()
        # GITHUB_SERVER_URL and GITHUB_TOKEN as in Actions: the App's token pushes the records over HTTP.
        remote = Remote.for_github(REPO, DEFAULT_BRANCH, {"GITHUB_SERVER_URL": self.remote.url,
                                                          "GITHUB_TOKEN": self.fake.token})
        code = call(lambda: archive_pending(repo=REPO, sha=sha, now_text=self.clock.iso(), demo=False, env={},
                                             settings=self.settings, root=runner.path, remote=remote, out=out), out)
        run.steps.append(Step("arsip", code, out.getvalue()))
        steps: list[tuple[str, Callable[[], tuple[int, str]]]] = [
            ("verify", lambda: ppid(runner.path, "verify", "--sejak", f"{self.live.url}bukti/rantai.txt")),
            ("build", lambda: ppid(runner.path, "build", "--terbit")),
        ]
        for name, action in steps:
            if not run.steps[-1].ok and not keep_going:
                return run
            run.steps.append(Step(name, *action()))
        if all(s.ok for s in run.steps):
            self.live.deploy(runner.path / "site")
            run.deployed = True
        return run

    # -- what is on the default branch -----------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """The proof records on the remote's default branch, in file order, as parsed JSON."""
        bare = ["git", "-C", str(self.remote.bare)]
        names = subprocess.run([*bare, "ls-tree", "-r", "--name-only", DEFAULT_BRANCH, "content/arsip/"],
                               capture_output=True, text=True, check=True).stdout.split()
        return [json.loads(subprocess.run([*bare, "show", f"{DEFAULT_BRANCH}:{name}"], capture_output=True,
                                          check=True).stdout) for name in sorted(names)]

    def recorded_merges(self) -> list[str]:
        """The merge commit of each record on the default branch (the sample record first), in chain order."""
        return [str(r["commits"]["merge"]) for r in self.records()]


def _code_owners(text: str) -> Callable[[str], list[str]]:
    """CODEOWNERS as GitHub reads it, for the forms `ppid codeowners` writes (`*`, `/folder/`, `/file`): the last
    matching line decides a file's owners (team slugs)."""
    rules: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            assert pattern == "*" or pattern.startswith("/"), f"CODEOWNERS pattern not emulated: {pattern}"
            rules.append((pattern, [o.split("/", 1)[1] for o in owners]))

    def owners_of(path: str) -> list[str]:
        found: list[str] = []
        for pattern, teams in rules:
            rel = pattern.lstrip("/")
            if pattern == "*" or path == rel or (rel.endswith("/") and path.startswith(rel)):
                found = teams
        return found

    return owners_of


def _approvers(pull: FakePull) -> set[str]:
    """Who approves the head commit as GitHub counts it: each reviewer's latest decisive review is an approval of
    the current head (stale approvals are dismissed on push; the author's own review never counts)."""
    latest: dict[str, dict[str, str]] = {}
    for review in pull.reviews:
        if review["state"] in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[review["user"]["login"]] = review
    return {login for login, review in latest.items()
            if review["state"] == "APPROVED" and review["commit_id"] == pull.head_sha and login != pull.issue.author}
