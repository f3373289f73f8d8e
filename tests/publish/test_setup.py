"""`ppid setup` against the fake GitHub: shows the plan, applies it, and a second run changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.commands.setup import setup
from pipeline.core.repo_setup import RULESET_NAME
from pipeline.edges.github import GitHubSettings
from pipeline.errors import GitHubUnavailable, UsageError
from tests.fakegithub import FakeGitHub
from tests.fakegithub_admin import AdminState, install_admin_routes

ROOT = Path(__file__).resolve().parents[2]
REPO = "dinas/ppid"
SLUGS = ("ppid-pelaksana", "ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas", "ppid-admin")


@pytest.fixture
def admin(fake: FakeGitHub) -> AdminState:
    fake.add_repo(REPO)
    return install_admin_routes(fake)


def run(settings: GitHubSettings, *, apply: bool = False, app_id: int | None = None, pages: bool = True) -> str:
    out = io.StringIO()
    assert setup(repo=REPO, app_id=app_id, pages=pages, apply=apply, env={}, settings=settings, root=ROOT,
                 out=out) == 0
    return out.getvalue()


def test_plan_only_changes_nothing(admin: AdminState, settings: GitHubSettings) -> None:
    text = run(settings)
    assert admin.writes() == 0
    lines = text.splitlines()
    assert lines[0] == "Penyiapan dinas/ppid (cabang utama: main):"
    assert "  [buat]  tim ppid-kabid (Kabid/Kasubag)" in lines
    assert "  [buat]  akses tim ppid-kabid ke dinas/ppid (tidak ada -> push)" in lines
    assert f'  [buat]  aturan cabang "{RULESET_NAME}" pada main (wajib PR + CODEOWNERS, status ppid/persetujuan, ' \
           "hanya merge commit, tanpa force push dan hapus)" in lines
    assert "  [buat]  GitHub Pages (sumber: GitHub Actions)" in lines
    assert "16 perubahan diperlukan, 0 sudah sesuai. Jalankan lagi dengan --apply untuk menerapkannya." in lines
    assert "Masih harus dilakukan oleh admin:" in lines
    assert any("ppid setup --app-id ID --apply" in line for line in lines)


def test_apply_then_again_is_idempotent(admin: AdminState, fake: FakeGitHub, settings: GitHubSettings) -> None:
    text = run(settings, apply=True, app_id=4242)
    assert "16 perubahan diterapkan, 0 sudah sesuai." in text
    assert all(("dinas", slug) in fake.teams for slug in SLUGS)
    assert admin.access == {(slug, REPO): "maintain" if slug == "ppid-admin" else "push" for slug in SLUGS}
    [ruleset] = admin.rulesets[REPO].values()
    assert ruleset["enforcement"] == "active"
    assert ruleset["conditions"] == {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}}
    rules = {r["type"]: r.get("parameters") for r in ruleset["rules"]}
    assert set(rules) == {"deletion", "non_fast_forward", "pull_request", "required_status_checks"}
    assert rules["pull_request"]["require_code_owner_review"] is True
    assert rules["pull_request"]["allowed_merge_methods"] == ["merge"]
    assert rules["required_status_checks"]["required_status_checks"] == [
        {"context": "ppid/persetujuan", "integration_id": 4242}]
    assert ruleset["bypass_actors"] == [{"actor_id": 4242, "actor_type": "Integration", "bypass_mode": "always"}]
    assert admin.pages[REPO]["build_type"] == "workflow"
    for env in ("ppid-persetujuan", "ppid-terbit"):
        assert admin.environments[REPO][env]["deployment_branch_policy"] == {
            "protected_branches": False, "custom_branch_policies": True}
        assert [p["name"] for p in admin.branch_policies[(REPO, env)]] == ["main"]
    fake.reset_log()
    again = run(settings, apply=True, app_id=4242)
    assert admin.writes() == 0
    assert "Semua 16 butir sudah sesuai; tidak ada yang diubah." in again
    assert "--app-id ID --apply" not in again


def test_drift_is_repaired_and_higher_access_is_kept(admin: AdminState, fake: FakeGitHub,
                                                     settings: GitHubSettings) -> None:
    run(settings, apply=True)
    [ruleset] = admin.rulesets[REPO].values()
    ruleset["enforcement"] = "disabled"
    admin.pages[REPO]["build_type"] = "legacy"
    admin.access[("ppid-kabid", REPO)] = "pull"
    admin.access[("ppid-sekretaris", REPO)] = "admin"
    fake.reset_log()
    text = run(settings, apply=True)
    assert "  [diubah] akses tim ppid-kabid ke dinas/ppid (read -> push)" in text
    assert "  [sudah] akses tim ppid-sekretaris ke dinas/ppid (admin)" in text
    assert "  [diubah] GitHub Pages (sumber: legacy -> GitHub Actions)" in text
    assert "3 perubahan diterapkan" in text
    assert admin.writes() == 3
    assert ruleset["id"] in admin.rulesets[REPO] and admin.rulesets[REPO][ruleset["id"]]["enforcement"] == "active"
    assert admin.access[("ppid-sekretaris", REPO)] == "admin"


def test_adding_the_app_later_updates_the_ruleset(admin: AdminState, settings: GitHubSettings) -> None:
    run(settings, apply=True)
    text = run(settings, apply=True, app_id=7)
    assert f'  [diubah] aturan cabang "{RULESET_NAME}"' in text
    [ruleset] = admin.rulesets[REPO].values()
    assert ruleset["bypass_actors"][0]["actor_id"] == 7


def test_without_pages(admin: AdminState, settings: GitHubSettings) -> None:
    text = run(settings, apply=True, pages=False)
    assert "GitHub Pages" not in text and REPO not in admin.pages


def test_github_down_fails_closed(admin: AdminState, fake: FakeGitHub, settings: GitHubSettings) -> None:
    fake.fail(r"/repos/dinas/ppid/rulesets", status=502, times=-1)
    with pytest.raises(GitHubUnavailable):
        run(settings, apply=True)
    assert admin.writes() == 0


@pytest.mark.parametrize("repo, app_id", [("dinas/tidak-ada", None), (REPO, 0)])
def test_usage_errors(admin: AdminState, settings: GitHubSettings, repo: str, app_id: int | None) -> None:
    with pytest.raises(UsageError):
        setup(repo=repo, app_id=app_id, pages=True, apply=False, env={}, settings=settings, root=ROOT,
              out=io.StringIO())
