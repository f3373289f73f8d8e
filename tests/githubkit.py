"""Settings that point real PyGithub at the fake GitHub, for the command tests that want retries on."""

from __future__ import annotations

from pipeline.edges.github_client import GitHubSettings
from tests.fakegithub import FakeGitHub


def retrying_settings(fake: FakeGitHub) -> GitHubSettings:
    """Real PyGithub against the fake; retries on, waits recorded instead of slept."""
    return GitHubSettings(token=fake.token, api_url=fake.base_url, timeout=2, retries=2, backoff_factor=0.1,
                          max_wait=5, seconds_between_requests=0, seconds_between_writes=0, sleep=lambda _s: None)
