"""Fit a splash page into its byte budget by dropping the least important content first.

The order is the brief's: the farthest attractions, then the latest events, then the
lowest-priority promotions, then shorter summaries. Only when even the minimal page is too big
does fitting fail, and then the caller names the hotspot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

BUDGET_BYTES = 14_600  # one TCP initial congestion window (10 × 1,460 bytes): the page arrives in one round trip
SUMMARY_STEPS: tuple[int | None, ...] = (None, 120, 60, 0)  # None: the full summary; 0: none at all


@dataclass(frozen=True)
class Selection:
    """How much of each list a page shows; lists are already in priority order."""

    attractions: int
    events: int
    promotions: int
    summary_chars: int | None = None


MINIMUM = Selection(attractions=3, events=3, promotions=1, summary_chars=0)


class OverBudget(ValueError):
    def __init__(self, size: int, budget: int) -> None:
        super().__init__(f"the minimal page is {size:,} bytes, over the budget of {budget:,} bytes")
        self.size = size
        self.budget = budget


def plans(available: Selection, minimum: Selection = MINIMUM) -> Iterator[Selection]:
    """Every selection from the richest page to the minimal one, one step at a time."""
    current = available
    yield current
    for field in ("attractions", "events", "promotions"):
        floor = min(getattr(minimum, field), getattr(available, field))
        while getattr(current, field) > floor:
            current = replace(current, **{field: getattr(current, field) - 1})
            yield current
    for chars in SUMMARY_STEPS[1:]:
        current = replace(current, summary_chars=chars)
        yield current


def fit(
    largest_page: Callable[[Selection], int],
    available: Selection,
    budget: int = BUDGET_BYTES,
    minimum: Selection = MINIMUM,
) -> Selection:
    """The richest selection whose largest rendered page (in bytes) fits `budget`."""
    largest = 0
    for selection in plans(available, minimum):
        largest = largest_page(selection)
        if largest <= budget:
            return selection
    raise OverBudget(largest, budget)


def shorten(text: str, chars: int | None) -> str:
    """`text` cut at a word boundary to at most `chars` characters (with an ellipsis)."""
    if chars is None or len(text) <= chars:
        return text
    if chars <= 1:
        return ""
    cut = text[: chars - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return cut + "…"
