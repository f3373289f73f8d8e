"""Proof records: canonical form, hashing, and the hash chain catching each kind of tampering."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import pytest

from pipeline.core.proof import (
    GENESIS,
    canonical_json,
    next_record,
    parse_record,
    record_hash,
    render,
    seal,
    verify_chain,
)
from tests.publish.conftest import WIB, as_files, chain, draft

Files = list[tuple[str, bytes]]


def test_canonical_json_is_compact_sorted_utf8() -> None:
    assert canonical_json({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'.encode()


def test_record_hash_is_sha256_of_canonical_json_without_own_hash() -> None:
    record = next_record(None, draft(1))
    data = json.loads(render(record))
    del data["sha256"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert record.sha256 == record_hash(record) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_golden_hash_pins_the_canonical_form() -> None:
    """A change to the canonical form would orphan every published record: this value must never change."""
    assert next_record(None, draft(1)).sha256 == GOLDEN


GOLDEN = "caa30a2faa0a4268b5cd08c6361815f57c4180e60fdc5ff8f7a9e4c2f4ec58bc"


def test_render_is_the_one_byte_form_and_round_trips() -> None:
    record = next_record(None, draft(1))
    data = render(record)
    assert data.endswith(b"}\n") and "«".encode() in data  # non-ASCII kept as is
    parsed, problems = parse_record("x.json", data)
    assert problems == [] and parsed == record and render(parsed) == data


def test_times_are_utc_whole_seconds() -> None:
    record = seal(replace(draft(1), merged_at=datetime(2025, 1, 7, 10, 0, 0, 999, tzinfo=WIB)))
    assert json.loads(render(record))["merged_at"] == "2025-01-07T03:00:00Z"


def test_chain_links_each_record_to_the_previous() -> None:
    records = chain(3)
    assert [r.seq for r in records] == [1, 2, 3]
    assert records[0].prev_sha256 == GENESIS
    assert [r.prev_sha256 for r in records[1:]] == [r.sha256 for r in records[:-1]]
    report = verify_chain(as_files(records), "content/arsip", WIB)
    assert report.ok and report.head == records[-1].sha256 and len(report.records) == 3


def test_empty_archive_has_the_genesis_head() -> None:
    assert verify_chain([], "content/arsip", WIB).head == GENESIS


def _flip(files: Files, index: int, old: bytes, new: bytes) -> Files:
    path, data = files[index]
    assert old in data
    return [*files[:index], (path, data.replace(old, new, 1)), *files[index + 1:]]


def _edit_and_reseal(files: Files, index: int) -> Files:
    record, _ = parse_record(*files[index])
    assert record is not None
    forged = seal(replace(record, merged_by="penyusup"))
    return [*files[:index], (files[index][0], render(forged)), *files[index + 1:]]


def _swap_names(files: Files, i: int, j: int) -> Files:
    out = list(files)
    out[i], out[j] = (files[i][0], files[j][1]), (files[j][0], files[i][1])
    return out


TAMPERING: list[tuple[str, Callable[[Files], Files], set[tuple[int, str]]]] = [
    ("flipped byte in a value", lambda f: _flip(f, 1, b'"merged_by": "pelaksana1"', b'"merged_by": "pelaksana2"'),
     {(1, "arsip-diubah")}),
    ("flipped byte in the last record", lambda f: _flip(f, 3, b'"review_id": 4001', b'"review_id": 4009'),
     {(3, "arsip-diubah")}),
    ("flipped byte breaking JSON", lambda f: _flip(f, 2, b'"demo": false', b'"demo": fals3'),
     {(2, "arsip-rusak")}),
    ("whitespace changed", lambda f: _flip(f, 0, b'"demo": false', b'"demo":  false'), {(0, "arsip-diubah")}),
    ("edited and resealed", lambda f: _edit_and_reseal(f, 1), {(2, "arsip-rantai")}),
    ("middle record deleted", lambda f: f[:1] + f[2:], {(1, "arsip-urutan"), (1, "arsip-rantai")}),
    ("first record deleted", lambda f: f[1:], {(0, "arsip-urutan"), (0, "arsip-rantai")}),
    ("two records swapped", lambda f: _swap_names(f, 1, 2),
     {(1, "arsip-urutan"), (1, "arsip-rantai"), (2, "arsip-urutan"), (2, "arsip-rantai"), (3, "arsip-rantai")}),
    ("foreign file", lambda f: [*f, ("content/arsip/catatan.txt", b"x")], {(4, "arsip-nama")}),
    ("renamed file", lambda f: [(f[0][0].replace("jadwal-layanan", "lain"), f[0][1]), *f[1:]], {(0, "arsip-nama")}),
]


@pytest.mark.parametrize("tamper, expected", [(t, e) for _, t, e in TAMPERING], ids=[n for n, _, _ in TAMPERING])
def test_verify_chain_names_the_record_that_breaks(tamper: Callable[[Files], Files],
                                                   expected: set[tuple[int, str]]) -> None:
    files = tamper(as_files(chain(4)))
    report = verify_chain(files, "content/arsip", WIB)
    assert not report.ok
    paths = [p for p, _ in files]
    assert {(paths.index(p.path), p.rule) for p in report.problems} == expected
    for problem in report.problems:
        assert problem.as_text().startswith(problem.path + ":")


def test_edited_last_record_changes_the_head() -> None:
    """Resealing the last record passes the chain itself, but the head differs from the published one."""
    files = as_files(chain(3))
    report = verify_chain(_edit_and_reseal(files, 2), "content/arsip", WIB)
    assert report.ok and report.head != verify_chain(files, "content/arsip", WIB).head


def test_duplicate_merge_is_reported() -> None:
    first = next_record(None, draft(1))
    again = next_record(first, draft(1))
    report = verify_chain(as_files([first, again]), "content/arsip", WIB)
    assert [p.rule for p in report.problems] == ["arsip-ganda"]


@pytest.mark.parametrize("data, line, field", [
    (b'{\n  "schema": 1,\n  oops\n}\n', 3, "(berkas)"),
    (b"\xff\xfe", 1, "(berkas)"),
])
def test_unreadable_record_names_the_line(data: bytes, line: int, field: str) -> None:
    record, problems = parse_record("content/arsip/2025/00001-a-1234567.json", data)
    assert record is None and [(p.line, p.field) for p in problems] == [(line, field)]


def test_schema_problem_names_the_field() -> None:
    text = render(next_record(None, draft(1))).decode().replace('"review_id": 1001', '"review_id": "1001"')
    record, problems = parse_record("r.json", text.encode())
    assert record is None
    assert [p.field for p in problems] == ["approvals.0.review_id"]
    assert problems[0].line == text.splitlines().index('      "review_id": "1001",') + 1


def test_naive_times_are_refused() -> None:
    text = render(next_record(None, draft(1))).decode().replace('"merged_at": "2025-01-07T03:00:00Z"',
                                                                '"merged_at": "2025-01-07T03:00:00"')
    record, problems = parse_record("r.json", text.encode())
    assert record is None and problems[0].field == "merged_at"
