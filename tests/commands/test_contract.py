"""The command contract of ARCHITECTURE.md, over every module of pipeline/commands: `register(sub)` typed without
`Any`, `run(args)` handing the parsed arguments to a public function of plain values (keyword-only parameters,
none an `argparse.Namespace`) that returns the exit code, and no other public function taking a Namespace.

Read from the source, as the layer rules are, so a module is judged without importing MkDocs or PyGithub."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

COMMANDS = Path(__file__).resolve().parents[2] / "pipeline" / "commands"

Function = ast.FunctionDef | ast.AsyncFunctionDef


def _parameters(function: Function) -> list[ast.arg]:
    arguments = function.args
    return [*arguments.posonlyargs, *arguments.args, *([arguments.vararg] if arguments.vararg else []),
            *arguments.kwonlyargs, *([arguments.kwarg] if arguments.kwarg else [])]


def _mentions(annotation: ast.expr | None, name: str) -> bool:
    """Whether ANNOTATION names NAME (`Namespace`, `argparse.Namespace`, inside `X | None`, or as a string)."""
    if annotation is None:
        return False
    for node in ast.walk(annotation):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                if _mentions(ast.parse(node.value, mode="eval").body, name):
                    return True
            except SyntaxError:
                continue
        if (isinstance(node, ast.Name) and node.id == name) or (isinstance(node, ast.Attribute) and node.attr == name):
            return True
    return False


def _returns_int(function: Function) -> bool:
    return function.returns is not None and ast.unparse(function.returns) in ("int", "'int'", '"int"')


def _plain(function: Function) -> bool:
    """Keyword-only parameters of plain values, returning the exit code."""
    arguments = function.args
    return (not arguments.posonlyargs and not arguments.args and arguments.vararg is None
            and bool(arguments.kwonlyargs) and _returns_int(function)
            and not any(_mentions(p.annotation, "Namespace") for p in _parameters(function)))


def contract_violations(path: Path) -> list[str]:
    """Every way the command module at PATH breaks the contract, as `file:line: what`."""
    where = f"pipeline/commands/{path.name}"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    public = [f for name, f in functions.items() if not name.startswith("_")]
    plain = {f.name for f in public if f.name not in ("run", "register") and _plain(f)}
    out = []

    register = functions.get("register")
    if register is None:
        out.append(f"{where}: no register(sub)")
    else:
        parameters = _parameters(register)
        if len(parameters) != 1 or parameters[0].annotation is None or register.returns is None:
            out.append(f"{where}:{register.lineno}: register must take one annotated parameter and return None")
        elif _mentions(parameters[0].annotation, "Any") or _mentions(register.returns, "Any"):
            out.append(f"{where}:{register.lineno}: register is typed with Any; annotate it with commands.Subparsers")

    run = functions.get("run")
    if run is None:
        out.append(f"{where}: no run(args)")
    else:
        parameters = _parameters(run)
        if ([p.arg for p in parameters] != ["args"] or not _mentions(parameters[0].annotation, "Namespace")
                or not _returns_int(run)):
            out.append(f"{where}:{run.lineno}: run must be run(args: argparse.Namespace) -> int")
        last = run.body[-1]
        called = (last.value.func.id if isinstance(last, ast.Return) and isinstance(last.value, ast.Call)
                  and isinstance(last.value.func, ast.Name) else None)
        if plain and called not in plain:
            out.append(f"{where}:{run.lineno}: run must end by returning a call of {', '.join(sorted(plain))}")

    if not plain:
        out.append(f"{where}: no public function of plain values (keyword-only parameters, none an "
                   "argparse.Namespace, returning int)")
    for function in public:
        if function.name != "run" and any(_mentions(p.annotation, "Namespace") for p in _parameters(function)):
            out.append(f"{where}:{function.lineno}: {function.name} takes an argparse.Namespace; only run(args) may")
    return out


MODULES = sorted(p for p in COMMANDS.glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_every_command_keeps_the_contract(path: Path) -> None:
    assert contract_violations(path) == []


def test_every_command_the_cli_registers_is_judged() -> None:
    from pipeline import commands

    assert [p.stem for p in MODULES] == sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


KEPT = '''
import argparse
from pipeline.commands import Subparsers

def register(sub: Subparsers) -> None:
    sub.add_parser("x").set_defaults(func=run)

def run(args: argparse.Namespace) -> int:
    return x(name=args.name, env={})

def x(*, name: str, env: Mapping[str, str]) -> int:
    return 0
'''


@pytest.mark.parametrize(("source", "expected"), [
    (KEPT, []),
    (KEPT.replace("sub: Subparsers", "sub: Any"),
     ["pipeline/commands/x.py:5: register is typed with Any; annotate it with commands.Subparsers"]),
    (KEPT.replace("sub: Subparsers", "sub"),
     ["pipeline/commands/x.py:5: register must take one annotated parameter and return None"]),
    (KEPT.replace("def register", "def _register"), ["pipeline/commands/x.py: no register(sub)"]),
    (KEPT.replace("def run(args", "def run(parsed").replace("args.name", "parsed.name"),
     ["pipeline/commands/x.py:8: run must be run(args: argparse.Namespace) -> int"]),
    (KEPT.replace("return x(name=args.name, env={})", "x(name=args.name, env={})\n    return 0"),
     ["pipeline/commands/x.py:8: run must end by returning a call of x"]),
    (KEPT.replace("def x(*, name", "def x(name"),
     ["pipeline/commands/x.py: no public function of plain values (keyword-only parameters, none an "
      "argparse.Namespace, returning int)"]),
    (KEPT.replace("env: Mapping[str, str]) -> int", "env: Mapping[str, str]) -> None"),
     ["pipeline/commands/x.py: no public function of plain values (keyword-only parameters, none an "
      "argparse.Namespace, returning int)"]),
    (KEPT.replace("x(name=args.name, env={})", "x(name=args.name, args=args)")
     .replace("env: Mapping[str, str])", "args: 'argparse.Namespace | None')"),
     ["pipeline/commands/x.py: no public function of plain values (keyword-only parameters, none an "
      "argparse.Namespace, returning int)",
      "pipeline/commands/x.py:11: x takes an argparse.Namespace; only run(args) may"]),
    (KEPT + "\ndef create(root: Path, args: Namespace, *, now: datetime) -> int:\n    return 0\n",
     ["pipeline/commands/x.py:14: create takes an argparse.Namespace; only run(args) may"]),
])
def test_each_rule_names_the_offence(tmp_path: Path, source: str, expected: list[str]) -> None:
    path = tmp_path / "x.py"
    path.write_text(source, encoding="utf-8")
    assert contract_violations(path) == expected
