from argparse import ArgumentParser, ArgumentTypeError
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.agenda.rollover import RolloverReport, roll_over, when_text


def aware_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"{text!r} is not an ISO time, e.g. 2026-11-28T09:00:00+07:00") from error
    if value.tzinfo is None:
        raise ArgumentTypeError(f"{text!r} has no UTC offset; add one, e.g. +07:00 for WIB")
    return value


class Command(BaseCommand):
    help = ("Add tentative, projected occurrences of every recurring event for a year and publish them. "
            "Running it again adds nothing; confirmed, postponed and cancelled dates are never touched.")  # fmt: skip

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="the Gregorian year, e.g. 2027")
        parser.add_argument("--now", type=aware_time, default=None,
                            help="the change time written on new occurrences (default: now)")  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="print what would change; change nothing")

    def handle(self, *args: Any, year: int, now: datetime | None, dry_run: bool, **options: Any) -> None:
        try:
            report = roll_over(year, now or timezone.now(), dry_run=dry_run)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.write_report(report)

    def write_report(self, report: RolloverReport) -> None:
        would = "would add" if report.dry_run else "added"
        for line in report.added:
            standing = "tentative" if line.tentative else "confirmed (fixed date)"
            self.stdout.write(f"+ {line.title} [{line.key}]: {would} {when_text(line.start, line.end)}, {standing}")
        for line in report.updated:
            moved = "would move" if report.dry_run else "moved"
            self.stdout.write(f"~ {line.title} [{line.key}]: {moved} to {when_text(line.start, line.end)}, "
                              "still tentative")  # fmt: skip
        for line in report.unchanged:
            self.stdout.write(f"= {line.title} [{line.key}]: already there")
        for line in report.kept:
            self.stdout.write(f"= {line.title} [{line.key}]: kept as it is ({line.reason})")
        for line in report.needs_organiser:
            self.stdout.write(f"? {line.title}: needs a date from the organiser")
        for line in report.failed:
            self.stderr.write(f"! {line.title}: the rule cannot be projected: {line.reason}")
        verbs = ("Would add", "would move") if report.dry_run else ("Added", "moved")
        summary = (f"{verbs[0]} {len(report.added)} and {verbs[1]} {len(report.updated)} occurrences in {report.year}; "
                   f"{len(report.unchanged) + len(report.kept)} already there; "
                   f"{len(report.needs_organiser)} events need a date from the organiser.")  # fmt: skip
        self.stdout.write(self.style.SUCCESS(summary))
        if report.failed:
            raise CommandError(f"{len(report.failed)} events could not be projected; fix their rules and run again")
