"""Open a team's export file safely: what kind of file it really is, its text encoding and its separator.

A file's name can lie (a CSV renamed ``.xlsx``), its bytes can be in any of the encodings office tools write
(UTF-8, UTF-8 with a byte-order mark, UTF-16, Windows-1252), and its separator depends on the country the
export was made in (``,`` ``;`` or tab). This module finds out which, says so, and turns every way a file can be
unreadable into one :class:`~course_lib.errors.DataError` with a fix in it, never a ``csv.Error``,
``BadZipFile``, ``UnicodeDecodeError`` or pandas ``ParserError``.

>>> detect_encoding("José;12\\n".encode("cp1252"))
'cp1252'
>>> ENCODING_NAMES[detect_encoding("\\ufeffJosé".encode("utf-8"))]
'UTF-8 with a byte-order mark'
>>> sniff_separator('Call ID;Agent;"Talk, min"')
';'
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from course_lib.errors import DataError

#: The encodings tried, in order, and how the load report names them.
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark", "utf-16": "UTF-16",
                  "cp1252": "Windows-1252"}
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_BLOCK = 1 << 22  # bytes decoded at a time when checking a whole file


@dataclass
class ExportFile:
    """An opened export: where its text comes from, how to read it, and its column names (CSV only)."""

    source: str  # how messages and the report name it
    kind: str  # "csv" or "excel"
    encoding: str | None = None
    sep: str | None = None
    text: str | None = None  # the whole text, for exports passed as an open file
    path: Path | None = None
    columns: list[str] | None = None
    excel: pd.DataFrame | None = None


def detect_encoding(data: bytes, more: io.BufferedIOBase | None = None) -> str:
    """The first of UTF-8 (with or without BOM), UTF-16 (with BOM) and Windows-1252 that decodes all the bytes.

    ``data`` is the start of the file and ``more`` the open file (read again from its start in blocks for each
    encoding tried, so a big file is never held in memory). Raises DataError naming what was tried when none does.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp1252"]
    source = more if more is not None else io.BytesIO(data)
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        source.seek(0)
        try:
            while block := source.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    tried = ", ".join(ENCODING_NAMES[c] for c in ENCODING_NAMES if c != "utf-8-sig")
    raise DataError(f"the file's text could not be read in any of the encodings tried ({tried}); open it in a "
                    "spreadsheet program and save it as 'CSV UTF-8'")


