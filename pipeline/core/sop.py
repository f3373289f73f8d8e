"""The SOP as data (sop.yml): steps, roles and teams, time standards, calendar, content paths.

Validated on load with pydantic; errors name the file, line and field.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from pipeline.core.dates_id import IsoDate
from pipeline.core.yamlsafe import LoadedYaml, load_mapping
from pipeline.errors import ConfigError

ROLE_NAMES = ("pelaksana", "kabid", "sekretaris", "kepala_dinas", "admin")
Role = Literal["pelaksana", "kabid", "sekretaris", "kepala_dinas", "admin"]
WEEKDAYS_ID = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_DURATION = re.compile(r"^(\d+)([mhd])$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# The highest `content.max_announcements_per_pr` accepted: one evaluation then reads at most this many files.
MAX_ANNOUNCEMENTS_LIMIT = 100




class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Duration(_Frozen):
    """A time standard: `15m`, `1h` (working minutes) or `1d` (working days)."""

    amount: int
    unit: Literal["m", "h", "d"]

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' bukan durasi; tulis misalnya 15m, 1h atau 1d")
        return cls(amount=int(match.group(1)), unit=match.group(2))  # type: ignore[arg-type]

    @property
    def minutes(self) -> int:
        """Working minutes for m/h units (days are counted on the calendar, not in minutes)."""
        return self.amount * (60 if self.unit == "h" else 1)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def _duration(value: object) -> object:
    return Duration.parse(value) if isinstance(value, str) else value


DurationField = Annotated[Duration, BeforeValidator(_duration)]


class RoleConfig(_Frozen):
    team: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    nama: str


class Step(_Frozen):
    langkah: int
    key: str
    role: Role
    standard: DurationField
    standard_serta_merta: DurationField | None = None
    kegiatan: str
    kelengkapan: str
    output: str


class ExtraHoliday(_Frozen):
    tanggal: IsoDate
    nama: str
    dasar: str


class CalendarConfig(_Frozen):
    timezone: str
    hours: dict[str, tuple[str, str]]
    holidays_country: str = "ID"
    extra_holidays: tuple[ExtraHoliday, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _iana(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' bukan zona waktu IANA; tulis misalnya Asia/Pontianak") from None
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The office's time zone, validated when sop.yml was read (ZoneInfo caches one instance per key)."""
        return ZoneInfo(self.timezone)

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> object:
        if isinstance(value, dict):
            for day, span in value.items():
                if day not in WEEKDAYS_ID:
                    raise ValueError(f"hari '{day}' tidak dikenal; pakai {', '.join(WEEKDAYS_ID)}")
                if (not isinstance(span, list) or len(span) != 2
                        or not all(isinstance(t, str) and _CLOCK.match(t) for t in span) or span[0] >= span[1]):
                    raise ValueError(f"jam kerja {day} harus [\"HH:MM\", \"HH:MM\"] dengan jam mulai < jam selesai")
            return {day: tuple(span) for day, span in value.items()}
        return value


class ContentConfig(_Frozen):
    dir: str = "content"
    announcements: str = "content/pengumuman"
    archive: str = "content/arsip"
    attachments: str = "content/lampiran"
    evidence: str = "content/bukti"
    announcement_paths: tuple[str, ...] = ("content/**",)
    protected_paths: tuple[str, ...] = ()
    # `ppid chain` reads each changed announcement once at the PR's head commit: the limit bounds one evaluation.
    max_announcements_per_pr: int = 20

    @field_validator("max_announcements_per_pr", mode="before")
    @classmethod
    def _announcement_limit(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ANNOUNCEMENTS_LIMIT:
            raise ValueError(f"'{value}' bukan batas yang valid; tulis bilangan bulat 1 sampai "
                             f"{MAX_ANNOUNCEMENTS_LIMIT} (jumlah pengumuman paling banyak dalam satu PR)")
        return value


class NomorConfig(_Frozen):
    pattern: str
    contoh: str
    format: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pola nomor bukan regex yang valid: {exc}") from exc
        return value


class PasangConfig(_Frozen):
    """The agency's own web server (`ppid pasang`)."""

    simpan: Annotated[int, Field(ge=2, le=100)] = 5  # releases kept on disk: the live one and rollback targets


class Sop(_Frozen):
    """The whole sop.yml, validated."""

    nomor_sop: str
    nama: str
    instansi: str
    pemerintah: str  # the government the office belongs to: the letterhead's first line
    tempat: str = "Pontianak"
    roles: dict[Role, RoleConfig]
    steps: tuple[Step, ...]
    calendar: CalendarConfig
    content: ContentConfig = ContentConfig()
    nomor: NomorConfig
    berkala_bulan: int = 6
    pasang: PasangConfig = PasangConfig()

    @field_validator("roles")
    @classmethod
    def _all_roles(cls, value: dict[str, RoleConfig]) -> dict[str, RoleConfig]:
        missing = [r for r in ROLE_NAMES if r not in value]
        if missing:
            raise ValueError(f"peran belum diisi: {', '.join(missing)}")
        return value

    @field_validator("steps")
    @classmethod
    def _six_steps(cls, value: tuple[Step, ...]) -> tuple[Step, ...]:
        if [s.langkah for s in value] != list(range(1, len(value) + 1)) or len(value) != 6:
            raise ValueError("harus ada enam langkah bernomor 1 sampai 6, berurutan")
        return value

    def team(self, role: str) -> str:
        return self.roles[role].team  # type: ignore[index]

    def step(self, langkah: int) -> Step:
        return self.steps[langkah - 1]

    @property
    def tz(self) -> ZoneInfo:
        """The office's time zone (sop.yml calendar.timezone): the one accessor every module uses."""
        return self.calendar.tz

    @property
    def nomor_re(self) -> re.Pattern[str]:
        return re.compile(self.nomor.pattern)


def parse_sop(text: str, path: str = "sop.yml") -> Sop:
    """Parse and validate sop.yml text; raises ConfigError naming file, line and field."""
    loaded: LoadedYaml = load_mapping(text, what="sop.yml")
    if loaded.data is None:
        first = loaded.issues[0]
        raise ConfigError(f"{path}:{first.line}: {first.field}: {first.message}")
    try:
        return Sop.model_validate(loaded.data, strict=False)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = 1
            for cut in range(len(loc), 0, -1):
                if loc[:cut] in loaded.lines:
                    line = loaded.lines[loc[:cut]]
                    break
            where = ".".join(str(p) for p in loc) or "(sop.yml)"
            message = str(err["msg"]).removeprefix("Value error, ")  # pydantic's prefix on our own messages
            lines.append(f"{path}:{line}: {where}: {message}")
        raise ConfigError("\n".join(lines)) from None
