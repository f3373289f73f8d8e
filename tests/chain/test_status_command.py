"""`ppid status`: the content check's commit status `ppid/isi` on the PR's head commit, from the event."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.commands.status import status
from pipeline.errors import GitHubUnavailable, UsageError
from tests.chain.conftest import World
from tests.chain.snapshots import HEAD, REPO

EVENT = {"action": "synchronize", "pull_request": {"number": 12, "head": {"sha": HEAD}},
         "repository": {"full_name": REPO, "default_branch": "main"}}


def event_file(tmp_path: Path, event: dict[str, Any] = EVENT) -> Path:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


@pytest.mark.parametrize(("outcome", "code", "state", "description"), [
    ("success", 0, "success", "Isi pengumuman lolos ppid check"),
    ("failure", 1, "failure", "ppid check tidak lolos; lihat anotasi di job Periksa isi"),
    ("cancelled", 1, "failure", "ppid check tidak lolos; lihat anotasi di job Periksa isi"),
    ("skipped", 1, "failure", "ppid check tidak lolos; lihat anotasi di job Periksa isi"),  # e.g. a symlink
])
def test_status_follows_the_check_step(world: World, tmp_path: Path, outcome: str, code: int, state: str,
                                       description: str) -> None:
    err = StringIO()
    assert status(repo=REPO, event_path=event_file(tmp_path), outcome=outcome, env={}, settings=world.settings,
                  err=err) == code
    [written] = world.repo.statuses[HEAD]
    assert (written["context"], written["state"], written["description"]) == ("ppid/isi", state, description)
    assert err.getvalue() == f"Status ppid/isi pada c0ffee1 (PR #12): {state}\n"
    assert world.fake.count() == 1  # one POST, nothing read


def test_a_workflow_run_event_is_refused(world: World, tmp_path: Path) -> None:
    path = event_file(tmp_path, {"workflow_run": {"head_sha": HEAD}})
    with pytest.raises(UsageError, match=r"bukan peristiwa pull request dengan commit terakhir"):
        status(repo=REPO, event_path=path, outcome="success", env={}, settings=world.settings)
    assert world.fake.count() == 0


def test_github_failing_leaves_no_status(world: World, tmp_path: Path) -> None:
    world.fake.fail(r"/repos/dinas/ppid/statuses/.*", status=502, method="POST", times=-1)
    with pytest.raises(GitHubUnavailable):
        status(repo=REPO, event_path=event_file(tmp_path), outcome="success", env={}, settings=world.settings)
    assert HEAD not in world.repo.statuses


def test_cli(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", world.fake.token)
    monkeypatch.setenv("GITHUB_API_URL", world.fake.base_url)
    assert main(["status", "--repo", REPO, "--event", str(event_file(tmp_path)), "--hasil", "success"]) == 0
    assert main(["status", "--repo", REPO, "--event", str(event_file(tmp_path)), "--hasil", "lulus"]) == 2
    assert "--hasil: pilihan 'lulus' tidak dikenal" in capsys.readouterr().err
