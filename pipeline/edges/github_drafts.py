"""The open drafts on GitHub (PyGithub): what every open PR into the default branch adds, for `nomor` allocation
(`ppid baru`, `ppid disposisi`) and the clash check (`ppid check --repo`).

Same client, bounded retries and error messages as the chain adapter (it is a GitHubRepo). Requests: the
repository (1, for its default branch, unless given), the open PRs into it (all pages), and per PR its files (all
pages; GitHub lists at most 3,000) plus each added or changed announcement at the PR's head commit (contents API,
read as data; none above sop.yml's `content.max_announcements_per_pr`, where only the file names are compared:
the chain gate blocks such a PR anyway). Attachments are compared by the blob sha GitHub lists, never downloaded.
Any failure is an error (fail closed): a check that could not see the open drafts does not pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core import permissions
from pipeline.core.catalog import kind_of
from pipeline.core.chain.gate import announcement_limit_exceeded
from pipeline.core.clashes import HeldAnnouncement, HeldAttachment, Holding, held_announcement
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.github import GitHubRepo, GitHubSettings, _github


@dataclass(frozen=True)
class PullFile:
    """One file of a PR as GET /pulls/N/files lists it."""

    path: str
    status: str
    blob: str


class DraftDesk(GitHubRepo):
    """The repository's open drafts; `command` is what error messages tell people to run again."""

    def __init__(self, settings: GitHubSettings, full_name: str, command: str,
                 needs: str = permissions.DRAFTS) -> None:
        super().__init__(settings, full_name)
        self.command = command
        self.needs = needs

    def default_branch(self) -> str:
        """The repository's default branch (one request)."""
        with _github(f"membaca repositori {self.full_name}", command=self.command, needs=self.needs):
            return str(self._repo.default_branch)

    def pull_files(self, number: int) -> tuple[PullFile, ...]:
        """The files PR `number` adds, changes, renames or removes (all pages)."""
        with _github(f"membaca daftar berkas PR #{number}", command=self.command, needs=self.needs):
            pull = self._repo.get_pull(number)
            return tuple(PullFile(str(f.filename), str(f.status), str(f.sha or "")) for f in pull.get_files())

    def open_drafts(self, sop: Sop, *, branch: str | None = None, skip: int | None = None) -> tuple[Holding, ...]:
        """What each open PR into `branch` (default: the default branch) adds or changes, but PR `skip`."""
        base = branch or self.default_branch()
        with _github("membaca daftar PR terbuka", command=self.command, needs=self.needs):
            pulls = [(int(p.number), str(p.head.sha), p) for p in self._repo.get_pulls(state="open", base=base)]
        out = []
        for number, head, pull in pulls:
            if number == skip:
                continue
            with _github(f"membaca daftar berkas PR #{number}", command=self.command, needs=self.needs):
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
            data = self.file_at(path, head)
            held.append(held_announcement(SourceFile(path, data), sop) if data is not None
                        else HeldAnnouncement(path, None, 1))
        return Holding(number, tuple(held), attachments)


def held_nomors(drafts: tuple[Holding, ...]) -> list[str]:
    """Every `nomor` the open drafts hold."""
    return [a.nomor for holding in drafts for a in holding.announcements if a.nomor]
