"""The MkDocs build of `ppid build`: strict, into a fresh folder swapped in whole, MkDocs' warnings translated;
and the pieces `ppid serve` shares (loading mkdocs.yml, MkDocs' log on stderr, the options handed to the plugin)."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as mkdocs_load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from pipeline.core.problems import Problem
from pipeline.core.validate import CheckResult
from pipeline.edges.config import load_sop
from pipeline.edges.mkdocs_messages import WarningCollector
from pipeline.edges.mkdocs_messages import translate as translate_warning
from pipeline.edges.mkdocs_plugin import BuildOptions, PpidPlugin
from pipeline.errors import ConfigError, PpidError

# From this many announcements `ppid build` makes QR codes in other processes (below, forking costs more).
QR_PARALLEL_FROM = 200


def use_options(config: MkDocsConfig, options: BuildOptions) -> None:
    """Hand OPTIONS to the `ppid` plugin of the loaded CONFIG (a site without the plugin has nothing to tell)."""
    plugin = config.plugins.get("ppid")
    if isinstance(plugin, PpidPlugin):
        plugin.options = options


class BuildFailed(PpidError):
    """MkDocs refused to build (a warning in strict mode, a broken link, a bad mkdocs.yml).

    `problems` holds MkDocs' warnings in Bahasa Indonesia, on the file and line they concern.
    """

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


def build_site(root: Path, site_dir: Path, prevalidated: CheckResult | None = None, *, publishing: bool = False
               ) -> None:
    """Build the site strictly into a fresh folder, then swap it in: a failed build leaves no half-built site.
    `publishing` refuses content without a proof record; otherwise such content is built as a marked draft."""
    quiet_mkdocs()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ppid-build-", dir=site_dir.parent))
    collector = WarningCollector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        try:
            config = load_config(root, site_dir=str(staging), strict=True)
            many = prevalidated is not None and len(prevalidated.announcements) >= QR_PARALLEL_FROM
            use_options(config, BuildOptions(prevalidated=prevalidated, publishing=publishing,
                                             qr_workers=max(0, (os.cpu_count() or 1) - 1) if many else 0))
            mkdocs_build(config)
        except (Abort, ConfigurationError, PluginError) as exc:
            problems = tuple(translate_warning(m, root, _docs_name(root)) for m in collector.messages)
            if problems:
                raise BuildFailed(f"situs gagal dibangun: {len(problems)} peringatan, lihat di atas. Isi "
                                  f"{site_dir.name}/ tidak diubah.", problems) from None
            reason = "\n".join(collector.errors) if isinstance(exc, Abort) and collector.errors else str(exc)
            raise BuildFailed(f"situs gagal dibangun ({reason.rstrip('.!')}); perbaiki pesan di atas. "
                              f"Isi {site_dir.name}/ tidak diubah.") from None
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f"{staging.name}-lama")
            site_dir.rename(old)
        staging.rename(site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _docs_name(root: Path) -> str:
    try:
        return load_sop(root).content.dir
    except PpidError:
        return "content"


def load_config(root: Path, **overrides: Any) -> MkDocsConfig:
    """ROOT/mkdocs.yml loaded by MkDocs, with OVERRIDES (site_dir, strict, …)."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: berkas mkdocs.yml tidak ada")
    loaded: MkDocsConfig = mkdocs_load_config(str(config_file), **overrides)
    return loaded


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (the CLI may run many times in one process)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def quiet_mkdocs(level: int = logging.WARNING) -> None:
    """MkDocs' own messages (warnings by default) on stderr, prefixed so staff know where they come from."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(level)
