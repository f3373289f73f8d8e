"""The GitHub side of a PPID repository as data: the desired teams, ruleset, Pages source and environments,
compared with what GitHub reports, giving the changes `ppid setup --apply` makes (pure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pipeline.core.chain.render import STATUS_CONTEXT
from pipeline.core.sop import Sop

RULESET_NAME = "ppid-cabang-utama"
# The content check: the commit status the `status-isi` job of .github/workflows/periksa.yml writes on the PR's
# head commit with `ppid status` (the content job's own check run sits on the base commit under
# pull_request_target). Written with the PPID App's token and pinned to the app like ppid/persetujuan: pinned to
# GitHub Actions instead, any workflow run in the repository could write it.
CONTENT_STATUS_CONTEXT = "ppid/isi"
NO_APP_WARNING = (
    f"PERINGATAN: tanpa GitHub App, status wajib {STATUS_CONTEXT} tidak terikat pada satu aplikasi. Siapa pun "
    "yang punya akses tulis (write) ke repositori, termasuk setiap anggota tim Pelaksana, Kabid/Kasubag, "
    f"Sekretaris dan Kepala Dinas, dapat menulis sendiri status \"{STATUS_CONTEXT}: success\" lewat API GitHub "
    "pada commit PR mana pun, lalu menggabungkan (merge) pengumuman yang belum disetujui berurutan. Aturan "
    "cabang tetap mewajibkan PR, persetujuan CODEOWNERS dan pemeriksaan isi, dan `ppid arsip` menolak mencatat "
    "merge seperti itu, tetapi status hijau di PR tidak lagi membuktikan rantai persetujuan. Buat GitHub App PPID "
    "(PANDUAN-ADMIN.md bagian 3) lalu jalankan `ppid setup --app-id ID --apply` secepatnya.")
ENVIRONMENTS = ("ppid-persetujuan", "ppid-terbit")
# Repository access per role: approvers need write access for their reviews to count.
TEAM_PERMISSION = {"pelaksana": "push", "kabid": "push", "sekretaris": "push", "kepala_dinas": "push",
                   "admin": "maintain"}
_RANK = {"pull": 0, "read": 0, "triage": 1, "push": 2, "write": 2, "maintain": 3, "admin": 4}
Status = Literal["ok", "create", "update", "note"]
Json = Any


@dataclass(frozen=True)
class Observed:
    """What GitHub reports now; None means "does not exist"."""

    default_branch: str
    teams: Mapping[str, bool]  # slug -> exists
    team_access: Mapping[str, str | None]  # slug -> role name on the repository ("write", "admin", ...)
    ruleset: Json | None  # the full ruleset named RULESET_NAME
    pages: Json | None
    environments: Mapping[str, Json | None]
    branch_policies: Mapping[str, tuple[str, ...]]  # environment -> branch name patterns


@dataclass(frozen=True)
class Change:
    """One line of the plan: what, its state, and (for create/update) the request that makes it so."""

    status: Status
    what: str
    detail: str = ""
    method: str = ""
    path: str = ""
    payload: Json = field(default=None, compare=False)


def ruleset_body(app_id: int | None) -> Json:
    """The default branch's ruleset: pull request with code owners, required status, no force push/delete."""
    check: Json = {"context": STATUS_CONTEXT}
    content: Json = {"context": CONTENT_STATUS_CONTEXT}
    if app_id is not None:  # only the PPID app may set the statuses
        check["integration_id"] = app_id
        content["integration_id"] = app_id
    return {
        "name": RULESET_NAME, "target": "branch", "enforcement": "active",
        "conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
        "rules": [
            {"type": "deletion"},
            {"type": "non_fast_forward"},
            {"type": "pull_request", "parameters": {
                "required_approving_review_count": 1, "dismiss_stale_reviews_on_push": True,
                "require_code_owner_review": True, "require_last_push_approval": True,
                "required_review_thread_resolution": False,
                # A PR always lands as a merge commit, so a commit that adds proof records and is not a merge can
                # only be the app's record push (`ppid arsip`, `ppid verify` rely on it; squash would blur it).
                "allowed_merge_methods": ["merge"]}},
            {"type": "required_status_checks", "parameters": {
                # Up to date before merging: after another draft merges, the checks run again on the PR as it will
                # be after its merge, so two PRs that each passed alone never land a duplicate nomor or slug.
                "strict_required_status_checks_policy": True, "required_status_checks": [check, content]}},
        ],
        # The app pushes proof records straight to the default branch after a merge.
        "bypass_actors": ([{"actor_id": app_id, "actor_type": "Integration", "bypass_mode": "always"}]
                          if app_id is not None else []),
    }


def _essence(ruleset: Json) -> Json:
    """The parts of a ruleset we manage, in a comparable form (GitHub adds ids, links and defaults)."""
    rules = {}
    for rule in ruleset.get("rules") or []:
        params = dict(rule.get("parameters") or {})
        if rule.get("type") == "pull_request":
            params = {k: params.get(k) for k in ("required_approving_review_count", "dismiss_stale_reviews_on_push",
                                                 "require_code_owner_review", "require_last_push_approval",
                                                 "required_review_thread_resolution", "allowed_merge_methods")}
        if rule.get("type") == "required_status_checks":
            params = {"strict": params.get("strict_required_status_checks_policy"),
                      "checks": sorted((c.get("context"), c.get("integration_id"))
                                       for c in params.get("required_status_checks") or [])}
        rules[rule.get("type")] = params
    bypass = sorted((b.get("actor_type"), b.get("actor_id"), b.get("bypass_mode"))
                    for b in ruleset.get("bypass_actors") or [])
    include = sorted(((ruleset.get("conditions") or {}).get("ref_name") or {}).get("include") or [])
    return {"enforcement": ruleset.get("enforcement"), "target": ruleset.get("target"), "include": include,
            "rules": rules, "bypass": bypass}


