"""Safe YAML for staff-written front matter and config.

Refuses what could execute or explode (tags, anchors and aliases, deep nesting) and what is ambiguous
(duplicate keys, non-text keys), and remembers the line of every value so errors can point at it.
Dates stay text (the timestamp resolver is removed) so impossible dates are reported, not raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml when available: same results, several times faster
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML always ships the C loader on our platforms
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 8
_STR = "tag:yaml.org,2002:str"
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map")
)

Path = tuple[str | int, ...]


class _Loader(_BaseLoader):
    """Safe loader without the YAML 1.1 timestamp resolver (dates are validated by the schema)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while loading: line is 1-based within the YAML text."""

    line: int
    field: str
    message: str


@dataclass(frozen=True)
class LoadedYaml:
    """A loaded mapping, the line of each value path, and any problems (data is None when unusable)."""

    data: dict[str, Any] | None
    lines: Mapping[Path, int] = field(default_factory=dict)
    issues: tuple[YamlIssue, ...] = ()


def _field_name(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(front matter)"


_TOO_DEEP = (f"struktur bertingkat terlalu dalam (lebih dari {MAX_DEPTH} tingkat); sederhanakan menjadi "
             "pasangan kunci: nilai dan daftar biasa")
_STARTS = frozenset({yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                     yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken})
_ENDS = frozenset({yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken})


# Below this many levels libyaml's recursive composer is safe; above it, it can overflow the C stack.
_SAFE_DEPTH = 64


def _needs_scan(text: str) -> bool:
    """Whether the token pre-scan must run: the text may hold anchors, aliases or tags, or may nest deeper
    than the composer can safely take. Otherwise nesting is checked on the composed nodes in `_walk`.

    Depth bound: block collections nest only at growing columns (a sequence may sit at its key's column,
    but its items start two columns further), so block depth <= 2 * (deepest content column + 1); each
    flow level needs a bracket somewhere in the text.
    """
    if "&" in text or "*" in text or "!" in text:
        return True
    column = 0
    for line in text.split("\n"):
        column = max(column, len(line) - len(line.lstrip(" \t-?")))
    return 2 * (column + 1) + text.count("[") + text.count("{") + 1 > _SAFE_DEPTH


def _scan(text: str) -> list[YamlIssue]:
    """Token-level pass: anchors, aliases, tags and nesting depth, before anything is built."""
    issues: list[YamlIssue] = []
    depth = 0
    # Hot loop (runs for every token of every file): exact-type checks, no generator. The scanner only
    # makes instances of these token classes, never subclasses, so this equals the isinstance checks.
    loader = _Loader(text)
    try:
        while loader.check_token():
            token: Any = loader.get_token()
            kind = type(token)
            if kind in _STARTS:
                depth += 1
                if depth > MAX_DEPTH:
                    issues.append(YamlIssue(token.start_mark.line + 1, "(front matter)", _TOO_DEEP))
                    return issues
            elif kind in _ENDS:
                depth -= 1
            elif kind is yaml.AnchorToken or kind is yaml.AliasToken:
                label = "anchor (&)" if kind is yaml.AnchorToken else "alias (*)"
                issues.append(YamlIssue(token.start_mark.line + 1, "(front matter)",
                                        f"YAML {label} '{token.value}' tidak diizinkan; tulis nilainya langsung"))
            elif kind is yaml.TagToken:
                handle, suffix = token.value
                issues.append(YamlIssue(token.start_mark.line + 1, "(front matter)",
                                        f"tag YAML '{handle or ''}{suffix}' tidak diizinkan; hapus tag itu dan "
                                        "tulis nilai biasa (beri tanda kutip bila perlu)"))
    finally:
        loader.dispose()
    return issues


def _syntax_issue(exc: yaml.YAMLError) -> YamlIssue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    return YamlIssue(line, "(front matter)",
                     f"YAML tidak dapat dibaca ({problem}); periksa titik dua, tanda kutip dan indentasi "
                     "di baris ini")


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int], issues: list[YamlIssue],
          seen: set[int], loader: _Loader) -> Any:
    """Check every node and build its value in the same pass (only standard tags get this far).

    Scalars are built by the loader's own SafeConstructor functions, so values are exactly what
    `construct_document` would give; mappings and sequences become plain dicts and lists.
    """
    if id(node) in seen:  # the composer shares a node only for aliases
        issues.append(YamlIssue(node.start_mark.line + 1, _field_name(path),
                                "alias YAML tidak diizinkan; tulis nilainya langsung"))
        return None
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        issues.append(YamlIssue(node.start_mark.line + 1, "(front matter)", _TOO_DEEP))
        return None
    if node.tag not in _STANDARD_TAGS:
        issues.append(YamlIssue(node.start_mark.line + 1, _field_name(path),
                                f"tag YAML '{node.tag}' tidak diizinkan; tulis nilai biasa"))
        return None
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kline = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                issues.append(YamlIssue(kline, _field_name(path),
                                        f"kunci '{getattr(key_node, 'value', '?')}' harus berupa teks "
                                        "(nama kolom), misalnya judul"))
                continue
            key = key_node.value
            if key in keys:
                issues.append(YamlIssue(kline, _field_name((*path, key)),
                                        f"kunci '{key}' ditulis dua kali (pertama di baris {keys[key]}); "
                                        "hapus salah satunya"))
                continue
            keys[key] = kline
            if type(value_node) is yaml.ScalarNode and value_node.tag == _STR and id(value_node) not in seen:
                # The most common case, inlined: what the recursive call would do for a plain text value.
                seen.add(id(value_node))
                data[key] = value_node.value
            else:
                data[key] = _walk(value_node, (*path, key), lines, issues, seen, loader)
            lines[(*path, key)] = kline  # point at the key, where staff look
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*path, index), lines, issues, seen, loader) for index, item in enumerate(node.value)]
    if node.tag == _STR:
        return node.value  # what SafeConstructor.construct_yaml_str returns for a scalar node
    return _Loader.yaml_constructors[node.tag](loader, node)


def load_mapping(text: str, *, what: str = "front matter") -> LoadedYaml:
    """Load YAML text that must be a mapping; never raises for bad input, never builds unsafe objects."""
    try:
        issues = _scan(text) if _needs_scan(text) else []
        if issues:
            return LoadedYaml(None, {}, tuple(issues))
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return LoadedYaml(None, {}, (YamlIssue(1, f"({what})", f"{what} kosong; isi dengan "
                                                       "pasangan kunci: nilai"),))
            if not isinstance(node, yaml.MappingNode):
                return LoadedYaml(None, {}, (YamlIssue(node.start_mark.line + 1, f"({what})",
                                                       f"{what} harus berupa pasangan kunci: nilai "
                                                       "(mapping), bukan daftar atau teks tunggal"),))
            lines: dict[Path, int] = {}
            walk_issues: list[YamlIssue] = []
            data = _walk(node, (), lines, walk_issues, set(), loader)
            if walk_issues:
                return LoadedYaml(None, lines, tuple(walk_issues))
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        return LoadedYaml(None, {}, (_syntax_issue(exc),))
    except RecursionError:
        return LoadedYaml(None, {}, (YamlIssue(1, f"({what})", "struktur YAML terlalu dalam; sederhanakan"),))
    return LoadedYaml(data, lines, ())
