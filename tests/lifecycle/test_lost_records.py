"""No merge loses its record: a cancelled publish run is healed by the next one, and two runs that race to push
their records end with each record once, in merge order, the chain intact."""

from __future__ import annotations

from tests.lifecycle.office import Office

PAGES = ("pengumuman/2025/jadwal-layanan-maret/index.html", "pengumuman/2025/tata-cara-permohonan/index.html",
         "pengumuman/2025/maklumat-pelayanan/index.html")


def _seqs(office: Office) -> list[int]:
    return [int(r["seq"]) for r in office.records()]


def test_a_cancelled_publish_run_is_healed_by_the_next(office: Office) -> None:
    first = office.announce("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    # Its publish run is cancelled (a newer pending run replaced it): nothing archived, nothing deployed.
    second = office.announce("tata-cara-permohonan", 2, "Tata Cara Permohonan Informasi")

    run = office.publish()

    assert run.ok, run.steps
    assert office.recorded_merges()[1:] == [first, second]
    assert _seqs(office) == [1, 2, 3]
    assert all(office.live.page(page) for page in PAGES[:2])


def test_two_publish_runs_racing_keep_each_record_once(office: Office) -> None:
    first = office.announce("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    slow = office.checkout()  # the first merge's run checks out main, then takes its time
    second = office.announce("tata-cara-permohonan", 2, "Tata Cara Permohonan Informasi")
    fast = office.publish()  # the second merge's run archives both and pushes first
    assert fast.ok, fast.steps

    late = office.publish(slow, event=first)

    arsip = late.step("arsip").out
    assert "Catatan bukti ditulis" in arsip and arsip.endswith("Tidak ada catatan bukti baru untuk didorong.\n")
    assert late.ok, late.steps
    assert office.recorded_merges()[1:] == [first, second]
    assert _seqs(office) == [1, 2, 3]


def test_a_run_that_checks_out_a_newer_main_loses_no_record(office: Office) -> None:
    first = office.announce("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    second = office.announce("tata-cara-permohonan", 2, "Tata Cara Permohonan Informasi")
    # terbit.yml checks out the branch (github.ref), not the pushed commit: the first merge's run starts after the
    # second merge landed, so its checkout holds both while it archives up to its own merge (github.sha).
    late = office.publish(event=first)
    assert late.ok, late.steps
    # The second merge's run was cancelled by the third merge's, which must still archive the second merge.
    third = office.announce("maklumat-pelayanan", 3, "Maklumat Pelayanan Informasi Publik")
    run = office.publish()

    assert run.ok, run.steps
    assert office.recorded_merges()[1:] == [first, second, third]
    assert _seqs(office) == [1, 2, 3, 4]
    assert all(office.live.page(page) for page in PAGES)
