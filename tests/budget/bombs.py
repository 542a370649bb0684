"""An XLSX decompression bomb: a small file whose sheet unpacks to hundreds of megabytes."""

import functools
import io
import zipfile

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"


@functools.cache
def xlsx_bomb(sheet_megabytes=220):
    """A real workbook whose first sheet is replaced by ~220 MB of rows, deflated to ~1 MB.

    Written in chunks, so building it never holds the unpacked sheet in memory.
    """
    book = openpyxl.Workbook()
    book.active.append(["jaar", "product", "omschrijving", "categorie", "soort", "bedrag"])
    plain = io.BytesIO()
    book.save(plain)
    row = (
        '<row><c t="inlineStr"><is><t>2023</t></is></c><c t="inlineStr"><is><t>'
        + "A" * 200
        + "</t></is></c></row>"
    ).encode()
    chunk = row * (1024 * 1024 // len(row) + 1)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            if item.filename != SHEET:
                target.writestr(item, source.read(item.filename))
                continue
            with target.open(SHEET, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://')
                sheet.write(b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                written = 0
                while written < sheet_megabytes * 1024 * 1024:
                    sheet.write(chunk)
                    written += len(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()
