"""Proof records (bukti pengumuman): one frozen record per published merge, chained by SHA-256.

Canonical form. A record's `sha256` is the SHA-256 of its compact canonical JSON without the `sha256` key:
keys sorted, separators "," and ":", no other whitespace, UTF-8 with non-ASCII characters as themselves
(`ensure_ascii=False`); values are only strings, integers, booleans, null, lists and objects, and times are
UTC instants written `YYYY-MM-DDTHH:MM:SSZ`. Anyone can recompute it, e.g.
`jq -jcS 'del(.sha256)' RECORD.json | sha256sum`. The file on disk is the same JSON indented by two spaces
plus a final newline, so a record is readable yet has exactly one valid byte form.

Chain. Record n carries `prev_sha256` = `sha256` of record n-1 (GENESIS for the first); the head of the
chain is the `sha256` of the last record. Records are append-only: never edited, never deleted.

Optional keys. `send_backs` (the CHANGES_REQUESTED reviews before the merge) came after the first records:
a record without the key did not record them (unknown, not zero), and `to_dict` leaves the key out when it is
None so that those records keep their exact bytes and hashes. `generation` is present only on the first record
of a new archive generation, whose `prev_sha256` is the head of the chain it replaced.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import Any, ClassVar

from pydantic import AwareDatetime, ConfigDict, TypeAdapter, ValidationError

from pipeline.core.paths import join, relative_to
from pipeline.core.problems import Problem

SCHEMA = 1
GENESIS = "0" * 64
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_GIT_SHA = re.compile(r"^[0-9a-f]{40}$")
_NAME = re.compile(r"^(?P<year>\d{4})/(?P<seq>\d{5,})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<sha>[0-9a-f]{7})\.json$")
_STRICT = ConfigDict(extra="forbid", strict=True)


@dataclass(frozen=True)
class FileHash:
    """A content file as merged: its path and SHA-256 (None when the merge removed it)."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    path: str
    sha256: str | None


@dataclass(frozen=True)
class AnnouncementRef:
    """The announcement a record publishes, as its front matter said at the merge."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    slug: str
    path: str
    nomor: str
    judul: str
    jenis: str
    tanggal: str  # YYYY-MM-DD, as written by staff


@dataclass(frozen=True)
class ApprovalRef:
    """One approval that filled a role in the chain."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    role: str
    login: str
    review_id: int
    submitted_at: AwareDatetime
    url: str
    commit: str
    name: str | None = None  # the GitHub profile name, when the person set one


@dataclass(frozen=True)
class DisposisiRef:
    """The disposisi issue (SOP step 1) the PR named."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    number: int
    url: str
    created_at: AwareDatetime
    assigned_at: AwareDatetime | None = None
    assigned_by: str | None = None


@dataclass(frozen=True)
class SendBackRef:
    """A review that sent the draft back (CHANGES_REQUESTED) before the merge: SOP steps 3-5, answer TIDAK."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    role: str
    login: str
    review_id: int
    submitted_at: AwareDatetime
    url: str
    commit: str


@dataclass(frozen=True)
class TimingRow:
    """One SOP step against its time standard, in working minutes (None when not measured)."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    step: int
    key: str
    role: str
    standard: str  # "15m", "1h", "1d" as in sop.yml
    started_at: AwareDatetime | None
    finished_at: AwareDatetime | None
    deadline: AwareDatetime | None
    elapsed_minutes: int | None
    status: str  # ok | late | running | overdue | not_started (pipeline.core.workcal.StepStatus)


@dataclass(frozen=True)
class PullRequestRef:
    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    number: int
    title: str
    url: str
    author: str


@dataclass(frozen=True)
class Commits:
    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    base: str
    head: str
    merge: str


@dataclass(frozen=True)
class GenerationRef:
    """The record that starts an archive generation: which chain it replaces and why. The replaced records stay
    in git history; only an archive of demo records may be replaced (`ppid mulai-arsip`)."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    number: int  # 1 for the sample archive, 2 for the first real one, ...
    previous_head: str  # head of the replaced chain (GENESIS when there was none)
    previous_count: int  # how many records it held
    reason: str


@dataclass(frozen=True)
class ProofRecord:
    """The proof that one merge published announcements after the full approval chain."""

    __pydantic_config__: ClassVar[ConfigDict] = _STRICT
    schema: int
    seq: int
    repository: str
    demo: bool
    pull_request: PullRequestRef | None  # None only for the record that starts a generation
    commits: Commits
    merged_at: AwareDatetime
    merged_by: str
    files: tuple[FileHash, ...]
    announcements: tuple[AnnouncementRef, ...]
    approvals: tuple[ApprovalRef, ...]
    disposisi: DisposisiRef | None
    timing: tuple[TimingRow, ...]
    archived_at: AwareDatetime
    pipeline_version: str
    prev_sha256: str
    sha256: str = ""
    send_backs: tuple[SendBackRef, ...] | None = None  # None: not recorded (records made before the key existed)
    generation: GenerationRef | None = None  # set only on the first record of a new generation

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.slug for a in self.announcements))

    def file_hash(self, path: str) -> FileHash | None:
        return next((f for f in self.files if f.path == path), None)


