"""Helpers and fixtures for deploying on the agency's server: real built sites with real (non-demo) proof
chains, artifact zips made the way the publish workflow makes them, the fake GitHub with its Actions endpoints
and a storage host, and a real nginx started from deploy/'s configuration."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pwd
import shutil
import socket
import subprocess
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytest_httpserver import HTTPServer

from pipeline.commands.pasang import pasang
from pipeline.core.proof import ProofRecord, next_record, parse_record, record_name, render
from pipeline.edges.config import load_sop
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import PpidError
from tests.fakegithub import FakeGitHub
from tests.fakegithub_actions import ActionsState, FakeRun, install_actions_routes

ROOT = Path(__file__).resolve().parents[2]
REPO = "dinas/ppid"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
T0 = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)
NOW = datetime(2026, 9, 2, 8, 0, tzinfo=UTC)


def sha_for(label: str) -> str:
    return hashlib.sha1(label.encode()).hexdigest()


def _real_chain(records: list[ProofRecord], tamper_last: bool = False) -> list[ProofRecord]:
    """The repository's demo records as a real chain (demo off), resealed in order; optionally the last one
    rewritten (another merger), which a deploy must refuse once the original is live."""
    out: list[ProofRecord] = []
    for index, record in enumerate(records):
        changed = replace(record, demo=False)
        if tamper_last and index == len(records) - 1:
            changed = replace(changed, merged_by="penyusup")
        out.append(next_record(out[-1] if out else None, changed))
    return out


def _build(root: Path, records: list[ProofRecord]) -> Path:
    from pipeline.edges.mkdocs_build import build_site

    tz = ZoneInfo("Asia/Pontianak")
    shutil.copy(ROOT / "sop.yml", root / "sop.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns("arsip"))
    for record in records:
        target = root / "content" / "arsip" / record_name(record, tz)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(record))
    build_site(root, root / "site")
    return root / "site"


@dataclass(frozen=True)
class Sites:
    """Built sites: `lama` (the chain minus its last record), `baru` (the whole chain, extends `lama`) and
    `tulis_ulang` (same length as `baru`, last record rewritten)."""

    lama: Path
    baru: Path
    tulis_ulang: Path


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    sop = load_sop(ROOT)
    files = sorted((ROOT / sop.content.archive).rglob("*.json"))
    parsed = [parse_record(str(f), f.read_bytes())[0] for f in files]
    records = sorted((r for r in parsed if r is not None), key=lambda r: r.seq)
    assert len(records) >= 3, "the repository's demo archive is the chain these tests deploy"
    whole = _real_chain(records)
    return Sites(lama=_build(tmp_path_factory.mktemp("lama"), whole[:-1]),
                 baru=_build(tmp_path_factory.mktemp("baru"), whole),
                 tulis_ulang=_build(tmp_path_factory.mktemp("tulis-ulang"), _real_chain(records, tamper_last=True)))


def sums_text(site: Path) -> str:
    """SHA256SUMS exactly as terbit.yml writes it: find . -type f ! -name SHA256SUMS | LC_ALL=C sort | sha256sum."""
    paths = sorted(("./" + p.relative_to(site).as_posix()).encode() for p in site.rglob("*")
                   if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{hashlib.sha256((site / p.decode()[2:]).read_bytes()).hexdigest()}  {p.decode()}" for p in paths]
    return "\n".join(lines) + "\n"


def artifact_zip(site: Path, *, replace_files: dict[str, bytes] | None = None, sums: str | None = None,
                 extra: dict[str, bytes] | None = None) -> bytes:
    """The artifact upload-artifact makes of site/ plus SHA256SUMS; `replace_files` swaps file contents after the
    sums were computed (unless `sums` is given), `extra` adds members as they are."""
    buffer = io.BytesIO()
    replace_files = replace_files or {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            rel = path.relative_to(site).as_posix()
            archive.writestr(rel, replace_files.get(rel, path.read_bytes()))
        archive.writestr("SHA256SUMS", sums if sums is not None else sums_text(site))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def zips(sites: Sites) -> dict[str, bytes]:
    return {"lama": artifact_zip(sites.lama), "baru": artifact_zip(sites.baru),
            "tulis_ulang": artifact_zip(sites.tulis_ulang)}


@pytest.fixture
def blob_server() -> Iterator[HTTPServer]:
    """The artifact storage host: another host name than the API (127.0.0.1 against localhost), so a client that
    follows the redirect must not carry the token along."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@dataclass
