"""The reminder and disposisi workflows: the triggers they need, and the security rules the linters do not know
(untrusted issue text never reaches a script, tokens only from the default-branch environment). Pinning,
timeouts, least privilege, zizmor and GitHub's schemas are checked for every workflow in
tests/publish/test_workflows.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
TOKEN = "${{ steps.app.outputs.token || secrets.PPID_TOKEN }}"


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_jadwal_runs_weekly_and_by_hand() -> None:
    workflow = load("jadwal.yml")
    triggers = workflow[True]  # YAML 1.1 reads `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    [cron] = [entry["cron"] for entry in triggers["schedule"]]
    _minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert 0 <= int(hour) + 7 < 8, "before the office opens at 07:30 WIB"
    assert workflow["concurrency"] == {"group": "jadwal", "cancel-in-progress": False}
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs[-1] == 'ppid jadwal --buka-disposisi --repo "$REPO"'


def test_disposisi_runs_on_assignment_of_open_disposisi_issues_only() -> None:
    workflow = load("disposisi.yml")
    assert workflow[True] == {"issues": {"types": ["assigned"]}}
    condition = workflow["jobs"]["tautan"]["if"]
    assert "github.event.issue.pull_request == null" in condition
    assert "contains(github.event.issue.labels.*.name, 'disposisi')" in condition
    assert workflow["concurrency"]["group"] == "disposisi-${{ github.event.issue.number }}"
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs[-1] == 'ppid disposisi --repo "$REPO" --issue "$ISSUE"'


def test_untrusted_issue_text_never_reaches_the_workflow() -> None:
    text = (WORKFLOWS / "disposisi.yml").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # comments may name them
    for field in ("issue.title", "issue.body", "comment.body", "issue.user", "head_ref"):
        assert field not in code, field
    step = steps(load("disposisi.yml"))[-1]
    assert step["env"]["ISSUE"] == "${{ github.event.issue.number }}"


@pytest.mark.parametrize("name", ["jadwal.yml", "disposisi.yml"])
def test_tokens_come_from_the_default_branch_environment(name: str) -> None:
    workflow = load(name)
    [job] = workflow["jobs"].values()
    assert job["environment"] == "ppid-persetujuan"
    assert job["permissions"] == {"contents": "read"}
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), "pass expressions through env"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"].get("ref", "${{ github.event.repository.default_branch }}") == \
                "${{ github.event.repository.default_branch }}"
    [command] = [s for s in steps(workflow) if s.get("run", "").startswith("ppid ")]
    assert command["env"]["GITHUB_TOKEN"] == TOKEN
    app = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/create-github-app-token@"))
    granted = {k: v for k, v in app["with"].items() if k.startswith("permission-")}
    assert granted == ({"permission-members": "read", "permission-issues": "write"} if name == "jadwal.yml"
                       else {"permission-issues": "write", "permission-pull-requests": "read",
                             "permission-contents": "read"})


def test_issue_form_field_names_match_what_ppid_disposisi_reads() -> None:
    from pipeline.core.disposisi_link import FORM_JENIS
    from pipeline.core.reminder import FORM_JENIS as REMINDER_JENIS

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "disposisi.yml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert fields["jenis"]["attributes"]["label"] == FORM_JENIS == REMINDER_JENIS
    assert "disposisi" in form["labels"]
    assert re.match(r"^Disposisi: ", form["title"])
