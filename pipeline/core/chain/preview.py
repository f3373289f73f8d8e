"""The announcement preview in the PR comment: what approvers approve, as the public will read it.

Approvers (Kabid, Sekretaris, Kepala Dinas) should never need to read YAML or a raw diff. For each changed
announcement the comment shows judul, nomor, jenis, tanggal in Indonesian, ringkasan, the serta-merta alert,
the body (GitHub renders the Markdown) and the attachments with their size; and, for every approver who saw
an earlier commit, what changed since.

Everything here is written by staff and read by the bot's token, so it is neutralised before GitHub renders
it: @mentions and #references cannot notify anyone, images from other hosts are never loaded, raw HTML shows
as text, headings cannot pass for the bot's own, and the body sits inside a quote it cannot leave. The whole
preview fits the room left in GitHub's comment limit, cut with a note when it does not.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pipeline.core import dates_id
from pipeline.core.announcement import JENIS_LABEL, KATEGORI_LABEL, SERTA_MERTA_ALERT
from pipeline.core.chain.snapshot import PrSnapshot, Review
from pipeline.core.chain.verdict import CHAIN_ROLES
from pipeline.core.chain.words import short_sha
from pipeline.core.paths import join
from pipeline.core.sop import Sop
from pipeline.core.units import size_text
from pipeline.core.validate import read_leniently

COMMENT_LIMIT = 65_536  # GitHub refuses issue and PR comments longer than this many characters
MAX_SEEN_VERSIONS = 3  # one compare request each: bounded whatever the number of reviews
PATCH_LIMIT = 6_000  # characters of one file's diff shown in the "changed since" section

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_JOINER = "\u2060"  # WORD JOINER: invisible, and GitHub no longer reads "@name" or "#12" as a reference
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9])")  # GitHub's own rule: not after a letter (e-mail)
_REFERENCE = re.compile(r"#(?=\d)")
_RELATIVE_LINK = re.compile(r"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^)\s]+)\)")
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
STATUS_WORD = {"added": "ditambahkan", "removed": "dihapus", "modified": "diubah", "renamed": "dipindahkan",
               "copied": "disalin", "changed": "diubah"}


@dataclass(frozen=True)
class FilePatch:
    """One file in a comparison of two commits; `patch` is None when GitHub gives none (binary, too large)."""

    path: str
    status: str
    patch: str | None = None


@dataclass(frozen=True)
class SeenVersion:
    """The commit some approvers last saw, and the files changed from it to the PR's head (None: unknown)."""

    commit: str
    logins: tuple[str, ...]
    files: tuple[FilePatch, ...] | None = None


@dataclass(frozen=True)
class PreviewSources:
    """What the preview needs beyond the snapshot: attachment sizes (repository path -> bytes; a path not
    there was not found at the head commit) and what changed since each seen version."""

    attachment_sizes: Mapping[str, int]
    seen: tuple[SeenVersion, ...] = ()


def seen_versions(snapshot: PrSnapshot) -> tuple[SeenVersion, ...]:
    """Older commits that members of the chain's teams approved (latest approval per person), newest first.

    GitHub turns an approval into DISMISSED when a push makes it stale (or someone dismisses it): that person
    still approved that commit, unless the dismissed review was a request for changes."""
    members = frozenset().union(*(snapshot.members(role) for role in CHAIN_ROLES))
    latest: dict[str, Review] = {}
    for review in sorted(snapshot.reviews, key=_order):
        key = review.login.lower()
        approved = review.state == "APPROVED" or (review.state == "DISMISSED"
                                                  and review.dismissed_state in (None, "APPROVED"))
        if approved and key in members and key != snapshot.author.lower():
            latest[key] = review
    by_commit: dict[str, list[str]] = {}
    for review in sorted(latest.values(), key=_order, reverse=True):
        commit, login = review.commit_id, review.login
        if commit and commit != snapshot.head_sha:
            by_commit.setdefault(commit, []).append(login)
    return tuple(SeenVersion(commit, tuple(sorted(logins, key=str.lower)))
                 for commit, logins in list(by_commit.items())[:MAX_SEEN_VERSIONS])


def _order(review: Review) -> tuple[datetime, int]:
    return review.submitted_at or _EPOCH, review.id


def attachment_paths(snapshot: PrSnapshot, sop: Sop) -> tuple[str, ...]:
    """The repository paths of the attachments the changed announcements list, in order, once each."""
    paths: dict[str, None] = {}
    for head in snapshot.announcements:
        for berkas, _ in _fields(head.path, head.data).lampiran:
            paths[join(sop.content.attachments, berkas)] = None
    return tuple(paths)


# -- neutralising ----------------------------------------------------------------------------------------------
def _refs(text: str) -> str:
    return _REFERENCE.sub("#" + _JOINER, _MENTION.sub("@" + _JOINER, text))


