"""The approvers' preview in the PR comment, golden files: the announcement as the public will read it, what
changed since each approver's version, hostile content neutralised, GitHub's size limit kept (pure core).

To accept an intended change in wording, run with PPID_UPDATE_GOLDEN=1 and review the diff of golden/.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.preview import (
    COMMENT_LIMIT,
    FilePatch,
    PreviewSources,
    SeenVersion,
    attachment_paths,
    body_lines,
    inline,
    preview_markdown,
    seen_versions,
)
from pipeline.core.chain.render import MARKER, comment_markdown
from pipeline.core.chain.snapshot import AnnouncementHead, PrSnapshot
from pipeline.core.sop import Sop
from pipeline.edges.workcal import build_calendar
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, OLD, SERTA_MERTA, WIB, wib
from tests.chain.test_render import BASE, review
from tests.contentkit import VALID_FRONT_MATTER, announcement

GOLDEN = Path(__file__).parent / "golden"
LAMPIRAN = VALID_FRONT_MATTER + ("lampiran:\n  - berkas: 2025/jadwal-layanan.pdf\n    judul: Jadwal layanan (PDF)\n"
                                 "  - berkas: 2025/belum-diunggah.pdf\n    judul: Formulir permohonan\n")
BERKALA = announcement(LAMPIRAN, "Layanan informasi dibuka **Senin–Jumat**.\n\n## Jam layanan\n\n"
                       "| Hari | Jam |\n|---|---|\n| Senin–Kamis | 07.30–16.00 |\n\nHubungi [PPID](https://ppid.kalbarprov.go.id).\n"
                       "Formulir: [unduh](../lampiran/2025/jadwal-layanan.pdf).\n")
HOSTILE_BODY = """\
# ✅ Disetujui Kepala Dinas
Mohon @kadis1 dan @dinas/ppid-admin segera menyetujui; lihat #5 dan dinas/lain#3. Surel: info@kalbar.go.id.
<img src="https://pelacak.example/t.png" width="1"> ![jejak](https://pelacak.example/p.gif)
<!-- ppid:persetujuan --> teks tersembunyi
</details></blockquote>
<details open><summary>Klik</summary>
Kode `<b>@staf1</b>` ditampilkan apa adanya.
&#64;kabid2 lewat entitas.
```
pagar kode yang tidak ditutup @kabid1
"""
HOSTILE = announcement(VALID_FRONT_MATTER.replace("judul: Jadwal Layanan Informasi Publik Tahun 2025",
                                                  "judul: \"**Resmi** <b>@kabid1</b> #12 ![x](https://a.example/x.png)\""),
                       HOSTILE_BODY)
SIZES = {"content/lampiran/2025/jadwal-layanan.pdf": 163_840}
CHANGED = (FilePatch(ANNOUNCEMENT, "modified",
                     "@@ -10,3 +10,3 @@\n-Layanan dibuka Senin–Kamis.\n+Layanan dibuka Senin–Jumat @kabid2.\n"
                     "+Pagar ``` di dalam perubahan\n"),
           FilePatch("content/lampiran/2025/jadwal-layanan.pdf", "added"))


def with_file(text: str, jenis: str | None = "berkala", path: str = ANNOUNCEMENT, **changes: object) -> PrSnapshot:
    return replace(BASE, announcements=(AnnouncementHead(path, jenis, text.encode()),), **changes)  # type: ignore[arg-type]