class GitHubWorld:
    fake: FakeGitHub
    actions: ActionsState
    settings: GitHubSettings

    def publish(self, zip_bytes: bytes, label: str, *, at: datetime, **run: object) -> FakeRun:
        """A publish run of commit sha_for(label) with its site artifact."""
        sha = sha_for(label)
        made = self.actions.add_run(REPO, head_sha=sha, created_at=at, **run)  # type: ignore[arg-type]
        self.actions.add_artifact(made, f"situs-ppid-{sha}", zip_bytes)
        return made


@pytest.fixture
def world(httpserver: HTTPServer, blob_server: HTTPServer) -> GitHubWorld:
    fake = FakeGitHub(httpserver)
    fake.add_repo(REPO)
    actions = install_actions_routes(fake, blob_server)
    settings = GitHubSettings(token=fake.token, api_url=fake.base_url, retries=1, backoff_factor=0.0,
                              seconds_between_requests=0.0, seconds_between_writes=0.0, timeout=10,
                              sleep=lambda _s: None)
    return GitHubWorld(fake, actions, settings)


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def no_gh_path(tmp_path: Path) -> str:
    """A PATH without the GitHub CLI (the attestation check is then skipped, as on a server without gh)."""
    folder = tmp_path / "bin-tanpa-gh"
    folder.mkdir()
    return str(folder)


def deploy(world: GitHubWorld, base: Path, *, path: str, **options: object) -> Outcome:
    """`ppid pasang` as the CLI runs it: the exit code, what it printed, and the error message."""
    out = io.StringIO()
    env = {"PATH": path, "GITHUB_TOKEN": world.settings.token}
    try:
        code = pasang(repo=REPO, folder=base, env=env, settings=world.settings, root=ROOT,
                      now=options.pop("now", NOW), out=out, **options)  # type: ignore[arg-type]
        return Outcome(code, out.getvalue(), "")
    except PpidError as exc:
        return Outcome(exc.exit_code, out.getvalue(), str(exc))


def live_files(base: Path) -> dict[str, bytes]:
    """Every file the live site serves."""
    current = base / "current"
    return {p.relative_to(current).as_posix(): p.read_bytes() for p in current.rglob("*") if p.is_file()}


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# -- nginx --------------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Nginx:
    url: str
    prefix: Path


@pytest.fixture
def nginx_for(tmp_path: Path) -> Iterator[object]:
    """nginx_for(base) starts the Debian nginx on 127.0.0.1 serving BASE/current with deploy/'s snippets, exactly
    as ppid.conf includes them; only the listen address, the root and the temp/log paths are the test's own."""
    if NGINX is None:
        pytest.skip("nginx tidak terpasang (paket Debian nginx); .ci/run memasangnya")
    started: list[subprocess.Popen[bytes]] = []

    def start(base: Path) -> Nginx:
        prefix = tmp_path / f"nginx-{len(started)}"
        (prefix / "snippets").mkdir(parents=True)
        for snippet in (ROOT / "deploy" / "nginx" / "snippets").glob("*.conf"):
            shutil.copy(snippet, prefix / "snippets" / snippet.name)
        port = _free_port()
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        temp = "\n".join(f"    {kind}_temp_path {prefix}/{kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (prefix / "nginx.conf").write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    sendfile on;
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {base}/current;
        include snippets/ppid-situs.conf;
    }}
}}
""", encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e",
                                str(prefix / "error.log")], capture_output=True, text=True, timeout=30, check=False)
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e",
                                    str(prefix / "error.log")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started.append(process)
        for _ in range(500):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
            if process.poll() is not None:
                raise AssertionError(f"nginx berhenti: {process.stderr.read() if process.stderr else ''!r}")
            time.sleep(0.02)
        else:
            raise AssertionError("nginx tidak menerima sambungan")
        return Nginx(f"http://127.0.0.1:{port}", prefix)

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


