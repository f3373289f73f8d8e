"""`ppid chain --event`: the PR a GitHub Actions event is about (the glue once written in workflow shell)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.commands.chain import chain
from pipeline.core.chain.event import EventError, EventTarget, event_target, pick_pull
from pipeline.core.chain.snapshot import OpenPull
from pipeline.errors import UsageError
from tests.chain.conftest import World
from tests.chain.snapshots import HEAD, REPO, wib
from tests.conftest import ROOT

NOW = "2024-08-05T15:00:00+07:00"
OTHER = "d" * 40
REPOSITORY = {"full_name": REPO, "default_branch": "main"}


@pytest.mark.parametrize(("event", "target"), [
    ({"action": "synchronize", "pull_request": {"number": 12}, "repository": REPOSITORY},
     EventTarget(number=12, default_branch="main", name="pull_request")),
    ({"pull_request": {"number": 12, "head": {"sha": HEAD}}},
     EventTarget(number=12, name="pull_request", pr_head_sha=HEAD)),
    ({"pull_request": {"number": 12, "head": {"sha": "c0ffee"}}}, EventTarget(number=12, name="pull_request")),
    ({"action": "completed", "workflow_run": {"head_sha": HEAD, "pull_requests": []}, "repository": REPOSITORY},
     EventTarget(head_sha=HEAD, default_branch="main", name="workflow_run")),
    # the relayed number is not used: the head commit decides, for forks and same-repository PRs alike
    ({"workflow_run": {"head_sha": HEAD, "pull_requests": [{"number": 99}]}},
     EventTarget(head_sha=HEAD, name="workflow_run")),
])
def test_event_target(event: dict[str, Any], target: EventTarget) -> None:
    assert event_target(event) == target


@pytest.mark.parametrize("event", [
    {}, [], {"pull_request": {"number": "12"}}, {"pull_request": {"number": True}}, {"pull_request": {"number": 0}},
    {"workflow_run": {"head_sha": "c0ffee"}}, {"workflow_run": {"head_sha": HEAD.upper()}}, {"issue": {"number": 5}},
])
def test_events_without_a_pr_are_refused(event: Any) -> None:
    with pytest.raises(EventError, match="berkas peristiwa tidak menyebut PR"):
        event_target(event)


@pytest.mark.parametrize(("pulls", "number"), [
    ([], None),
    ([OpenPull(12, "main", OTHER)], None),
    ([OpenPull(12, "main", HEAD)], 12),
    ([OpenPull(9, "rilis", HEAD), OpenPull(12, "main", HEAD)], 12),  # into the default branch first
    ([OpenPull(14, "main", HEAD), OpenPull(12, "main", HEAD)], 12),  # then the lowest number
    ([OpenPull(9, "rilis", HEAD)], 9),  # judged, and blocked as base_not_default
])
def test_pick_pull(pulls: list[OpenPull], number: int | None) -> None:
    assert pick_pull(HEAD, pulls, "main") == number


def write_event(tmp_path: Path, event: dict[str, Any]) -> Path:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def run(world: World, event: Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = chain(repo=REPO, pr=None, event_path=event, now_text=NOW, as_json=True, report=True, env={},
                 settings=world.settings, root=ROOT, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_pull_request_target_event(world: World, tmp_path: Path) -> None:
    world.approve_chain()
    code, out, _ = run(world, write_event(tmp_path, {"pull_request": {"number": 12}, "repository": REPOSITORY}))
    assert code == 0 and json.loads(out)["pr"] == 12
    assert world.repo.statuses[HEAD][0]["state"] == "success"


def test_workflow_run_event_of_a_fork_pr_finds_it_by_head_commit(world: World, tmp_path: Path) -> None:
    world.approve_chain()
    for number in range(100, 230):  # the open PR list spans two pages
        world.repo.add_pull(number, author="staf2", created_at=wib(5, 9, 0), head_sha=f"{number:040x}")
    event = {"workflow_run": {"head_sha": HEAD, "event": "pull_request_review", "pull_requests": []},
             "repository": REPOSITORY}
    code, out, err = run(world, write_event(tmp_path, event))
    assert code == 0 and json.loads(out)["pr"] == 12
    assert "PR #12 diperiksa: PR terbuka dengan commit c0ffee1 (peristiwa workflow_run).\n" in err
    # two pages, read once for the event and the snapshot, and once more after writing success
    assert world.fake.count("GET", "/repos/dinas/ppid/pulls") == 2 + 2


def test_workflow_run_event_without_an_open_pr_writes_nothing(world: World, tmp_path: Path) -> None:
    world.pr.merge("e" * 40, at=wib(5, 14, 15), by="admin1")
    event = {"workflow_run": {"head_sha": HEAD, "pull_requests": []}, "repository": REPOSITORY}
    code, out, err = run(world, write_event(tmp_path, event))
    assert (code, out) == (1, "")
    assert err == ("Tidak ada PR terbuka dengan commit c0ffee1 (peristiwa workflow_run); tidak ada yang diperiksa "
                   "dan tidak ada status yang ditulis.\n")
    assert world.repo.statuses == {} and world.repo.comments == {}


def test_an_unreadable_event_file_is_a_usage_error(world: World, tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match="tidak dapat dibaca sebagai JSON"):
        run(world, path)
    assert world.fake.count() == 0


def test_cli_takes_pr_or_event_not_both(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GITHUB_TOKEN", world.fake.token)
    monkeypatch.setenv("GITHUB_API_URL", world.fake.base_url)
    event = write_event(tmp_path, {"pull_request": {"number": 12}})
    assert main(["chain", "--repo", REPO, "--pr", "12", "--event", str(event)]) == 2
    assert "ppid chain: --event tidak dapat dipakai bersama --pr\n" in capsys.readouterr().err
    assert main(["chain", "--repo", REPO, "--event", str(event), "--now", NOW]) == 1  # waiting for the Kabid
    assert capsys.readouterr().out.startswith("PR #12 (pengumuman, commit c0ffee1): Menunggu Kabid/Kasubag\n")
