"""Two drafts at once, end to end: staff draft in parallel, and no two pull requests ever land the same `nomor` or
file name on the default branch. Numbers are reserved across open drafts, clashes are told before approval (the
later PR changes), the merge button waits until the branch is up to date and checked again, and the publish
build on the default branch never meets a duplicate."""

from __future__ import annotations

import re

import pytest

from tests.lifecycle.office import MergeBlocked, Office, PullRequest, notice

RENUMBER = ("ganti dengan nomor berikutnya yang belum dipakai (lihat 'ppid baru --dry-run', yang juga membaca PR "
            "terbuka). Perbaiki sebelum meminta persetujuan: mengganti nomor atau nama berkas sesudah disetujui adalah "
            "perubahan isi, sehingga persetujuan gugur dan rantai Kabid/Kasubag, Sekretaris, Kepala Dinas harus "
            "diulang")


def filled(text: str) -> str:
    """What staff write into the fields `ppid baru` leaves for them."""
    values = {"ringkasan": "Ringkasan untuk warga.", "unit": "Bidang Informasi dan Komunikasi Publik",
              "penanggung_jawab": "Budi Santoso, S.Sos.", "retensi": "1 Tahun"}
    for name, value in values.items():
        text = re.sub(rf'^{name}: ""  # .*$', f"{name}: {value}", text, flags=re.MULTILINE)
    return text


def nomor_of(text: str) -> str:
    return re.search(r"^nomor: (.+)$", text, re.MULTILINE).group(1)  # type: ignore[union-attr]


def job_annotations(out: str, level: str) -> list[str]:
    """The `::error` (or `::warning`) annotations a job printed, as `file:line: message`."""
    found = re.findall(rf"^::{level} file=([^,]+),line=(\d+),title=[^:]*::(.*)$", out, re.MULTILINE)
    return [f"{path}:{line}: {message}" for path, line, message in found]


def test_two_drafts_started_the_same_morning_get_different_numbers(office: Office) -> None:
    first_path, first_text, said = office.baru("staf1", "Jadwal Layanan Informasi Bulan Maret")
    assert "Nomor dihitung dari berkas di folder ini dan 0 pull request yang masih terbuka di dinas/ppid." in said
    first = office.open_pr({first_path: filled(first_text)}, title="Jadwal layanan",
                           disposisi=office.disposisi("jadwal layanan"))

    second_path, second_text, said = office.baru("staf2", "Rapat Koordinasi PPID Triwulan I")
    assert "Nomor dihitung dari berkas di folder ini dan 1 pull request yang masih terbuka di dinas/ppid." in said
    second = office.open_pr({second_path: filled(second_text)}, title="Rapat koordinasi",
                            disposisi=office.disposisi("rapat koordinasi", to="staf2"), author="staf2")

    assert (nomor_of(first_text), nomor_of(second_text)) == ("001/PPID/DISKOMINFO/2025", "002/PPID/DISKOMINFO/2025")
    for pr in (first, second):
        assert pr.checked is not None and pr.checked.ok, pr.checked
        assert "::warning" not in pr.checked.out

    # Without a token the desk cannot see the open drafts: it says so instead of guessing quietly.
    _, offline, said = office.baru("staf2", "Rapat Koordinasi PPID Triwulan II", token=False)
    assert nomor_of(offline) == "001/PPID/DISKOMINFO/2025"
    assert "Catatan: GITHUB_TOKEN tidak diisi, jadi draf lain yang masih terbuka sebagai pull request TIDAK " \
           "terlihat" in said


def test_two_prs_with_the_same_nomor_or_file_name_are_told_before_approval(office: Office) -> None:
    path_a, text_a = notice("jadwal-layanan-maret", 1, "Jadwal Layanan Informasi Bulan Maret")
    a = office.open_pr({path_a: text_a}, title="Jadwal layanan", disposisi=office.disposisi("jadwal"))
    path_b, text_b = notice("rapat-koordinasi", 1, "Rapat Koordinasi PPID Triwulan I")
    b = office.open_pr({path_b: text_b}, title="Rapat koordinasi", author="staf2",
                       disposisi=office.disposisi("rapat", to="staf2"))

    # The later PR is told, on its nomor line, who else holds the number and that it is the one to change.
    assert b.checked is not None and not b.checked.ok
    assert job_annotations(b.checked.out, "error") == [
        f"{path_b}:3: nomor: nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh {path_a} di PR #{a.number} yang "
        f"dibuka lebih dulu; PR ini (dibuka kemudian) yang harus mengganti nomornya: {RENUMBER}"]
    assert office.required_status(b.head, "ppid/isi") == "failure"
    # The earlier PR, checked again, sees it too, but only as a warning: it keeps its number and passes.
    again = office.check(a)
    assert again.ok and job_annotations(again.out, "warning") == [
        f"{path_a}:3: nomor: nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh {path_b} di PR #{b.number} yang "
        f"dibuka kemudian; PR #{b.number} yang harus mengganti nomornya, PR ini tidak perlu diubah"]
    assert office.required_status(a.head, "ppid/isi") == "success"

    # A third draft reuses the first one's file name in another year's folder: the same page address.
    path_c, text_c = notice("jadwal-layanan-maret", 1, "Jadwal Layanan Informasi Bulan Maret 2024")
    path_c, text_c = path_c.replace("/2025/", "/2024/"), text_c.replace("2025", "2024")
    c = office.open_pr({path_c: text_c}, title="Jadwal 2024", disposisi=office.disposisi("arsip jadwal"))
    assert c.checked is not None and job_annotations(c.checked.out, "error") == [
        f"{path_c}:1: (nama berkas): nama berkas 'jadwal-layanan-maret.md' juga dipakai oleh {path_a} di PR "
        f"#{a.number} yang dibuka lebih dulu; PR ini (dibuka kemudian) yang harus mengganti nama berkasnya; alamat "
        "halaman dan bukti pengumuman memakai nama berkas: beri nama lain, misalnya 'jadwal-layanan-maret-2.md'. "
        "Perbaiki sebelum meminta persetujuan: mengganti nomor atau nama berkas sesudah disetujui adalah perubahan "
        "isi, sehingga persetujuan gugur dan rantai Kabid/Kasubag, Sekretaris, Kepala Dinas harus diulang"]

    # Fixed before anyone approved: the next free number, and the check passes.
    fixed = office.push(b, {path_b: notice("rapat-koordinasi", 2, "Rapat Koordinasi PPID Triwulan I")[1]})
    assert fixed.ok and "::" not in fixed.out.split("Status ")[0]
    assert office.required_status(b.head, "ppid/isi") == "success"
    assert b.pull.reviews == []  # nobody had to approve twice