def plan(sop: Sop, repo: str, observed: Observed, *, app_id: int | None, pages: bool) -> list[Change]:
    """Every change needed to bring the repository to the PPID setup, with what is already right."""
    owner = repo.split("/")[0]
    out: list[Change] = []
    for role, config in sop.roles.items():
        slug = config.team
        if observed.teams.get(slug):
            out.append(Change("ok", f"tim {slug}", config.nama))
        else:
            out.append(Change("create", f"tim {slug}", config.nama, "POST", f"/orgs/{owner}/teams",
                              {"name": slug, "description": f"PPID: {config.nama}", "privacy": "closed"}))
        want = TEAM_PERMISSION[role]
        have = observed.team_access.get(slug)
        what = f"akses tim {slug} ke {repo}"
        if have is not None and _RANK.get(have, -1) >= _RANK[want]:
            out.append(Change("ok", what, have))
        else:
            out.append(Change("update" if have else "create", what, f"{have or 'tidak ada'} -> {want}", "PUT",
                              f"/orgs/{owner}/teams/{slug}/repos/{repo}", {"permission": want}))
    body = ruleset_body(app_id)
    current = observed.ruleset
    what = f'aturan cabang "{RULESET_NAME}" pada {observed.default_branch}'
    detail = (f"wajib PR + CODEOWNERS, status {STATUS_CONTEXT} "
              f"({f'hanya dari App {app_id}' if app_id is not None else 'TIDAK terikat App: lihat peringatan'}), "
              f"pemeriksaan isi {CONTENT_STATUS_CONTEXT} (dari GitHub Actions), cabang PR harus terbaru sebelum "
              "merge, hanya merge commit, tanpa force push dan hapus")
    if current is None:
        out.append(Change("create", what, detail, "POST", f"/repos/{repo}/rulesets", body))
    elif _essence(current) != _essence(body):
        out.append(Change("update", what, detail, "PUT", f"/repos/{repo}/rulesets/{current.get('id')}", body))
    else:
        out.append(Change("ok", what, detail))
    if pages:
        if observed.pages is None:
            out.append(Change("create", "GitHub Pages", "sumber: GitHub Actions", "POST", f"/repos/{repo}/pages",
                              {"build_type": "workflow"}))
        elif observed.pages.get("build_type") != "workflow":
            out.append(Change("update", "GitHub Pages", f"sumber: {observed.pages.get('build_type')} -> GitHub "
                              "Actions", "PUT", f"/repos/{repo}/pages", {"build_type": "workflow"}))
        else:
            out.append(Change("ok", "GitHub Pages", "sumber: GitHub Actions"))
    for name in ENVIRONMENTS:
        env = observed.environments.get(name)
        policy = (env or {}).get("deployment_branch_policy") or {}
        what = f"lingkungan {name}"
        if env is None or not policy.get("custom_branch_policies") or policy.get("protected_branches"):
            out.append(Change("create" if env is None else "update", what, "hanya untuk cabang utama", "PUT",
                              f"/repos/{repo}/environments/{name}",
                              {"deployment_branch_policy": {"protected_branches": False,
                                                            "custom_branch_policies": True}}))
        else:
            out.append(Change("ok", what, "hanya untuk cabang utama"))
        branch = f"{what}: cabang {observed.default_branch}"
        if observed.default_branch in observed.branch_policies.get(name, ()):
            out.append(Change("ok", branch))
        else:
            out.append(Change("create", branch, "", "POST",
                              f"/repos/{repo}/environments/{name}/deployment-branch-policies",
                              {"name": observed.default_branch, "type": "branch"}))
    return out


def manual_steps(sop: Sop, repo: str, app_id: int | None) -> list[str]:
    """What a person must still do on GitHub (Bahasa Indonesia)."""
    teams = ", ".join(sop.team(role) for role in ("pelaksana", "kabid", "sekretaris", "kepala_dinas", "admin"))
    steps = [
        "Buat GitHub App PPID milik organisasi (Settings > Developer settings > GitHub Apps) dengan izin "
        "organisasi Members: read dan izin repositori Contents: read and write, Pull requests: read and write, "
        f"Issues: read and write, Commit statuses: read and write; pasang (install) hanya pada {repo}.",
        f"Di {repo} > Settings > Secrets and variables > Actions: isi variabel PPID_APP_ID (App ID), dan pada "
        f"lingkungan {ENVIRONMENTS[0]} dan {ENVIRONMENTS[1]} isi secret PPID_APP_PRIVATE_KEY (kunci privat App). "
        "Tanpa App: isi secret PPID_TOKEN (token fine-grained akun bot dengan izin yang sama) dan variabel "
        "PPID_BOT_LOGIN.",
        f"Masukkan anggota ke tim {teams} sesuai jabatan (satu orang tidak boleh mengisi dua peran).",
        "Jalankan 'ppid codeowners' dan gabungkan CODEOWNERS lewat pull request pemeliharaan.",
    ]
    if app_id is None:
        steps.append("Jalankan lagi 'ppid setup --app-id ID --apply' setelah App dibuat: aturan cabang lalu "
                     "mewajibkan status dari App itu saja dan mengizinkan App mendorong catatan bukti.")
    return steps


def summary(changes: Sequence[Change]) -> tuple[int, int]:
    """(changes to make, items already right)."""
    todo = sum(1 for c in changes if c.status in ("create", "update"))
    return todo, sum(1 for c in changes if c.status == "ok")
