"""The open drafts on GitHub (PyGithub): what every open PR into the default branch adds, for `nomor` allocation
(`ppid baru`, `ppid disposisi`) and the clash check (`ppid check --repo`).

Built on the shared GitHub client (bounded retries) with its own messages, and the chain's reader for files at a
commit. Requests: the
repository (1, for its default branch, unless given), the open PRs into it (all pages), and per PR its files (all
pages; GitHub lists at most 3,000) plus each added or changed announcement at the PR's head commit (contents API,
read as data; none above sop.yml's `content.max_announcements_per_pr`, where only the file names are compared:
the chain gate blocks such a PR anyway). Attachments are compared by the blob sha GitHub lists, never downloaded.
Any failure is an error (fail closed): a check that could not see the open drafts does not pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core import permissions
from pipeline.core.chain.gate import announcement_limit_exceeded
from pipeline.core.clashes import HeldAnnouncement, HeldAttachment, Holding, held_announcement
from pipeline.core.paths import kind_of
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import GitHubSettings, Messages


@dataclass(frozen=True)
class PullFile:
    """One file of a PR as GET /pulls/N/files lists it."""

    path: str
    status: str
    blob: str


class DraftDesk:
    """The repository's open drafts; `command` is what error messages tell people to run again."""

    def __init__(self, settings: GitHubSettings, full_name: str, command: str,
                 needs: str = permissions.DRAFTS) -> None:
        self.repo = GitHubRepo(settings, full_name, Messages(command, needs=needs))
        self.client = self.repo.client
        self.full_name = full_name

    def close(self) -> None:
        self.client.close()

    def default_branch(self) -> str:
        """The repository's default branch (one request)."""
        with self.client.calling(f"membaca repositori {self.full_name}"):
            return str(self.client.repo.default_branch)

    def pull_files(self, number: int) -> tuple[PullFile, ...]:
        """The files PR `number` adds, changes, renames or removes (all pages)."""
        with self.client.calling(f"membaca daftar berkas PR #{number}"):
            pull = self.client.repo.get_pull(number)
            return tuple(PullFile(str(f.filename), str(f.status), str(f.sha or "")) for f in pull.get_files())

    def open_drafts(self, sop: Sop, *, branch: str | None = None, skip: int | None = None) -> tuple[Holding, ...]:
        """What each open PR into `branch` (default: the default branch) adds or changes, but PR `skip`."""
        base = branch or self.default_branch()
        with self.client.calling("membaca daftar PR terbuka"):
            pulls = [(int(p.number), str(p.head.sha), p) for p in self.client.repo.get_pulls(state="open", base=base)]
        out = []
        for number, head, pull in pulls:
            if number == skip:
                continue
            with self.client.calling(f"membaca daftar berkas PR #{number}"):
                files = [PullFile(str(f.filename), str(f.status), str(f.sha or "")) for f in pull.get_files()]
            out.append(self._holding(number, head, files, sop))
        return tuple(out)

    def _holding(self, number: int, head: str, files: list[PullFile], sop: Sop) -> Holding:
        present = [f for f in files if f.status not in ("removed", "unchanged")]
        notices = [f.path for f in present if kind_of(f.path, sop) == "announcement"]
        attachments = tuple(HeldAttachment(f.path, f.blob) for f in present
                            if kind_of(f.path, sop) == "attachment")
        if announcement_limit_exceeded(len(notices), sop):
            return Holding(number, tuple(HeldAnnouncement(path, None, 1) for path in notices), attachments)
        held = []
        for path in notices:
            data = self.repo.file_at(path, head)
            held.append(held_announcement(SourceFile(path, data), sop) if data is not None
                        else HeldAnnouncement(path, None, 1))
        return Holding(number, tuple(held), attachments)


def held_nomors(drafts: tuple[Holding, ...]) -> list[str]:
    """Every `nomor` the open drafts hold."""
    return [a.nomor for holding in drafts for a in holding.announcements if a.nomor]
