"""The approval chain: a frozen PR snapshot in, a Verdict with reasons out (pure; no I/O, no clock).

    verdict = evaluate(snapshot, sop, calendar, now)

`snapshot` comes from `pipeline.edges.github.GitHubRepo.fetch_snapshot`; `calendar` from `pipeline.edges.workcal`;
`pipeline.core.chain.render` turns a Verdict into text, JSON, the PR comment and the commit status.
"""

from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.snapshot import PrSnapshot, disposisi_number
from pipeline.core.chain.verdict import Verdict

__all__ = ["PrSnapshot", "Verdict", "disposisi_number", "evaluate"]
