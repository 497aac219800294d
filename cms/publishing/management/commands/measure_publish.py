"""Publish → live, measured on a running demo: edit one attraction's title (or body), publish it, wait for
the new bytes."""

from __future__ import annotations

import statistics
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.attractions.models import AttractionPage
from cms.publishing.models import BuildRun

TIMEOUT_S = 600


class Command(BaseCommand):
    help = (
        "Measure publish → live for one edited attraction, with the build worker running (e.g. under "
        "'wistakon demo'). It publishes real edits to the title; use it on a demo database only."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug", help="the Indonesian slug of the attraction to edit")
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument(
            "--field",
            choices=("title", "body"),
            default="title",
            help="edit the title (shown on lists, maps and nearby blocks too) or add a line to the body",
        )

    def handle(self, *args: Any, slug: str, runs: int, field: str, **options: Any) -> None:
        page = AttractionPage.objects.filter(slug=slug, locale__language_code="id").first()
        if page is None:
            raise CommandError(f"no Indonesian attraction has the slug '{slug}'")
        target = Path(settings.WISTAKON_DIST_DIR) / "wisata" / slug / "index.html"
        original = getattr(page.get_latest_revision_as_object(), field)
        totals = []
        for number in range(1, runs + 1):
            if field == "title":
                value, shown = f"{original} ({number})", f"<h1>{original} ({number})</h1>"
            else:
                stamp = f"Diperbarui {time.time_ns()}."
                value, shown = f"{original}\n\n{stamp}", stamp
            totals.append(self.measure(page, field, value, shown, target))
        self.stdout.write(f"median publish → live over {runs}: {statistics.median(totals):.2f} s")
        self.publish(page, field, original)  # back to the real text; this build is not timed
        self.stdout.write(f"restored the original {field} (one more build follows)")

    def publish(self, page: AttractionPage, field: str, value: str) -> None:
        draft = page.get_latest_revision_as_object()
        setattr(draft, field, value)
        draft.save_revision().publish()

    def measure(self, page: AttractionPage, field: str, value: str, shown: str, target: Path) -> float:
        last = BuildRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        started = time.perf_counter()
        self.publish(page, field, value)  # as the admin's Publish: the build is queued when this commits
        published = time.perf_counter() - started
        while shown not in (target.read_text() if target.is_file() else ""):
            if time.perf_counter() - started > TIMEOUT_S:
                raise CommandError(f"{target} did not change within {TIMEOUT_S} s; is the build worker running?")
            time.sleep(0.02)
        live = time.perf_counter() - started
        run = BuildRun.objects.filter(pk__gt=last).order_by("pk").first()
        while run.finished_at is None:
            time.sleep(0.05)
            run.refresh_from_db()
        self.stdout.write(
            f"publish → live {live:.2f} s = publish {published:.2f} s + queue wait "
            f"{run.queue_wait.total_seconds():.2f} s + export {run.export_seconds:.2f} s + build "
            f"{run.build_seconds:.2f} s (+ scheduling); {run.change_summary}; {run.files} files, "
            f"{'incremental' if run.changes.get('incremental') else 'full'} build, "
            f"{run.changes.get('rendered')} rendered; exported {run.changes.get('exported')}"
        )
        return live
