from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.core.snapshot.importer import import_snapshot
from cms.core.snapshot.reading import SnapshotProblems


class Command(BaseCommand):
    help = "Bring the content snapshot (content/) into the CMS: create or update each item and publish it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--content", type=Path, default=settings.WISTAKON_CONTENT_DIR,
                            help="the snapshot folder (default: %(default)s)")  # fmt: skip

    def handle(self, *args: Any, content: Path, **options: Any) -> None:
        if not content.is_dir():
            raise CommandError(f"{content} is not a folder; give the snapshot folder with --content")
        try:
            outcome = import_snapshot(content, say=self.stdout.write)
        except SnapshotProblems as problems:
            for problem in problems.problems:
                self.stderr.write(f"  - {problem}")
            raise CommandError(f"{len(problems.problems)} problem(s) in {content}; nothing was imported") from None
        summary = ", ".join(f"{outcome[k]} {k}" for k in ("created", "updated", "unchanged"))
        self.stdout.write(self.style.SUCCESS(f"Imported {content}: {summary}"))
