"""Characters no text from content may hold, named so an author can find an invisible one."""

from __future__ import annotations

import unicodedata

BIDI_OVERRIDES = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def browser_lines(value: str) -> str:
    """A form's multi-line text with the CRLF (or CR) line ends browsers send made plain line breaks."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def refused_character(value: str, *, one_line: bool) -> tuple[str, str] | None:
    """(message, fix) for the first character `value` may not hold, or None when it is clean."""
    for position, char in enumerate(value, start=1):
        code = f"U+{ord(char):04X}"
        if char in LINE_BREAKS and (one_line or char != "\n"):
            if not one_line:
                return f"holds the line break {code} at character {position}", "use plain line breaks only"
            return (
                f"has a line break ({code}) at character {position}; this field is one line",
                "write it on one line (calendar feeds and router pages break on a line break here)",
            )
        if char in BIDI_OVERRIDES:
            name = unicodedata.name(char, code)
            return (
                f"holds the bidirectional override {code} ({name}) at character {position}, "
                "which makes text read differently than it is stored",
                "delete that invisible character (retype the text if unsure where it is)",
            )
        if unicodedata.category(char) == "Cc" and (one_line or char not in "\t\n"):
            return (
                f"holds the control character {code} at character {position}",
                "delete that invisible character (retype the text if unsure where it is)",
            )
    return None
