"""The server files in deploy/ and the publish workflow's side of the deploy: they name what `ppid pasang`
expects (workflow, artifact name, SHA256SUMS format, attestation), and the nginx site passes `nginx -t`."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.core.deploy import ARTIFACT_PREFIX, WORKFLOW_FILE, check_sums, parse_sums
from pipeline.edges.releases import hash_tree
from tests.deploy.kit import NGINX, ROOT, Sites

DEPLOY = ROOT / "deploy"
TERBIT = ROOT / ".github" / "workflows" / WORKFLOW_FILE


def _bangun() -> dict[str, Any]:
    workflow = yaml.safe_load(TERBIT.read_text(encoding="utf-8"))
    job: dict[str, Any] = workflow["jobs"]["bangun"]
    return job


def _step(job: dict[str, Any], name: str) -> tuple[int, dict[str, Any]]:
    return next((i, s) for i, s in enumerate(job["steps"]) if s.get("name") == name)


def test_the_workflow_uploads_the_artifact_under_the_name_pasang_looks_for_and_attests_it() -> None:
    job = _bangun()
    upload_at, upload = _step(job, "Unggah situs untuk server dinas")
    attest_at, attest = _step(job, "Atestasi asal-usul artefak situs")
    assert upload["with"]["name"] == ARTIFACT_PREFIX + "${{ github.sha }}"
    assert attest_at == upload_at + 1
    assert attest["uses"].startswith("actions/attest-build-provenance@")
    assert attest["with"]["subject-digest"] == f"sha256:${{{{ steps.{upload['id']}.outputs.artifact-digest }}}}"
    assert job["permissions"] == {"contents": "read", "id-token": "write", "attestations": "write"}


def test_the_workflows_sha256sums_step_writes_what_pasang_reads(sites: Sites, tmp_path: Path) -> None:
    """Run the workflow's own shell step on a built site, then check it the way `ppid pasang` does."""
    _, step = _step(_bangun(), "Buat SHA256SUMS")
    site = tmp_path / "site"
    shutil.copytree(sites.lama, site)
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=site, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    sums, problems = parse_sums((site / "SHA256SUMS").read_text(encoding="utf-8"))
    assert problems == []
    assert check_sums(sums, hash_tree(site)) == []
    assert len(sums) == len(hash_tree(site)) - 1


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "systemd" / name, encoding="utf-8")
    return parser


def test_the_systemd_service_runs_pasang_on_the_folder_nginx_serves() -> None:
    service = _unit("ppid-pasang.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == "/opt/ppid/.venv/bin/ppid pasang --folder /srv/ppid"
    assert service["ReadWritePaths"] == "/srv/ppid"
    assert service["ProtectSystem"] == "strict"
    assert service["User"] == "ppid"
    timer = _unit("ppid-pasang.timer")
    assert timer["Timer"]["OnUnitActiveSec"] == "5min"
    assert timer["Install"]["WantedBy"] == "timers.target"
    site = (DEPLOY / "nginx" / "ppid.conf").read_text(encoding="utf-8")
    assert "root /srv/ppid/current;" in site
    assert "include snippets/ppid-situs.conf;" in site


def test_the_production_server_block_passes_nginx_t(tmp_path: Path) -> None:
    """ppid.conf as installed (Debian layout: snippets/ next to the main configuration), with a throw-away
    certificate in place of the agency's."""
    openssl = shutil.which("openssl")
    if NGINX is None or openssl is None:
        pytest.skip("nginx atau openssl tidak terpasang; .ci/run memasang nginx")
    (tmp_path / "snippets").mkdir()
    for snippet in (DEPLOY / "nginx" / "snippets").glob("*.conf"):
        shutil.copy(snippet, tmp_path / "snippets" / snippet.name)
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=uji",
                    "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
                   capture_output=True, timeout=120, check=True)
    site = (DEPLOY / "nginx" / "ppid.conf").read_text(encoding="utf-8").replace("/etc/ssl/ppid", str(tmp_path))
    (tmp_path / "ppid.conf").write_text(site, encoding="utf-8")
    temp = " ".join(f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                          "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp} include {tmp_path}/ppid.conf; }}\n",
        encoding="utf-8")
    done = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e",
                           str(tmp_path / "error.log")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