def approved(office: Office, pr: PullRequest) -> None:
    assert office.approve_in_order(pr).ok


def test_after_one_merges_the_other_waits_for_its_check_on_the_updated_branch(office: Office) -> None:
    path_a, text_a = notice("jadwal-layanan-maret", 1, "Jadwal Layanan Informasi Bulan Maret")
    a = office.open_pr({path_a: text_a}, title="Jadwal layanan", disposisi=office.disposisi("jadwal"))
    path_b, text_b = notice("rapat-koordinasi", 2, "Rapat Koordinasi PPID Triwulan I")
    b = office.open_pr({path_b: text_b}, title="Rapat koordinasi", author="staf2",
                       disposisi=office.disposisi("rapat", to="staf2"))
    assert a.checked is not None and a.checked.ok and b.checked is not None and b.checked.ok
    # The earlier draft takes the later one's number after all (a typo): its own check only warns, and the
    # later PR's green check is not run again. Each PR, checked alone, would merge.
    renumbered = office.push(a, {path_a: notice("jadwal-layanan-maret", 2, "Jadwal Layanan Informasi Bulan Maret")[1]})
    assert renumbered.ok and len(job_annotations(renumbered.out, "warning")) == 1
    approved(office, a)
    approved(office, b)
    office.merge_button(a)
    assert office.publish().ok

    # Main moved: the merge button refuses a branch that is not up to date, however green its statuses.
    assert office.required_status(b.head, "ppid/isi") == office.required_status(b.head) == "success"
    with pytest.raises(MergeBlocked, match="out-of-date with the base branch"):
        office.merge_button(b)
    office.update_branch(b, by="staf2")
    with pytest.raises(MergeBlocked, match="is missing"):  # the updated head has no statuses until the jobs ran
        office.merge_button(b)

    # The check on the updated branch meets the merged announcement: this PR renumbers, before approval again.
    rechecked = office.check(b)
    assert not rechecked.ok
    assert job_annotations(rechecked.out, "error") == [
        f"{path_b}:3: nomor: nomor '002/PPID/DISKOMINFO/2025' juga dipakai oleh {path_a} di cabang utama (sudah "
        f"digabung); PR ini yang harus mengganti nomornya: {RENUMBER}"]
    assert office.required_status(b.head, "ppid/isi") == "failure"
    with pytest.raises(MergeBlocked, match="ppid/persetujuan is missing"):
        office.merge_button(b)
    assert office.push(b, {path_b: notice("rapat-koordinasi", 3, "Rapat Koordinasi PPID Triwulan I")[1]}).ok
    chain = office.chain(b)  # the approvals were on the old commit: the chain starts again, and says why
    assert chain.code == 1 and "[nomor_changed] Nomor content/pengumuman/2025/rapat-koordinasi.md diganti dari " \
        "'002/PPID/DISKOMINFO/2025' menjadi '003/PPID/DISKOMINFO/2025' sesudah disetujui" in chain.out
    approved(office, b)
    office.merge_button(b)

    # The publish build on the default branch never meets a duplicate.
    run = office.publish()
    assert run.ok, run.steps
    checkout = office.checkout()
    numbers = sorted(nomor_of((checkout.path / path).read_text(encoding="utf-8")) for path in (path_a, path_b))
    assert numbers == ["002/PPID/DISKOMINFO/2025", "003/PPID/DISKOMINFO/2025"]
    for page in ("pengumuman/2025/jadwal-layanan-maret/index.html", "pengumuman/2025/rapat-koordinasi/index.html"):
        assert office.live.page(page) is not None
