"""Reading an HR roster file, row by row, without loading it whole.

A roster is a CSV file (UTF-8 with or without a byte-order mark, UTF-16 as Excel's
"Unicode text" saves it, or TIS-620/cp874 when the bytes are not UTF-8; comma, semicolon
or tab between cells; CRLF or LF) or an XLSX workbook (its first sheet, read by openpyxl in
read-only mode). What the file is comes from its bytes, never from its name.

The header is the first row, among the first few non-empty ones, that names at least two
known columns (Thai or English, in any order; unknown columns are ignored, so a title row
above the header does no harm). Rows are numbered as a spreadsheet shows them (the first row
is 1), so a report line points at the row HR has to fix.

Every way a file can be unusable is a ``RosterFileError`` with a message code; nothing is
imported from such a file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import IO, Any

CSV, XLSX = "csv", "xlsx"
MAX_ROWS = 100_000  # data rows; 50,000 is the largest office's roster
MAX_COLUMNS = 60  # cells of a row beyond these are not read
HEADER_SEARCH = 10  # non-empty rows looked at for the header
MAX_UNPACKED = 400 * 1024 * 1024  # an XLSX that unpacks to more is refused (zip bomb)
CHUNK = 1 << 20

# canonical column → the headers that name it (compared after ``header_key``); the first
# two are the English and Thai headers the documentation and messages name. A lone "ชื่อ"
# (first name, when HR splits the name) or "title" (คำนำหน้า) is not a full name or position.
COLUMN_NAMES = {
    "username": ("username", "ชื่อผู้ใช้", "user", "login", "user name", "ชื่อผู้ใช้งาน", "บัญชีผู้ใช้"),
    "display_name": (
        "full_name",
        "ชื่อ-สกุล",
        "display_name",
        "name",
        "ชื่อ-นามสกุล",
        "ชื่อสกุล",
    ),  # fmt: skip
    "position": ("position", "ตำแหน่ง", "job title", "job_title"),
    "unit": ("unit", "รหัสหน่วยงาน", "unit_code", "unit code", "รหัสหน่วย"),
    "email": ("email", "อีเมล", "e-mail", "mail", "อีเมล์", "อีเมลล์"),
    "locale": ("language", "ภาษา", "locale", "lang"),
    "active": ("active", "สถานะ", "status"),
}
REQUIRED = ("username", "display_name", "position", "unit", "email")
OPTIONAL = ("locale", "active")

# what a file's first bytes say it is, when it is not a roster (named in the message)
MAGIC = {
    b"%PDF": "pdf",
    b"\x89PNG": "image",
    b"\xff\xd8\xff": "image",
    b"GIF8": "image",
    b"MZ": "program",
    b"\x7fELF": "program",
    b"\xd0\xcf\x11\xe0": "old_office",
}


class RosterFileError(Exception):
    """The file cannot be imported at all. ``code`` names the message
    (``roster.messages.file_error``); ``params`` fill it in."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code, params)


def header_key(text: Any) -> str:
    """ "ชื่อ-สกุล", "ชื่อ - สกุล" and "Full name" compare as their letters only."""
    text = unicodedata.normalize("NFC", str(text or "")).strip().lower().lstrip("\ufeff")
    return re.sub(r"[\s\-_.()/:*]+", "", text)


ALIASES = {header_key(name): field for field, names in COLUMN_NAMES.items() for name in names}


@dataclass(frozen=True)
class Layout:
    """Where the columns are: ``positions`` field → cell index, ``labels`` field → the
    header as the file spells it (named in messages), ``header_line``."""

    positions: dict[str, int]
    labels: dict[str, str]
    header_line: int

    def record(self, cells: list) -> dict[str, Any]:
        return {
            field: cells[index] if index < len(cells) else None
            for field, index in self.positions.items()
        }


