"""The release folders on the agency's server, the `current` link the web server serves, and the lock.

    BASE/current -> releases/<sha>     what nginx serves (root BASE/current)
    BASE/releases/<sha>/               one unpacked site, never changed once the link points at it
    BASE/releases/<sha>.json           where it came from (run, artifact, digest, proof chain)
    BASE/riwayat.jsonl                 every switch of `current` (install and rollback), one JSON per line
    BASE/ditarik.txt                   commits withdrawn by a rollback: never installed again automatically
    BASE/.pasang.lock                  held while a run changes anything

A release is unpacked into a hidden staging folder next to the others, checked, renamed into place, and only
then does `current` move: a new link is made beside it and renamed over it, which is atomic, so every request
sees the old site or the new one, never a mixture.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.core.deploy import Chain, DeployRefused, Release, ZipEntry, safe_path
from pipeline.errors import PpidError

_CHUNK = 1 << 16
_STAGING = ".baru-"
_LINK_TMP = ".current-baru-"


class DeployBusy(PpidError):
    """Another `ppid pasang` holds the lock."""

    exit_code = 1


def describe_os_error(exc: OSError) -> str:
    """An OSError as a reason people can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"ruang disk tidak cukup ({exc.strerror}); kosongkan ruang di server lalu jalankan ulang"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"tidak punya izin menulis ({exc.strerror}: {exc.filename}); jalankan sebagai pengguna layanan "
                "ppid yang memiliki folder situs")
    return f"gagal menulis atau membaca berkas ({exc.strerror or exc}: {exc.filename or ''})"


