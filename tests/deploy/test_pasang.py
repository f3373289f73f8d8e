"""`ppid pasang` stories against the fake GitHub (real PyGithub, real HTTP) and a real folder on disk: what is
installed, what is refused, and that a refusal never touches the live site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from tests.deploy.kit import ROOT, T0, GitHubWorld, Sites, artifact_zip, deploy, live_files, sha_for, site_files


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


def _install(world: GitHubWorld, zips: dict[str, bytes], base: Path, path: str,
             label: str = "lama") -> dict[str, bytes]:
    """A live site from the `label` zip; returns its files, to compare after a refusal."""
    world.publish(zips[label], label, at=T0)
    assert deploy(world, base, path=path).code == 0
    return live_files(base)


def _unchanged(base: Path, label: str, files: dict[str, bytes]) -> None:
    assert os.readlink(base / "current") == f"releases/{sha_for(label)}"
    assert live_files(base) == files
    assert sorted(p.name for p in (base / "releases").iterdir()) == [sha_for(label), f"{sha_for(label)}.json"]
    assert list((base / "unduhan").iterdir()) == []


@pytest.mark.parametrize("label, run", [
    ("cabang-lain", {"branch": "fitur"}),
    ("alur-lain", {"path": ".github/workflows/coba.yml"}),
    ("pull-request", {"event": "pull_request"}),
    ("fork", {"event": "pull_request", "head_repository": "penyusup/ppid"}),
    ("target", {"event": "pull_request_target"}),
    ("manual", {"event": "workflow_dispatch"}),
    ("gagal", {"conclusion": "failure"}),
    ("berjalan", {"status": "in_progress", "conclusion": None}),
])
def test_only_a_successful_push_run_of_the_publish_workflow_on_the_default_branch_is_chosen(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str, label: str,
        run: dict[str, object]) -> None:
    """A newer run of any other kind is passed over even when GitHub's filters let it through."""
    world.actions.honour_filters = False
    base = tmp_path / "srv"
    world.publish(zips["lama"], "lama", at=T0)
    world.publish(zips["baru"], label, at=T0 + timedelta(hours=1), **run)

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 0, outcome.err
    assert os.readlink(base / "current") == f"releases/{sha_for('lama')}"
    assert [i for i, _h in world.actions.downloads] == [world.actions.runs[0].artifacts[0].id]


