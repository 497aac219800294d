from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.editorial.contributors import create_accounts, describe, plan_accounts


class Command(BaseCommand):
    help = ("Create accounts from a CSV with columns username,email,first_name,last_name,group. Every row is "
            "checked first; if one is wrong, nothing is created. Running it again creates nothing twice.")  # fmt: skip

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        plans = plan_accounts(file.read_bytes())
        for plan in plans:
            self.stdout.write(describe(plan))
        if bad := [plan for plan in plans if not plan.valid]:
            raise CommandError(f"{len(bad)} row(s) of {file} have problems; no account was created")
        outcome = create_accounts(plans)
        self.stdout.write(f"{outcome['created']} created, {outcome['joined']} added to a group, "
                          f"{outcome['unchanged']} unchanged")  # fmt: skip
