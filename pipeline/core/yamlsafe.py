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

from pipeline.core.messages import field_label
from pipeline.core.yamladvice import advise_error, advise_lines

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
class CutValue:
    """A plain value followed by ' #…' on its line: YAML reads the rest of the line as a comment."""

    path: Path
    line: int
    value: str
    rest: str  # the rest of the line as written, from the end of the value (spaces, '#' and what follows)


@dataclass(frozen=True)
class LoadedYaml:
    """A loaded mapping, the line of each value path, and any problems (data is None when unusable).

    `raw` holds the text as written of every value that did not load as text (numbers, booleans, empty
    values), so messages can quote it; `cut` lists values a '#' cut short.
    """

    data: dict[str, Any] | None
    lines: Mapping[Path, int] = field(default_factory=dict)
    issues: tuple[YamlIssue, ...] = ()
    raw: Mapping[Path, str] = field(default_factory=dict)
    cut: tuple[CutValue, ...] = ()


def _field_name(path: Path) -> str:
    return field_label(path) or "(data)"


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


def _scan(text: str, what: str = "data") -> list[YamlIssue]:
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
                    issues.append(YamlIssue(token.start_mark.line + 1, f"({what})", _TOO_DEEP))
                    return issues
            elif kind in _ENDS:
                depth -= 1
            elif kind is yaml.AnchorToken or kind is yaml.AliasToken:
                sign = "&" if kind is yaml.AnchorToken else "*"
                issues.append(YamlIssue(token.start_mark.line + 1, f"({what})",
                                        f"tanda '{sign}{token.value}' (rujukan ke nilai lain) tidak diizinkan; "
                                        "tulis nilainya langsung, atau apit dengan tanda kutip lurus \"…\" bila "
                                        f"'{sign}' memang bagian dari teks"))
            elif kind is yaml.TagToken:
                handle, suffix = token.value
                issues.append(YamlIssue(token.start_mark.line + 1, f"({what})",
                                        f"tanda '{handle or ''}{suffix}' tidak diizinkan; hapus tanda itu dan "
                                        "tulis nilai biasa (apit dengan tanda kutip lurus \"…\" bila '!' memang "
                                        "bagian dari teks)"))
    finally:
        loader.dispose()
    return issues


def _syntax_issue(exc: yaml.YAMLError, text: str, what: str) -> YamlIssue:
    """A parser error as plain advice, on the line staff must fix (never the parser's English)."""
    problem = str(getattr(exc, "problem", None) or "")
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if "could not find expected ':'" in problem and context is not None:
        mark = context  # the line without a colon, not the next one where the parser noticed
    line = mark.line + 1 if mark is not None else 1
    return YamlIssue(line, f"({what})", advise_error(problem, text, line))