@dataclass(frozen=True)
class RosterFile:
    """A roster's bytes, from ``opener`` (called for every pass: the file is read more
    than once, never held in memory), with what its content says it is."""

    opener: Callable[[], IO[bytes]]
    name: str
    kind: str
    encoding: str | None
    sha256: str
    size: int

    @classmethod
    def open(cls, opener: Callable[[], IO[bytes]], name: str) -> RosterFile:
        with opener() as handle:
            head = handle.read(8)
            kind = kind_of(head)
            handle.seek(0)
            digest, size, utf8 = hashlib.sha256(), 0, codecs.getincrementaldecoder("utf-8")()
            valid_utf8 = True
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                if valid_utf8 and kind == CSV:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        valid_utf8 = False
        if size == 0:
            raise RosterFileError("empty_file")
        encoding = None
        if kind == CSV:
            if valid_utf8:
                try:
                    utf8.decode(b"", final=True)
                except UnicodeDecodeError:  # cut in the middle of a character
                    valid_utf8 = False
            encoding = _encoding(head, valid_utf8, opener)
        return cls(opener, name, kind, encoding, digest.hexdigest(), size)

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> RosterFile:
        return cls.open(lambda: io.BytesIO(data), name)

    @classmethod
    def from_path(cls, path, name: str | None = None) -> RosterFile:
        from pathlib import Path

        path = Path(path)
        return cls.open(lambda: path.open("rb"), name or path.name)

    def rows(self) -> Iterator[tuple[int, list]]:
        """Every row as (spreadsheet row number, cells); the caller closes the iterator
        when it stops early (``contextlib.closing``)."""
        return _csv_rows(self) if self.kind == CSV else _xlsx_rows(self)

    def layout(self) -> Layout:
        """Find the header row; refuse a file without the required columns."""
        seen = 0
        with closing(self.rows()) as rows:
            for line, cells in rows:
                if is_blank(cells):
                    continue
                layout = _header(line, cells)
                if layout is not None:
                    return layout
                seen += 1
                if seen >= HEADER_SEARCH:
                    break
        raise RosterFileError("no_header")

    def records(self, layout: Layout) -> Iterator[tuple[int, dict[str, Any]]]:
        """The data rows after the header as (row number, {field: raw cell}); a blank
        row comes as (row number, {}). Refuses a file with more than MAX_ROWS rows."""
        count = 0
        with closing(self.rows()) as rows:
            for line, cells in rows:
                if line <= layout.header_line:
                    continue
                if is_blank(cells):
                    yield line, {}
                    continue
                count += 1
                if count > MAX_ROWS:
                    raise RosterFileError("too_many_rows", limit=MAX_ROWS)
                yield line, layout.record(cells)


def is_blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _header(line: int, cells: list) -> Layout | None:
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, cell in enumerate(cells):
        field = ALIASES.get(header_key(cell)) if isinstance(cell, str) else None
        if field is None:
            continue
        if field in positions:
            raise RosterFileError("duplicate_column", column=str(cell).strip()[:60])
        positions[field] = index
        labels[field] = str(cell).strip().lstrip("\ufeff")[:60]
    if len(positions) < 2:
        return None
    missing = [field for field in REQUIRED if field not in positions]
    if missing:
        raise RosterFileError("missing_columns", missing=missing, line=line)
    return Layout(positions, labels, line)


def kind_of(head: bytes) -> str:
    """CSV or XLSX, from a file's first bytes; other known kinds are refused."""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise RosterFileError("not_a_roster", what=what)
    return CSV


def _encoding(head: bytes, valid_utf8: bool, opener) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if valid_utf8:
        return "utf-8"
    decoder = codecs.getincrementaldecoder("cp874")()
    try:
        with opener() as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                decoder.decode(chunk)
    except UnicodeDecodeError:
        raise RosterFileError("encoding") from None
    return "cp874"


def _delimiter(first_line: str) -> str:
    counts = {mark: first_line.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(roster: RosterFile) -> Iterator[tuple[int, list]]:
    with roster.opener() as raw:
        text = io.TextIOWrapper(raw, encoding=roster.encoding, newline="")
        first = text.readline()
        text.seek(0)
        reader = csv.reader(text, delimiter=_delimiter(first), strict=True)
        line = 0
        try:
            for cells in reader:
                line += 1
                yield line, cells[:MAX_COLUMNS]
        except csv.Error:
            raise RosterFileError("broken_csv", line=line + 1) from None
        except UnicodeDecodeError:
            raise RosterFileError("encoding") from None


def _xlsx_rows(roster: RosterFile) -> Iterator[tuple[int, list]]:
    import openpyxl

    with roster.opener() as raw:
        try:
            with zipfile.ZipFile(raw) as archive:
                names = archive.namelist()
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            raise RosterFileError("unreadable_xlsx") from None
        if "xl/workbook.xml" not in names:
            raise RosterFileError("not_a_roster", what="zip")
        if unpacked > MAX_UNPACKED:
            raise RosterFileError("unreadable_xlsx")
        raw.seek(0)
        try:
            with warnings.catch_warnings():
                # a workbook from another program may lack styles openpyxl expects; what
                # matters here are the cell values
                warnings.simplefilter("ignore", UserWarning)
                workbook = openpyxl.load_workbook(raw, read_only=True, data_only=False)
        except Exception:  # a hostile or broken file must become a message, whatever broke
            raise RosterFileError("unreadable_xlsx") from None
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            line = 0
            while True:
                try:
                    cells = next(rows)
                except StopIteration:
                    break
                except Exception:
                    raise RosterFileError("unreadable_xlsx") from None
                line += 1
                yield line, list(cells)
        finally:
            workbook.close()
