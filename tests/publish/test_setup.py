"""`ppid setup` against the fake GitHub: shows the plan, applies it, and a second run changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from pipeline.commands.setup import setup
from pipeline.core.repo_setup import CONTENT_STATUS_CONTEXT, NO_APP_WARNING, RULESET_NAME
from pipeline.edges.github_client import GitHubSettings
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


def run(settings: GitHubSettings, *, apply: bool = False, app_id: int | None = None, pages: bool = True,
        without_app: bool = False) -> str:
    out = io.StringIO()
    assert setup(repo=REPO, app_id=app_id, pages=pages, apply=apply, env={}, without_app=without_app,
                 settings=settings, root=ROOT, out=out) == 0
    return out.getvalue()


def test_plan_only_changes_nothing(admin: AdminState, settings: GitHubSettings) -> None:
    text = run(settings)
    assert admin.writes() == 0
    lines = text.splitlines()
    assert lines[0] == NO_APP_WARNING
    assert lines[2] == "Penyiapan dinas/ppid (cabang utama: main):"
    assert "  [buat]  tim ppid-kabid (Kabid/Kasubag)" in lines
    assert "  [buat]  akses tim ppid-kabid ke dinas/ppid (tidak ada -> push)" in lines
    assert f'  [buat]  aturan cabang "{RULESET_NAME}" pada main (wajib PR + CODEOWNERS, status ppid/persetujuan ' \
           "(TIDAK terikat App: lihat peringatan), pemeriksaan isi ppid/isi (dari GitHub Actions), cabang PR harus " \
           "terbaru sebelum merge, hanya merge commit, tanpa force push dan hapus)" in lines
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
        {"context": "ppid/persetujuan", "integration_id": 4242},
        {"context": "ppid/isi", "integration_id": 4242}]
    assert rules["required_status_checks"]["strict_required_status_checks_policy"] is True
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
    run(settings, apply=True, without_app=True)
    [ruleset] = admin.rulesets[REPO].values()
    ruleset["enforcement"] = "disabled"
    admin.pages[REPO]["build_type"] = "legacy"
    admin.access[("ppid-kabid", REPO)] = "pull"
    admin.access[("ppid-sekretaris", REPO)] = "admin"
    fake.reset_log()
    text = run(settings, apply=True, without_app=True)
    assert "  [diubah] akses tim ppid-kabid ke dinas/ppid (read -> push)" in text
    assert "  [sudah] akses tim ppid-sekretaris ke dinas/ppid (admin)" in text
    assert "  [diubah] GitHub Pages (sumber: legacy -> GitHub Actions)" in text
    assert "3 perubahan diterapkan" in text
    assert admin.writes() == 3
    assert ruleset["id"] in admin.rulesets[REPO] and admin.rulesets[REPO][ruleset["id"]]["enforcement"] == "active"
    assert admin.access[("ppid-sekretaris", REPO)] == "admin"


def test_adding_the_app_later_updates_the_ruleset(admin: AdminState, settings: GitHubSettings) -> None:
    run(settings, apply=True, without_app=True)
    text = run(settings, apply=True, app_id=7)
    assert f'  [diubah] aturan cabang "{RULESET_NAME}"' in text
    [ruleset] = admin.rulesets[REPO].values()
    assert ruleset["bypass_actors"][0]["actor_id"] == 7


def test_a_ruleset_that_lets_stale_branches_merge_is_shown_and_updated(admin: AdminState,
                                                                       settings: GitHubSettings) -> None:
    """A ruleset written before branches had to be up to date: the plan shows the change, --apply makes it."""
    run(settings, apply=True, app_id=7)
    [ruleset] = admin.rulesets[REPO].values()
    [checks] = [r for r in ruleset["rules"] if r["type"] == "required_status_checks"]
    checks["parameters"]["strict_required_status_checks_policy"] = False
    line = (f'aturan cabang "{RULESET_NAME}" pada main (wajib PR + CODEOWNERS, status ppid/persetujuan (hanya dari '
            "App 7), pemeriksaan isi ppid/isi (dari GitHub Actions), cabang PR harus terbaru sebelum merge, hanya "
            "merge commit, tanpa force push dan hapus)")
    assert f"  [ubah]  {line}" in run(settings, app_id=7).splitlines()
    assert f"  [diubah] {line}" in run(settings, apply=True, app_id=7).splitlines()
    [checks] = [r for r in admin.rulesets[REPO][ruleset["id"]]["rules"] if r["type"] == "required_status_checks"]
    assert checks["parameters"]["strict_required_status_checks_policy"] is True
    assert f"  [sudah] {line}" in run(settings, app_id=7).splitlines()


def test_without_pages(admin: AdminState, settings: GitHubSettings) -> None:
    text = run(settings, apply=True, pages=False, without_app=True)
    assert "GitHub Pages" not in text and REPO not in admin.pages


def test_github_down_fails_closed(admin: AdminState, fake: FakeGitHub, settings: GitHubSettings) -> None:
    fake.fail(r"/repos/dinas/ppid/rulesets", status=502, times=-1)
    with pytest.raises(GitHubUnavailable):
        run(settings, apply=True, without_app=True)
    assert admin.writes() == 0


@pytest.mark.parametrize("repo, app_id", [("dinas/tidak-ada", None), (REPO, 0)])
def test_usage_errors(admin: AdminState, settings: GitHubSettings, repo: str, app_id: int | None) -> None:
    with pytest.raises(UsageError):
        setup(repo=repo, app_id=app_id, pages=True, apply=False, env={}, settings=settings, root=ROOT,
              out=io.StringIO())


def test_apply_without_an_app_is_refused_before_any_request(admin: AdminState, fake: FakeGitHub,
                                                            settings: GitHubSettings) -> None:
    with pytest.raises(UsageError) as caught:
        setup(repo=REPO, app_id=None, pages=True, apply=True, env={}, settings=settings, root=ROOT,
              out=io.StringIO())
    assert str(caught.value) == (
        "--apply tanpa --app-id ditolak: tanpa GitHub App, status wajib ppid/persetujuan dapat ditulis sendiri oleh "
        "siapa pun yang punya akses tulis, sehingga aturan cabang hanya tampak melindungi. Buat GitHub App PPID "
        "(PANDUAN-ADMIN.md bagian 3) lalu jalankan `ppid setup --repo dinas/ppid --app-id ID --apply`; bila memang "
        "harus tanpa App (misalnya uji coba), tambahkan --tanpa-app dan baca peringatannya.")
    assert fake.count() == 0 and REPO not in admin.rulesets


def test_apply_without_an_app_warns_in_plain_words(admin: AdminState, settings: GitHubSettings) -> None:
    text = run(settings, apply=True, without_app=True)
    assert text.startswith(NO_APP_WARNING + "\n")
    assert "Siapa pun yang punya akses tulis (write)" in NO_APP_WARNING
    assert 'status "ppid/persetujuan: success" lewat API GitHub' in NO_APP_WARNING
    [ruleset] = admin.rulesets[REPO].values()
    checks = {r["type"]: r.get("parameters") for r in ruleset["rules"]}["required_status_checks"]
    assert checks["required_status_checks"] == [{"context": "ppid/persetujuan"},
                                                {"context": CONTENT_STATUS_CONTEXT}]
    assert ruleset["bypass_actors"] == []


def test_app_and_without_app_exclude_each_other(admin: AdminState, settings: GitHubSettings) -> None:
    with pytest.raises(UsageError, match="tidak dapat dipakai bersama"):
        setup(repo=REPO, app_id=5, pages=True, apply=True, env={}, without_app=True, settings=settings, root=ROOT,
              out=io.StringIO())


def test_a_ruleset_without_the_content_check_is_updated(admin: AdminState, settings: GitHubSettings) -> None:
    run(settings, apply=True, app_id=4242)
    [ruleset] = admin.rulesets[REPO].values()
    checks = next(r for r in ruleset["rules"] if r["type"] == "required_status_checks")["parameters"]
    checks["required_status_checks"] = [c for c in checks["required_status_checks"]
                                        if c["context"] != CONTENT_STATUS_CONTEXT]
    text = run(settings, apply=True, app_id=4242)
    assert f'  [diubah] aturan cabang "{RULESET_NAME}"' in text
    assert NO_APP_WARNING not in text


def test_the_required_content_status_is_written_apart_from_the_pr_files_with_the_app_token() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "periksa.yml").read_text(encoding="utf-8"))
    isi, status = workflow["jobs"]["isi"], workflow["jobs"]["status-isi"]
    [outcome] = [s for s in isi["steps"] if s.get("id") == "hasil"]
    assert outcome["if"] == "always()" and outcome["env"]["OUTCOME"] == (
        "${{ steps.check.outcome == 'success' && steps.build.outcome || steps.check.outcome }}")
    assert [s.get("id") for s in isi["steps"]].index("check") < isi["steps"].index(outcome)
    assert isi["permissions"] == {"contents": "read", "pull-requests": "read"}, "no write right where PR files are"
    assert "environment" not in isi, "and no secret"
    assert status["needs"] == "isi" and status["if"].startswith("always()")
    assert status["environment"] == "ppid-persetujuan" and status["permissions"] == {}
    [app] = [s for s in status["steps"] if s.get("id") == "app"]
    assert app["with"]["permission-statuses"] == "write" and len(
        [k for k in app["with"] if k.startswith("permission-")]) == 1
    [step] = [s for s in status["steps"] if "ppid status" in s.get("run", "")]
    assert step["env"]["GITHUB_TOKEN"] == "${{ steps.app.outputs.token || secrets.PPID_TOKEN }}"
    assert step["env"]["OUTCOME"] == "${{ needs.isi.outputs.hasil || 'failure' }}"
    assert step["run"] == 'ppid status --repo "$REPO" --event "$GITHUB_EVENT_PATH" --hasil "$OUTCOME"'
    assert not any(s.get("with", {}).get("path") == ".pr" for s in status["steps"]), "never checks out the PR"
    [check] = [s for s in isi["steps"] if s.get("id") == "check"]
    # other open PRs and the default branch's checkout, with Actions' own read token (nothing of the PR runs)
    assert check["run"] == ('ppid check --format github --repo "$REPO" --event "$GITHUB_EVENT_PATH" '
                            '--utama "$GITHUB_WORKSPACE"')
    assert check["env"] == {"GITHUB_TOKEN": "${{ github.token }}", "REPO": "${{ github.repository }}"}