def test_the_runs_are_asked_for_by_branch_and_status_of_the_publish_workflow(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    world.publish(zips["lama"], "lama", at=T0)
    deploy(world, tmp_path / "srv", path=no_gh_path)
    runs = [r for r in world.fake.requests if r.path.endswith("/runs")]
    assert [(r.path, r.query) for r in runs] == [("/repos/dinas/ppid/actions/workflows/terbit.yml/runs",
                                                  {"branch": "main", "status": "success", "per_page": "100"})]


def test_the_daily_scheduled_run_on_the_default_branch_is_taken_like_a_push(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    """Notices dated ahead appear through the daily scheduled publish run, which runs the default branch's code."""
    base = tmp_path / "srv"
    world.publish(zips["lama"], "lama", at=T0)
    world.publish(zips["baru"], "jadwal", at=T0 + timedelta(hours=1), event="schedule")
    assert deploy(world, base, path=no_gh_path).code == 0
    assert os.readlink(base / "current") == f"releases/{sha_for('jadwal')}"


def test_no_publish_run_at_all_is_refused_with_the_reason(world: GitHubWorld, tmp_path: Path,
                                                          no_gh_path: str) -> None:
    outcome = deploy(world, tmp_path / "srv", path=no_gh_path)
    assert outcome.code == 1
    assert outcome.err.startswith("belum ada penerbitan yang berhasil di cabang main")
    assert outcome.err.endswith("Tidak ada yang dipasang.")


def test_an_artifact_is_taken_by_the_name_of_its_run_commit_and_downloaded_by_id(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    """Another artifact in the same run (even one named like a site) is never downloaded."""
    run = world.publish(zips["lama"], "lama", at=T0)
    world.actions.add_artifact(run, f"situs-ppid-{sha_for('lain')}", zips["baru"])
    world.actions.add_artifact(run, "github-pages", zips["baru"])
    assert deploy(world, tmp_path / "srv", path=no_gh_path).code == 0
    assert [i for i, _h in world.actions.downloads] == [run.artifacts[0].id]
    assert world.fake.count("GET", f"/repos/dinas/ppid/actions/artifacts/{run.artifacts[0].id}/zip") == 1


def test_a_tampered_zip_is_refused_and_the_live_site_is_unchanged(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    run = world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    data = bytearray(zips["baru"])
    data[len(data) // 2] ^= 0x01
    run.artifacts[0].data = bytes(data)  # what the storage host serves; GitHub's digest is of the original

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 1
    assert "tidak cocok dengan digest yang dilaporkan GitHub" in outcome.err
    assert outcome.err.endswith(f"Situs yang tayang tidak diubah ({sha_for('lama')[:7]}).")
    _unchanged(base, "lama", files)


def test_a_tampered_file_with_matching_sha256sums_is_refused_by_the_digest(
        world: GitHubWorld, zips: dict[str, bytes], sites: Sites, tmp_path: Path, no_gh_path: str) -> None:
    """SHA256SUMS travels inside the artifact, so it proves nothing alone: the digest GitHub reports catches it."""
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    forged_site = tmp_path / "palsu"
    shutil.copytree(sites.baru, forged_site)
    page = forged_site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("PPID", "PPID PALSU"), encoding="utf-8")
    run = world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    run.artifacts[0].data = artifact_zip(forged_site)

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 1
    assert "tidak cocok dengan digest yang dilaporkan GitHub" in outcome.err
    _unchanged(base, "lama", files)


def test_a_file_that_does_not_match_sha256sums_is_refused(
        world: GitHubWorld, zips: dict[str, bytes], sites: Sites, tmp_path: Path, no_gh_path: str) -> None:
    """Even with the digest matching (GitHub stores what was uploaded), every file must match SHA256SUMS."""
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    bad = artifact_zip(sites.baru, replace_files={"index.html": b"<p>diganti</p>"})
    world.publish(bad, "baru", at=T0 + timedelta(hours=1))

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 1
    assert "isi artefak tidak cocok dengan SHA256SUMS: index.html: hash" in outcome.err
    _unchanged(base, "lama", files)


def test_a_site_whose_proof_does_not_verify_is_refused(
        world: GitHubWorld, zips: dict[str, bytes], sites: Sites, tmp_path: Path, no_gh_path: str) -> None:
    """A site with a consistent SHA256SUMS and digest but a forged chain head fails `ppid verify --site`."""
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    forged_site = tmp_path / "palsu"
    shutil.copytree(sites.baru, forged_site)
    head = forged_site / "bukti" / "rantai.txt"
    head.write_text(re.sub(r"kepala: [0-9a-f]{64}", "kepala: " + "ab" * 32, head.read_text(encoding="utf-8")),
                    encoding="utf-8")
    world.publish(artifact_zip(forged_site), "baru", at=T0 + timedelta(hours=1))

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 1
    assert "ppid verify --site menolak situs baru (1 masalah)" in outcome.err
    assert "bukti/rantai.txt:1: kepala: kepala rantai di situs abababababab… berbeda" in outcome.err
    _unchanged(base, "lama", files)


@pytest.mark.parametrize("label, expected", [
    ("tulis_ulang", "catatan bukti ke-{n} di situs baru"),
    ("lama", "lebih sedikit dari {n} catatan di situs yang tayang"),
])
def test_a_chain_that_does_not_extend_the_live_one_is_refused(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str, label: str,
        expected: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path, label="baru")
    records = len(list((base / "current" / "arsip").rglob("*.json")))
    world.publish(zips[label], "susulan", at=T0 + timedelta(hours=1))

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 1
    assert outcome.err.startswith("rantai bukti ditolak: ")
    assert expected.format(n=records) in outcome.err
    _unchanged(base, "baru", files)


def test_a_download_cut_halfway_leaves_the_site_unchanged(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    run = world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    world.actions.cut[run.artifacts[0].id] = len(zips["baru"]) // 2

    outcome = deploy(world, base, path=no_gh_path)

    assert outcome.code == 3
    assert outcome.err.startswith("tidak dapat terhubung ke GitHub saat mengunduh artefak "
                                  f"situs-ppid-{sha_for('baru')}")
    _unchanged(base, "lama", files)


@pytest.mark.parametrize("change, expected", [
    ({"expired": True}, "sudah kedaluwarsa"),
    ({"digest": ""}, "GitHub tidak menyebut digest sha256 artefak"),
    ({"digest": "md5:abc"}, "GitHub tidak menyebut digest sha256 artefak"),
])
def test_an_artifact_that_cannot_be_checked_is_refused(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str, change: dict[str, object],
        expected: str) -> None:
    run = world.publish(zips["lama"], "lama", at=T0)
    for key, value in change.items():
        setattr(run.artifacts[0], key, value or None)
    outcome = deploy(world, tmp_path / "srv", path=no_gh_path)
    assert outcome.code == 1
    assert expected in outcome.err
    assert not (tmp_path / "srv" / "current").exists()


@pytest.mark.parametrize("name", ["../lolos.html", "/etc/lolos", "a/../../lolos"])
def test_an_archive_member_that_could_escape_the_release_is_refused(
        world: GitHubWorld, sites: Sites, tmp_path: Path, no_gh_path: str, name: str) -> None:
    world.publish(artifact_zip(sites.lama, extra={name: b"x"}), "lama", at=T0)
    outcome = deploy(world, tmp_path / "srv", path=no_gh_path)
    assert outcome.code == 1
    assert f"nama berkas tidak aman di arsip: {name!r}" in outcome.err
    assert not (tmp_path / "lolos.html").exists()


def test_an_older_publish_than_the_live_one_is_not_installed(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    world.actions.runs.clear()  # GitHub now lists only a run made before the live one
    world.publish(zips["baru"], "baru", at=T0 - timedelta(days=1))
    outcome = deploy(world, base, path=no_gh_path)
    assert outcome.code == 1
    assert "lebih lama dari situs yang tayang" in outcome.err
    _unchanged(base, "lama", files)


def test_github_failing_is_fail_closed(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path,
                                       no_gh_path: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    world.fake.fail(r"/repos/dinas/ppid/actions/workflows/terbit\.yml/runs", status=502, times=10)
    outcome = deploy(world, base, path=no_gh_path)
    assert outcome.code == 3
    assert outcome.err.startswith("GitHub menjawab HTTP 502 saat membaca daftar penerbitan (terbit.yml)")
    _unchanged(base, "lama", files)


def test_a_rejected_token_is_a_configuration_error(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path,
                                                   no_gh_path: str) -> None:
    world.publish(zips["lama"], "lama", at=T0)
    world.fake.token = "token-lain"
    outcome = deploy(world, tmp_path / "srv", path=no_gh_path)
    assert outcome.code == 2
    assert outcome.err.startswith("GITHUB_TOKEN ditolak GitHub (401 Bad credentials)")


def test_a_current_folder_from_a_manual_install_is_not_replaced(world: GitHubWorld, zips: dict[str, bytes],
                                                                tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    (base / "current").mkdir(parents=True)
    (base / "current" / "index.html").write_text("situs manual", encoding="utf-8")
    world.publish(zips["lama"], "lama", at=T0)
    outcome = deploy(world, base, path=no_gh_path)
    assert outcome.code == 1
    assert "bukan tautan simbolik (mungkin folder dari pemasangan manual)" in outcome.err
    assert (base / "current" / "index.html").read_text(encoding="utf-8") == "situs manual"
    assert world.actions.downloads == []


_FULL_DISK = """
import io, resource, signal, sys
from pathlib import Path
from pipeline.commands.pasang import pasang
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import PpidError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
settings = GitHubSettings(token=sys.argv[2], api_url=sys.argv[1], retries=0, seconds_between_requests=0.0)
try:
    pasang(repo="dinas/ppid", folder=Path(sys.argv[3]), env={"PATH": sys.argv[5]}, settings=settings,
           root=Path(sys.argv[6]), out=io.StringIO())
except PpidError as exc:
    print(exc)
    sys.exit(exc.exit_code)
"""


def test_a_full_disk_while_downloading_leaves_the_site_unchanged(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    """A real write failure (the file size limit makes write() fail with EFBIG, as a full disk fails it)."""
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, world.settings.api_url, world.settings.token,
                           str(base), str(len(zips["baru"]) // 2), no_gh_path, str(ROOT)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("ruang disk tidak cukup (File too large); kosongkan ruang di server")
    assert done.stdout.strip().endswith(f"Situs yang tayang tidak diubah ({sha_for('lama')[:7]}).")
    _unchanged(base, "lama", files)


def test_without_its_release_record_the_live_chain_is_read_from_the_live_site(
        world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path, no_gh_path: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path, label="baru")
    (base / "releases" / f"{sha_for('baru')}.json").unlink()
    world.publish(zips["tulis_ulang"], "susulan", at=T0 + timedelta(hours=1))
    outcome = deploy(world, base, path=no_gh_path)
    assert outcome.code == 1
    assert outcome.err.startswith("rantai bukti ditolak: catatan bukti ke-")
    assert live_files(base) == files


def test_a_damaged_release_record_stops_the_deploy(world: GitHubWorld, zips: dict[str, bytes], tmp_path: Path,
                                                   no_gh_path: str) -> None:
    base = tmp_path / "srv"
    files = _install(world, zips, base, no_gh_path)
    (base / "releases" / f"{sha_for('lama')}.json").write_text("{rusak", encoding="utf-8")
    world.publish(zips["baru"], "baru", at=T0 + timedelta(hours=1))
    outcome = deploy(world, base, path=no_gh_path)
    assert outcome.code == 1
    assert f"{sha_for('lama')}.json: catatan rilis rusak" in outcome.err
    _unchanged(base, "lama", files)
