"""Good and hostile files, built in memory for the upload tests."""

import io
import os
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """A ZIP holding `entries` ({name: bytes})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(extra=None):
    entries = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    entries.update(extra or {})
    return zip_bytes(entries)


def xlsx_bytes():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "hello"
    book.save(buffer)
    return buffer.getvalue()


def bomb_bytes(megabytes=20):
    """A ZIP of zeros: a few kilobytes that unpack to `megabytes` MB (ratio about 1000:1)."""
    return zip_bytes({"zeros.txt": b"\x00" * (megabytes * 1024 * 1024)})


def big_random_zip(megabytes=3):
    """A ZIP that does not compress (random bytes): large once unpacked, low ratio."""
    return zip_bytes({"noise.bin": os.urandom(megabytes * 1024 * 1024)}, compression=zipfile.ZIP_STORED)


GOOD = {
    "deck.pdf": PDF,
    "logo.png": PNG,
    "photo.jpg": JPEG,
    "notes.txt": "Réunion du 5 mai; 会议纪要 a < b and c > d\n".encode(),
    "rates.csv": b"item,rate\nagent hour,12.50\n",
    "bundle.zip": zip_bytes({"a.pdf": PDF, "b.csv": b"x,y\n1,2\n"}),
    "contract.docx": docx_bytes(),
    "prices.xlsx": None,  # built lazily (openpyxl)
    "terms.odt": zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
}

# name -> (content, a piece of the expected message)
HOSTILE = {
    "invoice.pdf": (b"MZ\x90\x00\x03" + b"\x00" * 60, "Programs and scripts"),
    "setup.exe": (b"MZ\x90\x00", "not accepted"),
    "page.html": (b"<html><script>alert(1)</script></html>", "not accepted"),
    "drawing.svg": (b"<svg onload='alert(1)'/>", "not accepted"),
    "report.pdf": (b"<html><body><script>alert(document.cookie)</script></body></html>", "not a PDF file"),
    "scripted.pdf": (PDF + b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", "scripts"),
    "readme.txt": (b"hello <script>fetch('/api/v1/')</script>", "script markup"),
    "data.csv": (b"a,b\n<img src=x onerror=alert(1)>,2\n", "script markup"),
    "link.csv": (b"a,b\njavascript:alert(1),2\n", "script markup"),
    "run.txt": (b"#!/bin/sh\nrm -rf /\n", "Programs and scripts"),
    "latin.csv": ("nom,valeur\ncafé,1\n".encode("latin-1"), "UTF-8"),
    "empty.pdf": (b"", "empty"),
    "photo.png": (JPEG, "not a PNG file"),
    "fake.docx": (zip_bytes({"a.txt": b"hello"}), "not a DOCX file"),
    "macro.docx": (docx_bytes({"word/vbaProject.bin": b"\x00" * 10}), "macros"),
    "carrier.zip": (zip_bytes({"invoice.pdf.exe": b"MZ"}), "invoice.pdf.exe"),
    "nested.zip": (zip_bytes({"inner.zip": zip_bytes({"a.txt": b"x"})}), "nested archives"),
    "page.zip": (zip_bytes({"index.html": b"<html></html>"}), "web pages"),
    "broken.xlsx": (b"PK\x03\x04 not really a zip", "not a XLSX file"),
}


def ole2_bytes(streams=("WordDocument", "1Table", "\x05SummaryInformation"), storages=(), clsid=b"\x00" * 16):
    """A minimal OLE2 (compound file) with these stream and storage names, as Office 97-2003 writes.

    ``streams``: names (empty streams) or {name: content}. The entries hang under the root as
    one chain of right siblings, and each content is padded to 4096 bytes, so it lies in the FAT
    (not the mini stream) and olefile reads it as Office does."""
    import struct

    contents = dict(streams) if isinstance(streams, dict) else dict.fromkeys(streams, b"")
    names = [(name, 1, b"") for name in storages] + [(name, 2, data) for name, data in contents.items()]
    directory_sectors = -(-(len(names) + 1) * 128 // 512)
    next_sector = 1 + directory_sectors
    fat = [0xFFFFFFFD] + [i + 2 for i in range(directory_sectors - 1)] + [0xFFFFFFFE]
    body = b""

    def entry(name, kind, child=0xFFFFFFFF, right=0xFFFFFFFF, cls=b"\x00" * 16, start=0xFFFFFFFE, size=0):
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(encoded), kind, 1, 0xFFFFFFFF, right, child)
            + cls
            + b"\x00" * 20
            + struct.pack("<II", start, size)
            + b"\x00" * 4
        )

    entries = [entry("Root Entry", 5, 1 if names else 0xFFFFFFFF, cls=clsid)]
    for index, (name, kind, data) in enumerate(names, start=1):
        right = index + 1 if index < len(names) else 0xFFFFFFFF
        if not data:
            entries.append(entry(name, kind, right=right))
            continue
        data = data.ljust(4096, b"\x00")
        data += b"\x00" * (-len(data) % 512)
        count = len(data) // 512
        fat += [next_sector + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
        entries.append(entry(name, kind, right=right, start=next_sector, size=len(data)))
        next_sector += count
        body += data
    assert len(fat) <= 128, "one FAT sector"
    directory = b"".join(entries)
    directory += b"\x00" * (-len(directory) % 512)
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 10
        + struct.pack("<IIIIIIIII", 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0, 0)
    )  # fmt: skip
    header += b"\xff" * (512 - len(header))
    return header + fat_sector + directory + body


GOOD["legacy.doc"] = ole2_bytes()
