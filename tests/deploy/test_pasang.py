"""`ppid pasang` stories against the fake GitHub (real PyGithub, real HTTP) and a real folder on disk: what is
installed, what is refused, and that a refusal never touches the live site."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from tests.deploy.kit import T0, GitHubWorld, Sites, deploy, live_files, sha_for, site_files


def test_a_good_deploy_installs_the_artifact_and_points_current_at_it(
        world: GitHubWorld, zips: dict[str, bytes], sites: Sites, tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    run = world.publish(zips["baru"], "baru", at=T0)

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 0, outcome.err
    sha = sha_for("baru")
    assert os.readlink(base / "current") == f"releases/{sha}"
    served = live_files(base)
    assert {k: v for k, v in served.items() if k != "SHA256SUMS"} == site_files(sites.baru)
    assert f"commit {sha[:7]} (penerbitan #{run.run_number}" in outcome.out
    assert "Atestasi: tidak diperiksa: GitHub CLI (gh) tidak terpasang." in outcome.out
    # The token went to the API only; the storage host got the download without it.
    assert [headers.get("Authorization") for _id, headers in world.actions.downloads] == [None]


def test_a_second_run_with_nothing_new_changes_nothing(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    world.publish(zips["baru"], "baru", at=T0)
    assert deploy(world, base, path=no_gh_path).code == 0
    before = (base / "current").lstat().st_ino
    downloads = len(world.actions.downloads)

    again = deploy(world, base, path=no_gh_path)

    assert again.code == 0
    assert again.out.startswith(f"Situs sudah versi terbaru: commit {sha_for('baru')[:7]}")
    assert (base / "current").lstat().st_ino == before
    assert len(world.actions.downloads) == downloads


def test_a_newer_publish_replaces_the_live_release_and_keeps_the_old_one(
        world: GitHubWorld, zips: dict[str, bytes], sites: Sites, tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    world.publish(zips["lama"], "lama", at=T0)
    assert deploy(world, base, path=no_gh_path).code == 0
    world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 0, outcome.err
    assert os.readlink(base / "current") == f"releases/{sha_for('baru')}"
    assert (base / "releases" / sha_for("lama") / "index.html").is_file()
