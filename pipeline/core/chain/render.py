"""Pure renderers of a Verdict: the short summary, the JSON object, the PR comment and the commit status.

Everything people read is Bahasa Indonesia with times in WIB (the calendar's zone); JSON times are UTC "Z".
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any, Literal

from pipeline.core.chain.verdict import BLOCKING, StepTiming, Verdict
from pipeline.core.chain.words import (
    STEP_NAME,
    chain_names,
    minutes_text,
    role_name,
    short_sha,
    standard_text,
    when,
)
from pipeline.core.sop import Sop

MARKER = "<!-- ppid:persetujuan -->"
STATUS_CONTEXT = "ppid/persetujuan"
STATUS_MAX = 139  # GitHub refuses descriptions of 140 characters and more

StatusState = Literal["success", "pending", "failure"]

STATE_LABEL = {"approved": "Disetujui", "waiting": "Menunggu", "returned": "Dikembalikan", "blocked": "Terblokir"}
STATE_ICON = {"approved": "✅", "waiting": "⏳", "returned": "↩️", "blocked": "⛔"}
KIND_LABEL = {"announcement": "pengumuman", "maintenance": "pemeliharaan", "evidence": "bukti offline",
              "unevaluated": "tidak dievaluasi"}
URGENT = "MENDESAK"
URGENT_NOTE = ("🚨 **MENDESAK: informasi serta merta.** Informasi yang dapat mengancam hajat hidup orang banyak dan "
               "ketertiban umum wajib diumumkan tanpa penundaan (Pasal 10 UU 14/2008). Mohon setiap pemeriksa "
               "segera meninjau; waktu tiap langkah dihitung dengan standar serta merta dalam sop.yml.")
STEP_LABEL = {"ok": "tepat waktu", "late": "terlambat", "running": "berjalan", "overdue": "melewati standar",
              "not_started": "belum dimulai"}
STEP_ICON = {"ok": "✅", "late": "⚠️", "running": "⏳", "overdue": "🔴", "not_started": "·"}
BLOCK_SHORT = {
    "mixed_change": "PR mencampur konten dan berkas lain",
    "archive_modified": "arsip bukti diubah atau dihapus",
    "missing_disposisi": "issue disposisi tidak disebut atau tidak ada",
    "disposisi_not_assigned": "disposisi belum ditugaskan kepada penulis PR",
    "disposisi_not_by_kabid": "disposisi bukan dari Kabid/Kasubag",
    "evidence_modified": "bukti offline lama diubah atau dihapus",
    "author_not_in_team": "penulis PR bukan anggota tim PPID; PR tidak dievaluasi",
    "base_not_default": "PR tidak ditujukan ke cabang utama",
    "shared_head": "commit terakhir juga dipakai PR terbuka lain",
    "too_many_files": "GitHub tidak mencantumkan semua berkas PR; PR tidak dievaluasi",
    "too_many_announcements": "terlalu banyak pengumuman dalam satu PR",
}


def iso_z(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """The `--json` object (the documented shape, plus the result tree under `rules` and `discarded`)."""
    return {
        "pr": verdict.pr,
        "head_sha": verdict.head_sha,
        "kind": verdict.kind,
        "serta_merta": verdict.urgent,
        "state": verdict.state,
        "next": verdict.next,
        "approvals": [{"role": a.role, "login": a.login, "submitted_at": iso_z(a.submitted_at),
                       "commit_id": a.commit_id} for a in verdict.approvals],
        "problems": [{"code": p.code, "message": p.message} for p in verdict.problems],
        "timing": [{"step": t.step, "role": t.role, "standard": str(t.standard),
                    "elapsed_minutes": t.elapsed_minutes, "status": t.status, "key": t.key,
                    "started_at": iso_z(t.started_at), "finished_at": iso_z(t.finished_at),
                    "deadline": iso_z(t.deadline)} for t in verdict.timing],
        "repo": verdict.repo,
        "evaluated_at": iso_z(verdict.evaluated_at),
        "rules": [{"rule": r.rule, "status": r.status, "reason": r.reason} for r in verdict.rules],
        "discarded": [{"review_id": d.review_id, "login": d.login, "state": d.state, "code": d.code,
                       "reason": d.reason} for d in verdict.discarded],
    }


def _headline(verdict: Verdict, sop: Sop) -> str:
    label = STATE_LABEL[verdict.state]
    if verdict.state == "approved":
        return label
    who = role_name(sop, verdict.next) if verdict.next else "?"
    if verdict.state == "waiting":
        return f"{label} {who}"
    if verdict.state == "returned":
        return f"{label} kepada {who}"
    return f"{label}; perlu tindakan {who}"


def _next_text(verdict: Verdict, sop: Sop) -> str:
    if verdict.next is None:
        if verdict.kind == "evidence":
            return ("Tidak ada: bukti offline disetujui; PR siap digabung (merge) dan fotonya tampil di halaman "
                    "bukti pengumuman.")
        return "Tidak ada: rantai persetujuan lengkap; PR siap digabung (merge) dan diterbitkan."
    name, team = role_name(sop, verdict.next), sop.team(verdict.next)
    if verdict.state == "blocked":
        return f"{name} (tim `{team}`): selesaikan masalah di bawah; persetujuan belum dapat dihitung."
    if verdict.state == "returned":
        return f"{name} (tim `{team}`): tindak lanjuti permintaan perubahan."
    if verdict.next == "pelaksana":
        return f"{name}: selesaikan konsep lalu tandai PR \"Ready for review\"."
    return f"{name} (anggota tim `{team}`): periksa dan setujui PR ini (Review changes → Approve)."


def _elapsed(step: StepTiming) -> str:
    if step.elapsed_minutes is None:
        return "—"
    return minutes_text(step.elapsed_minutes)


def summary_text(verdict: Verdict, sop: Sop, tz: tzinfo) -> str:
    """A short readable summary for the terminal or the Actions log."""
    urgent = f" [{URGENT}: serta merta]" if verdict.urgent else ""
    lines = [f"PR #{verdict.pr} ({KIND_LABEL[verdict.kind]}, commit {short_sha(verdict.head_sha)}): "
             f"{_headline(verdict, sop)}{urgent}"]
    lines.append(f"Berikutnya: {_next_text(verdict, sop)}")
    if verdict.approvals:
        lines.append("Persetujuan sah:")
        lines.extend(f"  - {role_name(sop, a.role)}: @{a.login}, {when(a.submitted_at, tz)}" for a in verdict.approvals)
    if verdict.problems:
        lines.append("Masalah:")
        lines.extend(f"  - [{p.code}] {p.message}" for p in verdict.problems)
    if verdict.timing:
        lines.append("Waktu SOP (jam kerja" + (", standar serta merta):" if verdict.urgent else "):"))
        for t in verdict.timing:
            lines.append(f"  {t.step}. {STEP_NAME.get(t.key, t.key)} ({role_name(sop, t.role)}): {_elapsed(t)} "
                         f"dari standar {standard_text(str(t.standard))}, {STEP_LABEL[t.status]}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def comment_markdown(verdict: Verdict, sop: Sop, tz: tzinfo, preview: str = "") -> str:
    """The one PR comment: the chain as a table, who acts next, each problem with what to do, then the
    announcement `preview` (pipeline.core.chain.preview) when given."""
    out = [MARKER, f"### Rantai persetujuan PPID: PR #{verdict.pr}" + (f" · {URGENT}" if verdict.urgent else ""), ""]
    if verdict.urgent:
        out += [URGENT_NOTE, ""]
    out += [f"**Status:** {STATE_ICON[verdict.state]} {_headline(verdict, sop)} · {KIND_LABEL[verdict.kind]} · "
            f"commit `{short_sha(verdict.head_sha)}` · diperiksa {when(verdict.evaluated_at, tz)}", ""]
    if verdict.timing:
        out += ["| Langkah | Peran | Oleh | Selesai | Waktu kerja / standar | Status |",
                "|---|---|---|---|---|---|"]
        for t in verdict.timing:
            who = f"@{t.actor}" if t.actor else "—"
            done = when(t.finished_at, tz) if t.finished_at else "—"
            if t.finished_at is None and t.deadline is not None:
                done = f"batas {when(t.deadline, tz)}"
            out.append(f"| {t.step}. {STEP_NAME.get(t.key, t.key)} | {_cell(role_name(sop, t.role))} | {who} | "
                       f"{done} | {_elapsed(t)} / {standard_text(str(t.standard))} | "
                       f"{STEP_ICON[t.status]} {STEP_LABEL[t.status]} |")
        out.append("")
    elif verdict.approvals:
        out += ["| Peran | Oleh | Waktu (WIB) |", "|---|---|---|"]
        out += [f"| {_cell(role_name(sop, a.role))} | @{a.login} | {when(a.submitted_at, tz)} |"
                for a in verdict.approvals]
        out.append("")
    out += [f"**Berikutnya:** {_next_text(verdict, sop)}", ""]
    if verdict.problems:
        out.append("**Yang perlu ditindaklanjuti:**")
        out += [f"- {'⛔' if p.code in BLOCKING else '⚠️'} `{p.code}`: {p.message}" for p in verdict.problems]
        out.append("")
    if verdict.discarded:
        out.append(f"<details><summary>Ulasan yang tidak dihitung ({len(verdict.discarded)})</summary>")
        out.append("")
        out += [f"- @{d.login} ({d.state}): {d.reason}" for d in verdict.discarded]
        out += ["", "</details>", ""]
    if preview:
        out += [preview.rstrip("\n"), ""]
    out.append("<sub>Diperbarui otomatis oleh `ppid chain` setiap kali PR berubah; jangan mengedit komentar ini. "
               "Waktu dihitung dalam jam kerja sesuai sop.yml.</sub>")
    return "\n".join(out) + "\n"


def status_state(verdict: Verdict) -> StatusState:
    """success only when approved; pending while waiting; failure when returned or blocked."""
    if verdict.state == "approved":
        return "success"
    return "pending" if verdict.state == "waiting" else "failure"


def status_description(verdict: Verdict, sop: Sop) -> str:
    """The commit status line (under 140 characters)."""
    if verdict.state == "approved":
        if verdict.kind == "maintenance":
            text = f"Disetujui admin @{verdict.approvals[0].login}" if verdict.approvals else "Disetujui"
        elif verdict.kind == "evidence":
            text = (f"Bukti offline disetujui {role_name(sop, 'kabid')} @{verdict.approvals[0].login}"
                    if verdict.approvals else "Bukti offline disetujui")
        else:
            text = f"Disetujui berurutan: {chain_names(sop).replace(', lalu', ',')}"
    elif verdict.state == "blocked":
        blocking = [p for p in verdict.problems if p.code in BLOCKING]
        first = BLOCK_SHORT.get(blocking[0].code, blocking[0].code) if blocking else "lihat komentar PR"
        more = f" (+{len(blocking) - 1} masalah lain)" if len(blocking) > 1 else ""
        text = f"Terblokir: {first}{more}; lihat komentar PR"
    else:
        text = _headline(verdict, sop)
        if verdict.state == "waiting" and verdict.kind == "announcement":
            text += f" ({len(verdict.approvals)} dari 3 persetujuan sah)"
        elif verdict.state == "returned":
            text += "; ada permintaan perubahan"
    if verdict.urgent:
        text = f"{URGENT} (serta merta): {text}"
    return text if len(text) <= STATUS_MAX else text[: STATUS_MAX - 1] + "…"
