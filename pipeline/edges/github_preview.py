"""What the approvers' preview reads from GitHub besides the PR snapshot: the sizes of the attachments the
changed announcements list, and what changed since each older commit an approver saw. Built on the chain's
adapter (same retries, errors, fail-closed); the announcements' own bytes come with the snapshot.

Requests, bounded whatever the PR holds: one GET /repos/O/R/contents/DIR per folder of listed attachments (at
most MAX_FOLDERS) and one GET /repos/O/R/compare/OLD...HEAD per seen version (at most MAX_SEEN_VERSIONS).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pipeline.core.chain.preview import FilePatch, PreviewSources, SeenVersion, attachment_paths, seen_versions
from pipeline.core.chain.snapshot import PrSnapshot
from pipeline.core.sop import Sop
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import Missing

MAX_FOLDERS = 10


class PreviewGitHub(GitHubRepo):
    """The repository, read for the preview in the PR comment."""

    def preview_sources(self, snapshot: PrSnapshot, sop: Sop) -> PreviewSources:
        """Attachment sizes at the head commit and the changes since each older approved commit."""
        wanted = attachment_paths(snapshot, sop)
        folders = list(dict.fromkeys(path.rsplit("/", 1)[0] for path in wanted))[:MAX_FOLDERS]
        sizes: dict[str, int] = {}
        for folder in folders:
            for entry in self._listing(folder, snapshot.head_sha):
                if entry.get("type") == "file" and isinstance(entry.get("size"), int):
                    sizes[str(entry.get("path"))] = int(entry["size"])
        seen = tuple(SeenVersion(v.commit, v.logins, self._compare(v.commit, snapshot.head_sha))
                     for v in seen_versions(snapshot))
        return PreviewSources({path: sizes[path] for path in wanted if path in sizes}, seen)

    def _listing(self, folder: str, ref: str) -> list[dict[str, Any]]:
        try:
            with self.client.calling(f"membaca daftar berkas {folder} pada commit {ref[:7]}", not_found=Missing):
                _headers, data = self.client.request_json(
                    "GET", f"/repos/{self.full_name}/contents/{quote(folder)}", parameters={"ref": ref})
        except Missing:
            return []
        return [entry for entry in data if isinstance(entry, dict)] if isinstance(data, list) else []

    def _compare(self, old: str, head: str) -> tuple[FilePatch, ...] | None:
        """Files changed from `old` to `head`; None when GitHub cannot compare them (a commit gone after a
        force push)."""
        try:
            with self.client.calling(f"membandingkan commit {old[:7]} dengan {head[:7]}", not_found=Missing):
                _headers, data = self.client.request_json(
                    "GET", f"/repos/{self.full_name}/compare/{quote(old)}...{quote(head)}")
        except Missing:
            return None
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, list):
            return None
        return tuple(FilePatch(str(f.get("filename") or ""), str(f.get("status") or ""),
                               f["patch"] if isinstance(f.get("patch"), str) else None)
                     for f in files if isinstance(f, dict))
