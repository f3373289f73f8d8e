"""`ppid chain` end to end: exit codes, --json shape, the Indonesian summary, --now, and --report."""

from __future__ import annotations

import json
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.chain import chain
from pipeline.core.chain.render import MARKER
from pipeline.errors import ConfigError, UsageError
from tests.chain.conftest import World
from tests.chain.snapshots import HEAD, REPO, wib
from tests.chain.test_rules import SCENARIOS
from tests.conftest import ROOT

NOW = "2024-08-05T15:00:00+07:00"


def run(world: World, *, report: bool = False, as_json: bool = False, now: str | None = NOW) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = chain(repo=REPO, pr=12, now_text=now, as_json=as_json, report=report, env={}, settings=world.settings,
                 root=ROOT, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli_env(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GITHUB_TOKEN", world.fake.token)
    monkeypatch.setenv("GITHUB_API_URL", world.fake.base_url)
    monkeypatch.delenv("PPID_BOT_LOGIN", raising=False)
    return world


def test_cli_json_approved_exit_0(cli_env: World, capsys: pytest.CaptureFixture[str]) -> None:
    cli_env.approve_chain()
    assert main(["chain", "--repo", REPO, "--pr", "12", "--now", NOW, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("pr", "head_sha", "kind", "state", "next")} == {
        "pr": 12, "head_sha": HEAD, "kind": "announcement", "state": "approved", "next": None}
    assert data["approvals"] == [
        {"role": "kabid", "login": "kabid1", "submitted_at": "2024-08-05T06:30:00Z", "commit_id": HEAD},
        {"role": "sekretaris", "login": "sekre1", "submitted_at": "2024-08-05T07:00:00Z", "commit_id": HEAD},
        {"role": "kepala_dinas", "login": "kadis1", "submitted_at": "2024-08-05T07:05:00Z", "commit_id": HEAD}]
    assert data["problems"] == []
    assert [{k: t[k] for k in ("step", "role", "standard", "elapsed_minutes", "status")} for t in data["timing"]] == [
        {"step": 1, "role": "kabid", "standard": "15m", "elapsed_minutes": 10, "status": "ok"},
        {"step": 2, "role": "pelaksana", "standard": "1d", "elapsed_minutes": 290, "status": "ok"},
        {"step": 3, "role": "kabid", "standard": "1h", "elapsed_minutes": 30, "status": "ok"},
        {"step": 4, "role": "sekretaris", "standard": "1h", "elapsed_minutes": 30, "status": "ok"},
        {"step": 5, "role": "kepala_dinas", "standard": "10m", "elapsed_minutes": 5, "status": "ok"},
        {"step": 6, "role": "pelaksana", "standard": "15m", "elapsed_minutes": 55, "status": "overdue"}]


def test_cli_text_waiting_exit_1(cli_env: World, capsys: pytest.CaptureFixture[str]) -> None:
    cli_env.pr.review("kabid1", "CHANGES_REQUESTED", wib(5, 13, 30))
    assert main(["chain", "--repo", REPO, "--pr", "12", "--now", "2024-08-05T15:00:00"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("PR #12 (pengumuman, commit c0ffee1): Dikembalikan kepada Fungsional/Pelaksana\n")
    assert "[changes_requested] @kabid1 (Kabid/Kasubag) meminta perubahan" in out
    assert "  3. Pemeriksaan (Kabid/Kasubag): 2 jam dari standar 1 jam, melewati standar" in out


def test_cli_github_unavailable_exit_3(cli_env: World, capsys: pytest.CaptureFixture[str]) -> None:
    cli_env.approve_chain()
    cli_env.fake.rate_limit("/repos/dinas/ppid/pulls/12/reviews", reset_in=3600, times=-1)
    assert main(["chain", "--repo", REPO, "--pr", "12", "--json"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing that could be read as approved
    assert "Persetujuan TIDAK dianggap sah" in captured.err


@pytest.mark.parametrize(("argv", "env", "message"), [
    (["chain", "--repo", REPO, "--pr", "12"], {"GITHUB_TOKEN": ""}, "GITHUB_TOKEN belum diisi"),
    (["chain", "--repo", REPO, "--pr", "12", "--now", "kemarin"], {}, "--now 'kemarin' bukan waktu ISO 8601"),
    (["chain", "--repo", "ppid", "--pr", "12"], {}, "harus berbentuk PEMILIK/NAMA"),
    (["chain", "--repo", REPO, "--pr", "0"], {}, "--pr 0 bukan nomor PR"),
    (["chain", "--repo", REPO], {}, "isi salah satu argumen: --pr --event"),
])
def test_cli_usage_and_configuration_exit_2(cli_env: World, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str],
                                            message: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert cli_env.fake.count() == 0


def test_missing_sop_is_a_configuration_error_before_any_request(world: World, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"berkas sop\.yml tidak ada"):
        chain(repo=REPO, pr=12, now_text=NOW, as_json=False, report=False, env={}, settings=world.settings,
              root=tmp_path, out=StringIO())
    assert world.fake.count() == 0


def test_now_without_zone_is_wib(world: World) -> None:
    _, out, _ = run(world, as_json=True, now="2024-08-05T13:45:00")
    assert json.loads(out)["evaluated_at"] == "2024-08-05T06:45:00Z"
    with pytest.raises(UsageError):
        run(world, now="5 Agustus")


# -- --report ---------------------------------------------------------------------------------------------------


def statuses(world: World) -> list[dict[str, str]]:
    return [{k: s[k] for k in ("state", "description", "context", "target_url")}
            for s in world.repo.statuses.get(HEAD, [])]


def test_report_creates_one_comment_and_a_pending_status(world: World) -> None:
    world.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    code, _, err = run(world, report=True)
    assert code == 1
    [comment] = world.repo.comments_on(12)
    assert comment["body"].startswith(MARKER + "\n") and comment["user"]["login"] == world.fake.login
    assert statuses(world) == [{"state": "pending", "description": "Menunggu Sekretaris (1 dari 3 persetujuan sah)",
                                "context": "ppid/persetujuan", "target_url": comment["html_url"]}]
    assert err == (f"Komentar PR dibuat: {comment['html_url']}\nStatus ppid/persetujuan pada c0ffee1: pending\n")


def test_report_edits_the_same_comment_in_place(world: World) -> None:
    run(world, report=True)
    [first] = world.repo.comments_on(12)
    world.approve_chain()
    code, _, err = run(world, report=True)
    assert code == 0
    [again] = world.repo.comments_on(12)
    assert again["id"] == first["id"]
    assert "✅ Disetujui" in again["body"]
    assert world.fake.count("POST", "/repos/dinas/ppid/issues/12/comments") == 1
    assert world.fake.count("PATCH") == 1
    assert statuses(world)[0]["state"] == "success"
    assert "diperbarui" in err


def test_report_does_not_rewrite_an_unchanged_comment(world: World) -> None:
    run(world, report=True)
    _, _, err = run(world, report=True)
    assert world.fake.count("PATCH") == 0
    assert "tidak berubah" in err
    assert len(world.repo.comments_on(12)) == 1


def test_report_never_edits_a_humans_comment_with_the_marker(world: World) -> None:
    human = world.pr.issue.comment("kabid1", f"Saya salin:\n{MARKER}\nJangan diubah.")
    run(world, report=True)
    run(world, report=True, now="2024-08-05T15:30:00+07:00")
    bodies = {c["user"]["login"]: c["body"] for c in world.repo.comments_on(12)}
    assert bodies["kabid1"] == human["body"]
    assert set(bodies) == {"kabid1", world.fake.login}
    assert world.fake.count("PATCH") == 1  # ours, on the second run


def test_report_removes_duplicates_of_its_own_comment(world: World) -> None:
    world.pr.issue.comment(world.fake.login, f"{MARKER}\nlama 1")
    world.pr.issue.comment(world.fake.login, f"{MARKER}\nlama 2")
    run(world, report=True)
    [comment] = world.repo.comments_on(12)
    assert "lama" not in comment["body"]
    assert world.fake.count("DELETE") == 1


def test_report_reads_all_comment_pages(world: World) -> None:
    for index in range(130):
        world.pr.issue.comment("staf2", f"komentar {index}")
    world.pr.issue.comment(world.fake.login, f"{MARKER}\nlama")
    run(world, report=True)
    assert world.fake.count("GET", "/repos/dinas/ppid/issues/12/comments") == 2
    assert world.fake.count("POST", "/repos/dinas/ppid/issues/12/comments") == 0
    assert len(world.repo.comments_on(12)) == 131  # 130 by staff + ours, edited in place


def test_report_with_an_app_token_uses_the_configured_bot_login(world: World) -> None:
    world.fake.user_endpoint_refused = True
    with pytest.raises(ConfigError, match="isi PPID_BOT_LOGIN"):
        run(world, report=True)
    world.fake.login = "ppid-app[bot]"
    world.settings = replace(world.settings, bot_login="ppid-app[bot]")
    run(world, report=True)
    run(world, report=True, now="2024-08-05T15:30:00+07:00")
    assert [c["user"]["login"] for c in world.repo.comments_on(12)] == ["ppid-app[bot]"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_status_matches_state_and_fits_140_characters(world: World, scenario: tuple[object, ...]) -> None:
    setup, state = scenario[1], scenario[3]
    setup(world)  # type: ignore[operator]
    run(world, report=True)
    [status] = statuses(world)
    expected = {"approved": "success", "waiting": "pending", "returned": "failure", "blocked": "failure"}[
        str(state)]
    assert status["state"] == expected
    assert 0 < len(status["description"]) < 140