@dataclass
class _Walk:
    """What one pass over the composed nodes collects."""

    loader: _Loader
    text_lines: list[str] | None  # only when the text holds a '#': needed to find values a comment cut short
    lines: dict[Path, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    raw: dict[Path, str] = field(default_factory=dict)
    cut: list[CutValue] = field(default_factory=list)

    def check_cut(self, node: yaml.ScalarNode, path: Path) -> None:
        if self.text_lines is None or node.style:
            return
        end = node.end_mark
        rest = self.text_lines[end.line][end.column:] if end.line < len(self.text_lines) else ""
        stripped = rest.lstrip(" \t")
        # One space before '#' reads as text ("Paket #3"); two or more, or a tab, is the usual way to write a
        # deliberate comment (the `ppid baru` template does), and an empty value before '#' is always a loss.
        gap = rest[: len(rest) - len(stripped)]
        if stripped.startswith("#") and (node.value == "" or gap == " "):
            self.cut.append(CutValue(path, node.start_mark.line + 1, node.value, rest.rstrip()))


def _walk(node: yaml.Node, path: Path, w: _Walk) -> Any:
    """Check every node and build its value in the same pass (only standard tags get this far).

    Scalars are built by the loader's own SafeConstructor functions, so values are exactly what
    `construct_document` would give; mappings and sequences become plain dicts and lists.
    """
    if id(node) in w.seen:  # the composer shares a node only for aliases
        w.issues.append(YamlIssue(node.start_mark.line + 1, _field_name(path),
                                  "rujukan ke nilai lain tidak diizinkan; tulis nilainya langsung"))
        return None
    w.seen.add(id(node))
    w.lines[path] = node.start_mark.line + 1
    if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        w.issues.append(YamlIssue(node.start_mark.line + 1, str(path[0]), _TOO_DEEP))
        return None
    if node.tag not in _STANDARD_TAGS:
        w.issues.append(YamlIssue(node.start_mark.line + 1, _field_name(path),
                                  f"tanda '{node.tag}' tidak diizinkan; tulis nilai biasa"))
        return None
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kline = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                w.issues.append(YamlIssue(kline, _field_name(path),
                                          f"nama kolom '{getattr(key_node, 'value', '?')}' harus berupa teks "
                                          "(nama kolom), misalnya judul"))
                continue
            key = key_node.value
            if key in keys:
                w.issues.append(YamlIssue(kline, _field_name((*path, key)),
                                          f"kolom '{key}' ditulis dua kali (pertama di baris {keys[key]}); "
                                          "hapus salah satunya"))
                continue
            keys[key] = kline
            if type(value_node) is yaml.ScalarNode and value_node.tag == _STR and id(value_node) not in w.seen:
                # The most common case, inlined: what the recursive call would do for a plain text value.
                w.seen.add(id(value_node))
                data[key] = value_node.value
                if w.text_lines is not None:
                    w.check_cut(value_node, (*path, key))
            else:
                data[key] = _walk(value_node, (*path, key), w)
            w.lines[(*path, key)] = kline  # point at the key, where staff look
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*path, index), w) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    w.check_cut(node, path)
    if node.tag == _STR:
        return node.value  # what SafeConstructor.construct_yaml_str returns for a scalar node
    w.raw[path] = node.value
    return _Loader.yaml_constructors[node.tag](w.loader, node)


def load_mapping(text: str, *, what: str = "data") -> LoadedYaml:
    """Load YAML text that must be a mapping; never raises for bad input, never builds unsafe objects."""
    try:
        issues = _scan(text, what) if _needs_scan(text) else []
        if issues:
            return LoadedYaml(None, {}, tuple(issues))
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return LoadedYaml(None, {}, (YamlIssue(1, f"({what})", f"{what} kosong; isi dengan "
                                                       "baris 'kolom: nilai'"),))
            if not isinstance(node, yaml.MappingNode):
                return LoadedYaml(None, {}, (YamlIssue(node.start_mark.line + 1, f"({what})",
                                                       f"{what} harus berupa baris 'kolom: nilai', bukan daftar "
                                                       "atau teks tunggal"),))
            walk = _Walk(loader, text.split("\n") if "#" in text else None)
            data = _walk(node, (), walk)
            if walk.issues:
                # A key "written twice" is often a line indented wrongly: say so on that line when we can tell.
                advice = dict(advise_lines(text)) if any("dua kali" in i.message for i in walk.issues) else {}
                return LoadedYaml(None, walk.lines, tuple(YamlIssue(i.line, i.field, advice.get(i.line, i.message))
                                                          for i in walk.issues))
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        found = advise_lines(text)
        if found:
            return LoadedYaml(None, {}, tuple(YamlIssue(line, f"({what})", message) for line, message in found))
        return LoadedYaml(None, {}, (_syntax_issue(exc, text, what),))
    except RecursionError:
        return LoadedYaml(None, {}, (YamlIssue(1, f"({what})", "struktur bertingkat terlalu dalam; sederhanakan"),))
    return LoadedYaml(data, walk.lines, (), walk.raw, tuple(walk.cut))
