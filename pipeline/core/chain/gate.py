"""Whether a PR may be judged at all, before any review is looked at (pure).

- A commit status belongs to a commit, not to a PR: every open PR with that head commit shows it. So a verdict
  is written only for a PR into the default branch (`base_not_default`), and never as success while another
  open PR shares its head commit (`shared_head`).
- A PR whose author is in none of the PPID teams is not evaluated (`author_not_in_team`); the adapter stops
  reading at the PR itself, so such a PR costs a fixed handful of requests however large it is.
- GitHub's files list stops at 3,000 files: a PR with more files than were listed cannot be classified, since a
  forged record or a `sop.yml` change could hide past the end (`too_many_files`).
- At most `content.max_announcements_per_pr` announcements per PR (`too_many_announcements`): the adapter reads
  each one at the head commit, and reads none when there are more, so one evaluation has a fixed budget.

The first three stop the evaluation (the verdict's kind is "unevaluated"); the last two block a verdict that is
otherwise evaluated in full.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.chain.render import STATUS_CONTEXT
from pipeline.core.chain.snapshot import ChangedFile, PrSnapshot
from pipeline.core.chain.urgency import announcement_paths
from pipeline.core.chain.verdict import ChainProblem, RuleResult
from pipeline.core.chain.words import inline_code, role_name, short_sha
from pipeline.core.sop import ROLE_NAMES, Sop

GITHUB_FILES_LIMIT = 3000  # GitHub's "list pull request files" returns at most this many


def refused_before_files(snapshot: PrSnapshot) -> bool:
    """Whether the gate refuses the PR on what the PR itself says (author, base): nothing more need be read."""
    return not snapshot.author_in_team or snapshot.base_ref != snapshot.default_branch


def files_truncated(changed_files: int | None, listed: int) -> bool:
    """Whether GitHub listed fewer files than the PR changes (an unknown count is taken as complete)."""
    return changed_files is not None and changed_files > listed


def announcement_limit_exceeded(count: int, sop: Sop) -> bool:
    """Whether `count` changed announcements are more than one PR may hold."""
    return count > sop.content.max_announcements_per_pr


def _number(count: int | None) -> str:
    """3500 -> "3.500" (Indonesian thousands separator)."""
    return f"{count or 0:,}".replace(",", ".")


def _teams(sop: Sop) -> str:
    return ", ".join(sop.team(role) for role in ROLE_NAMES)


def refusals(snapshot: PrSnapshot, sop: Sop) -> tuple[list[RuleResult], list[ChainProblem]]:
    """The gate rules that decide whether the PR is evaluated at all, and the problems when it is not."""
    rules: list[RuleResult] = []
    problems: list[ChainProblem] = []
    teams = _teams(sop)
    if snapshot.author_in_team:
        rules.append(RuleResult("author", "pass", f"@{snapshot.author} anggota tim PPID"))
    else:
        rules.append(RuleResult("author", "fail", f"@{snapshot.author} bukan anggota tim {teams}"))
        problems.append(ChainProblem(
            "author_not_in_team",
            f"PR ini dibuat oleh @{snapshot.author}, yang bukan anggota tim PPID mana pun ({teams}). Rantai "
            "persetujuan hanya menilai PR dari anggota tim, jadi PR ini tidak dievaluasi dan tidak dapat "
            f"digabung. Bila @{snapshot.author} staf yang menyusun pengumuman, Admin PPID perlu menambahkannya ke "
            f"tim {sop.team('pelaksana')}; setelah itu perbarui PR (push atau edit deskripsi) agar diperiksa ulang. "
            "Usulan dari luar dinas disampaikan lewat layanan permohonan informasi PPID, bukan lewat pull request.",
            "admin"))
    base, default = inline_code(snapshot.base_ref), inline_code(snapshot.default_branch)
    if snapshot.base_ref == snapshot.default_branch:
        rules.append(RuleResult("base", "pass", f"ditujukan ke cabang utama {default}"))
    else:
        rules.append(RuleResult("base", "fail", f"ditujukan ke cabang {base}, bukan cabang utama {default}"))
        problems.append(ChainProblem(
            "base_not_default",
            f"PR ini ditujukan ke cabang {base}, bukan cabang utama {default}. Rantai persetujuan hanya menilai PR "
            f"ke cabang utama, karena status {STATUS_CONTEXT} melekat pada commit dan akan tampil juga di PR lain "
            f"dengan commit yang sama. Ubah cabang tujuan (base) PR ini menjadi {default} (tombol Edit di samping "
            "judul PR), atau tutup PR ini."))
    if problems:
        rules.append(RuleResult("files", "skip", "berkas PR tidak dibaca"))
    elif files_truncated(snapshot.changed_files, len(snapshot.files)):
        listed, changed = _number(len(snapshot.files)), _number(snapshot.changed_files)
        rules.append(RuleResult("files", "fail", f"GitHub mencantumkan {listed} dari {changed} berkas"))
        problems.append(ChainProblem(
            "too_many_files",
            f"PR ini mengubah {changed} berkas, tetapi GitHub hanya mencantumkan {listed} di antaranya (daftar "
            f"berkas GitHub berhenti di {_number(GITHUB_FILES_LIMIT)}). Berkas yang tidak tercantum tidak dapat "
            "diperiksa, jadi PR ini tidak dievaluasi. Pecah perubahan menjadi beberapa PR yang lebih kecil."))
    else:
        rules.append(RuleResult("files", "pass", f"semua {len(snapshot.files)} berkas tercantum"))
    return rules, problems


def shared_head(snapshot: PrSnapshot, sop: Sop) -> tuple[RuleResult, ChainProblem | None]:
    """Whether another open PR shares the head commit (its status would show this PR's verdict)."""
    others = sorted(snapshot.sharing_head, key=lambda p: p.number)
    if not others:
        return RuleResult("shared_head", "pass", "tidak ada PR terbuka lain dengan commit yang sama"), None
    names = ", ".join(f"#{p.number} (ke cabang {inline_code(p.base_ref)})" for p in others)
    head = short_sha(snapshot.head_sha)
    admin = role_name(sop, "admin")
    return (RuleResult("shared_head", "fail", f"commit {head} juga kepala PR {names}"),
            ChainProblem(
                "shared_head",
                f"Commit {head} juga menjadi commit terakhir PR {names} yang masih terbuka. Status "
                f"{STATUS_CONTEXT} melekat pada commit, bukan pada PR, sehingga hasil pemeriksaan PR ini akan tampil "
                f"juga di PR itu; karena itu status ini tidak ditulis sukses selama commit dipakai bersama. "
                f"{admin}: periksa PR {names}, tutup bila tidak diperlukan (atau minta pembuatnya mendorong commit "
                "lain ke salah satu PR), lalu perbarui PR ini (push atau edit deskripsi) agar diperiksa ulang.",
                "admin"))


def announcement_limit(files: Iterable[ChangedFile], sop: Sop) -> tuple[RuleResult, ChainProblem | None]:
    """Whether the PR holds more changed announcements than sop.yml allows."""
    count = len(announcement_paths(files, sop))
    limit = sop.content.max_announcements_per_pr
    if not announcement_limit_exceeded(count, sop):
        return RuleResult("announcements", "pass", f"{count} pengumuman (batas {limit} per PR)"), None
    return (RuleResult("announcements", "fail", f"{count} pengumuman, lebih dari batas {limit} per PR"),
            ChainProblem(
                "too_many_announcements",
                f"PR ini menambah atau mengubah {count} pengumuman, lebih dari batas {limit} pengumuman per PR "
                "(sop.yml `content.max_announcements_per_pr`). Batas ini menjaga setiap pemeriksaan tetap ringan "
                f"dan setiap pengumuman diperiksa dengan teliti. Pecah menjadi beberapa PR yang masing-masing "
                f"berisi paling banyak {limit} pengumuman."))
