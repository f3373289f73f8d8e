"""`ppid arsip` against the fake GitHub and a real git repository: archive, refuse, idempotence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.arsip import MergeRefused
from pipeline.core.proof import GENESIS, parse_record, verify_chain
from pipeline.errors import GitHubUnavailable, PpidError, UsageError
from tests.contentkit import announcement
from tests.publish.conftest import ANN, REPO, WIB, Merged, git, wib


def _records(root: Path) -> list[Path]:
    return sorted((root / "content" / "arsip").rglob("*.json"))


def test_archives_an_approved_merge(merged: Merged) -> None:
    merged.approve()
    sha = merged.merge()
    code, out = merged.archive()
    assert code == 0
    [file] = _records(merged.root)
    rel = file.relative_to(merged.root).as_posix()
    assert rel == f"content/arsip/2025/00001-jadwal-layanan-{sha[:7]}.json"
    record, problems = parse_record(rel, file.read_bytes())
    assert problems == [] and record is not None
    assert out == (f"Catatan bukti ditulis: {rel}\n  PR #12 (jadwal-layanan), nomor urut 1, hash {record.sha256}\n")
    data = (merged.root / ANN).read_bytes()
    assert [(f.path, f.sha256) for f in record.files] == [(ANN, hashlib.sha256(data).hexdigest())]
    assert record.pull_request is not None  # a merged pull request's record, not a generation start
    assert (record.pull_request.number, record.pull_request.title, record.pull_request.author) == (
        12, "Jadwal layanan 2025", "staf1")
    assert (record.commits.merge, record.commits.head, record.commits.base) == (
        sha, merged.pr.head_sha, git(merged.root, "rev-parse", "HEAD~1"))
    assert record.merged_at == wib(10, 15) and record.merged_by == "staf1"
    assert [(a.role, a.login, a.name, a.submitted_at.astimezone(WIB).strftime("%H:%M")) for a in record.approvals] == [
        ("kabid", "kabid1", "Budi Santoso", "09:30"), ("sekretaris", "sekre1", None, "10:00"),
        ("kepala_dinas", "kadis1", "Dr. Siti Aminah", "10:05")]
    review_ids = [r["id"] for r in merged.pr.reviews]
    assert [a.review_id for a in record.approvals] == review_ids
    assert [a.url for a in record.approvals] == [r["html_url"] for r in merged.pr.reviews]
    assert record.disposisi is not None and record.disposisi.number == 5
    assert (record.disposisi.assigned_by, record.disposisi.assigned_at) == ("kabid1", wib(8, 10))
    assert [(t.key, t.status, t.elapsed_minutes) for t in record.timing] == [
        ("disposisi", "ok", 10), ("konsep", "ok", 50), ("periksa_kabid", "ok", 30),
        ("periksa_sekretaris", "ok", 30), ("persetujuan", "ok", 5), ("publikasi", "ok", 10)]
    assert [(a.slug, a.nomor, a.jenis, a.tanggal) for a in record.announcements] == [
        ("jadwal-layanan", "001/PPID/DISKOMINFO/2025", "berkala", "2025-01-06")]
    assert (record.seq, record.prev_sha256, record.demo, record.repository) == (1, GENESIS, False, REPO)
    assert record.archived_at == wib(10, 20)


def test_running_twice_changes_nothing_and_asks_github_nothing(merged: Merged) -> None:
    merged.approve()
    merged.merge()
    assert merged.archive()[0] == 0
    [file] = _records(merged.root)
    before = file.read_bytes()
    merged.fake.reset_log()
    code, out = merged.archive(now_text="2025-01-07T08:00:00+07:00")
    assert code == 0 and out == f"Merge {merged.sha[:7]} sudah diarsipkan di {file.relative_to(merged.root)}; " \
                                 "tidak ada yang berubah.\n"
    assert _records(merged.root) == [file] and file.read_bytes() == before
    assert merged.fake.count() == 0


@pytest.mark.parametrize("approvals, missing", [
    ((), "Kabid"),
    ((("kabid1", wib(9, 30)), ("sekre1", wib(10, 0))), "Kepala Dinas"),
    ((("sekre1", wib(9, 30)), ("kabid1", wib(10, 0)), ("kadis1", wib(10, 5))), ""),  # out of order
    ((("kabid1", wib(9, 30)), ("sekre1", wib(10, 0)), ("kadis1", wib(10, 30))), "Kepala Dinas"),  # after merge
])
def test_refuses_a_merge_that_bypassed_the_chain(merged: Merged, approvals: tuple[tuple[str, object], ...],
                                                  missing: str) -> None:
    for login, at in approvals:
        merged.pr.review(login, "APPROVED", at)  # type: ignore[arg-type]
    merged.merge()
    with pytest.raises(MergeRefused) as caught:
        merged.archive()
    message = str(caught.value)
    assert message.startswith("PERINGATAN: PR #12 digabung (merge) TANPA rantai persetujuan SOP yang lengkap")
    assert missing in message
    assert caught.value.exit_code == 1
    assert _records(merged.root) == []


def test_refusal_exits_1_through_the_cli_with_an_annotation(merged: Merged, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    merged.merge()
    monkeypatch.chdir(merged.root)
    monkeypatch.setenv("GITHUB_TOKEN", merged.fake.token)
    monkeypatch.setenv("GITHUB_API_URL", merged.fake.base_url)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["arsip", "--repo", REPO, "--sha", merged.sha]) == 1
    err = capsys.readouterr().err
    assert "::error title=Merge melanggar SOP::PR #12 digabung tanpa rantai persetujuan yang lengkap" in err
    assert "ppid: PERINGATAN: PR #12 digabung (merge) TANPA" in err


def test_second_merge_links_to_the_first(merged: Merged, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    merged.approve()
    merged.merge()
    merged.archive()
    git(merged.root, "add", "content/arsip")
    git(merged.root, "commit", "-qm", "arsip 1")
    pr = merged.repo.add_pull(13, author="staf1", created_at=wib(9, 0, day=7), head_sha="d" * 40,
                              title="Jadwal layanan, ralat", body="Disposisi: #5", files=[(ANN, "modified")])
    for login, minute in (("kabid1", 10), ("sekre1", 20), ("kadis1", 30)):
        pr.review(login, "APPROVED", wib(9, minute, day=7))
    second = merged.commit({ANN: announcement(body="Isi yang diralat.\n")}, "Merge pull request #13")
    pr.merge(second, at=wib(9, 40, day=7), by="staf1")
    code, _ = merged.archive(sha=second, now_text="2025-01-07T09:45:00+07:00")
    assert code == 0
    files = [(p.relative_to(merged.root).as_posix(), p.read_bytes()) for p in _records(merged.root)]
    report = verify_chain(files, "content/arsip", WIB)
    assert report.ok and [r.seq for _, r in report.records] == [1, 2]
    assert report.records[1][1].prev_sha256 == report.records[0][1].sha256
    monkeypatch.chdir(merged.root)
    assert main(["verify"]) == 0, capsys.readouterr().out


def test_attachment_change_is_filed_under_its_announcement(merged: Merged) -> None:
    lampiran = "content/lampiran/2025/jadwal.pdf"
    front = ("judul: Jadwal Layanan Informasi Publik Tahun 2025\nnomor: 001/PPID/DISKOMINFO/2025\njenis: berkala\n"
             "tanggal: 2025-01-06\nringkasan: Jadwal.\nunit: IKP\npenanggung_jawab: Kabid IKP\nretensi: 1 Tahun\n"
             "lampiran:\n  - berkas: 2025/jadwal.pdf\n    judul: Jadwal (PDF)\n")
    merged.commit({ANN: announcement(front), lampiran: "%PDF-1.4 versi 1\n"}, "awal")
    merged.pr.files.clear()
    merged.pr.add_file(lampiran, "modified")
    merged.sha = merged.commit({lampiran: "%PDF-1.4 versi 2\n"})
    merged.approve()
    merged.merge()
    assert merged.archive()[0] == 0
    [file] = _records(merged.root)
    record = json.loads(file.read_text(encoding="utf-8"))
    assert [a["slug"] for a in record["announcements"]] == ["jadwal-layanan"]
    assert [f["path"] for f in record["files"]] == [lampiran]


def test_approved_maintenance_merge_is_recorded_with_the_paths_it_changed(merged: Merged) -> None:
    merged.pr.files.clear()
    merged.pr.add_file("README.md", "modified")
    merged.pr.review("admin1", "APPROVED", wib(9, 30))
    merged.sha = merged.commit({"README.md": "x\n"})
    merged.merge()
    code, out = merged.archive()
    assert code == 0 and out.startswith("Catatan bukti ditulis: content/arsip/2025/00001-pemeliharaan-")
    assert "PR #12 (pemeliharaan), nomor urut 1" in out
    [path] = _records(merged.root)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["announcements"] == [] and record["timing"] == []
    assert record["files"] == [{"path": "README.md", "sha256": hashlib.sha256(b"x\n").hexdigest()}]
    assert [(a["role"], a["login"]) for a in record["approvals"]] == [("admin", "admin1")]


@pytest.mark.parametrize("files, refused", [
    ({"README.md": "catatan\n"}, False),
    ({"content/pengumuman/2025/diam-diam.md": "isi\n"}, True),
])
def test_commit_without_a_pull_request(merged: Merged, files: dict[str, str | None], refused: bool) -> None:
    sha = merged.commit(files, "langsung ke main")
    if refused:
        with pytest.raises(MergeRefused, match="mengubah isi situs tanpa pull request yang disetujui "
                                               r"\(content/pengumuman/2025/diam-diam.md\)"):
            merged.archive(sha=sha)
    else:
        assert merged.archive(sha=sha) == (0, f"Commit {sha[:7]} bukan merge pull request dan tidak mengubah isi; "
                                              "tidak ada yang diarsipkan.\n")
    assert _records(merged.root) == []


def test_refuses_to_extend_a_broken_archive(merged: Merged) -> None:
    merged.approve()
    merged.merge()
    broken = merged.root / "content" / "arsip" / "2025" / "00001-lain-1234567.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{}\n", encoding="utf-8")
    with pytest.raises(PpidError, match="arsip bukti rusak, catatan baru tidak ditambahkan"):
        merged.archive()


@pytest.mark.parametrize("sha, error", [("abc", UsageError), ("f" * 40, PpidError)])
def test_bad_or_unknown_commit(merged: Merged, sha: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        merged.archive(sha=sha)


def test_demo_records_are_marked(merged: Merged) -> None:
    merged.approve()
    merged.merge()
    merged.archive(demo=True)
    [file] = _records(merged.root)
    assert json.loads(file.read_text(encoding="utf-8"))["demo"] is True


def test_github_failure_asks_to_rerun_arsip_not_the_chain(merged: Merged) -> None:
    merged.approve()
    merged.merge()
    merged.fake.fail(f"/repos/{REPO}/pulls/12/reviews", status=502, times=100)
    with pytest.raises(GitHubUnavailable) as failed:
        merged.archive()
    assert str(failed.value).startswith("GitHub menjawab HTTP 502 saat membaca ulasan PR #12")
    assert str(failed.value).endswith("Jalankan ulang `ppid arsip` nanti.")
    assert "Persetujuan" not in str(failed.value)
