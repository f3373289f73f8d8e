"""`ppid pasang --kembali`, `--status`, the lock against overlapping runs, the attestation check with `gh`, and
keeping the last N releases."""

from __future__ import annotations

import os
import stat
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from tests.deploy.kit import REPO, T0, GitHubWorld, deploy, live_files, sha_for


def _two_releases(world: GitHubWorld, zips: dict[str, bytes], base: Path, path: str) -> None:
    world.publish(zips["lama"], "lama", at=T0)
    assert deploy(world, base, path=path).code == 0
    world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    assert deploy(world, base, path=path).code == 0


def test_rollback_returns_to_the_previous_release_and_the_timer_does_not_undo_it(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    _two_releases(world, zips, base, no_gh_path)
    old_files = {k: v for k, v in live_files(base).items()}

    back = deploy(world, base, path=no_gh_path, rollback=True)

    assert back.code == 0, back.err
    assert os.readlink(base / "current") == f"releases/{sha_for('lama')}"
    assert back.out.startswith(f"Situs dikembalikan ke commit {sha_for('lama')[:7]} (penerbitan #1). "
                               f"Commit {sha_for('baru')[:7]} ditarik")
    assert live_files(base) != old_files
    timer = deploy(world, base, path=no_gh_path)
    assert timer.code == 0
    assert "sudah ditarik dengan --kembali; tidak dipasang lagi" in timer.out
    assert os.readlink(base / "current") == f"releases/{sha_for('lama')}"
    # The next publish (a fix merged after the rollback) is installed as usual.
    world.publish(zips["baru"], "perbaikan", at=T0 + timedelta(hours=2))
    assert deploy(world, base, path=no_gh_path).code == 0
    assert os.readlink(base / "current") == f"releases/{sha_for('perbaikan')}"


def test_rollback_without_an_earlier_release_is_refused(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    world.publish(zips["lama"], "lama", at=T0)
    deploy(world, base, path=no_gh_path)
    outcome = deploy(world, base, path=no_gh_path, rollback=True)
    assert outcome.code == 1
    assert outcome.err.startswith("tidak ada rilis sebelumnya yang tersimpan untuk dikembalikan")
    assert os.readlink(base / "current") == f"releases/{sha_for('lama')}"


def test_rollback_refuses_a_release_changed_on_the_server(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    _two_releases(world, zips, base, no_gh_path)
    (base / "releases" / sha_for("lama") / "index.html").write_text("diubah", encoding="utf-8")
    outcome = deploy(world, base, path=no_gh_path, rollback=True)
    assert outcome.code == 1
    assert "tidak lagi cocok dengan SHA256SUMS (diubah di server?): index.html: hash" in outcome.err
    assert os.readlink(base / "current") == f"releases/{sha_for('baru')}"


def test_status_shows_what_is_live_since_when_and_the_releases_kept(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    assert deploy(world, base, path=no_gh_path, status=True).out.startswith("Belum ada situs yang tayang di ")
    _two_releases(world, zips, base, no_gh_path)
    records = len(list((base / "current" / "arsip").rglob("*.json")))

    lines = deploy(world, base, path=no_gh_path, status=True).out.splitlines()

    run = world.actions.runs[1]
    assert lines[0] == f"Tayang: commit {sha_for('baru')}"
    assert lines[1] == "Sejak: 2026-09-02 15:00 WIB"
    assert lines[2] == f"Penerbitan: #2 https://github.com/{REPO}/actions/runs/{run.id}"
    assert lines[3] == f"Artefak: id {run.artifacts[0].id}, {run.artifacts[0].digest}"
    assert lines[4].startswith(f"Rantai bukti: {records} catatan, kepala ")
    assert lines[6:] == ["Rilis tersimpan:",
                         f"  {sha_for('baru')[:7]}  penerbitan #2, dipasang 2026-09-02 15:00 WIB (tayang)",
                         f"  {sha_for('lama')[:7]}  penerbitan #1, dipasang 2026-09-02 15:00 WIB"]


def test_only_the_last_releases_are_kept(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path,
                                         no_gh_path: str) -> None:
    base = tmp_path / "srv"
    for hour, label in enumerate(["satu", "dua", "tiga", "empat"]):
        world.publish(zips["baru"], label, at=T0 + timedelta(hours=hour))
        assert deploy(world, base, path=no_gh_path, keep=2).code == 0
    kept = sorted(p.name for p in (base / "releases").iterdir() if p.is_dir())
    assert kept == sorted([sha_for("empat"), sha_for("tiga")])


def test_a_second_run_while_one_is_running_exits_without_touching_anything(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    run = world.publish(zips["lama"], "lama", at=T0)
    gate = threading.Event()
    world.actions.hold[run.artifacts[0].id] = gate
    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(deploy(world, base, path=no_gh_path)))
    first.start()
    try:
        for _ in range(2000):  # until the first run is inside its download, holding the lock
            if world.actions.downloads:
                break
            threading.Event().wait(0.01)
        assert world.actions.downloads, "the first run never reached the download"

        second = deploy(world, base, path=no_gh_path)

        assert second.code == 1
        assert second.err.startswith("ppid pasang lain sedang berjalan di server ini; tidak ada yang diubah.")
        assert not (base / "current").exists()
    finally:
        gate.set()
        first.join(60)
    assert [getattr(r, "code", None) for r in results] == [0]
    assert os.readlink(base / "current") == f"releases/{sha_for('lama')}"


def _fake_gh(folder: Path, code: int, said: str = "no attestations found for subject") -> Path:
    """A stand-in GitHub CLI that records its arguments and answers with exit `code` (saying `said`)."""
    folder.mkdir(exist_ok=True)
    script = folder / "gh"
    script.write_text(f"#!/bin/sh\necho \"$@\" > {folder}/args\necho \"$GH_TOKEN\" > {folder}/token\n"
                      f"[ {code} -eq 0 ] || echo '{said}' >&2\nexit {code}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def test_the_attestation_is_checked_with_gh_when_it_is_installed(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path) -> None:
    folder = _fake_gh(tmp_path / "bin", 0)
    world.publish(zips["lama"], "lama", at=T0)
    outcome = deploy(world, tmp_path / "srv", path=str(folder))
    assert outcome.code == 0, outcome.err
    args = (folder / "args").read_text(encoding="utf-8").split()
    archive = (tmp_path / "srv" / "unduhan").resolve() / f"{world.actions.runs[0].artifacts[0].id}.zip"
    assert args[:3] == ["attestation", "verify", str(archive)]
    assert args[3:] == ["--repo", REPO, "--signer-workflow", f"{REPO}/.github/workflows/terbit.yml"]
    assert (folder / "token").read_text(encoding="utf-8").strip() == world.settings.token
    assert f"Atestasi: terverifikasi: gh attestation verify --repo {REPO}" in outcome.out


def test_a_failed_attestation_is_refused(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path) -> None:
    folder = _fake_gh(tmp_path / "bin", 1)
    world.publish(zips["lama"], "lama", at=T0)
    outcome = deploy(world, tmp_path / "srv", path=str(folder))
    assert outcome.code == 1
    assert outcome.err.startswith("atestasi artefak tidak terverifikasi oleh gh attestation verify (no attestations "
                                  "found for subject)")
    assert not (tmp_path / "srv" / "current").exists()


@pytest.mark.parametrize("mode, code, expected", [
    ("lewati", 0, "Atestasi: tidak diperiksa (--atestasi lewati)."),
    ("wajib", 1, "atestasi wajib diperiksa (--atestasi wajib) tetapi GitHub CLI (gh) tidak terpasang"),
])
def test_the_attestation_mode(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str,
                              mode: str, code: int, expected: str) -> None:
    world.publish(zips["lama"], "lama", at=T0)
    outcome = deploy(world, tmp_path / "srv", path=no_gh_path, attestation=mode)
    assert outcome.code == code
    assert expected in outcome.out + outcome.err


def test_a_gh_without_the_attestation_command_is_noted_not_trusted(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path) -> None:
    """Debian 12's gh predates `gh attestation`: the deploy goes on (the other checks stand) and says so."""
    folder = _fake_gh(tmp_path / "bin", 1, 'unknown command "attestation" for "gh"')
    world.publish(zips["lama"], "lama", at=T0)
    outcome = deploy(world, tmp_path / "srv", path=str(folder))
    assert outcome.code == 0, outcome.err
    assert "Atestasi: tidak diperiksa: gh terpasang tetapi belum punya perintah attestation" in outcome.out
    wajib = deploy(world, tmp_path / "srv2", path=str(folder), attestation="wajib")
    assert wajib.code == 1
    assert 'unknown command "attestation"' in wajib.err


def test_a_second_run_told_to_wait_waits_for_the_first_then_finds_nothing_to_do(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    run = world.publish(zips["lama"], "lama", at=T0)
    gate = threading.Event()
    world.actions.hold[run.artifacts[0].id] = gate
    results: dict[str, object] = {}
    first = threading.Thread(target=lambda: results.setdefault("first", deploy(world, base, path=no_gh_path)))
    first.start()
    for _ in range(2000):
        if world.actions.downloads:
            break
        threading.Event().wait(0.01)
    second = threading.Thread(target=lambda: results.setdefault(
        "second", deploy(world, base, path=no_gh_path, wait=120.0)))
    second.start()
    gate.set()
    first.join(60)
    second.join(120)
    assert getattr(results["first"], "code", None) == 0
    waited = results["second"]
    assert getattr(waited, "code", None) == 0
    assert getattr(waited, "out", "").startswith("Situs sudah versi terbaru")
    assert len(world.actions.downloads) == 1
