"""The serta-merta fast lane: the chain stays, urgency shows (label, comment, status) and timing uses the stricter
standards of sop.yml. The announcement's `jenis` is read at the head commit through the contents API, as data.

What the evaluator decides is judged on the default story in memory; reading the front matter and the label,
comment and status the command writes, over HTTP against the fake GitHub."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest

from pipeline.commands.chain import chain
from pipeline.core.chain.urgency import LABEL, LABEL_COLOR, jenis_of, step_standard
from pipeline.core.sop import Sop
from tests.chain.conftest import World
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, REPO, SERTA_MERTA, Scene, Story, wib
from tests.conftest import ROOT

NOW = "2024-08-05T15:00:00+07:00"
LABELS = "/repos/dinas/ppid/labels"
PR_LABELS = "/repos/dinas/ppid/issues/12/labels"


def test_serta_merta_timing_uses_the_stricter_standards(story: Story) -> None:
    story.serta_merta()
    story.approve_chain()
    verdict = story.verdict()
    assert verdict.urgent and verdict.approved
    assert [(str(t.standard), t.elapsed_minutes, t.status) for t in verdict.timing] == [
        ("5m", 10, "late"),       # assigned 08:10 after the issue opened at 08:00
        ("2h", 290, "late"),      # ready for review at 13:00
        ("15m", 30, "late"),      # Kabid 13:30
        ("15m", 30, "late"),      # Sekretaris 14:00
        ("5m", 5, "ok"),          # Kepala Dinas 14:05
        ("5m", 55, "overdue")]    # not merged by 15:00


def test_berkala_keeps_the_sop_standards(story: Story) -> None:
    story.approve_chain()
    verdict = story.verdict()
    assert not verdict.urgent
    assert [str(t.standard) for t in verdict.timing] == ["15m", "1d", "1h", "1h", "10m", "15m"]


def test_a_step_without_a_serta_merta_standard_keeps_its_own(story: Story, sop: Sop) -> None:
    steps = tuple(s.model_copy(update={"standard_serta_merta": None}) if s.langkah == 2 else s for s in sop.steps)
    story.sop = sop.model_copy(update={"steps": steps})
    story.serta_merta()
    story.approve_chain()
    assert [str(t.standard) for t in story.verdict().timing] == ["5m", "1d", "15m", "15m", "5m", "5m"]
    assert step_standard(sop.steps[1], urgent=False) == sop.steps[1].standard


HeadFiles = list[tuple[str, str, str | None]]  # path, status, content at the head commit (None: not readable)
HEAD_VERSIONS: list[tuple[HeadFiles, bool]] = [
    ([(ANNOUNCEMENT, "added", SERTA_MERTA)], True),
    ([(ANNOUNCEMENT, "modified", SERTA_MERTA)], True),
    ([("content/pengumuman/2024/biasa.md", "added", None), (ANNOUNCEMENT, "added", SERTA_MERTA)], True),
    ([(ANNOUNCEMENT, "removed", SERTA_MERTA)], False),  # withdrawing a warning is not itself urgent
    ([(ANNOUNCEMENT, "added", None)], False),  # not readable at the head commit (404): not urgent
    ([(ANNOUNCEMENT, "added", SERTA_MERTA.replace("jenis: serta-merta", "jenis: [serta-merta]"))], False),
    ([("content/lampiran/2024/peta.md", "added", SERTA_MERTA)], False),  # only announcements count
]


def head_files(files: HeadFiles) -> Callable[[Scene], None]:
    """The PR changes exactly `files`."""
    def setup(w: Scene) -> None:
        w.pr.files.clear()
        w.pr.contents.clear()
        for path, status, content in files:
            w.pr.add_file(path, status, content=content)
    return setup


@pytest.mark.parametrize(("files", "urgent"), HEAD_VERSIONS)
def test_urgency_comes_from_the_head_version(story: Story, files: HeadFiles, urgent: bool) -> None:
    head_files(files)(story)
    assert story.verdict().urgent is urgent


@pytest.mark.parametrize(("data", "jenis"), [
    (SERTA_MERTA.encode(), "serta-merta"),
    (SERTA_MERTA.replace("jenis: serta-merta", "jenis: ' Serta-Merta '").encode(), "serta-merta"),
    (b"\xff\xfe bukan utf-8", None),
    (b"tanpa front matter", None),
    (b"---\njenis: serta-merta\njenis: berkala\n---\n", None),  # duplicate keys are refused, not guessed
    (None, None),
])
def test_jenis_of(data: bytes | None, jenis: str | None) -> None:
    assert jenis_of(ANNOUNCEMENT, data) == jenis


# -- over HTTP: the front matter read at the head commit, what the command writes -----------------------------------


def run(world: World, *, report: bool = False) -> tuple[int, dict[str, object], str]:
    out, err = StringIO(), StringIO()
    code = chain(repo=REPO, pr=12, now_text=NOW, as_json=True, report=report, env={}, settings=world.settings,
                 root=ROOT, out=out, err=err)
    return code, json.loads(out.getvalue()), err.getvalue()


def test_front_matter_is_read_as_data(world: World, tmp_path: Path) -> None:
    """A YAML tag that would run code with an unsafe loader is refused; the PR is simply not urgent."""
    marker = tmp_path / "dijalankan"
    world.pr.contents[ANNOUNCEMENT] = (f"---\njenis: !!python/object/apply:os.system ['touch {marker}']\n"
                                       "judul: x\n---\nIsi\n").encode()
    assert world.verdict().urgent is False
    assert not marker.exists()


def test_report_labels_the_pr_and_says_mendesak(world: World) -> None:
    world.serta_merta()
    world.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    code, data, err = run(world, report=True)
    assert code == 1 and data["serta_merta"] is True
    assert world.pr.issue.labels == [LABEL]
    label = world.repo.labels[LABEL]
    assert (label["color"], label["description"]) == (
        LABEL_COLOR, "Informasi serta merta: umumkan tanpa penundaan (Pasal 10 UU 14/2008)")
    status = world.repo.statuses[HEAD][0]
    assert status["description"] == "MENDESAK (serta merta): Menunggu Sekretaris (1 dari 3 persetujuan sah)"
    [comment] = world.repo.comments_on(12)
    assert "### Rantai persetujuan PPID: PR #12 · MENDESAK" in comment["body"]
    assert "Label serta-merta ditambahkan pada PR #12 (MENDESAK)" in err
    assert world.fake.count("POST", LABELS) == 1 and world.fake.count("POST", PR_LABELS) == 1


def test_second_report_does_not_label_again(world: World) -> None:
    world.serta_merta()
    run(world, report=True)
    world.fake.reset_log()
    run(world, report=True)
    assert world.fake.count("GET", f"{LABELS}/{LABEL}") == 0
    assert world.fake.count("POST", PR_LABELS) == 0
    assert world.pr.issue.labels == [LABEL] and len(world.repo.comments_on(12)) == 1


def test_existing_repository_label_is_reused(world: World) -> None:
    world.serta_merta()
    world.repo.add_label(LABEL, color="000000", description="dibuat admin")
    run(world, report=True)
    assert world.fake.count("POST", LABELS) == 0
    assert world.repo.labels[LABEL]["color"] == "000000"  # the admin's choice stays
    assert world.pr.issue.labels == [LABEL]


def test_label_created_meanwhile_is_fine(world: World) -> None:
    """Two runs racing: the label appears between our GET (404) and our POST (422 already_exists)."""
    world.serta_merta()
    world.fake.fail(LABELS, method="POST", status=422,
                    body={"message": "Validation Failed",
                          "errors": [{"resource": "Label", "code": "already_exists", "field": "name"}]})
    code, _, _ = run(world, report=True)
    assert code == 1 and world.pr.issue.labels == [LABEL]


def test_not_urgent_pr_gets_no_label(world: World) -> None:
    run(world, report=True)
    assert world.pr.issue.labels == [] and world.fake.count("POST", LABELS) == 0
    assert not world.repo.statuses[HEAD][0]["description"].startswith("MENDESAK")
