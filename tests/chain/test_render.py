"""Renderers, golden files: the PR comment and the summary for frozen snapshots (pure core, no HTTP).

To accept an intended change in wording, run with PPID_UPDATE_GOLDEN=1 and review the diff of golden/.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.render import (
    MARKER,
    comment_markdown,
    status_description,
    status_state,
    summary_text,
    verdict_json,
)
from pipeline.core.chain.snapshot import (
    AnnouncementHead,
    Assignment,
    ChangedFile,
    DisposisiIssue,
    DraftEvent,
    OpenPull,
    PrSnapshot,
    Review,
    TeamMembers,
)
from pipeline.core.chain.verdict import Verdict
from pipeline.core.sop import Sop
from pipeline.edges.config import load_sop
from pipeline.edges.workcal import build_calendar
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, OLD, WIB, wib
from tests.conftest import ROOT
from tests.teams import TEAMS

GOLDEN = Path(__file__).parent / "golden"
EVIDENCE_PHOTO = "content/bukti/jadwal-layanan/2024-08-06-papan-pengumuman-1.jpg"
EVIDENCE_RECORD = "content/bukti/jadwal-layanan/2024-08-06-papan-pengumuman-1.yml"
ROLES = {"ppid-kabid": "kabid", "ppid-sekretaris": "sekretaris", "ppid-kepala-dinas": "kepala_dinas",
         "ppid-admin": "admin"}


def team(slug: str) -> TeamMembers:
    return TeamMembers(ROLES[slug], slug, frozenset(TEAMS[slug]))  # type: ignore[arg-type]


BASE = PrSnapshot(
    repo="dinas/ppid", number=12, author="staf1", head_sha=HEAD, draft=False, created_at=wib(5, 9, 0),
    body="Disposisi: #5", files=(ChangedFile(ANNOUNCEMENT, "added"),), reviews=(),
    teams=tuple(team(s) for s in ("ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas")),
    content=load_sop(ROOT).content, draft_events=(DraftEvent("ready_for_review", wib(5, 13, 0)),),
    disposisi=DisposisiIssue(5, wib(5, 8, 0), (Assignment("staf1", "kabid1", wib(5, 8, 10)),)),
    html_url="https://github.com/dinas/ppid/pull/12")


def review(n: int, login: str, state: str, at: int, commit: str = HEAD) -> Review:
    return Review(n, login, state, wib(5, at // 100, at % 100), commit)


CASES = {
    "approved": replace(BASE, reviews=(review(1, "kabid1", "APPROVED", 1330), review(2, "sekre1", "APPROVED", 1400),
                                       review(3, "kadis1", "APPROVED", 1405)), merged_at=wib(5, 14, 15)),
    "returned": replace(BASE, reviews=(
        review(1, "kabid1", "APPROVED", 1330), review(2, "sekre1", "CHANGES_REQUESTED", 1420),
        review(3, "warga", "APPROVED", 1340), review(4, "kadis1", "APPROVED", 1000, OLD),
        review(5, "staf2", "COMMENTED", 1350))),
    "blocked": replace(BASE, body="Konsep tanpa nomor", files=(
        ChangedFile(ANNOUNCEMENT, "added"), ChangedFile("pipeline/cli.py", "modified"),
        ChangedFile("content/arsip/2024/001.yml", "removed"))),
    "maintenance": replace(BASE, files=(ChangedFile(".github/workflows/periksa.yml", "modified"),),
                           teams=(team("ppid-admin"),), disposisi=None,
                           reviews=(review(1, "kabid1", "APPROVED", 1330),)),
    "serta-merta": replace(BASE, announcements=(AnnouncementHead(ANNOUNCEMENT, "serta-merta"),),
                           reviews=(review(1, "kabid1", "APPROVED", 1310), review(2, "sekre1", "APPROVED", 1340))),
    "evidence": replace(BASE, files=(ChangedFile(EVIDENCE_PHOTO, "added"), ChangedFile(EVIDENCE_RECORD, "added")),
                        teams=(team("ppid-kabid"),), disposisi=None, body="Foto papan pengumuman.",
                        reviews=(review(1, "sekre1", "APPROVED", 1320), review(2, "kabid2", "APPROVED", 1330))),
    "dismissed": replace(BASE, reviews=(
        review(1, "kabid1", "APPROVED", 1330), review(2, "sekre1", "APPROVED", 1400),
        review(3, "kadis1", "APPROVED", 1405),
        replace(review(4, "kadis1", "DISMISSED", 1410), dismissed_state="CHANGES_REQUESTED"))),
    "shared-head": replace(BASE, reviews=(review(1, "kabid1", "APPROVED", 1330),), open_pulls=(
        OpenPull(12, "main", HEAD), OpenPull(13, "rilis", HEAD, "https://github.com/dinas/ppid/pull/13"),
        OpenPull(14, "main", OLD))),
    "outside-author": replace(BASE, author="warga", author_in_team=False, teams=(), disposisi=None, files=(),
                              draft_events=()),
    "too-many-files": replace(BASE, files=tuple(ChangedFile(f"content/lampiran/{i}.pdf", "added")
                                                for i in range(3000)), changed_files=3412),
}


def verdict_for(name: str, sop: Sop) -> Verdict:
    return evaluate(CASES[name], sop, build_calendar(sop, 2023, 2025), wib(5, 15, 0))


@pytest.mark.parametrize("name", sorted(CASES))
def test_comment_and_summary_match_golden_files(sop: Sop, name: str) -> None:
    verdict = verdict_for(name, sop)
    for suffix, text in ((".md", comment_markdown(verdict, sop, WIB)), (".txt", summary_text(verdict, sop, WIB))):
        path = GOLDEN / f"{name}{suffix}"
        if os.environ.get("PPID_UPDATE_GOLDEN"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"{path.name} berubah; periksa lalu perbarui"


@pytest.mark.parametrize(("name", "state", "description"), [
    ("approved", "success", "Disetujui berurutan: Kabid/Kasubag, Sekretaris, Kepala Dinas"),
    ("returned", "failure", "Dikembalikan kepada Kabid/Kasubag; ada permintaan perubahan"),
    ("blocked", "failure", "Terblokir: PR mencampur konten dan berkas lain (+2 masalah lain); lihat komentar PR"),
    ("maintenance", "pending", "Menunggu Admin PPID"),
    ("serta-merta", "pending", "MENDESAK (serta merta): Menunggu Kepala Dinas (2 dari 3 persetujuan sah)"),
    ("evidence", "success", "Bukti offline disetujui Kabid/Kasubag @kabid2"),
    ("dismissed", "pending", "Menunggu Kepala Dinas (2 dari 3 persetujuan sah)"),
    ("shared-head", "failure", "Terblokir: commit terakhir juga dipakai PR terbuka lain; lihat komentar PR"),
    ("outside-author", "failure",
     "Terblokir: penulis PR bukan anggota tim PPID; PR tidak dievaluasi; lihat komentar PR"),
    ("too-many-files", "failure",
     "Terblokir: GitHub tidak mencantumkan semua berkas PR; PR tidak dievaluasi; lihat komentar PR"),
])
def test_commit_status(sop: Sop, name: str, state: str, description: str) -> None:
    verdict = verdict_for(name, sop)
    assert (status_state(verdict), status_description(verdict, sop)) == (state, description)


def test_comment_starts_with_the_hidden_marker(sop: Sop) -> None:
    for name in CASES:
        assert comment_markdown(verdict_for(name, sop), sop, WIB).startswith(MARKER + "\n")


def test_json_is_serialisable_and_uses_utc(sop: Sop) -> None:
    data = verdict_json(verdict_for("returned", sop))
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text)["evaluated_at"] == "2024-08-05T08:00:00Z"
    assert [d["code"] for d in data["discarded"]] == ["not_counted", "stale_approval", "not_team_member"]
    assert data["next"] == "kabid" and data["state"] == "returned"


@pytest.mark.parametrize(("name", "urgent"), [("serta-merta", True), ("approved", False), ("evidence", False)])
def test_json_says_whether_the_pr_is_serta_merta(sop: Sop, name: str, urgent: bool) -> None:
    data = verdict_json(verdict_for(name, sop))
    assert data["serta_merta"] is urgent
    assert data["kind"] == ("evidence" if name == "evidence" else "announcement")


def test_json_of_an_unevaluated_pr(sop: Sop) -> None:
    data = verdict_json(verdict_for("outside-author", sop))
    assert (data["kind"], data["state"], data["next"], data["approvals"], data["timing"]) == (
        "unevaluated", "blocked", "admin", [], [])
    assert [(r["rule"], r["status"]) for r in data["rules"]] == [("author", "fail"), ("base", "pass"),
                                                                 ("files", "skip")]


def test_urgent_status_is_cut_to_githubs_limit(sop: Sop) -> None:
    verdict = replace(verdict_for("blocked", sop), urgent=True)
    text = status_description(verdict, sop)
    assert text.startswith("MENDESAK (serta merta): Terblokir:") and len(text) <= 139


def test_untrusted_paths_cannot_break_out_of_markdown(sop: Sop) -> None:
    snapshot = replace(BASE, files=(ChangedFile(ANNOUNCEMENT, "added"),
                                    ChangedFile("x`\n**Disetujui**`.py", "added")))
    comment = comment_markdown(evaluate(snapshot, sop, build_calendar(sop, 2023, 2025), wib(5, 15, 0)), sop, WIB)
    assert "`x??**Disetujui**?.py`" in comment
    assert "\n**Disetujui**" not in comment