def inline(text: str) -> str:
    """A staff-written value as plain inline text: no Markdown, no HTML, no mention, one line."""
    flat = " ".join(text.split())
    return _refs(_INLINE_SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;").replace("<", "&lt;")))


def _prose(line: str, files: str, folder: str) -> str:
    """One body line outside code: HTML shown as text, images as links, references neutralised.

    Code spans are kept as written (GitHub shows them literally and never links inside them)."""
    out, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_prose_text(line[last:match.start()], files, folder))
        out.append(match.group(0))
        last = match.end()
    out.append(_prose_text(line[last:], files, folder))
    return "".join(out)


def _prose_text(text: str, files: str, folder: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("![", "🖼️ gambar: [")  # an image becomes a link: nothing is fetched from its host
    if files:
        text = _RELATIVE_LINK.sub(lambda m: _in_repo(m, files, folder), text)
    return _refs(text)


def _in_repo(match: re.Match[str], files: str, folder: str) -> str:
    """A link relative to the announcement, pointed at that file in the PR's head commit (it would otherwise
    resolve against the PR page)."""
    target = posixpath.normpath(posixpath.join(folder, match.group(1)))
    return match.group(0) if target.startswith("..") else f"]({files}{target})"


def body_lines(body: str, files: str = "", folder: str = "") -> list[str]:
    """The body as Markdown safe to render in the comment, line by line (not yet quoted); relative links point
    at `files` (the repository's files at the head commit, ending in "/") from `folder`."""
    lines: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            lines.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            lines.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            level = min(6, len(heading.group(1)) + 3)  # below the comment's own headings
            line = "#" * level + line[heading.end():]
        lines.append(_prose(line, files, folder))
    if fence is not None:
        lines.append(fence)  # an unclosed fence would swallow the rest of the comment
    return lines


def _quote(lines: Sequence[str]) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in lines]


def _code_block(text: str, language: str = "") -> list[str]:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + language, *text.split("\n"), fence]


# -- reading an announcement leniently -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Fields:
    """Whatever the front matter holds, read as text: approvers see even a file `ppid check` refuses."""

    readable: bool
    values: Mapping[str, str]
    lampiran: tuple[tuple[str, str], ...]
    body: str


def _fields(path: str, data: bytes | None) -> _Fields:
    doc = read_leniently(path, data)
    if doc is None:
        return _Fields(False, {}, (), "")
    values = {k: str(v).strip() for k, v in doc.front_matter.items() if isinstance(v, (str, int, float, date))}
    lampiran = []
    items = doc.front_matter.get("lampiran")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("berkas"), str):
            lampiran.append((item["berkas"].strip(), str(item.get("judul") or item["berkas"]).strip()))
    return _Fields(True, values, tuple(lampiran), doc.body)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dates_id.tanggal(date.fromisoformat(value))
    except ValueError:
        return inline(value)


# -- the sections ----------------------------------------------------------------------------------------------
def _head(path: str, fields: _Fields) -> list[str]:
    values = fields.values
    judul = values.get("judul") or "(tanpa judul)"
    out = [f"#### {inline(judul)}", f"<sub>Berkas `{_code_span_text(path)}`</sub>", ""]
    if not fields.readable:
        return [*out, "⚠️ Berkas ini tidak dapat dibaca sebagai teks (terlalu besar atau bukan UTF-8); periksa di "
                      "tab *Files changed* dan jalankan `ppid check`.", ""]
    jenis = values.get("jenis", "")
    kategori = KATEGORI_LABEL.get(values.get("kategori", ""))
    rows = [("Nomor", inline(values.get("nomor") or "—")),
            ("Jenis", inline(JENIS_LABEL.get(jenis, jenis or "—")) + (f" · {inline(kategori)}" if kategori else "")),
            ("Tanggal", _date(values.get("tanggal")) or "—")]
    until = _date(values.get("berlaku_hingga"))
    if until:
        rows.append(("Berlaku hingga", until))
    out += [f"- **{label}:** {value}" for label, value in rows]
    out += ["", f"**Ringkasan:** {inline(values.get('ringkasan') or '—')}", ""]
    if jenis == "serta-merta":
        out += [f"> [!CAUTION]\n> **Informasi Serta Merta.** {SERTA_MERTA_ALERT}", ""]
    return out


def _code_span_text(text: str) -> str:
    return text.replace("`", "'")


def _attachments(fields: _Fields, sop: Sop, sizes: Mapping[str, int]) -> list[str]:
    if not fields.lampiran:
        return []
    out = ["**Lampiran:**"]
    for berkas, judul in fields.lampiran:
        size = sizes.get(join(sop.content.attachments, berkas))
        detail = size_text(size) if size is not None else "⚠️ berkas tidak ditemukan di commit terakhir"
        out.append(f"- {inline(judul)} (`{_code_span_text(berkas)}`, {detail})")
    return [*out, ""]