_ADAPTER: TypeAdapter[ProofRecord] = TypeAdapter(ProofRecord)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("proof records hold aware instants only")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def to_dict(record: ProofRecord) -> dict[str, Any]:
    """The record as plain JSON values (times as UTC `...Z` strings); optional keys that are None are left out."""
    data: dict[str, Any] = _plain(asdict(record))
    for optional in ("send_backs", "generation"):
        if data[optional] is None:
            del data[optional]
    return data


def canonical_json(value: Any) -> bytes:
    """Compact canonical JSON: sorted keys, no whitespace, UTF-8, non-ASCII kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def record_hash(record: ProofRecord) -> str:
    """SHA-256 of the record's compact canonical JSON without its own `sha256` key."""
    data = to_dict(record)
    del data["sha256"]
    return hashlib.sha256(canonical_json(data)).hexdigest()


def seal(record: ProofRecord) -> ProofRecord:
    """The record with its `sha256` filled in (times count to the whole second, as they are written)."""
    return replace(record, sha256=record_hash(record))


def render(record: ProofRecord) -> bytes:
    """The one valid byte form of a record file."""
    text = json.dumps(to_dict(record), sort_keys=True, indent=2, separators=(",", ": "), ensure_ascii=False,
                      allow_nan=False)
    return (text + "\n").encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_name(record: ProofRecord, tz: tzinfo) -> str:
    """The file name under the archive folder: `<year>/<seq:05d>-<slug>-<merge sha7>.json` (year in local time)."""
    slug = record.slugs[0] if record.slugs else "pemeliharaan"
    year = record.merged_at.astimezone(tz).year
    return f"{year}/{record.seq:05d}-{slug}-{record.commits.merge[:7]}.json"


def parse_record(path: str, data: bytes) -> tuple[ProofRecord | None, list[Problem]]:
    """Read one record file; problems name the file, line and field."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(path, _line_at(data, exc.start), "(berkas)", "bukan teks UTF-8; catatan bukti rusak "
                              "atau diubah", "arsip-rusak")]
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(path, exc.lineno, "(berkas)", f"bukan JSON yang valid ({exc.msg}); catatan bukti rusak "
                              "atau diubah", "arsip-rusak")]
    try:
        record = _ADAPTER.validate_json(data, strict=True)
    except ValidationError as exc:
        return None, [Problem(path, _line_of_key(text, err["loc"]), ".".join(str(p) for p in err["loc"]) or "(berkas)",
                              f"{err['msg']}; catatan bukti tidak sesuai skema", "arsip-skema")
                      for err in exc.errors()]
    problems = []
    if record.schema != SCHEMA:
        problems.append(Problem(path, _line_of_key(text, ("schema",)), "schema",
                                f"versi skema {record.schema} tidak dikenal (yang dikenal: {SCHEMA})", "arsip-skema"))
    for where, value, pattern in (("sha256", record.sha256, _SHA256), ("prev_sha256", record.prev_sha256, _SHA256),
                                  ("commits.merge", record.commits.merge, _GIT_SHA)):
        if not pattern.match(value):
            problems.append(Problem(path, _line_of_key(text, tuple(where.split("."))), where,
                                    f"'{value}' bukan hash yang valid", "arsip-skema"))
    return record, problems


def _line_at(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _line_of_key(text: str, loc: tuple[Any, ...]) -> int:
    """The line of the last named key in `loc` (records are rendered one key per line)."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return 1
    needle = f'"{names[-1]}":'
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(needle):
            return number
    return 1


@dataclass(frozen=True)
class ChainReport:
    """The records that read cleanly in chain order, the head, and every break found."""

    records: tuple[tuple[str, ProofRecord], ...]
    head: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _name_in(path: str, archive: str) -> str:
    """A record's name inside the archive ("2025/00001-slug-1234567.json"); a path outside it stays whole."""
    rest = relative_to(path, archive)
    return path if rest is None else rest


def _sort_key(item: tuple[str, bytes], archive: str) -> tuple[int, str]:
    match = _NAME.match(_name_in(item[0], archive))
    return (int(match.group("seq")) if match else 1 << 62, item[0])


