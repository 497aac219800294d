"""Spreadsheets of the agenda: a header and rows in, XLSX (openpyxl) or CSV bytes out.

Pure: no Flask. Deterministic: the workbook's created/modified dates and every zip entry's time are
the build's date, so the same content gives the same bytes. Text from content stays text: in the
XLSX every string is a string cell (never a formula), and in the CSV a cell that a spreadsheet would
read as a formula (= + - @, tab, CR) is neutralised with a leading apostrophe (OWASP's advice).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

Cell = str | int | float | bool | date | time | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry these (openpyxl refuses them); CSV readers trip on them too.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_CORE = "docProps/core.xml"


def printable(text: str) -> str:
    """Text without control characters (line breaks kept as LF)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def csv_cell(value: Cell) -> str:
    """One CSV cell: ISO dates and times, true/false, text neutralised when it could be read as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat(timespec="minutes") if isinstance(value, time) else value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = printable(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read it as UTF-8), CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(
    title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]], *, sheet_name: str, made: datetime, creator: str
) -> bytes:
    """One sheet, a bold frozen header, filters, and the build's date (aware) as every timestamp."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_name)
    sheet.append([printable(name) for name in header])
    for row in rows:
        sheet.append([printable(value) if isinstance(value, str) else value for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with "=": a string cell is never evaluated
            elif isinstance(cell.value, time):
                cell.number_format = "hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(header, start=1):
        width = max([len(str(name)), *(len(str(row[index - 1] or "")) for row in rows[:200])])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    moment = made.astimezone(UTC).replace(tzinfo=None)  # openpyxl writes naive datetimes as UTC
    workbook.properties = DocumentProperties(creator=creator, title=printable(title), created=moment, modified=moment)
    raw = io.BytesIO()
    workbook.save(raw)  # stamps "modified" with the clock: put back below, with fixed zip times
    return _fixed(raw.getvalue(), workbook.properties, made)


def _sheet_title(title: str) -> str:
    """Excel's sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", printable(title))[:31] or "Sheet1"


def _fixed(data: bytes, properties: DocumentProperties, made: datetime) -> bytes:
    """The same workbook with `made` as its modified date and as every zip entry's (local) time."""
    properties.modified = made.astimezone(UTC).replace(tzinfo=None)
    stamp = (max(made.year, 1980), made.month, made.day, made.hour, made.minute, made.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = tostring(properties.to_tree()) if info.filename == _CORE else source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()
