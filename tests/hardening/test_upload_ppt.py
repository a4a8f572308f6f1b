""".ppt uploads (PowerPoint 97-2003): accepted by content as .doc and .xls are, an OLE2 compound
file holding a "PowerPoint Document" stream, alone and inside a ZIP. A .ppt that is really
something else (a Word file, a PDF, a program, no PowerPoint stream) is refused as not a PPT
file, and a .ppt with a VBA project, a password or an embedded package as the same in a .doc.
Before, the extension itself was refused ("Files of this type (.ppt) are not accepted")."""

import io
import struct
import zlib

import olefile
import pytest
from django.core.exceptions import ValidationError

from bpo.core.uploads import validate_upload

from .hostile import ole2_bytes, upload, zip_bytes
from .test_upload_ole2_contents import PACKAGE_CLSID, VBA_INFO, WORD, ppt_record, presentation

SLIDE = ppt_record(0x0FF5, b"\x00" * 12)  # a UserEditAtom-sized record: ordinary content


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


def test_a_minimal_powerpoint_97_2003_file_is_accepted():
    slides = presentation(SLIDE)
    ole = olefile.OleFileIO(io.BytesIO(slides))  # a compound file olefile reads, as PowerPoint writes
    assert ole.exists("PowerPoint Document") and ole.exists("Current User")
    ole.close()
    validate_upload(upload("slides.ppt", slides))
    validate_upload(upload("SLIDES.PPT", slides))
    validate_upload(upload("bundle.zip", zip_bytes({"deck/slides.ppt": slides})))


@pytest.mark.parametrize(
    "content",
    [
        ole2_bytes(WORD),  # a Word file renamed .ppt
        ole2_bytes(("Workbook",)),  # an Excel file renamed .ppt
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        b"PK\x03\x04" + b"\x00" * 60,  # a .pptx (or any ZIP) renamed .ppt
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,  # an OLE2 header and nothing else
        b"plain text, not a presentation",
    ],
)
def test_a_ppt_that_is_really_something_else_is_refused(content):
    assert "not a PPT file" in refused("slides.ppt", content)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        # In a ZIP a compound file is judged by its name, as a .doc is (other content by its own kind).
        assert "not a PPT file" in refused("bundle.zip", zip_bytes({"slides.ppt": content}))


def test_a_program_renamed_ppt_is_refused():
    assert "Programs and scripts" in refused("slides.ppt", b"MZ\x90\x00" + b"\x00" * 60)


def test_a_ppt_with_macros_a_password_or_a_package_is_refused():
    assert "macros" in refused("slides.ppt", presentation(VBA_INFO))
    assert "macros" in refused("slides.ppt", ole2_bytes({"PowerPoint Document": SLIDE}, storages=("VBA",)))
    assert "Password-protected" in refused("slides.ppt", presentation(ppt_record(0x2F14, b"\x00" * 8)))
    package = ole2_bytes({"\x01Ole10Native": b"\x10\x00\x00\x00\x02\x00run.exe\x00"}, clsid=PACKAGE_CLSID)
    compressed = struct.pack("<I", len(package)) + zlib.compress(package)
    assert "packages" in refused("slides.ppt", presentation(ppt_record(0x1011, compressed, instance=1)))
