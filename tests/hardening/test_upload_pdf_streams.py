"""Uploads: names hidden in a PDF's compressed streams (an object stream holding a JavaScript
action, an XFA form with <script>) are found, within a budget that stops a PDF bomb; real PDFs
with compressed streams pass. Each hostile file here was accepted before."""

import os
import time
import zlib

import pytest
from django.core.exceptions import ValidationError

from bpo.core.uploads import validate_upload

from .hostile import upload, zip_bytes


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


def pdf_with_stream(dictionary: bytes, data: bytes, *, compress=True) -> bytes:
    """A PDF whose object 5 is a stream with ``dictionary`` entries holding ``data`` (deflated)."""
    body = zlib.compress(data) if compress else data
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>\nendobj\n"
        b"5 0 obj\n<< " + dictionary + b" /Length " + str(len(body)).encode() + b" >>\nstream\n"
        + body + b"\nendstream\nendobj\n"
        b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
    )  # fmt: skip


def object_stream(objects: bytes, extra=b"") -> bytes:
    header = b"6 0 "
    return pdf_with_stream(
        b"/Type /ObjStm /N 1 /First " + str(len(header)).encode() + b" /Filter /FlateDecode" + extra,
        header + objects,
    )


@pytest.mark.parametrize(
    "objects",
    [
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
        b"<</S/#4aavaScript/#4aS(app.alert(1))>>",
        b"<< /S /Launch /F (cmd.exe) >>",
        b"<< /Names << /EmbeddedFiles 7 0 R >> >>",
        b"<< /Type /Annot /Subtype /FileAttachment /FS 8 0 R >>",
    ],
)
def test_object_stream_holding_an_action_is_refused(objects):
    assert "PDF files with scripts" in refused("deck.pdf", object_stream(objects))


def test_object_stream_with_escaped_filter_name_or_abbreviation_is_refused():
    hidden = b"6 0 << /S /JavaScript /JS (x) >>"
    for dictionary in (b"/Type /ObjStm /N 1 /First 4 /Filter /Flat#65Decode", b"/N 1 /First 4 /Filter [/Fl]"):
        assert "PDF files with scripts" in refused("deck.pdf", pdf_with_stream(dictionary, hidden))


def test_action_in_any_flate_stream_is_refused_whatever_its_dictionary_says():
    # No /Filter, no /Type: the data is still a zlib stream, so it is inflated and read.
    content = pdf_with_stream(b"", b"q 1 0 0 1 0 0 cm Q\n<< /S /JavaScript /JS (app.alert(1)) >>")
    assert "PDF files with scripts" in refused("deck.pdf", content)


def test_script_tag_in_an_object_stream_or_xfa_form_is_refused():
    assert "script markup" in refused("a.pdf", object_stream(b"<< /T (<script>alert(1)</script>) >>"))
    xfa = b'<?xml version="1.0"?><xdp:xdp><template><script contentType="application/x-javascript">x</script>'
    assert "script markup" in refused("b.pdf", pdf_with_stream(b"/Filter /FlateDecode", xfa))


def test_pdf_with_hidden_action_in_a_zip_is_refused():
    message = refused("bundle.zip", zip_bytes({"report.pdf": object_stream(b"<< /S /JavaScript /JS (x) >>")}))
    assert "report.pdf in the archive" in message and "PDF files with scripts" in message


@pytest.mark.parametrize(
    ("dictionary", "data", "compress"),
    [
        (b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>", b"\x02" + b"6 0 " * 8, True),
        (b"/Filter /LZWDecode", b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", False),
        (b"/Filter /FlateDecode", os.urandom(64), False),  # encrypted or damaged
    ],
)
def test_object_stream_that_cannot_be_read_here_is_refused(dictionary, data, compress):
    # Rows that are not PNG rows, LZW that decodes to no objects, Flate that does not inflate.
    # (Object streams under other filters or predictors are now decoded: test_upload_pdf_parser.py.)
    content = pdf_with_stream(b"/Type /ObjStm /N 1 /First 4 " + dictionary, data, compress=compress)
    assert "cannot be checked" in refused("deck.pdf", content)


def test_pdf_bomb_is_refused_quickly(settings):
    settings.BPO_UPLOAD_MAX_MB = 2  # budget: 8 MB
    content = pdf_with_stream(b"/Filter /FlateDecode", b"0 0 m " * (3 * 1024 * 1024))  # 18 MB inflated
    assert len(content) < 100 * 1024
    started = time.monotonic()
    assert "PDF bomb" in refused("bomb.pdf", content)
    assert time.monotonic() - started < 5


def test_many_small_streams_share_one_budget(settings):
    settings.BPO_UPLOAD_MAX_MB = 1  # budget: 4 MB
    one = zlib.compress(b"1 0 0 1 0 0 cm " * 40_000)  # 600 KB each
    streams = b"".join(
        b"%d 0 obj\n<< /Length %d >>\nstream\n" % (i, len(one)) + one + b"\nendstream\nendobj\n" for i in range(10)
    )
    assert "PDF bomb" in refused("many.pdf", b"%PDF-1.7\n" + streams)


def test_real_pdfs_with_compressed_streams_are_accepted():
    weasyprint = pytest.importorskip("weasyprint")
    html = (
        "<h1>Statement of work</h1><p>Agents: 12, <b>rate</b> 12.50; 会议纪要</p>" * 30
        + '<img src="data:image/png;base64,'
    )
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    document = weasyprint.HTML(string=html + png + '">').write_pdf()
    assert b"/ObjStm" in document and b"/FlateDecode" in document
    validate_upload(upload("sow.pdf", document))
    validate_upload(upload("bundle.zip", zip_bytes({"sow.pdf": document})))


def test_pdf_with_binary_flate_streams_is_accepted():
    # An image stream that happens to hold /JS-like bytes is not read beyond its first bytes.
    pixels = b"\xff\x00" + b"/JS " * 1000 + os.urandom(4096)
    validate_upload(upload("scan.pdf", pdf_with_stream(b"/Subtype /Image /Filter /FlateDecode", pixels)))
