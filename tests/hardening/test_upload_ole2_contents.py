"""Uploads: what only the streams of an OLE2 (compound) file tell. Refused, alone, in a ZIP and
embedded in an Office file: Excel 4.0 (XLM) macro sheets and password-protected workbooks
(which hide them), a PowerPoint file's VBA project and the objects embedded in it, OLE Package
objects. Accepted: a Thumbs.db (a compound file, not an Office document) inside a ZIP. Each of
these was judged the other way before."""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError

from bpo.core.uploads import validate_upload

from .hostile import docx_bytes, ole2_bytes, upload, zip_bytes

WORD = ("WordDocument", "1Table", "\x05SummaryInformation")
PACKAGE_CLSID = bytes.fromhex("0c00030000000000c000000000000046")
# A Package object's \x01CompObj: header, then the length-prefixed user type, clipboard format, ProgID.
PACKAGE_COMPOBJ = (
    b"\x01\x00\xfe\xff\x03\x0a\x00\x00"
    + b"\xff" * 4
    + b"\x00" * 16
    + (b"\x08\x00\x00\x00Package\x00" + b"\x00" * 4 + b"\x08\x00\x00\x00Package\x00")
)
EXCEL_COMPOBJ = (
    b"\x01\x00\xfe\xff\x03\x0a\x00\x00" + b"\xff" * 4 + b"\x00" * 16 + b"\x1a\x00\x00\x00Microsoft Excel Worksheet\x00"
)


def biff(kind, body=b""):
    return struct.pack("<HH", kind, len(body)) + body


def workbook(sheet_type=0x00, hidden=0, *, filepass=False, macro_bof=False):
    """A Workbook stream: globals (BOF, [FILEPASS], one BOUNDSHEET, EOF), then the sheet's substream."""
    sheet = struct.pack("<IBBBB", 0, hidden, sheet_type, 6, 0) + b"Sheet1"
    stream = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    if filepass:
        stream += biff(0x002F, b"\x01\x00" + b"\x00" * 52)
    stream += biff(0x0085, sheet) + biff(0x000A)
    stream += biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0040 if macro_bof else 0x0010, 0, 0, 0, 0))
    return stream + biff(0x000A)


def ppt_record(kind, body=b"", *, container=False, instance=0):
    return struct.pack("<HHI", (instance << 4) | (0xF if container else 0), kind, len(body)) + body


def presentation(*records):
    """A PowerPoint file: its 'PowerPoint Document' stream, a DocumentContainer holding `records`."""
    document = ppt_record(0x03E8, ppt_record(0x03E9, b"\x00" * 40) + b"".join(records), container=True)
    return ole2_bytes({"PowerPoint Document": document, "Current User": b"\x14\x00\x00\x00"})


VBA_INFO = ppt_record(0x03FF, ppt_record(0x0400, struct.pack("<III", 1, 0, 2)), container=True)


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


def embedded(content, name="word/embeddings/oleObject1.bin"):
    return docx_bytes({name: content})


@pytest.mark.parametrize(
    "stream",
    [workbook(0x01), workbook(0x01, hidden=2), workbook(0x06), workbook(macro_bof=True)],
    ids=["macro-sheet", "very-hidden-macro-sheet", "vba-module-sheet", "macro-sheet-bof"],
)
def test_excel_4_macro_sheets_are_refused(stream):
    book = ole2_bytes({"Workbook": stream, "\x05SummaryInformation": b""})
    assert "Excel 4.0 macro" in refused("prices.xls", book)
    assert "Excel 4.0 macro" in refused("bundle.zip", zip_bytes({"prices.xls": book}))
    assert "Excel 4.0 macro" in refused("report.docx", embedded(book))
    # An old Excel 5 workbook ("Book") and a workbook inside a Word file's object pool as well.
    assert "Excel 4.0 macro" in refused("old.xls", ole2_bytes({"Book": stream}))
    in_doc = ole2_bytes({**dict.fromkeys(WORD, b""), "Workbook": stream}, storages=("ObjectPool", "_1234"))
    assert "Excel 4.0 macro" in refused("letter.doc", in_doc)


def test_password_protected_workbook_is_refused_as_its_sheets_cannot_be_checked():
    book = ole2_bytes({"Workbook": workbook(filepass=True)})
    assert "Password-protected" in refused("prices.xls", book)


def test_powerpoint_with_a_vba_project_is_refused_wherever_it_is_embedded():
    slides = presentation(VBA_INFO)
    message = refused("report.docx", embedded(slides, "word/embeddings/Microsoft_PowerPoint_Presentation1.ppt"))
    assert "macros" in message
    assert "macros" in refused("report.docx", embedded(slides))
    # A presentation in an old Word file's object pool: its stream is in the Word file's directory.
    letter = ole2_bytes(
        {**dict.fromkeys(WORD, b""), "PowerPoint Document": ppt_record(0x03E8, VBA_INFO, container=True)}
    )
    assert "macros" in refused("letter.doc", letter)


