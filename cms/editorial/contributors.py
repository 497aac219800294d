"""Onboarding from a CSV: check every row first, create nothing if one is wrong, and create each account once."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from cms.editorial.models import Role
from cms.editorial.roles import ADMINISTRATOR, CONTRIBUTOR, MODERATOR
from cms.editorial.spreadsheet import SpreadsheetError, read_table

COLUMNS = ("username", "email", "first_name", "last_name", "group")
GROUPS = {"kontributor komunitas": CONTRIBUTOR, "kontributor": CONTRIBUTOR, "contributor": CONTRIBUTOR,
          "moderator": MODERATOR, "administrator": ADMINISTRATOR, "admin": ADMINISTRATOR}  # fmt: skip


@dataclass
class AccountPlan:
    number: int
    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    group: str = ""
    action: str = "create"  # create | join-group | unchanged | error
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def plan_accounts(content: bytes) -> list[AccountPlan]:
    try:
        rows = read_table("accounts.csv", content)
    except SpreadsheetError as error:
        return [AccountPlan(1, "", errors=[str(error)], action="error")]
    if rows and (missing := [c for c in COLUMNS if c not in rows[0]]):
        return [AccountPlan(1, "", action="error", errors=[_("Missing columns: %(columns)s.") % {
            "columns": ", ".join(missing)}])]  # fmt: skip
    plans = [_plan(number, row) for number, row in enumerate(rows, start=2)]
    for key in ("username", "email"):
        seen: dict[str, int] = {}
        for plan in plans:
            value = getattr(plan, key).lower()
            if value and value in seen:
                plan.errors.append(_("%(column)s is the same as in row %(row)s.") % {"column": key, "row": seen[value]})
            seen.setdefault(value, plan.number)
    for plan in plans:
        if plan.errors:
            plan.action = "error"
    return plans


def _plan(number: int, row: dict[str, str]) -> AccountPlan:
    plan = AccountPlan(number, row.get("username", ""), row.get("email", ""), row.get("first_name", ""),
                       row.get("last_name", ""))  # fmt: skip
    group = GROUPS.get(row.get("group", "").strip().lower())
    if group is None:
        plan.errors.append(_("group: write Kontributor Komunitas, Moderator or Administrator."))
    plan.group = group or ""
    try:
        UnicodeUsernameValidator()(plan.username)
        if not plan.username or len(plan.username) > 150:
            raise ValidationError(_("username: required, at most 150 characters."))
    except ValidationError as error:
        plan.errors.append("username: " + " ".join(error.messages))
    try:
        validate_email(plan.email)
    except ValidationError:
        plan.errors.append(_("email: “%(email)s” is not an email address.") % {"email": plan.email})
    User = get_user_model()
    existing = User.objects.filter(username=plan.username).first()
    if existing is not None:
        if existing.email.lower() != plan.email.lower():
            plan.errors.append(_("username: already used by an account with another email."))
        elif group and not existing.groups.filter(name=group).exists():
            plan.action = "join-group"
        else:
            plan.action = "unchanged"
    elif plan.email and User.objects.filter(email__iexact=plan.email).exists():
        plan.errors.append(_("email: already used by another account."))
    return plan


@transaction.atomic
def create_accounts(plans: list[AccountPlan]) -> Counter[str]:
    """Creates the accounts (password unusable: people set their own through 'forgot password')."""
    if not all(plan.valid for plan in plans):
        raise ValueError("invalid rows")
    User = get_user_model()
    outcome: Counter[str] = Counter()
    for plan in plans:
        if plan.action == "create":
            user = User.objects.create_user(plan.username, plan.email, None, first_name=plan.first_name,
                                            last_name=plan.last_name)  # fmt: skip
            user.groups.add(Group.objects.get(name=plan.group))
            outcome["created"] += 1
        elif plan.action == "join-group":
            User.objects.get(username=plan.username).groups.add(Group.objects.get(name=plan.group))
            outcome["joined"] += 1
        else:
            outcome["unchanged"] += 1
    return outcome


def role_descriptions() -> list[tuple[str, str]]:
    return list(Role.objects.order_by("group__name").values_list("group__name", "description"))


def describe(plan: AccountPlan) -> str:
    """One line of the row-by-row report."""
    if plan.errors:
        return f"row {plan.number} {plan.username or '?'}: " + "; ".join(plan.errors)
    return f"row {plan.number} {plan.username}: {plan.action} ({plan.group})"