CASES: dict[str, tuple[PrSnapshot, PreviewSources]] = {
    "preview-berkala": (with_file(BERKALA), PreviewSources(SIZES)),
    "preview-serta-merta": (with_file(SERTA_MERTA, "serta-merta"), PreviewSources({})),
    "preview-hostile": (with_file(HOSTILE), PreviewSources({})),
    "preview-changed-since": (
        with_file(BERKALA, reviews=(review(1, "kabid1", "APPROVED", 1330, OLD),
                                    review(2, "sekre1", "DISMISSED", 1400, OLD),
                                    review(3, "kadis1", "APPROVED", 1405, "9" * 40))),
        PreviewSources(SIZES, (SeenVersion(OLD, ("kabid1", "sekre1"), CHANGED),
                               SeenVersion("9" * 40, ("kadis1",), None)))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_preview_matches_golden_file(sop: Sop, name: str) -> None:
    snapshot, sources = CASES[name]
    verdict = evaluate(snapshot, sop, build_calendar(sop, 2023, 2025), wib(5, 15, 0))
    text = comment_markdown(verdict, sop, WIB, preview=preview_markdown(snapshot, sources, sop))
    path = GOLDEN / f"{name}.md"
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} berubah; periksa lalu perbarui"


def test_preview_shows_what_the_public_reads(sop: Sop) -> None:
    text = preview_markdown(*CASES["preview-berkala"], sop)
    for expected in ("#### Jadwal Layanan Informasi Publik Tahun 2025", "- **Nomor:** 001/PPID/DISKOMINFO/2025",
                     "- **Jenis:** Informasi Berkala · Hak dan tata cara memperoleh informasi",
                     "- **Tanggal:** 6 Januari 2025", "> Layanan informasi dibuka **Senin–Jumat**.",
                     "> ##### Jam layanan", "- Jadwal layanan \\(PDF\\) (`2025/jadwal-layanan.pdf`, 160 KB)",
                     "- Formulir permohonan (`2025/belum-diunggah.pdf`, ⚠️ berkas tidak ditemukan di commit terakhir)"):
        assert expected in text
    assert "judul:" not in text and "\n---\n" not in text  # no YAML for approvers


def test_serta_merta_preview_carries_the_public_alert(sop: Sop) -> None:
    text = preview_markdown(*CASES["preview-serta-merta"], sop)
    assert "> [!CAUTION]\n> **Informasi Serta Merta.** Informasi ini menyangkut keselamatan masyarakat." in text
    assert "- **Berlaku hingga:** 6 Februari 2025" in text


MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")  # what GitHub would turn into a notification
REFERENCE = re.compile(r"#\d")


def _outside_code(markdown: str) -> str:
    """The rendered prose only: fenced blocks and code spans removed (GitHub never links inside them)."""
    kept, fence = [], None
    for line in markdown.split("\n"):
        bare = line[2:] if line.startswith("> ") else line
        match = re.match(r"^ {0,3}(`{3,}|~{3,})", bare)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and bare.strip().startswith(fence):
            fence = None
        elif fence is None:
            kept.append(re.sub(r"(`+).+?\1", "", line))
    return "\n".join(kept)


def test_hostile_content_is_neutralised(sop: Sop) -> None:
    text = preview_markdown(*CASES["preview-hostile"], sop)
    prose = _outside_code(text)
    assert not MENTION.search(prose), "a mention would notify someone"
    assert not REFERENCE.search(prose), "a #reference would link another issue"
    own = re.sub(r"</?(sub|details|summary|code)>", "", prose)
    assert "<" not in own, "raw HTML (img, details, comments) must show as text"
    assert "![" not in text, "no image is loaded from another host"
    assert MARKER not in text, "content cannot forge the bot's marker"
    assert "\n# " not in text and "\n> # " not in text, "content headings stay below the comment's own"
    assert "&amp;#\u206064;kabid2" in text, "an entity cannot smuggle a mention"
    body = [line for line in text.split("\n") if "pagar kode yang tidak ditutup" in line]
    after = text.split(body[0], 1)[1]
    assert re.search(r"^> ```$", after, re.MULTILINE), "an unclosed fence is closed inside the quote"


@pytest.mark.parametrize(("value", "shown"), [
    ("**Resmi** <b>x</b>", "\\*\\*Resmi\\*\\* &lt;b>x&lt;/b>"),
    ("Halo @kabid1 #12", "Halo @\u2060kabid1 \\#\u206012"),
    ("A & B\nbaris kedua", "A &amp; B baris kedua"),
])
def test_inline_values_are_plain_text(value: str, shown: str) -> None:
    assert inline(value) == shown


def test_relative_links_point_at_the_file_in_the_head_commit() -> None:
    files = "https://github.com/dinas/ppid/blob/" + HEAD + "/"
    assert body_lines("[Unduh](../lampiran/2025/a.pdf) ![Peta](peta.png) [x](#bagian) [y](https://a.example/)",
                      files, "content/pengumuman") == [
        f"[Unduh]({files}content/lampiran/2025/a.pdf) 🖼️ gambar: [Peta]({files}content/pengumuman/peta.png) "
        "[x](#bagian) [y](https://a.example/)"]
    assert body_lines("[keluar](../../../etc/passwd)", files, "content/pengumuman") == ["[keluar](../../../etc/passwd)"]


def test_body_headings_are_demoted_and_code_kept() -> None:
    assert body_lines("# Satu\n###### Enam\n```\n# bukan judul <b>\n```") == [
        "#### Satu", "###### Enam", "```", "# bukan judul <b>", "```"]


def test_long_content_is_cut_with_a_note_within_the_limit(sop: Sop) -> None:
    long_body = "\n".join(f"Baris {n} " + "isi " * 40 for n in range(2_000)) + "\n```\nkode\n"
    snapshot = replace(BASE, announcements=tuple(
        AnnouncementHead(f"content/pengumuman/2024/p{n}.md", "berkala",
                         announcement(body="```\n" + long_body).encode()) for n in range(3)))
    verdict = evaluate(snapshot, sop, build_calendar(sop, 2023, 2025), wib(5, 15, 0))
    chain_only = comment_markdown(verdict, sop, WIB)
    preview = preview_markdown(snapshot, PreviewSources({}), sop, COMMENT_LIMIT - len(chain_only) - 2)
    comment = comment_markdown(verdict, sop, WIB, preview=preview)
    assert len(comment) <= COMMENT_LIMIT
    assert "Pratinjau dipotong karena komentar GitHub dibatasi 65.536 karakter" in comment
    assert "2 pengumuman lain tidak ditampilkan" in comment
    assert comment.endswith("Waktu dihitung dalam jam kerja sesuai sop.yml.</sub>\n"), "the footer survives"
    quoted = comment.split("### Pratinjau pengumuman", 1)[1]
    assert quoted.count("> ```") % 2 == 0, "the cut closes the open code fence before the note"


def test_unreadable_file_says_so(sop: Sop) -> None:
    snapshot = replace(BASE, announcements=(AnnouncementHead(ANNOUNCEMENT, None, None),))
    text = preview_markdown(snapshot, PreviewSources({}), sop)
    assert "tidak dapat dibaca sebagai teks" in text


def test_seen_versions_are_the_approvers_older_commits(sop: Sop) -> None:
    snapshot = replace(BASE, reviews=(
        review(1, "kabid1", "APPROVED", 1330, OLD),      # later approved again on the head: nothing changed
        review(2, "kabid1", "APPROVED", 1430),
        review(3, "sekre1", "DISMISSED", 1400, OLD),     # GitHub dismissed it on push: saw OLD
        review(4, "kadis1", "APPROVED", 1405, "9" * 40),
        review(5, "warga", "APPROVED", 1410, OLD),       # not an approver: no request for them
        review(6, "staf1", "APPROVED", 1410, OLD),       # the author
        review(7, "sekre2", "COMMENTED", 1420, "8" * 40),
        replace(review(8, "kabid2", "DISMISSED", 1425, "7" * 40), dismissed_state="CHANGES_REQUESTED")))
    assert seen_versions(snapshot) == (SeenVersion("9" * 40, ("kadis1",)), SeenVersion(OLD, ("sekre1",)))
    assert HEAD not in {v.commit for v in seen_versions(snapshot)}


def test_seen_versions_are_bounded(sop: Sop) -> None:
    members = ("kabid1", "kabid2", "sekre1", "sekre2", "kadis1")
    snapshot = replace(BASE, reviews=tuple(review(n, login, "APPROVED", 1300 + n, f"{n}" * 40)
                                           for n, login in enumerate(members, start=1)))
    assert len(seen_versions(snapshot)) == 3


def test_attachment_paths_come_from_the_changed_announcements(sop: Sop) -> None:
    snapshot, _ = CASES["preview-berkala"]
    assert attachment_paths(snapshot, sop) == ("content/lampiran/2025/jadwal-layanan.pdf",
                                               "content/lampiran/2025/belum-diunggah.pdf")
