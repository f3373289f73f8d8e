"""The safe YAML loader: refusals, line tracking, and a property test that nothing ever raises."""

from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.catalog import check_sources
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.core.yamlsafe import load_mapping
from tests.contentkit import VALID_FRONT_MATTER

PATH = "content/pengumuman/2025/acak.md"


def test_lines_point_at_keys_and_items() -> None:
    loaded = load_mapping("a: 1\nb:\n  - x\n  - y\nc: {d: 2}\n")
    assert loaded.issues == ()
    assert dict(loaded.lines) == {(): 1, ("a",): 1, ("b",): 2, ("b", 0): 3, ("b", 1): 4, ("c",): 5, ("c", "d"): 5}


def test_dates_stay_text() -> None:
    assert load_mapping("tanggal: 2025-02-30\n").data == {"tanggal": "2025-02-30"}


def test_billion_laughs_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    loaded = load_mapping(bomb)
    assert loaded.data is None
    assert loaded.issues[0].message == (
        "tanda '&a' (rujukan ke nilai lain) tidak diizinkan; tulis nilainya langsung, atau apit dengan tanda kutip "
        "lurus \"…\" bila '&' memang bagian dari teks")


@pytest.mark.parametrize(("text", "tag"), [
    ("a: !!python/object/apply:os.system ['echo hacked']", "!!python/object/apply:os.system"),
    ("a: !!python/name:os.system", "!!python/name:os.system"),
    ("a: !custom x", "!custom"),
    ("!!map {a: 1}", "!!map"),
])
def test_tags_are_refused(text: str, tag: str) -> None:
    loaded = load_mapping(text)
    assert loaded.data is None
    assert loaded.issues[0].message == (f"tanda '{tag}' tidak diizinkan; hapus tanda itu dan tulis nilai biasa (apit "
                                        "dengan tanda kutip lurus \"…\" bila '!' memang bagian dari teks)")


# Random text and mutations of valid front matter: the checker must answer with problems, never raise.
_yaml_chars = st.sampled_from([*string.printable, "é", "—", "\u2028", "\ufeff", "&", "*", "!", "%", "@", "`"])
_mutations = st.lists(st.tuples(st.integers(0, len(VALID_FRONT_MATTER)), st.text(_yaml_chars, max_size=8)),
                      max_size=6)


def _mutate(base: str, edits: list[tuple[int, str]]) -> str:
    text = base
    for position, insert in edits:
        cut = position % (len(text) + 1)
        text = text[:cut] + insert + text[cut + len(insert) // 2:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=_mutations)
def test_mutated_front_matter_never_raises(sop: Sop, edits: list[tuple[int, str]]) -> None:
    text = f"---\n{_mutate(VALID_FRONT_MATTER, edits)}---\nIsi.\n"
    result = check_sources([SourceFile(PATH, text.encode("utf-8", "surrogatepass"))], sop, frozenset({PATH}))
    for problem in result.problems:
        assert problem.path == PATH and problem.line >= 1 and problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_raise(sop: Sop, raw: bytes) -> None:
    result = check_sources([SourceFile(PATH, b"---\n" + raw + b"\n---\n")], sop, frozenset({PATH}))
    assert all(p.line >= 1 for p in result.problems)


@settings(max_examples=200, deadline=None)
@given(value=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3),
                          max_leaves=20))
def test_any_yaml_document_loads_or_is_refused(value: object) -> None:
    loaded = load_mapping(yaml.safe_dump({"x": value}))
    assert (loaded.data is None) == bool(loaded.issues)


def _nested(depth: int, flow: bool) -> str:
    value: object = "x"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return yaml.safe_dump({"a": value}, default_flow_style=flow)


@pytest.mark.parametrize("flow", [True, False])
@pytest.mark.parametrize("depth", range(1, 14))
def test_depth_limit_is_the_same_with_and_without_the_token_scan(depth: int, flow: bool) -> None:
    from pipeline.core.yamlsafe import MAX_DEPTH, _needs_scan, _scan

    text = _nested(depth, flow)
    too_deep = depth + 1 > MAX_DEPTH  # the top mapping is level 1
    loaded = load_mapping(text)
    assert (loaded.data is None) == too_deep
    if flow:  # the pre-scan, when it runs, draws the line at the same depth (it cannot see indentless
        assert bool(_scan(text)) == too_deep  # block sequences, which the node check in _walk counts)
    assert not _needs_scan(text)  # shallow enough for the composer: checked on the nodes


@pytest.mark.parametrize("text", ["- " * 100 + "x", "a: " + "[" * 100 + "]" * 100, "a:\n" + " " * 200 + "b: 1",
                                  "a: &x 1", "a: *x", "a: !!str x"])
def test_deep_or_marked_text_always_gets_the_token_scan(text: str) -> None:
    from pipeline.core.yamlsafe import _needs_scan

    assert _needs_scan(text)


def test_pathological_nesting_is_refused_without_crashing() -> None:
    for text in ("- " * 500_000 + "x", "[" * 1_000_000, "a: " + "{b: " * 100_000):
        loaded = load_mapping(text)
        assert loaded.data is None and loaded.issues
