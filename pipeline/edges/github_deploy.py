"""What `ppid pasang` reads from GitHub: the publish workflow's runs, a run's artifacts, and one artifact's zip.

Built on the chain's adapter (same client, bounded retries, fail-closed errors). Requests: GET /repos/O/R (the
default branch), GET .../actions/workflows/terbit.yml/runs filtered by branch, event and status (one page: GitHub
lists the newest first), GET .../actions/runs/ID/artifacts, and GET .../actions/artifacts/ID/zip, which
redirects to a short-lived address on GitHub's storage host; that one is fetched without the token. The zip is
streamed to a file while its SHA-256 is computed.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from pipeline.core.deploy import WORKFLOW_FILE, ArtifactRef, DeployRefused, PublishRun
from pipeline.edges.github_client import GitHubClient, GitHubSettings, Messages, required_time
from pipeline.errors import ConfigError

_CHUNK = 1 << 16


def _full_name(raw: Any) -> str:
    return str((raw or {}).get("full_name") or "") if isinstance(raw, dict) else ""


class DeployGitHub:
    """The repository, read by the agency's server to fetch the published site."""

    def __init__(self, settings: GitHubSettings, full_name: str) -> None:
        self.client = GitHubClient(settings, full_name, Messages("ppid pasang"))
        self.settings = settings
        self.full_name = full_name

    def close(self) -> None:
        self.client.close()

    def default_branch(self) -> str:
        missing = lambda: ConfigError(  # noqa: E731
            f"repositori {self.full_name} tidak ditemukan atau token tidak boleh membacanya; periksa --repo dan "
            "izin token (Actions: Read-only dan Metadata: Read-only pada repositori ini)")
        with self.client.calling(f"membaca repositori {self.full_name}", not_found=missing):
            return str(self.client.repo.default_branch)

    def publish_runs(self, branch: str, limit: int = 100) -> list[PublishRun]:
        """The newest successful runs of the publish workflow that GitHub lists for `branch` (one page of `limit`,
        newest first); the caller still checks every field, the event included: the filter only saves requests."""
        missing = lambda: ConfigError(  # noqa: E731
            f"alur kerja {WORKFLOW_FILE} tidak ditemukan di {self.full_name}, atau token tidak punya izin "
            "Actions: Read-only; periksa --repo dan izin token")
        with self.client.calling(f"membaca daftar penerbitan ({WORKFLOW_FILE})", not_found=missing):
            _headers, data = self.client.request_json(
                "GET", f"/repos/{self.full_name}/actions/workflows/{WORKFLOW_FILE}/runs",
                parameters={"branch": branch, "status": "success", "per_page": limit})
        items = data.get("workflow_runs") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise DeployRefused("jawaban GitHub untuk daftar penerbitan tidak dapat dibaca")
        return [PublishRun(
            id=int(item["id"]), run_number=int(item.get("run_number") or 0),
            head_sha=str(item.get("head_sha") or ""), head_branch=str(item.get("head_branch") or ""),
            event=str(item.get("event") or ""), status=str(item.get("status") or ""),
            conclusion=str(item["conclusion"]) if item.get("conclusion") else None,
            path=str(item.get("path") or ""), repository=_full_name(item.get("repository")),
            head_repository=_full_name(item.get("head_repository")),
            created_at=required_time(_parse_time(item.get("created_at")), "run alur kerja"),
            html_url=str(item.get("html_url") or "")) for item in items]

    def artifacts(self, run_id: int) -> list[ArtifactRef]:
        """Every artifact of run `run_id` (all pages)."""
        with self.client.calling(f"membaca artefak run {run_id}"):
            _headers, data = self.client.request_json(
                "GET", f"/repos/{self.full_name}/actions/runs/{run_id}/artifacts", parameters={"per_page": 100})
        items = data.get("artifacts") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise DeployRefused(f"jawaban GitHub untuk artefak run {run_id} tidak dapat dibaca")
        out = []
        for item in items:
            run = item.get("workflow_run") or {}
            out.append(ArtifactRef(
                id=int(item["id"]), name=str(item.get("name") or ""), size=int(item.get("size_in_bytes") or 0),
                digest=str(item["digest"]) if item.get("digest") else None, expired=bool(item.get("expired")),
                run_id=int(run["id"]) if run.get("id") is not None else None,
                head_sha=str(run["head_sha"]) if run.get("head_sha") else None))
        return out

    def download(self, artifact: ArtifactRef, target: Path, max_bytes: int) -> str:
        """Stream artifact `artifact` (by id) into `target`; returns the SHA-256 of the bytes received.

        GitHub answers with a redirect to its storage host (not a GitHub domain for current artifacts), which is
        fetched without the token, with the same bounded retries. Stops at `max_bytes` (the size GitHub reported)
        so a wrong answer cannot fill the disk.
        """
        url = f"/repos/{self.full_name}/actions/artifacts/{artifact.id}/zip"
        what = f"mengunduh artefak {artifact.name} (id {artifact.id})"
        gone = lambda: DeployRefused(  # noqa: E731
            f"artefak {artifact.name} (id {artifact.id}) tidak ada lagi di GitHub (kedaluwarsa atau dihapus); "
            "jalankan ulang alur kerja Terbitkan situs")
        with self.client.calling(what, not_found=gone):
            headers, _data = self.client.request_json("GET", url)
        location = str({k.lower(): v for k, v in headers.items()}.get("location") or "")
        allowed = ("https://", "http://") if self.settings.api_url.startswith("http://") else ("https://",)
        if not location.startswith(allowed):
            raise DeployRefused(f"GitHub tidak memberi alamat unduhan yang aman untuk artefak {artifact.name} "
                                f"({location[:60] or 'tanpa alamat'})")
        digest = hashlib.sha256()
        received = 0
        session = requests.Session()
        session.mount(location.split("/", 3)[0] + "//", HTTPAdapter(max_retries=self.settings.retry()))
        try:
            with self.client.calling(what), \
                    session.get(location, stream=True, timeout=self.settings.timeout) as response, \
                    target.open("wb") as handle:
                response.raise_for_status()
                for chunk in response.iter_content(_CHUNK):
                    received += len(chunk)
                    if received > max_bytes:
                        raise DeployRefused(f"unduhan artefak {artifact.name} melebihi {max_bytes} bita, ukuran "
                                            "yang disebut GitHub")
                    digest.update(chunk)
                    handle.write(chunk)
        finally:
            session.close()
        return digest.hexdigest()


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
