"""The archive of proof records on disk (content/arsip/) and the git history that anchors it.

Records are written once with an exclusive create and never rewritten. Git is read with plain `git` commands
(`git show`, `git log`, `git status`); when the folder is not a git checkout, or a commit is missing from a
shallow clone, the caller is told so and checks what it can.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from pipeline.core.paths import folder_prefix, join
from pipeline.core.problems import Problem
from pipeline.core.proof import ChainReport, ProofRecord, record_name, render, verify_chain
from pipeline.core.proof_check import published_paths
from pipeline.core.sop import Sop
from pipeline.edges.content import read_regular, scan_content
from pipeline.errors import PpidError

_GIT_TIMEOUT = 60


def archive_dir(root: Path, sop: Sop) -> Path:
    return root / sop.content.archive


def read_records(root: Path, sop: Sop) -> list[tuple[str, bytes]]:
    """Every file under the archive folder (any name), as repository-relative POSIX paths with their bytes."""
    base = archive_dir(root, sop)
    out: list[tuple[str, bytes]] = []
    for folder, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):
                continue  # .gitkeep and editor files are not records
            path = Path(folder) / name
            out.append((path.relative_to(root).as_posix(), path.read_bytes()))
    return out


def write_record(root: Path, sop: Sop, record: ProofRecord, tz: tzinfo) -> str:
    """Write a new record file; refuses to replace an existing one. Returns its repository-relative path."""
    rel = join(sop.content.archive, record_name(record, tz))
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("xb") as handle:
            handle.write(render(record))
    except FileExistsError:
        raise PpidError(f"{rel}: catatan bukti sudah ada; arsip hanya boleh ditambah, tidak ditimpa") from None
    return rel


def load_chain(root: Path, sop: Sop) -> ChainReport:
    """The archive's records in chain order; raises PpidError naming every break (the site never shows a
    broken chain)."""
    report = verify_chain(read_records(root, sop), sop.content.archive, sop.tz)
    if not report.ok:
        raise PpidError("arsip bukti rusak; situs tidak dibangun:\n" + "\n".join(p.as_text() for p in report.problems)
                        + "\nJalankan 'ppid verify' dan laporkan kepada admin PPID.")
    return report


def _pathspec(folder: str) -> str:
    """FOLDER as a git pathspec: the trailing slash makes it match a folder only, never a file of that name; the
    root is "." (git refuses an empty pathspec)."""
    return folder_prefix(folder) or "."


@dataclass(frozen=True)
class Git:
    """Read-only access to the repository's history."""

    root: Path

    def _run(self, *argv: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", "-C", str(self.root), *argv], capture_output=True, timeout=_GIT_TIMEOUT,
                              check=False)

    def available(self) -> bool:
        try:
            done = self._run("rev-parse", "--is-inside-work-tree")
        except FileNotFoundError:
            return False
        return done.returncode == 0 and done.stdout.strip() == b"true"

    def has_commit(self, sha: str) -> bool:
        return self._run("cat-file", "-e", f"{sha}^{{commit}}").returncode == 0

    def show(self, sha: str, path: str) -> bytes | None:
        """The file's bytes at commit `sha`, or None when the path does not exist there."""
        done = self._run("cat-file", "blob", f"{sha}:{path}")
        return done.stdout if done.returncode == 0 else None

    def head(self) -> str | None:
        done = self._run("rev-parse", "HEAD")
        return done.stdout.decode().strip() if done.returncode == 0 else None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """Whether `ancestor` is `descendant` or one of its ancestors."""
        return self._run("merge-base", "--is-ancestor", ancestor, descendant).returncode == 0

    def changed_paths(self, sha: str) -> list[str]:
        """Paths changed by commit `sha` against its first parent (all paths for a root commit)."""
        done = self._run("diff-tree", "--no-commit-id", "--name-only", "-r", "--root", "-z", "-m",
                         "--first-parent", sha)
        if done.returncode != 0:
            raise PpidError(f"commit {sha[:7]} tidak ada di repositori lokal; ambil riwayat lengkap (fetch-depth: 0)")
        return sorted({p.decode() for p in done.stdout.split(b"\0") if p})

    def first_parent(self, sha: str, limit: int) -> list[str]:
        """`sha` and its first-parent ancestors, newest first, at most `limit` commits."""
        done = self._run("rev-list", "--first-parent", f"--max-count={limit}", sha)
        if done.returncode != 0:
            raise PpidError(f"commit {sha[:7]} tidak ada di repositori lokal; ambil riwayat lengkap (fetch-depth: 0)")
        return done.stdout.decode().split()

    def files_at(self, sha: str, folder: str) -> list[tuple[str, bytes]]:
        """Every file under `folder` at commit `sha`, with its bytes."""
        return [(path, self.show(sha, path) or b"") for path in self.list_files(sha, folder)]

    def list_files(self, sha: str, folder: str) -> list[str]:
        """Every file under `folder` at commit `sha`."""
        done = self._run("-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "-z", sha, "--",
                         _pathspec(folder))
        return sorted(p.decode() for p in done.stdout.split(b"\0") if p) if done.returncode == 0 else []

    def parents(self, sha: str) -> list[str]:
        """The parents of commit `sha` (two or more for a merge)."""
        done = self._run("rev-list", "--parents", "-n", "1", sha)
        return done.stdout.decode().split()[1:] if done.returncode == 0 else []

    def archive_history(self, archive: str, since: str | None = None) -> list[Problem]:
        """Records that a commit of the current branch modified, deleted or renamed (the archive is append-only),
        or that a merge added: records come only from the publish workflow's own commits, never from a PR.
        `since`: the commit that started the current archive generation (only later commits count)."""
        # The default branch's own steps: every commit on its first-parent line, merges diffed against their
        # first parent (plain `git log` shows no diff for a merge, so a record rewritten in one would hide).
        done = self._run("-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent",
                         "--format=@%H %P", "--name-status", "--no-renames", "--diff-filter=AMDT",
                         *([f"{since}..HEAD"] if since else []), "--", _pathspec(archive))
        if done.returncode != 0:
            return []  # no commits yet
        problems: list[Problem] = []
        commit, merge = "", False
        for line in done.stdout.decode("utf-8", "replace").splitlines():
            if line.startswith("@"):
                commit, *parents = line[1:].split()
                merge = len(parents) > 1
            elif "\t" in line:
                status, path = line.split("\t", 1)
                if status.startswith("A"):
                    # A PR's records would be forged proof: only `ppid arsip --dorong` adds them, in a commit of its
                    # own (the ruleset allows merge commits only, so a PR always lands as a merge).
                    if merge:
                        problems.append(Problem(path, 1, "(riwayat git)", f"catatan bukti ditambahkan oleh merge "
                                                f"{commit[:7]} (pull request); catatan hanya dibuat oleh alur terbit "
                                                "('ppid arsip'), tidak pernah lewat pull request", "arsip-riwayat"))
                    continue
                verb = {"D": "dihapus", "T": "diganti jenisnya"}.get(status[:1], "diubah")
                problems.append(Problem(path, 1, "(riwayat git)", f"catatan bukti {verb} oleh commit {commit[:7]}; "
                                        "arsip hanya boleh ditambah", "arsip-riwayat"))
        return problems

    def uncommitted_any(self) -> bool:
        """Whether tracked files have changes not yet committed."""
        done = self._run("status", "--porcelain=v1", "--untracked-files=no")
        return bool(done.stdout.strip())

    def uncommitted(self, archive: str) -> list[Problem]:
        """Records changed or deleted in the working tree (new, untracked records are fine)."""
        done = self._run("status", "--porcelain=v1", "-z", "--untracked-files=no", "--", _pathspec(archive))
        problems: list[Problem] = []
        for entry in (e.decode() for e in done.stdout.split(b"\0") if e):
            status, path = entry[:2], entry[3:]
            if "M" in status or "D" in status or "T" in status:
                verb = "dihapus" if "D" in status else "diubah"
                problems.append(Problem(path, 1, "(riwayat git)", f"catatan bukti {verb} tetapi belum di-commit; "
                                        "kembalikan dengan 'git restore'", "arsip-riwayat"))
        return problems


def read_published(root: Path, sop: Sop) -> dict[str, bytes | None]:
    """Every file the site would publish from the content folder (all but the archive and dotfiles, as MkDocs
    skips those), with its bytes; None for a symlink or special file, which is never followed."""
    regular, special = scan_content(root, sop)
    out: dict[str, bytes | None] = dict.fromkeys(special)
    for path in regular:
        out[path] = read_regular(root / path, sys.maxsize)  # None when it stopped being a regular file
    return {path: out[path] for path in published_paths(list(out), sop.content.archive)}
