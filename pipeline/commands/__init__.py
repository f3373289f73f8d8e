"""One module per subcommand; each has `register(subparsers)` and a function of plain values that returns an
exit code, never exits. What several commands share on the command line lives here."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from pipeline.core.report import FORMATS

# What the CLI hands each module's `register`.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """`--format text|github|json`, worded the same for every command that reports problems."""
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="bentuk keluaran: text (bawaan, untuk dibaca), github (anotasi GitHub Actions) atau json")
