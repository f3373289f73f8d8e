"""Serta-merta urgency: a PR that publishes information which "can threaten lives or public order" (Pasal 10
UU 14/2008) must go out without delay. The SOP keeps its chain for such drafts; the pipeline makes the urgency
visible and times each step against sop.yml's stricter `standard_serta_merta` where one is set.

The jenis is read from the changed announcements' front matter on the PR's head commit, as data: the same safe
YAML loader as `ppid check`, nothing executed.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.chain.snapshot import AnnouncementHead, ChangedFile
from pipeline.core.paths import kind_of
from pipeline.core.sop import Duration, Sop, Step
from pipeline.core.validate import read_leniently

SERTA_MERTA = "serta-merta"
LABEL = "serta-merta"
LABEL_COLOR = "b60205"  # GitHub's red
LABEL_DESCRIPTION = "Informasi serta merta: umumkan tanpa penundaan (Pasal 10 UU 14/2008)"


def announcement_paths(files: Iterable[ChangedFile], sop: Sop) -> tuple[str, ...]:
    """The announcement files the PR adds or changes (whose head version can be read)."""
    return tuple(f.path for f in files
                 if f.status not in ("removed", "unchanged") and kind_of(f.path, sop) == "announcement")


def jenis_of(path: str, data: bytes | None) -> str | None:
    """The `jenis` written in an announcement's front matter, or None when the file cannot be read as one."""
    doc = read_leniently(path, data)
    value = doc.front_matter.get("jenis") if doc else None
    return value.strip().lower() if isinstance(value, str) else None


def is_urgent(announcements: Iterable[AnnouncementHead]) -> bool:
    """Whether any changed announcement is serta-merta."""
    return any(a.jenis == SERTA_MERTA for a in announcements)


def step_standard(step: Step, urgent: bool) -> Duration:
    """The time standard a step is held to: the serta-merta one when urgent and set, else the SOP's."""
    return step.standard_serta_merta if urgent and step.standard_serta_merta is not None else step.standard
