"""How a person can type `ppid` again in the shell they used: the next steps printed by commands must work.

`make site` installs `ppid` into .venv/bin, which is not on PATH until the environment is activated; a person who
ran `.venv/bin/ppid baru` is told `.venv/bin/ppid check`, one who activated it is told `ppid check`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def ppid_command(argv0: str | None = None, path: str | None = None, cwd: Path | None = None) -> str:
    """`ppid` when that name on PATH is this program, else the program's path relative to the working folder."""
    program = Path(argv0 if argv0 is not None else sys.argv[0])
    if program.name != "ppid":
        return "ppid"  # run as `python -m pipeline` or from tests: the documented name
    on_path = shutil.which("ppid", path=path if path is not None else os.environ.get("PATH", ""))
    if on_path and os.path.realpath(on_path) == os.path.realpath(program):
        return "ppid"
    here = cwd or Path.cwd()
    try:
        return os.path.relpath(program.resolve(), here.resolve()) if program.is_absolute() else str(program)
    except ValueError:  # another drive (Windows)
        return str(program)
