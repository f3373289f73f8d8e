"""`ppid jadwal [--now ISO] [--json]`: which berkala information is due (older than six months)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from pipeline.commands.check import check_tree
from pipeline.core.dates_wib import WIB, parse_instant
from pipeline.core.schedule import DueItem, berkala_schedule
from pipeline.edges.config import find_root, load_sop
from pipeline.errors import PpidError, UsageError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("jadwal", help="daftar informasi berkala yang perlu diperbarui",
                            description="Menampilkan, per kategori informasi berkala, tanggal terbit terakhir "
                                        "dan apakah sudah waktunya diperbarui (lebih dari enam bulan).")
    parser.add_argument("--now", help="waktu acuan ISO 8601 (bawaan: sekarang, WIB)")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    parser.set_defaults(func=run)


def render_text(items: tuple[DueItem, ...]) -> str:
    lines = []
    for item in items:
        status = "TERLAMBAT" if item.late else ("PERLU DIPERBARUI" if item.due else "aman")
        last = item.last.isoformat() if item.last else "belum pernah"
        lines.append(f"{status:<17} {item.judul} — terakhir: {last}; batas: {item.due_on.isoformat()}")
    due = sum(1 for i in items if i.due)
    lines.append(f"{due} butir perlu disposisi." if due else "Semua informasi berkala masih berlaku.")
    return "\n".join(lines)


def as_json(items: tuple[DueItem, ...]) -> list[dict[str, object]]:
    return [{"key": i.key, "judul": i.judul, "last": i.last.isoformat() if i.last else None,
             "last_path": i.last_path, "due_on": i.due_on.isoformat(), "due": i.due, "late": i.late} for i in items]


def run(args: argparse.Namespace) -> int:
    try:
        now = parse_instant(args.now) if args.now else datetime.now(WIB)
    except ValueError as exc:
        raise UsageError(f"--now: {exc}") from None
    root = find_root()
    result, _ = check_tree(root)
    if not result.ok:
        raise PpidError("konten belum valid; jalankan 'ppid check' dan perbaiki dulu masalahnya")
    items = berkala_schedule(result.announcements, now.astimezone(WIB).date(), load_sop(root).berkala_bulan)
    print(json.dumps(as_json(items), ensure_ascii=False, indent=2) if args.json else render_text(items))
    return 0