def verify_chain(files: Sequence[tuple[str, bytes]], archive: str, tz: tzinfo) -> ChainReport:
    """Check every record file under `archive` (repository-relative paths) and the hash chain they form.

    Catches a flipped byte (hash or form), an edited record (its hash or the next record's link), a deleted
    record (a gap in `seq` and a broken link) and a reordered one (name, `seq` and link disagree).
    """
    problems: list[Problem] = []
    good: list[tuple[str, ProofRecord]] = []
    expected_seq, prev = 1, GENESIS
    seen_merges: dict[str, str] = {}
    first = True
    for path, data in sorted(files, key=lambda item: _sort_key(item, archive)):
        name = _name_in(path, archive)
        match = _NAME.match(name)
        if not match:
            problems.append(Problem(path, 1, "(nama berkas)", "nama catatan harus <tahun>/<nomor urut 5 digit>-<slug>-"
                                    "<7 huruf sha merge>.json; berkas lain tidak boleh ada di arsip", "arsip-nama"))
            continue
        record, found = parse_record(path, data)
        problems += found
        if record is None:
            # The link is unknowable; keep counting so that later records are still checked against their names.
            expected_seq, prev = int(match.group("seq")) + 1, "?"
            continue
        line = _line_of_key(data.decode("utf-8"), ("sha256",))
        computed = record_hash(record)
        if render(record) != data:
            problems.append(Problem(path, 1, "(berkas)", "bentuk berkas bukan bentuk kanonik (spasi, urutan kunci atau "
                                    "tanda baca berubah); catatan bukti tidak boleh disunting", "arsip-diubah"))
        if computed != record.sha256:
            problems.append(Problem(path, line, "sha256", f"isi catatan berubah setelah dibuat: hash tercatat "
                                    f"{record.sha256[:12]}…, hash isi sekarang {computed[:12]}…", "arsip-diubah"))
        if int(match.group("seq")) != record.seq:
            problems.append(Problem(path, _line_of_key(data.decode("utf-8"), ("seq",)), "seq",
                                    f"nomor urut di nama berkas ({int(match.group('seq'))}) berbeda dengan isi "
                                    f"({record.seq}); catatan dipindah atau ditukar", "arsip-urutan"))
        if record.seq != expected_seq:
            what = (f"catatan nomor {expected_seq} sampai {record.seq - 1} hilang" if record.seq > expected_seq
                    else f"nomor urut {record.seq} muncul lagi atau tidak berurutan")
            problems.append(Problem(path, _line_of_key(data.decode("utf-8"), ("seq",)), "seq",
                                    f"{what}; diharapkan nomor {expected_seq}", "arsip-urutan"))
        if first and record.seq == 1 and record.generation is not None:
            # A new generation links to the head of the chain it replaced, which is no longer in the folder.
            prev = record.generation.previous_head
        first = False
        if prev != "?" and record.prev_sha256 != prev:
            problems.append(Problem(path, _line_of_key(data.decode("utf-8"), ("prev_sha256",)), "prev_sha256",
                                    f"rantai putus: menunjuk {record.prev_sha256[:12]}…, padahal catatan sebelumnya "
                                    f"ber-hash {prev[:12]}… (catatan sebelumnya diubah, dihapus atau ditukar)",
                                    "arsip-rantai"))
        expected_name = record_name(record, tz)
        if name != expected_name and int(match.group("seq")) == record.seq:
            problems.append(Problem(path, 1, "(nama berkas)", f"nama berkas tidak cocok dengan isinya; seharusnya "
                                    f"{join(archive, expected_name)}", "arsip-nama"))
        if record.commits.merge in seen_merges:
            problems.append(Problem(path, 1, "commits.merge", f"merge {record.commits.merge[:7]} sudah diarsipkan di "
                                    f"{seen_merges[record.commits.merge]}", "arsip-ganda"))
        seen_merges.setdefault(record.commits.merge, path)
        good.append((path, record))
        # Follow the file order for numbering, and the sealed hash for the link: a record whose content changed is
        # reported once, not again at its successor (which still links to what was sealed).
        link = record.sha256 if _SHA256.match(record.sha256) else computed
        expected_seq, prev = int(match.group("seq")) + 1, link
    head = prev if prev != "?" else ""
    if not files:
        head = GENESIS
    return ChainReport(tuple(good), head, tuple(problems))


def next_record(last: ProofRecord | None, draft: ProofRecord) -> ProofRecord:
    """`draft` numbered and linked after `last`, then sealed."""
    seq, prev = (last.seq + 1, last.sha256) if last else (1, GENESIS)
    return seal(replace(draft, seq=seq, prev_sha256=prev, schema=SCHEMA))


def generation_start(report: ChainReport) -> ProofRecord | None:
    """The record that started the current generation, if the archive was started anew."""
    if report.records and report.records[0][1].generation is not None:
        return report.records[0][1]
    return None

