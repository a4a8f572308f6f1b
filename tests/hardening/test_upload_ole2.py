"""Uploads: Office 97-2003 (OLE2) files with a VBA project, installers renamed .doc, and OLE2
files under another name are refused, alone and inside a ZIP. Each was accepted before."""

import pytest
from django.core.exceptions import ValidationError

from bpo.core.uploads import validate_upload

from .hostile import docx_bytes, ole2_bytes, upload, zip_bytes

WORD = ("WordDocument", "1Table", "\x05SummaryInformation")
EXCEL = ("Workbook", "\x05SummaryInformation")
MSI_CLSID = bytes.fromhex("84100c0000000000c000000000000046")


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("letter.doc", ole2_bytes(WORD + ("dir", "_VBA_PROJECT", "PROJECT"), storages=("Macros", "VBA"))),
        ("letter.doc", ole2_bytes(WORD + ("PROJECTwm",), storages=("Macros",))),
        ("prices.xls", ole2_bytes(EXCEL + ("PROJECT",), storages=("_VBA_PROJECT_CUR", "VBA"))),
    ],
)
def test_old_office_file_with_macros_is_refused(name, content):
    assert "macros" in refused(name, content)
    assert "macros" in refused("bundle.zip", zip_bytes({name: content}))


def test_installer_renamed_doc_is_refused():
    msi = ole2_bytes(("\x05SummaryInformation", "\u4840\u3f3f\u4577\u446c"), clsid=MSI_CLSID)
    assert "Programs and scripts" in refused("setup.doc", msi)
    assert "Programs and scripts" in refused("bundle.zip", zip_bytes({"setup.doc": msi}))
    # Even given a WordDocument stream, the installer's class gives it away.
    disguised = ole2_bytes(WORD, clsid=MSI_CLSID)
    assert "Programs and scripts" in refused("setup.doc", disguised)


def test_ole2_file_without_the_stream_its_extension_needs_is_refused():
    assert "not a DOC file" in refused("letter.doc", ole2_bytes(EXCEL))
    assert "not a XLS file" in refused("prices.xls", ole2_bytes(WORD))
    assert "not a DOC file" in refused("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)


@pytest.mark.parametrize("name", ["installer.dat", "mail.msg", "noextension"])
def test_ole2_file_in_a_zip_under_another_name_is_refused(name):
    message = refused("bundle.zip", zip_bytes({name: ole2_bytes(WORD)}))
    assert f"{name} in the archive" in message and "only as .doc, .xls or .ppt" in message


def test_office_file_embedding_an_ole2_object_with_macros_is_refused():
    embedded = ole2_bytes(EXCEL, storages=("_VBA_PROJECT_CUR", "VBA"))
    assert "macros" in refused("report.docx", docx_bytes({"word/embeddings/oleObject1.bin": embedded}))


def test_ordinary_old_office_files_are_accepted():
    validate_upload(upload("letter.doc", ole2_bytes(WORD)))
    validate_upload(upload("prices.xls", ole2_bytes(EXCEL)))
    validate_upload(upload("book5.xls", ole2_bytes(("Book",))))
    validate_upload(upload("bundle.zip", zip_bytes({"letter.doc": ole2_bytes(WORD), "p.xls": ole2_bytes(EXCEL)})))
    # An embedded equation (an \x01Ole10Native stream is an OLE Package: tests/hardening/test_upload_ole2_contents.py).
    embedded = ole2_bytes(("Equation Native", "\x01CompObj"))
    validate_upload(upload("report.docx", docx_bytes({"word/embeddings/oleObject1.bin": embedded})))
