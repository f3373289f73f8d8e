"""Which pull request a GitHub Actions event is about (pure): the glue `ppid chain --event` replaces shell with.

- `pull_request` / `pull_request_target`: the event names the PR (`pull_request.number`).
- `workflow_run` (reviews relayed by the "Teruskan ulasan" workflow): only the head commit is trusted. GitHub
  leaves `workflow_run.pull_requests` empty for PRs from forks, so the PR is found among the open PRs by its
  head commit: the one into the default branch first, then the lowest number. When several open PRs share the
  head, the gate blocks whichever is judged (`shared_head`), so the choice never makes a verdict succeed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.core.chain.snapshot import OpenPull

_SHA = re.compile(r"^[0-9a-f]{40}$")


class EventError(ValueError):
    """The event is not one `ppid chain` can take a PR from (message in Bahasa Indonesia)."""


@dataclass(frozen=True)
class EventTarget:
    """The PR an event names (`number`), or the head commit to find it by (`head_sha`)."""

    number: int | None = None
    head_sha: str | None = None
    default_branch: str | None = None
    name: str = ""
    # The named PR's head commit as the event saw it (pull_request events): where `ppid status` writes.
    pr_head_sha: str | None = None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def event_target(event: Any) -> EventTarget:
    """The PR (or head commit) of a GitHub Actions event payload, as GitHub writes it to GITHUB_EVENT_PATH."""
    data = _mapping(event)
    default = _mapping(data.get("repository")).get("default_branch")
    default_branch = default if isinstance(default, str) and default else None
    pull = _mapping(data.get("pull_request"))
    number = pull.get("number")
    if isinstance(number, int) and not isinstance(number, bool) and number > 0:
        head = _mapping(pull.get("head")).get("sha")
        return EventTarget(number=number, default_branch=default_branch, name="pull_request",
                           pr_head_sha=head if isinstance(head, str) and _SHA.match(head) else None)
    run = _mapping(data.get("workflow_run"))
    sha = run.get("head_sha")
    if isinstance(sha, str) and _SHA.match(sha):
        return EventTarget(head_sha=sha, default_branch=default_branch, name="workflow_run")
    raise EventError("berkas peristiwa tidak menyebut PR: diharapkan `pull_request.number` (peristiwa "
                     "pull_request/pull_request_target) atau `workflow_run.head_sha` (peristiwa workflow_run); "
                     "berikan --event \"$GITHUB_EVENT_PATH\" dari salah satu peristiwa itu, atau pakai --pr N")


def pick_pull(head_sha: str, open_pulls: Iterable[OpenPull], default_branch: str | None) -> int | None:
    """The open PR whose head is `head_sha`: into the default branch first, then the lowest number."""
    found = [p for p in open_pulls if p.head_sha == head_sha]
    if not found:
        return None
    return min(found, key=lambda p: (p.base_ref != default_branch, p.number)).number