def test_objects_embedded_in_a_powerpoint_file_are_checked():
    package = ole2_bytes({"\x01Ole10Native": b"\x10\x00\x00\x00\x02\x00run.exe\x00"}, clsid=PACKAGE_CLSID)
    compressed = struct.pack("<I", len(package)) + zlib.compress(package)
    slides = presentation(ppt_record(0x1011, compressed, instance=1))
    assert "packages" in refused("report.docx", embedded(slides))
    slides = presentation(ppt_record(0x1011, ole2_bytes(("VBA", "dir", "_VBA_PROJECT"))))
    assert "macros" in refused("report.docx", embedded(slides))


@pytest.mark.parametrize(
    "content",
    [
        ole2_bytes({"\x01Ole10Native": b"\x10\x00\x00\x00\x02\x00run.exe\x00", "\x01CompObj": b""}),
        ole2_bytes({"\x01CompObj": PACKAGE_COMPOBJ, "CONTENTS": b"MZ"}),
        ole2_bytes({"\x03ObjInfo": b"\x00" * 6}, clsid=PACKAGE_CLSID),
    ],
    ids=["ole10native", "package-progid", "package-class"],
)
def test_ole_package_objects_are_refused(content):
    assert "packages" in refused("report.docx", embedded(content))
    assert "packages" in refused("prices.xlsx", docx_bytes({"xl/embeddings/oleObject2.bin": content}))
    assert "packages" in refused("bundle.zip", zip_bytes({"object.bin": content}))


def test_package_in_an_old_word_files_object_pool_is_refused():
    letter = ole2_bytes({**dict.fromkeys(WORD, b""), "\x01Ole10Native": b"\x00" * 8}, storages=("ObjectPool",))
    assert "packages" in refused("letter.doc", letter)
    assert "packages" in refused("bundle.zip", zip_bytes({"letter.doc": letter}))


def thumbs_db(**extra):
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
    streams = {"Catalog": b"\x10\x00\x07\x00" + b"\x00" * 60, "1": b"\x0c\x00\x00\x00\x01\x00\x00\x00" + jpeg}
    return ole2_bytes({**streams, **extra})


def test_thumbs_db_in_a_zip_is_accepted():
    validate_upload(
        upload("photos.zip", zip_bytes({"site/photo.jpg": b"\xff\xd8\xff\xe0", "site/Thumbs.db": thumbs_db()}))
    )
    validate_upload(upload("plain.zip", zip_bytes({"data.bin": ole2_bytes(("Contents",))})))


@pytest.mark.parametrize(
    ("extra", "storages", "expected"),
    [
        ({"2": b"MZ\x90\x00" + b"\x00" * 60}, (), "Programs and scripts"),
        ({"2": b"PK\x03\x04" + b"\x00" * 60}, (), "Archives inside archives"),
        ({"PROJECT": b""}, ("VBA",), "macros"),
        ({"\x01Ole10Native": b"\x00" * 8}, (), "packages"),
        ({"2": ole2_bytes({"\x01CompObj": PACKAGE_COMPOBJ})}, (), "packages"),
    ],
    ids=["program", "archive", "vba", "package", "nested-package"],
)
def test_compound_file_in_a_zip_carrying_programs_macros_or_packages_is_refused(extra, storages, expected):
    carrier = thumbs_db(**extra) if not storages else ole2_bytes({**extra, "Catalog": b""}, storages=storages)
    message = refused("photos.zip", zip_bytes({"Thumbs.db": carrier}))
    assert "Thumbs.db in the archive" in message and expected in message


def test_stream_claiming_more_bytes_than_the_file_has_is_refused():
    book = bytearray(ole2_bytes({"Workbook": workbook()}))
    validate_upload(upload("prices.xls", bytes(book)))
    size_field = 512 + 512 + 128 + 120  # the Workbook entry's size, after the header, FAT and root entry
    book[size_field : size_field + 4] = struct.pack("<I", 0x7FFFFFFF)
    assert "cannot be checked" in refused("prices.xls", bytes(book))


def test_ordinary_office_97_2003_files_and_objects_stay_accepted():
    validate_upload(upload("prices.xls", ole2_bytes({"Workbook": workbook(), "\x05SummaryInformation": b""})))
    validate_upload(upload("report.docx", embedded(presentation(ppt_record(0x0FF5, b"\x00" * 12)))))
    sheet = ole2_bytes({"Workbook": workbook(0x02), "\x01CompObj": EXCEL_COMPOBJ})  # a chart sheet
    validate_upload(upload("report.docx", embedded(sheet)))
    validate_upload(upload("letter.doc", ole2_bytes({**dict.fromkeys(WORD, b""), "Workbook": workbook()})))
