"""The GitHub workflows, issue form and PR template: linted by zizmor and GitHub's JSON schemas, plus the rules
of the security model that the linters do not know (pinned actions, timeouts, data-only PR checkout)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def _run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(workflow: dict[Any, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def test_the_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["disposisi.yml", "jadwal.yml", "mulai-arsip.yml", "periksa.yml",
                                           "terbit.yml", "ulasan.yml"]


def test_zizmor_offline_reports_nothing() -> None:
    result = _run(_tool("zizmor"), "--offline", "--no-progress", ".github/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("mutation, replacement, audit", [
    ("      - name: Siapkan Python\n", "      - uses: actions/cache@v4\n        with: {path: x, key: y}\n"
     "      - name: Siapkan Python\n", "unpinned-uses"),
    ("          persist-credentials: false\n", "", "artipacked"),
])
def test_zizmor_would_catch_a_regression(tmp_path: Path, mutation: str, replacement: str, audit: str) -> None:
    """The lint test can fail: an unpinned action or persisted credentials in the publish workflow is found."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    text = (GITHUB / "workflows" / "terbit.yml").read_text(encoding="utf-8")
    assert mutation in text
    (folder / "terbit.yml").write_text(text.replace(mutation, replacement, 1), encoding="utf-8")
    result = _run(_tool("zizmor"), "--offline", "--no-progress", ".github/", cwd=tmp_path)
    assert result.returncode != 0
    assert audit in result.stdout


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_github_schemas(schema: str) -> None:
    result = _run(_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_timeout_schema_catches_a_missing_timeout(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text((GITHUB / "workflows" / "ulasan.yml").read_text(encoding="utf-8")
                   .replace("    timeout-minutes: 5\n", ""), encoding="utf-8")
    result = _run(_tool("check-jsonschema"), "--builtin-schema", "custom.github-workflows-require-timeout", str(bad))
    assert result.returncode == 1


def test_issue_form_matches_github_schema() -> None:
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    assert forms
    result = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", *map(str, forms))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_pinned_to_a_commit_with_its_version(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", text, re.M)
    assert len(uses) == len(re.findall(r"(?<![\w-])uses:", text))
    for ref, rest in uses:
        assert PINNED.match(ref), f"{path.name}: {ref} is not pinned to a full commit sha"
        assert re.match(r"\s+# v\d+\.\d+\.\d+$", rest), f"{path.name}: {ref} lacks its '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_defaults(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {}, "workflow-level permissions must be empty; grant per job"
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job["timeout-minutes"], int), job_id
        assert set(job.get("permissions", {}).values()) <= {"read", "write"}
    for job_id, step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, job_id


def test_pull_request_jobs_never_run_pr_code() -> None:
    workflow = _load(GITHUB / "workflows" / "periksa.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"pull_request_target", "workflow_run"}
    for job_id, step in _steps(workflow):
        if not step.get("uses", "").startswith("actions/checkout@"):
            continue
        ref = step["with"]["ref"]
        if "pull_request.head" in ref:
            # The PR's files go to a data folder, only content/ is checked out, and ppid comes from the default branch.
            assert step["with"]["path"] == ".pr" and step["with"]["sparse-checkout"] == "content", job_id
        else:
            assert ref == "${{ github.event.repository.default_branch }}", job_id
    runs = "\n".join(step.get("run", "") for _, step in _steps(workflow))
    assert "pip install" in runs and ".pr" not in runs.split("pip install", 1)[1].split("\n", 1)[0]
    assert "cp -R .pr/content" in runs and "find content -type l" in runs
    rantai = workflow["jobs"]["rantai"]
    assert rantai["environment"] == "ppid-persetujuan"
    assert "${{" not in "".join(step.get("run", "") for step in rantai["steps"]), "pass expressions through env"


def test_publish_job_archives_builds_and_deploys_one_at_a_time() -> None:
    workflow = _load(GITHUB / "workflows" / "terbit.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "terbit", "cancel-in-progress": False}
    runs = [step.get("run", "") for _, step in _steps(workflow)]
    order = [next(i for i, run in enumerate(runs) if cmd in run)
             for cmd in ("ppid arsip --repo", "ppid verify --sejak", "ppid build --terbit")]
    assert order == sorted(order)
    assert '--dorong "$BRANCH"' in runs[order[0]], "the records are pushed by ppid itself, with retry"
    assert not any("git push" in run for run in runs), "no shell glue pushes records"
    assert any("sha256sum > SHA256SUMS" in run for run in runs)
    uses = [step.get("uses", "").split("@")[0] for _, step in _steps(workflow)]
    assert {"actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    for _, step in _steps(workflow):
        assert "cache" not in step.get("with", {}), "no caches in publish jobs"
    assert workflow["jobs"]["pages"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pr_template_asks_for_the_disposisi() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert re.search(r"^Disposisi: #$", text, re.M)


@pytest.mark.parametrize("symlink", [False, True])
def test_pr_content_step_copies_data_and_refuses_symlinks(tmp_path: Path, symlink: bool) -> None:
    """Run the workflow's own shell step: only content/ is copied next to the default branch's sop.yml."""
    workflow = _load(GITHUB / "workflows" / "periksa.yml")
    [script] = [s["run"] for s in workflow["jobs"]["isi"]["steps"] if s.get("name", "").startswith("Susun folder")]
    (tmp_path / ".pr" / "content" / "pengumuman").mkdir(parents=True)
    (tmp_path / ".pr" / "content" / "pengumuman" / "a.md").write_text("isi\n", encoding="utf-8")
    (tmp_path / ".pr" / "pipeline.py").write_text("print('kode PR')\n", encoding="utf-8")
    (tmp_path / "sop.yml").write_text("dari cabang utama\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("situs dari cabang utama\n", encoding="utf-8")
    if symlink:
        (tmp_path / ".pr" / "content" / "pengumuman" / "b.md").symlink_to("/etc/hostname")
    dest = tmp_path / "periksa"
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, env={"DEST": str(dest), "PATH": "/usr/bin:/bin"}, timeout=60, check=False)
    if symlink:
        assert done.returncode == 1
        assert "::error title=content::PR berisi tautan simbolik" in done.stdout
        assert "content/pengumuman/b.md" in done.stdout
    else:
        assert done.returncode == 0, done.stderr
        assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == [
            "content/pengumuman/a.md", "mkdocs.yml", "sop.yml"]
        assert (dest / "sop.yml").read_text(encoding="utf-8") == "dari cabang utama\n"
        assert (dest / "mkdocs.yml").read_text(encoding="utf-8") == "situs dari cabang utama\n"


def test_pr_content_job_checks_then_builds_strictly_without_secrets() -> None:
    """The content job runs the full strict build of the PR's content after the check, reporting annotations."""
    workflow = _load(GITHUB / "workflows" / "periksa.yml")
    job = workflow["jobs"]["isi"]
    runs = [step.get("run", "") for step in job["steps"]]
    check = next(i for i, run in enumerate(runs) if run.startswith("ppid check --format github"))
    build = runs.index('ppid build --format github --site-dir "$SITE_DIR"')
    assert check < build
    assert job["steps"][build]["working-directory"] == "${{ runner.temp }}/periksa"
    assert "environment" not in job and "secrets." not in json.dumps(job)
