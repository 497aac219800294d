"""Calendar rule engine: Hijri (Kemenag/MABIMS), Javanese (Aboge/Asapon) and Chinese dates, and rules over them.

Pure Python: no Django, no I/O. Projected dates are tentative until an editor confirms them.
"""

from . import chinese, hijri, javanese
from .rules import CALENDARS, JAKARTA, WEEKDAYS, ProjectedOccurrence, Rule, RuleError, project_occurrences

__all__ = [
    "CALENDARS",
    "JAKARTA",
    "WEEKDAYS",
    "ProjectedOccurrence",
    "Rule",
    "RuleError",
    "chinese",
    "hijri",
    "javanese",
    "project_occurrences",
]
