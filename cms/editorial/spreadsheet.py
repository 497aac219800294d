"""Reading a curator's spreadsheet (XLSX or CSV) into rows of text, and writing the blank template."""

from __future__ import annotations

import csv
from io import BytesIO, StringIO

from django.utils.translation import gettext as _

MAX_ROWS = 2000


class SpreadsheetError(Exception):
    """The file cannot be read at all (as opposed to a bad row)."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
        return str(int(value))  # 15000.0 typed in a price cell
    return str(value).strip()


def read_table(file_name: str, content: bytes) -> list[dict[str, str]]:
    """The rows under the header row, each a {column: text} dict; column names lower-cased."""
    if file_name.lower().endswith(".xlsx"):
        table = _xlsx_rows(content)
    elif file_name.lower().endswith(".csv"):
        table = _csv_rows(content)
    else:
        raise SpreadsheetError(_("Upload an .xlsx or a .csv file (the template is an .xlsx file)."))
    if not table:
        raise SpreadsheetError(_("The file is empty: the first row must hold the column names."))
    header = [_text(cell).lower() for cell in table[0]]
    rows = []
    for cells in table[1:]:
        values = {name: _text(cell) for name, cell in zip(header, cells, strict=False) if name}
        if any(values.values()):
            rows.append(values)
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(_("The file has more than %(max)s rows; split it into smaller files.") % {
            "max": MAX_ROWS})  # fmt: skip
    return rows


def _xlsx_rows(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise SpreadsheetError(_("This is not a readable .xlsx file; save it again from your spreadsheet "
                                 "program.")) from error  # fmt: skip
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _csv_rows(content: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","  # Excel in Indonesian uses ;
    return list(csv.reader(StringIO(text), delimiter=delimiter))


def template_xlsx(columns: list[tuple[str, str]], example: dict[str, str]) -> bytes:
    """A workbook with the columns, one example row, and a sheet that explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Objek wisata"
    sheet.append([name for name, _help in columns])
    sheet.append([example.get(name, "") for name, _help in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Petunjuk")
    guide.append([_("column"), _("what to write")])
    for name, explanation in columns:
        guide.append([name, explanation])
    guide.column_dimensions["B"].width = 100
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_csv(columns: list[tuple[str, str]], example: dict[str, str]) -> bytes:
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _help in columns])
    writer.writerow([example.get(name, "") for name, _help in columns])
    return out.getvalue().encode("utf-8-sig")