@dataclass(frozen=True)
class Layout:
    """The paths under the deploy folder."""

    base: Path

    @property
    def releases(self) -> Path:
        return self.base / "releases"

    @property
    def current(self) -> Path:
        return self.base / "current"

    @property
    def downloads(self) -> Path:
        return self.base / "unduhan"

    @property
    def journal(self) -> Path:
        return self.base / "riwayat.jsonl"

    @property
    def withdrawn_file(self) -> Path:
        return self.base / "ditarik.txt"

    def release_dir(self, sha: str) -> Path:
        return self.releases / sha

    def prepare(self) -> None:
        """Create the folders; remove what an interrupted run left (only called with the lock held)."""
        for folder in (self.releases, self.downloads):
            folder.mkdir(parents=True, exist_ok=True)
        for leftover in self.releases.glob(f"{_STAGING}*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in self.base.glob(f"{_LINK_TMP}*"):
            leftover.unlink(missing_ok=True)
        for leftover in self.downloads.iterdir():
            leftover.unlink(missing_ok=True)

    # -- what is live ------------------------------------------------------------------------------------------

    def live_sha(self) -> str | None:
        """The commit `current` points at, None before the first install."""
        try:
            target = os.readlink(self.current)
        except (FileNotFoundError, OSError):
            return None
        name = Path(target).name
        return name if (self.releases / name).is_dir() else None

    def release(self, sha: str) -> Release | None:
        meta = self.releases / f"{sha}.json"
        if not meta.is_file() or not self.release_dir(sha).is_dir():
            return None
        try:
            return _release_from(json.loads(meta.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            # Without it the append-only check would have nothing to compare with: stop rather than guess.
            raise DeployRefused(f"{meta}: catatan rilis rusak; pulihkan berkas itu atau hapus rilis {sha[:7]} "
                                "(bila tidak sedang tayang)") from None

    def all_releases(self) -> list[Release]:
        found = []
        for meta in sorted(self.releases.glob("*.json")):
            release = self.release(meta.stem)
            if release is not None:
                found.append(release)
        return found

    def withdrawn(self) -> set[str]:
        if not self.withdrawn_file.is_file():
            return set()
        return {line.split("#", 1)[0].strip() for line in self.withdrawn_file.read_text(encoding="utf-8")
                .splitlines()} - {""}

    def history(self) -> list[dict[str, Any]]:
        if not self.journal.is_file():
            return []
        out = []
        for line in self.journal.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a crash; the entries around it still count
            if isinstance(entry, dict):
                out.append(entry)
        return out

    # -- changing things (lock held) ---------------------------------------------------------------------------

    def staging(self, sha: str) -> Path:
        folder = self.releases / f"{_STAGING}{sha}-{os.getpid()}"
        folder.mkdir()
        return folder

    def promote(self, staging: Path, release: Release) -> None:
        """Move a checked staging folder into releases/<sha>/ and record where it came from."""
        target = self.release_dir(release.sha)
        if target.exists():
            # An earlier copy of the same commit that is not live (a rolled-back or half-recorded one): replace.
            old = self.releases / f"{_STAGING}lama-{release.sha}-{os.getpid()}"
            target.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        staging.rename(target)
        _write_atomic(self.releases / f"{release.sha}.json", _release_json(release))

    def switch(self, sha: str) -> None:
        """Point `current` at releases/<sha> atomically (a new link renamed over the old one)."""
        link = self.base / f"{_LINK_TMP}{os.getpid()}"
        link.unlink(missing_ok=True)
        self.check_current()
        os.symlink(f"releases/{sha}", link)
        os.replace(link, self.current)
        _fsync_dir(self.base)

    def check_current(self) -> None:
        """Refuse to replace a `current` that is not our link (a folder from a manual install)."""
        if self.current.exists() and not self.current.is_symlink():
            raise DeployRefused(f"{self.current} bukan tautan simbolik (mungkin folder dari pemasangan manual); "
                                "pindahkan folder itu lalu jalankan ulang")

    def log(self, entry: dict[str, Any]) -> None:
        with self.journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def withdraw(self, sha: str, note: str) -> None:
        with self.withdrawn_file.open("a", encoding="utf-8") as handle:
            handle.write(f"{sha}  # {note}\n")

    def remove(self, sha: str) -> None:
        (self.releases / f"{sha}.json").unlink(missing_ok=True)
        shutil.rmtree(self.release_dir(sha), ignore_errors=True)


@contextmanager
def locked(layout: Layout, wait: float, *, sleep: Callable[[float], None] = time.sleep,
           clock: Callable[[], float] = time.monotonic) -> Iterator[None]:
    """Hold BASE/.pasang.lock (flock, released by the kernel if the process dies); wait up to `wait` seconds."""
    layout.base.mkdir(parents=True, exist_ok=True)
    with (layout.base / ".pasang.lock").open("a") as handle:
        deadline = clock() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if clock() >= deadline:
                    raise DeployBusy("ppid pasang lain sedang berjalan di server ini; tidak ada yang diubah. Tunggu "
                                     "sampai selesai (lihat: journalctl -u ppid-pasang) lalu jalankan ulang, atau "
                                     "pakai --tunggu DETIK") from None
                sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def zip_entries(path: Path) -> list[ZipEntry]:
    """The members of the downloaded archive (refuses a file that is not a zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return [ZipEntry(info.filename, info.is_dir(), stat.S_ISLNK(info.external_attr >> 16), info.file_size)
                    for info in archive.infolist()]
    except zipfile.BadZipFile:
        raise DeployRefused("berkas unduhan bukan arsip zip yang utuh") from None


def unpack(path: Path, target: Path) -> dict[str, str]:
    """Write every file of the (already checked) archive under `target`; returns path -> SHA-256 of what was
    written. Members are read one by one, never through extractall, and each file is created exclusively."""
    hashes: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            rel = safe_path(info.filename)
            if rel is None:
                raise DeployRefused(f"nama berkas tidak aman di arsip: {info.filename!r}")
            destination = target / rel
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            try:
                with archive.open(info) as source, destination.open("xb") as out:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
            except (zipfile.BadZipFile, EOFError) as exc:
                raise DeployRefused(f"arsip rusak di {rel}: {exc}") from None
            hashes[rel] = digest.hexdigest()
    return hashes


def hash_tree(folder: Path) -> dict[str, str]:
    """Path -> SHA-256 of every file under `folder` (links are not followed and count as a problem upstream)."""
    out: dict[str, str] = {}
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(here) / name
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
            out[path.relative_to(folder).as_posix()] = digest.hexdigest()
    return out


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _release_json(release: Release) -> str:
    return json.dumps({
        "sha": release.sha, "run_id": release.run_id, "run_number": release.run_number, "run_url": release.run_url,
        "run_created_at": release.run_created_at.isoformat(), "artifact_id": release.artifact_id,
        "digest": release.digest, "chain": list(release.chain.hashes), "demo_only": release.chain.demo_only,
        "unpacked_at": release.unpacked_at.isoformat(), "attestation": release.attestation,
    }, ensure_ascii=False, indent=2) + "\n"


def _release_from(data: dict[str, Any]) -> Release:
    return Release(
        sha=str(data["sha"]), run_id=int(data["run_id"]), run_number=int(data["run_number"]),
        run_url=str(data["run_url"]), run_created_at=datetime.fromisoformat(str(data["run_created_at"])),
        artifact_id=int(data["artifact_id"]), digest=str(data["digest"]),
        chain=Chain(tuple(str(h) for h in data["chain"]), bool(data["demo_only"])),
        unpacked_at=datetime.fromisoformat(str(data["unpacked_at"])), attestation=str(data.get("attestation", "")))
