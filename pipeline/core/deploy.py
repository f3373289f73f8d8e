"""Deploying the published site on the agency's own server (`ppid pasang`): the decisions, without I/O.

Which publish run to take (the newest successful push run of the publish workflow on the default branch, and
nothing else), which of its artifacts (the one named for its commit), whether an archive's members are safe to
unpack, whether every file matches SHA256SUMS, whether the new proof chain extends the live one, which release
a rollback returns to and which old releases may go. Each refusal says why in Bahasa Indonesia.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from pipeline.core.proof import ChainReport, generation_start
from pipeline.core.proof_check import extends
from pipeline.errors import PpidError

WORKFLOW_FILE = "terbit.yml"
WORKFLOW_PATH = f".github/workflows/{WORKFLOW_FILE}"
ARTIFACT_PREFIX = "situs-ppid-"
SUMS_FILE = "SHA256SUMS"
_SHA = re.compile(r"^[0-9a-f]{40}$")
_DIGEST = re.compile(r"^sha256:([0-9a-f]{64})$")
_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


class DeployRefused(PpidError):
    """The release was not installed; the live site is unchanged. The message says why and what to do."""

    exit_code = 1


@dataclass(frozen=True)
class PublishRun:
    """One workflow run as GitHub lists it."""

    id: int
    run_number: int
    head_sha: str
    head_branch: str
    event: str
    status: str
    conclusion: str | None
    path: str  # the workflow file the run ran, e.g. ".github/workflows/terbit.yml"
    repository: str  # the repository the run belongs to
    head_repository: str  # where the commit came from (a fork, for pull requests from forks)
    created_at: datetime
    html_url: str


# The publish runs a server takes: a push to the default branch (a merge) and the daily scheduled run that lets
# notices dated ahead appear on their date. Both run the default branch's own workflow and code; a manual
# workflow_dispatch run does not count.
PUBLISH_EVENTS = ("push", "schedule")


@dataclass(frozen=True)
class ArtifactRef:
    """One artifact of a run as GitHub lists it; `digest` is "sha256:<hex>" of the zip GitHub stores."""

    id: int
    name: str
    size: int
    digest: str | None
    expired: bool
    run_id: int | None
    head_sha: str | None


def _publishes(run: PublishRun, repository: str, branch: str) -> bool:
    """Whether RUN is a finished, successful run of the publish workflow on BRANCH of REPOSITORY itself, from a
    push or the daily schedule: another workflow, a fork's commit or a PR's run never reaches the server."""
    return (run.path.split("@", 1)[0] == WORKFLOW_PATH
            and run.repository.lower() == repository.lower() == run.head_repository.lower()
            and run.event in PUBLISH_EVENTS and run.head_branch == branch
            and run.status == "completed" and run.conclusion == "success" and _SHA.match(run.head_sha) is not None)


def choose_run(runs: Iterable[PublishRun], repository: str, branch: str) -> PublishRun | None:
    """The newest successful run of the publish workflow on `branch` of `repository`, triggered by a push or the
    daily schedule; None when no run qualifies."""
    eligible = [run for run in runs if _publishes(run, repository, branch)]
    return max(eligible, key=lambda r: (r.created_at, r.run_number, r.id), default=None)


def artifact_name(sha: str) -> str:
    """The name the publish workflow gives the site artifact of commit `sha`."""
    return f"{ARTIFACT_PREFIX}{sha}"


def choose_artifact(artifacts: Sequence[ArtifactRef], run: PublishRun) -> ArtifactRef:
    """The run's site artifact (by its name and run), with a well-formed digest; refuses anything else."""
    wanted = artifact_name(run.head_sha)
    found = [a for a in artifacts if a.name == wanted]
    where = f"penerbitan #{run.run_number} ({run.html_url})"
    if len(found) != 1:
        raise DeployRefused(f"{where} tidak punya tepat satu artefak {wanted} (ada {len(found)}). Periksa job "
                            "'Arsip, periksa dan bangun' di GitHub Actions")
    artifact = found[0]
    if artifact.expired:
        raise DeployRefused(f"artefak {wanted} dari {where} sudah kedaluwarsa (disimpan 90 hari); jalankan ulang "
                            "alur kerja Terbitkan situs di GitHub Actions")
    if artifact.run_id is not None and artifact.run_id != run.id:
        raise DeployRefused(f"artefak {wanted} milik run {artifact.run_id}, bukan run {run.id}")
    if artifact.head_sha is not None and artifact.head_sha != run.head_sha:
        raise DeployRefused(f"artefak {wanted} dibuat dari commit {artifact.head_sha[:7]}, bukan {run.head_sha[:7]}")
    if artifact_digest(artifact) is None:
        raise DeployRefused(f"GitHub tidak menyebut digest sha256 artefak {wanted} (ditemukan {artifact.digest!r}); "
                            "tanpa digest isi arsip tidak dapat diperiksa")
    return artifact


