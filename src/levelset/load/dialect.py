"""Which character separates the columns of a CSV file, recognised once per file.

A spreadsheet saved as CSV where the comma is the decimal separator (Excel in most of
Europe) separates columns with ``;`` and writes ``1,5`` for one and a half. The file's
header says which it is: a header that splits into more columns at ``;`` than at ``,``
is of such a file. Values are then read with the decimal comma of that file, never
guessed one by one.
"""

from __future__ import annotations

import csv

COMMA = ","
SEMICOLON = ";"


def delimiter_of(lines: list[str]) -> str:
    """``;`` when the first line with a separator splits into more columns at ``;`` than
    at ``,`` (a European spreadsheet's CSV), else ``,``."""
    for line in lines:
        if SEMICOLON not in line and COMMA not in line:
            continue  # a title line of a report: it says nothing
        try:
            by_comma = next(csv.reader([line]), [])
            by_semicolon = next(csv.reader([line], delimiter=SEMICOLON), [])
        except csv.Error:
            return COMMA
        return SEMICOLON if len(by_semicolon) > len(by_comma) else COMMA
    return COMMA