def _seen_section(seen: Sequence[SeenVersion], head_sha: str, budget: int) -> list[str]:
    if not seen:
        return []
    out = ["#### Berubah sejak versi yang disetujui",
           f"Isi PR berubah sesudah persetujuan di bawah; yang dibandingkan adalah commit itu dengan commit "
           f"terakhir `{short_sha(head_sha)}`.", ""]
    for version in seen:
        who = ", ".join(f"@{login}" for login in version.logins)
        if version.files is None:
            out += [f"- Sejak versi yang disetujui {who} (commit `{short_sha(version.commit)}`): perubahan tidak "
                    "dapat dibandingkan (commit itu tidak ada lagi, misalnya sesudah *force push*); periksa tab "
                    "*Files changed*.", ""]
            continue
        count = len(version.files)
        out += [f"<details><summary>Sejak versi yang disetujui {who} (commit <code>{short_sha(version.commit)}"
                f"</code>): {count} berkas berubah</summary>", ""]
        for changed in version.files:
            out.append(f"- `{_code_span_text(changed.path)}` ({STATUS_WORD.get(changed.status, changed.status)})")
        out.append("")
        for changed in version.files:
            if not changed.patch:
                continue
            patch = changed.patch
            if len(patch) > PATCH_LIMIT:
                patch = patch[:PATCH_LIMIT].rsplit("\n", 1)[0] + "\n… (perubahan dipotong; lihat tab Files changed)"
            block = [f"`{_code_span_text(changed.path)}`", "", *_code_block(patch, "diff"), ""]
            if sum(len(line) + 1 for line in out + block) > budget:
                out += ["_Sebagian perubahan tidak ditampilkan karena batas panjang komentar; lihat tab Files "
                        "changed._", ""]
                break
            out += block
        out += ["</details>", ""]
    return out


def preview_markdown(snapshot: PrSnapshot, sources: PreviewSources, sop: Sop, budget: int = COMMENT_LIMIT) -> str:
    """The preview section of the PR comment, at most `budget` characters ("" when nothing to show)."""
    if not snapshot.announcements and not sources.seen:
        return ""
    out: list[str] = []
    seen = _seen_section(sources.seen, snapshot.head_sha, budget // 3)
    out += seen
    if snapshot.announcements:
        out += ["### Pratinjau pengumuman", "Beginilah pengumuman akan dibaca masyarakat di situs PPID "
                "(isi yang diperiksa: commit terakhir PR).", ""]
    cut_note = ("> _… Pratinjau dipotong karena komentar GitHub dibatasi 65.536 karakter; baca isi lengkapnya di "
                "tab *Files changed*._")
    used = sum(len(line) + 1 for line in out)
    web = snapshot.html_url.rsplit("/pull/", 1)[0] if "/pull/" in snapshot.html_url else ""
    files = f"{web}/blob/{snapshot.head_sha}/" if web else ""
    for index, head in enumerate(snapshot.announcements):
        fields = _fields(head.path, head.data)
        top = _head(head.path, fields)
        bottom = _attachments(fields, sop, sources.attachment_sizes)
        reserve = len(cut_note) + 200  # room for the closing note of this or a later item
        if used + sum(len(line) + 1 for line in top + bottom) + reserve > budget:
            rest = len(snapshot.announcements) - index
            out.append(f"_{rest} pengumuman lain tidak ditampilkan karena batas panjang komentar GitHub; lihat tab "
                       "*Files changed*._")
            break
        out += top
        used += sum(len(line) + 1 for line in top + bottom)
        lines = body_lines(fields.body.strip("\n"), files, posixpath.dirname(head.path))
        body = _quote(lines) if fields.readable and fields.body.strip() else []
        shown: list[str] = []
        for line in body:
            if used + len(line) + 1 + reserve > budget:
                shown = [*_close_fences(shown), ">", cut_note]
                break
            shown.append(line)
            used += len(line) + 1
        out += [*shown, ""] if shown else []
        out += bottom
    text = "\n".join(out).rstrip("\n") + "\n"
    return text if len(text) <= budget else text[:budget]  # pragma: no cover - the loop keeps within budget


def _close_fences(quoted: list[str]) -> list[str]:
    """Quoted body lines cut short: close a code fence left open, or the note would render as code."""
    fence: str | None = None
    for line in quoted:
        match = _FENCE.match(line[2:] if line.startswith("> ") else "")
        if match:
            if fence is None:
                fence = match.group(1)
            elif match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
    return [*quoted, f"> {fence}"] if fence else quoted
