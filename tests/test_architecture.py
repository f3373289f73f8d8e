"""The layer rules of ARCHITECTURE.md, enforced over every module of pipeline/ (imports inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# Lower layers never import higher ones; `errors` sits under everything.
LAYERS = {"errors": 0, "core": 1, "site": 2, "edges": 3, "commands": 4, "cli": 5, "__main__": 5}
# Third-party libraries that belong to one kind of edge module: (module prefix, allowed file name prefix).
EDGE_LIBRARIES = {"mkdocs": "edges/mkdocs_", "material": "edges/mkdocs_", "github": "edges/github"}
# Libraries that do I/O: never in the pure layers.
IO_LIBRARIES = ("requests", "github", "mkdocs", "material")


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "pipeline":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, module, names imported from it) for every import statement."""
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; write pipeline.… in full"
            assert node.module is not None
            if node.module == "pipeline":
                found += [(node.lineno, f"pipeline.{alias.name}", ()) for alias in node.names]
            else:
                found.append((node.lineno, node.module, tuple(alias.name for alias in node.names)))
    return found


def violations(path: Path, package: Path = PACKAGE) -> list[str]:
    """Every import in PATH that breaks a layer rule, as `file:line: imports X: why`."""
    relative = path.relative_to(package).as_posix()
    own = _layer("pipeline." + relative.removesuffix(".py").replace("/", "."))
    own_rank = LAYERS.get(own or "")
    out = []
    for line, module, names in _imports(path):
        where = f"pipeline/{relative}:{line}: imports {module}"
        private = [name for name in names if name.startswith("_") and not name.startswith("__")]
        if module.startswith("pipeline.") and private:
            out.append(f"{where}: {', '.join(private)} is private to that module; make it public where it belongs")
        target = _layer(module)
        if target is not None and own_rank is not None:
            rank = LAYERS.get(target)
            if rank is not None and rank > own_rank:
                out.append(f"{where}: layer {own} may not import the higher layer {target}")
            elif own == target == "commands" and module.count(".") >= 2:
                out.append(f"{where}: a command may not import another command; move the shared code down")
        top = module.split(".")[0]
        allowed = EDGE_LIBRARIES.get(top)
        if allowed is not None and not relative.startswith(allowed):
            out.append(f"{where}: {top} belongs in pipeline/{allowed}*.py only")
        if top in IO_LIBRARIES and own in ("errors", "core", "site"):
            out.append(f"{where}: the {own} layer does no I/O")
    return out


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_run_down_the_layers(path: Path) -> None:
    assert violations(path) == []


@pytest.mark.parametrize(("where", "source", "expected"), [
    ("edges/plugin.py", "from pipeline.commands.check import check_tree\n",
     "pipeline/edges/plugin.py:1: imports pipeline.commands.check: layer edges may not import the higher layer "
     "commands"),
    ("core/x.py", "def f():\n    from pipeline import site\n",
     "pipeline/core/x.py:2: imports pipeline.site: layer core may not import the higher layer site"),
    ("commands/build.py", "from pipeline.commands.verify import verify_tree\n",
     "pipeline/commands/build.py:1: imports pipeline.commands.verify: a command may not import another command; "
     "move the shared code down"),
    ("edges/archive.py", "import mkdocs.config\n",
     "pipeline/edges/archive.py:1: imports mkdocs.config: mkdocs belongs in pipeline/edges/mkdocs_*.py only"),
    ("site/feed.py", "import requests\n", "pipeline/site/feed.py:1: imports requests: the site layer does no I/O"),
    ("edges/github_archive.py", "from pipeline.edges.github import GitHubRepo, _github\n",
     "pipeline/edges/github_archive.py:1: imports pipeline.edges.github: _github is private to that module; make "
     "it public where it belongs"),
])
def test_each_rule_names_the_offending_import(tmp_path: Path, where: str, source: str, expected: str) -> None:
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert violations(path, tmp_path) == [expected]


@pytest.mark.parametrize(("where", "source"), [
    ("commands/build.py", "from pipeline.edges.proof_tree import verify_tree\nfrom pipeline.core import sop\n"),
    ("edges/mkdocs_plugin.py", "from mkdocs.plugins import BasePlugin\nfrom pipeline.site.pages import x\n"),
    ("cli.py", "from pipeline.commands import check\n"),
])
def test_downward_imports_pass(tmp_path: Path, where: str, source: str) -> None:
    path = tmp_path / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    assert violations(path, tmp_path) == []


# One clock, one time zone, one sorting of a PR's files (`PrSnapshot.change`): (call, the only module allowed to
# make it).
SINGLE_PLACES = {"datetime.now": "edges/clock.py", "date.today": "edges/clock.py", "ZoneInfo": "core/sop.py",
                 "classify_changes": "core/chain/snapshot.py"}


def _calls(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                found.append((node.lineno, f"{func.value.id}.{func.attr}"))
            elif isinstance(func, ast.Name):
                found.append((node.lineno, func.id))
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_single_place_calls_stay_in_their_place(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    assert [f"pipeline/{relative}:{line}: {call}() belongs in pipeline/{SINGLE_PLACES[call]}"
            for line, call in _calls(path) if call in SINGLE_PLACES and SINGLE_PLACES[call] != relative] == []


# A folder test written by hand (`path.startswith(folder.rstrip("/") + "/")`) is where `content/arsip` once matched
# `content/arsip2`; folder rules live in core/paths.py. URLs are not folders: the modules that trim a server's, a
# repository's or a page's address keep their own `rstrip("/")`.
URL_TRIMMERS = {"core/paths.py", "edges/record_push.py", "edges/github_client.py", "site/urls.py",
                "commands/disposisi.py", "core/disposisi_link.py", "core/reminder.py"}


def _slash_trims(path: Path) -> list[int]:
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "rstrip"
            and [a.value for a in node.args if isinstance(a, ast.Constant)] == ["/"]]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_folder_rules_stay_in_core_paths(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    if relative in URL_TRIMMERS:
        return
    assert [f"pipeline/{relative}:{line}: a folder test of its own; use pipeline.core.paths (below, relative_to, "
            "join, folder_prefix)" for line in _slash_trims(path)] == []


def test_a_hand_written_folder_test_is_found(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text('def inside(p, folder):\n    return p.startswith(folder.rstrip("/") + "/")\n', encoding="utf-8")
    assert _slash_trims(module) == [2]
