"""How values are written in the snapshot: WIB times with seconds, HH:MM, ISO dates, no empty keys."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def datetime_text(value: datetime) -> str:
    return value.astimezone(JAKARTA).isoformat(timespec="seconds")


def parse_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(JAKARTA)


def date_text(value: date) -> str:
    return value.isoformat()


def time_text(value: time) -> str:
    return value.strftime("%H:%M")


def is_datetime_text(text: str) -> bool:
    return "T" in text


def compact(mapping: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """The mapping without empty values (except those in `keep`), so files only say what is known."""
    return {key: value for key, value in mapping.items()
            if key in keep or value is not None and value != "" and value != [] and value != {}}  # fmt: skip


def ordered(mapping: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """`mapping` with `keys` first in that order (PostgreSQL's jsonb does not keep key order)."""
    return {**{k: mapping[k] for k in keys if k in mapping}, **{k: v for k, v in mapping.items() if k not in keys}}
