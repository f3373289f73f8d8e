"""The `ppid` command line: the only place that turns errors into exit codes.

Each subcommand is a module in pipeline/commands/ with `register(subparsers)` (adds its parser and sets
`func`) and a function of plain values returning an exit code. Exit codes: 0 ok, 1 problems found,
2 usage or configuration error, 3 GitHub unreachable (chain) or an internal bug, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import traceback
import typing
from collections.abc import Sequence

from pipeline import __version__, commands
from pipeline.errors import PpidError

# argparse speaks English; staff read Bahasa Indonesia. The patterns cover argparse's usage errors.
_USAGE_ERRORS = (
    (re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"),
     r"\1: pilihan '\2' tidak dikenal; pilih salah satu: \3"),
    (re.compile(r"the following arguments are required: (.*)"), r"argumen wajib belum diisi: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"argumen tidak dikenal: \1"),
    (re.compile(r"one of the arguments (.*) is required"), r"isi salah satu argumen: \1"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"\1 tidak dapat dipakai bersama \2"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 perlu satu nilai"),
    (re.compile(r"argument (\S+): invalid (\w+) value: '([^']*)'"), r"\1: nilai '\3' tidak valid"),
)
# argparse's own words in every help text (the titles are set per parser, the rest comes from here).
USAGE_PREFIX = "Penggunaan: "
POSITIONALS_TITLE = "argumen posisi"
OPTIONALS_TITLE = "opsi"
HELP_HELP = "tampilkan bantuan ini lalu keluar"


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with an Indonesian "usage:" line."""

    def add_usage(self, usage: str | None, actions: typing.Iterable[argparse.Action],
                  groups: typing.Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with help and usage errors in Bahasa Indonesia (exit 2)."""

    def __init__(self, *args: typing.Any, **kwargs: typing.Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # added below with Indonesian help text
        super().__init__(*args, **kwargs)
        self._positionals.title = POSITIONALS_TITLE
        self._optionals.title = OPTIONALS_TITLE
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_HELP)

    def error(self, message: str) -> typing.NoReturn:
        for pattern, replacement in _USAGE_ERRORS:
            if pattern.search(message):
                message = pattern.sub(replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\nLihat '{self.prog} --help' untuk petunjuk.\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that subcommand's module is imported (each module is named for its
    command), so `ppid check` does not pay for importing PyGithub, MkDocs and openpyxl."""
    parser = _Parser(
        prog="ppid", description="Pipeline PPID: memeriksa, menyetujui dan menerbitkan pengumuman informasi publik.")
    parser.add_argument("--version", action="version", version=f"ppid {__version__}",
                        help="tampilkan versi ppid lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser,
                                title="perintah", help="jalankan 'ppid PERINTAH --help' untuk petunjuk tiap perintah")
    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    for name in [only] if only in names else names:
        module = importlib.import_module(f"pipeline.commands.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except PpidError as exc:
        print(f"ppid: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("ppid: dihentikan.", file=sys.stderr)
        return 130
    except Exception:  # a bug: say so plainly, keep the traceback for the admin
        traceback.print_exc()
        print("ppid: terjadi kesalahan internal (bug). Laporkan pesan di atas kepada admin PPID.", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
