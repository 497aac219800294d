from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.core.snapshot.export import export_snapshot


class Command(BaseCommand):
    help = "Write every published item to the content snapshot (content/), replacing its sections at once."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--content", type=Path, default=settings.WISTAKON_CONTENT_DIR,
                            help="the snapshot folder (default: %(default)s)")  # fmt: skip

    def handle(self, *args: Any, content: Path, **options: Any) -> None:
        count = export_snapshot(content, say=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} files to {content}"))
