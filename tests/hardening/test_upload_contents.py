"""Uploads: an archive is judged by what its entries hold, not by their names, and a PDF's
names are read after decoding their #xx escapes. Each file here was accepted before."""

import io
import os
import tarfile
import zipfile

import pytest
from django.core.exceptions import ValidationError

from bpo.core.uploads import validate_upload

from .hostile import PDF, PNG, docx_bytes, upload, xlsx_bytes, zip_bytes

PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00L\x01"
HTML = b"<html><script>alert(1)</script></html>"


def tar_bytes():
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("a.txt")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"x"))
    return buffer.getvalue()


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_zip_holding_a_program_renamed_pdf_is_refused(compression):
    message = refused("bundle.zip", zip_bytes({"setup.pdf": PE}, compression))
    assert "setup.pdf in the archive" in message and "Programs and scripts" in message


@pytest.mark.parametrize(
    "entry",
    [
        b"MZ",
        b"\x7fELF\x02\x01\x01",
        b"\xcf\xfa\xed\xfe\x07\x00",
        b"#!/bin/sh\nrm -rf /\n",
    ],
)
def test_zip_entry_starting_like_a_program_is_refused_whatever_its_name(entry):
    assert "Programs and scripts" in refused("bundle.zip", zip_bytes({"notes.dat": entry, "a.pdf": PDF}))


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("index.txt", HTML),
        ("readme.txt", b"hello <script>fetch('/api/v1/')</script>"),
        ("data.csv", b"a,b\n<img src=x onerror=alert(1)>,2\n"),
        ("page", b"<!DOCTYPE html><p>hi</p>"),
        ("photo.png", b"<svg onload='alert(1)'/>"),
        ("notes.md", "<script>x</script>".encode("utf-16")),
    ],
)
def test_zip_entry_holding_markup_is_refused_whatever_its_name(compression, name, content):
    message = refused("bundle.zip", zip_bytes({name: content}, compression))
    assert f"{name} in the archive" in message and "script markup" in message


def test_markup_after_a_chunk_boundary_is_found():
    stored = zipfile.ZIP_STORED  # repeated text would look like a bomb once compressed
    padding = b"a,b\n" * (600 * 1024)  # 2.4 MB of text, several chunks
    assert "script markup" in refused("a.zip", zip_bytes({"big.csv": padding + b"<script>x</script>\n"}, stored))
    cut = b"x" * (64 * 1024 + 1024 * 1024 - 3) + b"<script>"  # the tag across the first chunk's end
    assert "script markup" in refused("b.zip", zip_bytes({"big.csv": cut}, stored))


def test_utf16_text_entry_named_txt_is_refused_as_alone():
    assert "not a TXT file" in refused("bundle.zip", zip_bytes({"notes.txt": "hello".encode("utf-16")}))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("inner.bin", zip_bytes({"a.txt": b"x"})),
        ("logs.dat", b"\x1f\x8b\x08\x00" + b"\x00" * 20),
        ("backup.pdf", b"7z\xbc\xaf\x27\x1c" + b"\x00" * 20),
        ("old.txt", b"Rar!\x1a\x07\x00" + b"\x00" * 20),
        ("files", tar_bytes()),
    ],
)
def test_zip_holding_another_archive_under_another_name_is_refused(name, content):
    assert "Archives inside archives" in refused("bundle.zip", zip_bytes({name: content}))


@pytest.mark.parametrize(
    "pdf",
    [
        PDF + b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        b"%PDF-1.4 /OpenAction<</S/#4aavaScript/#4aS(app.alert(1))>>",
    ],
)
def test_zip_holding_a_pdf_with_javascript_is_refused(pdf):
    message = refused("bundle.zip", zip_bytes({"report.pdf": pdf}))
    assert "report.pdf in the archive" in message and "PDF files with scripts" in message


def test_zip_holding_a_word_file_with_macros_or_a_program_is_refused():
    assert "macros" in refused("bundle.zip", zip_bytes({"c.docx": docx_bytes({"word/vbaProject.bin": b"\x00"})}))
    assert "Programs and scripts" in refused("b.zip", zip_bytes({"c.docx": docx_bytes({"word/media/a.png": PE})}))
    assert "not a DOCX file" in refused("bundle.zip", zip_bytes({"c.docx": zip_bytes({"a.txt": b"x"})}))


def test_office_file_holding_a_program_part_is_refused():
    assert "Programs and scripts" in refused("contract.docx", docx_bytes({"word/media/image1.png": PE}))


def test_encrypted_zip_entry_is_refused():
    content = bytearray(zip_bytes({"a.txt": b"hello"}, zipfile.ZIP_STORED))
    content[6] |= 0x1  # the local header's "encrypted" flag
    central = content.index(b"PK\x01\x02")
    content[central + 8] |= 0x1
    assert "cannot be checked" in refused("secret.zip", bytes(content))


def test_pdf_entry_larger_than_the_upload_limit_is_refused(settings):
    settings.BPO_UPLOAD_MAX_MB = 1
    big = PDF + b"%" + os.urandom(750 * 1024).hex().encode()  # 1.5 MB, packs to about 0.8 MB
    content = zip_bytes({"big.pdf": big})
    assert len(content) < 1024 * 1024
    assert "big.pdf in the archive: The file is larger than 1 MB" in refused("bundle.zip", content)


@pytest.mark.parametrize(
    "pdf",
    [
        b"%PDF-1.4 /OpenAction<</S/#4aavaScript/#4aS(app.alert(1))>>",
        b"%PDF-1.4 /OpenAction<</S/#4A#61#76#61#53#63#72#69#70#74>>",
        b"%PDF-1.4 /OpenAction<</S/La#75nch/F(cmd.exe)>>",
        b"%PDF-1.4 /Names<</Embedded#46iles[(a)1 0 R]>>",
        b"%PDF-1.4 /Annots[<</Subtype/RichMedia>>]",
    ],
)
def test_pdf_with_escaped_action_names_is_refused(pdf):
    assert "PDF files with scripts" in refused("deck.pdf", pdf)


@pytest.mark.parametrize("markup", [b"<script>alert(1)</script>", b"<SCRIPT src=x>", b"<Script\n>"])
def test_pdf_holding_a_script_tag_is_refused(markup):
    assert "script markup" in refused("deck.pdf", b"%PDF-1.4 " + markup)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plain.pdf", PDF + b"/Type/Page/Resources<</Font<</F#31 2 0 R>>>> (the word script and /JSON) "),
        (
            "bundle.zip",
            zip_bytes(
                {
                    "docs/": b"",
                    "a.pdf": PDF,
                    "b.csv": b"x,y\n1,2\n",
                    "notes.txt": "a < b and c > d; 会议".encode(),
                    "logo.png": PNG,
                    "legacy.csv": "nom\ncafé\n".encode("latin-1"),
                    "data.bin": b"\x00\x01\x02MZ",
                    "terms.docx": docx_bytes(),
                    "prices.xlsx": xlsx_bytes(),
                }
            ),
        ),
    ],
)
def test_ordinary_files_and_bundles_are_still_accepted(name, content):
    validate_upload(upload(name, content))
