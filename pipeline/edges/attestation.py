"""The publish workflow's artifact attestation, checked with the GitHub CLI (`gh attestation verify`) when the
server has it. Nothing else depends on it: the digest, SHA256SUMS and proof-chain checks stand on their own."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pipeline.core.deploy import WORKFLOW_PATH, DeployRefused

Mode = Literal["otomatis", "wajib", "lewati"]
_TIMEOUT = 180


def check_attestation(archive: Path, repo: str, mode: Mode, env: Mapping[str, str]) -> str:
    """What the check found, for the release record; raises DeployRefused when gh says the archive does not
    carry a valid attestation from the publish workflow of `repo` (or `mode` is "wajib" and gh is missing)."""
    if mode == "lewati":
        return "tidak diperiksa (--atestasi lewati)"
    gh = shutil.which("gh", path=env.get("PATH"))
    if gh is None:
        if mode == "wajib":
            raise DeployRefused("atestasi wajib diperiksa (--atestasi wajib) tetapi GitHub CLI (gh) tidak terpasang; "
                                "pasang paket gh atau jalankan tanpa --atestasi wajib")
        return "tidak diperiksa: GitHub CLI (gh) tidak terpasang"
    argv = [gh, "attestation", "verify", str(archive), "--repo", repo,
            "--signer-workflow", f"{repo}/{WORKFLOW_PATH}"]
    child_env = {**env, "GH_TOKEN": env.get("GH_TOKEN") or env.get("GITHUB_TOKEN", ""), "GH_PROMPT_DISABLED": "1",
                 "NO_COLOR": "1"}
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=_TIMEOUT, env=child_env, check=False)
    except subprocess.TimeoutExpired:
        raise DeployRefused(f"gh attestation verify tidak selesai dalam {_TIMEOUT} detik; periksa akses server ke "
                            "GitHub dan Sigstore, atau jalankan dengan --atestasi lewati") from None
    said_all = f"{done.stderr}\n{done.stdout}"
    if done.returncode != 0 and "unknown command" in said_all and mode != "wajib":
        return "tidak diperiksa: gh terpasang tetapi belum punya perintah attestation (perlu gh 2.49 atau lebih baru)"
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[-400:]
        raise DeployRefused("atestasi artefak tidak terverifikasi oleh gh attestation verify "
                            f"({said or 'tanpa pesan'}). "
                            "Bila server tidak dapat menghubungi GitHub atau Sigstore, jalankan dengan "
                            "--atestasi lewati; bila tidak, artefak ini jangan dipasang dan laporkan kepada admin")
    return f"terverifikasi: gh attestation verify --repo {repo} --signer-workflow {repo}/{WORKFLOW_PATH}"