def sniff_separator(header: str) -> str:
    """The separator the header line uses most outside quotes (comma when it has none of them)."""
    counts = dict.fromkeys(SEPARATOR_NAMES, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _looks_binary(data: bytes, encoding: str) -> bool:
    return encoding != "utf-16" and b"\x00" in data


def _excel(path: Path, sheet) -> pd.DataFrame:
    head = path.read_bytes()[:4096]
    if not zipfile.is_zipfile(path):
        if not head.strip():
            raise DataError(f"{path.name}: this file is empty; export the data again")
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            text = head.decode("cp1252", errors="replace")
        if b"\x00" not in head and any(sep in text.splitlines()[0] for sep in SEPARATOR_NAMES):
            raise DataError(f"{path.name}: this {path.suffix} file is not an Excel workbook (it looks like CSV "
                            "text): rename it to .csv")
        raise DataError(f"{path.name}: this {path.suffix} file is not an Excel workbook (it may be damaged or "
                        "another kind of file); open it in Excel or LibreOffice and save it again as .xlsx or .csv")
    try:
        return pd.read_excel(path, sheet_name=sheet, engine="openpyxl")
    except (ValueError, IndexError) as err:
        if "not found" in str(err) or "out of range" in str(err) or isinstance(err, IndexError):
            raise DataError(f"{path.name}: there is no sheet {sheet!r} in this workbook; pass sheet= with the name "
                            "or number (0 is the first) of the sheet that holds the data") from None
        raise DataError(f"{path.name}: this workbook could not be read ({err}); open it in Excel or LibreOffice "
                        "and save it again as .xlsx or .csv") from None
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook
        raise DataError(f"{path.name}: this workbook is damaged and could not be read ({type(err).__name__}); "
                        "open it in Excel or LibreOffice and save it again as .xlsx or .csv") from None


def open_export(path, sheet=0, sep: str | None = None) -> ExportFile:
    """Find what ``path`` (a file name or an open text/binary file) holds; read its header when it is CSV."""
    if hasattr(path, "read"):
        data = path.read()
        name = "the export"
        if isinstance(data, str):
            return _csv_text(ExportFile(source=name, kind="csv", encoding=None, text=data), sep)
        more = None
    else:
        path = Path(path)
        if not path.exists():
            raise DataError(f"there is no file at {path}")
        if path.is_dir():
            raise DataError(f"{path} is a folder; give the path of the export file inside it")
        name = path.name
        suffix = path.suffix.lower()
        if suffix == ".xls":
            raise DataError(f"{path.name} is an old-style Excel file (.xls), which the course cannot read; open it "
                            "in Excel or LibreOffice and save it as .xlsx or .csv")
        if suffix in (".xlsx", ".xlsm"):
            return ExportFile(source=name, kind="excel", path=path, excel=_excel(path, sheet))
        handle = path.open("rb")
        data = handle.read(_BLOCK)
        more = handle
    try:
        if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            raise DataError(f"{name}: this file is empty; export the data again")
        if data.startswith(b"PK\x03\x04"):
            raise DataError(f"{name}: this file is an Excel workbook (or another zip file), not CSV text: rename it "
                            "to .xlsx")
        try:
            encoding = detect_encoding(data, more)
        except DataError as err:
            raise DataError(f"{name}: {err.detail}") from None
        if _looks_binary(data, encoding):
            raise DataError(f"{name}: this file is not text (it holds binary data); export the data as CSV or "
                            ".xlsx")
    finally:
        if more is not None:
            more.close()
    if hasattr(path, "read"):
        return _csv_text(ExportFile(source=name, kind="csv", encoding=encoding, text=data.decode(encoding)), sep)
    with path.open(encoding=encoding, newline="") as text:
        header = text.readline()
    if sep is None and path.suffix.lower() in (".tsv", ".tab"):
        sep = "\t"
    return _header(ExportFile(source=name, kind="csv", encoding=encoding, path=path), header, sep)


def _csv_text(export: ExportFile, sep) -> ExportFile:
    text = export.text.lstrip("\ufeff")
    if not text.strip():
        raise DataError(f"{export.source}: this file is empty; export the data again")
    export.text = text
    return _header(export, text.split("\n", 1)[0], sep)


def _header(export: ExportFile, header: str, sep) -> ExportFile:
    export.sep = sep or sniff_separator(header)
    try:
        export.columns = next(csv.reader([header.rstrip("\r\n")], delimiter=export.sep))
    except (csv.Error, StopIteration):
        raise DataError(f"{export.source}: the first line should name the columns, but it could not be read: "
                        f"{header[:80]!r}") from None
    if not any(c.strip() for c in export.columns):
        raise DataError(f"{export.source}: the first line should name the columns, but it is empty")
    return export


def read_rows(export: ExportFile, chunk_rows: int | None = None):
    """The export's rows as text (Excel cells keep their types); an iterator of frames when ``chunk_rows``.

    A row with more values than the header has columns is refused: pandas would otherwise shift the values of
    the first such row into the wrong columns (the extra ones become an index) without a word.
    """
    if export.kind == "excel":
        return export.excel if chunk_rows is None else iter([export.excel])
    source = io.StringIO(export.text) if export.text is not None else export.path
    try:
        rows = pd.read_csv(source, sep=export.sep, engine="c", dtype=str, encoding=export.encoding,
                           keep_default_na=True, chunksize=chunk_rows)
    except pd.errors.EmptyDataError:
        raise DataError(f"{export.source}: this file is empty; export the data again") from None
    except (pd.errors.ParserError, csv.Error, ValueError, UnicodeError) as err:
        raise _unreadable(export, err) from None
    if chunk_rows is None:
        return _checked(export, rows)
    return _chunks(export, rows)


def _chunks(export: ExportFile, reader):
    try:
        with reader:
            for chunk in reader:
                yield _checked(export, chunk)
    except (pd.errors.ParserError, csv.Error, ValueError, UnicodeError) as err:
        raise _unreadable(export, err) from None


def _unreadable(export: ExportFile, err: Exception) -> DataError:
    detail = str(err).strip().split("\n")[0]
    return DataError(f"{export.source}: the rows could not be read as {SEPARATOR_NAMES.get(export.sep, export.sep)}"
                     f"-separated text ({detail}); check the separator (pass sep=';' or sep='\\t') and that quoted "
                     "text is closed")


def _checked(export: ExportFile, rows: pd.DataFrame) -> pd.DataFrame:
    if isinstance(rows.index, pd.RangeIndex):
        return rows
    # The first data row had more values than the header: pandas made the extra leading ones an index.
    raise DataError(f"{export.source}: line 2 has more values than the first line names columns; check the "
                    "separator (pass sep=';' or sep='\\t') and that text holding the separator is in quotes")