def artifact_digest(artifact: ArtifactRef) -> str | None:
    """The hex SHA-256 GitHub reports for the artifact's zip, None when missing or malformed."""
    match = _DIGEST.match(artifact.digest or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class ZipEntry:
    """One member of the downloaded archive."""

    name: str
    is_dir: bool
    is_symlink: bool
    size: int


def safe_path(name: str) -> str | None:
    """`name` as a relative POSIX path inside the release, None when it could escape or is malformed."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [p for p in PurePosixPath(name.removeprefix("./")).parts if p != "."]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def check_members(entries: Sequence[ZipEntry], max_total: int) -> list[str]:
    """Why the archive must not be unpacked: unsafe names, links, duplicates, or more bytes than allowed."""
    problems: list[str] = []
    seen: set[str] = set()
    total = 0
    for entry in entries:
        path = safe_path(entry.name)
        if path is None:
            problems.append(f"nama berkas tidak aman di arsip: {entry.name!r}")
            continue
        if entry.is_symlink:
            problems.append(f"arsip memuat tautan simbolik: {path}")
        if not entry.is_dir:
            if path in seen:
                problems.append(f"berkas ganda di arsip: {path}")
            seen.add(path)
            total += entry.size
    if total > max_total:
        problems.append(f"isi arsip {total} bita, lebih dari batas {max_total} bita")
    if SUMS_FILE not in seen:
        problems.append(f"arsip tidak memuat {SUMS_FILE}")
    return problems


def parse_sums(text: str) -> tuple[dict[str, str], list[str]]:
    """SHA256SUMS as written by `sha256sum` (paths may start with ./): path -> hex, and malformed lines."""
    sums: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SUM_LINE.match(line)
        path = safe_path(match.group(2)) if match else None
        if match is None or path is None:
            problems.append(f"{SUMS_FILE} baris {number} tidak dapat dibaca: {line[:80]!r}")
        elif path in sums:
            problems.append(f"{SUMS_FILE} baris {number}: {path} disebut dua kali")
        else:
            sums[path] = match.group(1)
    return sums, problems


def check_sums(sums: Mapping[str, str], actual: Mapping[str, str]) -> list[str]:
    """Every unpacked file (path -> hex SHA-256, SHA256SUMS itself excluded) against SHA256SUMS, both ways."""
    problems: list[str] = []
    for path in sorted(set(actual) | set(sums)):
        if path == SUMS_FILE:
            continue
        if path not in sums:
            problems.append(f"{path} tidak tercantum di {SUMS_FILE}")
        elif path not in actual:
            problems.append(f"{path} tercantum di {SUMS_FILE} tetapi tidak ada di arsip")
        elif sums[path] != actual[path]:
            problems.append(f"{path}: hash {actual[path][:12]}… berbeda dengan {SUMS_FILE} {sums[path][:12]}…")
    return problems


@dataclass(frozen=True)
class Chain:
    """A site's proof chain: its record hashes in order, and whether every record is a demo record."""

    hashes: tuple[str, ...]
    demo_only: bool


def chain_of(report: ChainReport) -> Chain:
    """The chain of a verified site, as a release remembers it."""
    records = [record for _, record in report.records]
    return Chain(tuple(r.sha256 for r in records), bool(records) and all(r.demo for r in records))


def check_extends(live: Chain | None, report: ChainReport, archive: str) -> str | None:
    """Why the new site's chain does not extend the live one (append-only across deploys), None when it does.

    The rule is `ppid verify --sejak`'s (`extends`): the new chain holds the live head, or starts a new archive
    generation that names the live head as the chain it replaced; a generation may only replace demo records,
    which the server knows from the live release.
    """
    if live is None or not live.hashes:
        return None
    head = live.hashes[-1]
    new = tuple(record.sha256 for _, record in report.records)
    if extends(report, head, archive):
        if len(new) < len(live.hashes):
            return (f"situs baru memuat {len(new)} catatan bukti, lebih sedikit dari {len(live.hashes)} catatan di "
                    "situs yang tayang; riwayat bukti tidak boleh mundur")
        index, old, now = next(((i, a, b) for i, (a, b) in enumerate(zip(live.hashes, new, strict=False), start=1)
                                if a != b), (len(live.hashes), head, "?" * 12))
        return (f"catatan bukti ke-{index} di situs baru ({now[:12]}…) berbeda dengan situs yang tayang "
                f"({old[:12]}…); riwayat bukti tidak boleh ditulis ulang")
    start = generation_start(report)
    if start is not None and head not in new and not live.demo_only:
        return ("situs baru memulai arsip generasi baru yang mengganti rantai yang tayang, padahal rantai itu bukan "
                "rantai contoh; riwayat bukti sungguhan tidak boleh diganti")
    return None


@dataclass(frozen=True)
class Release:
    """One unpacked release on the server and where it came from."""

    sha: str
    run_id: int
    run_number: int
    run_url: str
    run_created_at: datetime
    artifact_id: int
    digest: str
    chain: Chain
    unpacked_at: datetime
    attestation: str  # what the attestation check found (verified, or skipped and why)

    @property
    def chain_head(self) -> str:
        return self.chain.hashes[-1] if self.chain.hashes else "0" * 64


def is_older(candidate: PublishRun, live: Release | None) -> bool:
    """True when `candidate` was published before the live release (a deploy never goes back in time)."""
    return live is not None and candidate.head_sha != live.sha and (
        (candidate.created_at, candidate.run_number) < (live.run_created_at, live.run_number))


def rollback_target(releases: Sequence[Release], live: str | None, withdrawn: Iterable[str]) -> Release | None:
    """The newest release published before the live one that was not withdrawn."""
    by_sha = {r.sha: r for r in releases}
    current = by_sha.get(live or "")
    skip = set(withdrawn) | {live}
    older = [r for r in releases if r.sha not in skip
             and (current is None or (r.run_created_at, r.run_number) < (current.run_created_at, current.run_number))]
    return max(older, key=lambda r: (r.run_created_at, r.run_number), default=None)


def releases_to_remove(releases: Sequence[Release], keep: int, protect: Iterable[str]) -> list[str]:
    """Releases beyond the newest `keep` (by publish time), never one in `protect` (live, rollback target)."""
    protected = set(protect)
    ordered = sorted(releases, key=lambda r: (r.run_created_at, r.run_number), reverse=True)
    return [r.sha for r in ordered[keep:] if r.sha not in protected]
