"""Uploads: PDFs are also read with a parser (pypdf), so names hidden behind filters other than
Flate, behind a predictor or in an object stream whose dictionary the byte scan cannot see are
found; encrypted PDFs and PDFs with too many objects are refused; real PDFs (the app's own
WeasyPrint reports, a pypdf-written file, object streams under every filter) are accepted.
Every hostile file here was accepted by the byte scan alone, or refused as unreadable (the
clean object streams under other filters were refused too)."""

import base64
import io
import zlib
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from pypdf import PdfReader, PdfWriter
from pypdf._codecs._codecs import LzwCodec
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from bpo.core import upload_pdf
from bpo.core.uploads import validate_upload

from .hostile import upload, zip_bytes

ACTION = b"<< /S /JavaScript /JS (app.alert(1)) >>"
CLEAN = b"<< /Type /Annot /Subtype /Text /Contents (Agents: 12) /Rect [0 0 10 10] >>"


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


def png_up(data: bytes, columns: int) -> bytes:
    """``data`` in rows of ``columns`` bytes, each row the PNG "Up" difference from the one before."""
    data += b" " * (-len(data) % columns)
    previous, rows = bytes(columns), []
    for start in range(0, len(data), columns):
        row = data[start : start + columns]
        rows.append(b"\x02" + bytes((a - b) % 256 for a, b in zip(row, previous, strict=True)))
        previous = row
    return b"".join(rows)


def run_length(data: bytes) -> bytes:
    """Runs of 4 bytes copied as they are: a length byte every 4 bytes cuts every name."""
    return b"".join(bytes([len(data[i : i + 4]) - 1]) + data[i : i + 4] for i in range(0, len(data), 4)) + b"\x80"


# name -> (the stream dictionary's filter entries, the encoder of its data)
ENCODINGS = {
    "flate-png-predictor": (
        b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
        lambda d: zlib.compress(png_up(d, 8)),
    ),
    "asciihex": (b"/Filter /ASCIIHexDecode", lambda d: d.hex().encode() + b">"),
    "asciihex-flate": (b"/Filter [/ASCIIHexDecode /FlateDecode]", lambda d: zlib.compress(d).hex().encode() + b">"),
    # Abbreviations belong to inline images; a viewer may accept them elsewhere (pypdf 7 does not).
    "abbreviated": (b"/Filter [/AHx /Fl]", lambda d: zlib.compress(d).hex().encode() + b">"),
    "lzw": (b"/Filter /LZWDecode", lambda d: LzwCodec().encode(d)),
    "ascii85": (b"/Filter /ASCII85Decode", lambda d: base64.a85encode(d) + b"~>"),
    "runlength": (b"/Filter /RunLengthDecode", run_length),
}
FLATE = (b"/Filter /FlateDecode", zlib.compress)  # what the byte scan inflates itself


def pdf_file(bodies: dict[int, bytes], *, in_stream: dict[int, int] | None = None, preamble: bytes = b"") -> bytes:
    """A PDF with these objects ({number: what lies between ``obj`` and ``endobj``}) and a
    cross-reference stream, as a PDF 1.5 writer makes; ``in_stream``: {number: (object stream, index)};
    ``preamble``: bytes before the objects, which the table does not point to."""
    in_stream = in_stream or {}
    out, offsets = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + preamble, {}
    for number, body in sorted(bodies.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = max([*bodies, *in_stream]) + 1
    size = xref + 1
    rows = b""
    for number in range(size):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        elif number in in_stream:
            stream, index = in_stream[number]
            rows += b"\x02" + stream.to_bytes(4, "big") + index.to_bytes(2, "big")
        elif number == xref:
            rows += b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += b"\x00" * 5 + b"\xff\xff"
    start = len(out)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (xref, size, len(rows))
        + rows
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start
    )
    return out


def with_object_stream(hidden: bytes, encoding: str, *, pad: int = 0) -> bytes:
    """A one-page PDF whose object 5 (its open action) lies in object stream 4, encoded so.

    ``pad``: that many bytes of a string after the stream's entries, so its dictionary starts
    further back than the byte scan looks (a disguised dictionary)."""
    filters, encode = FLATE if encoding == "flate" else ENCODINGS[encoding]
    header = b"5 0 "
    data = encode(header + hidden)
    padding = b" /Pad (" + b"x" * pad + b")" if pad else b""
    return pdf_file(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            4: b"<< /Type /ObjStm /N 1 /First %d " % len(header)
            + filters
            + padding
            + b" /Length %d >>\nstream\n" % len(data)
            + data
            + b"\nendstream",
        },
        in_stream={5: (4, 0)},
    )


def with_stream(content: bytes, encoding: str, dictionary: bytes = b"") -> bytes:
    """A one-page PDF whose page content (object 4) is ``content``, encoded so."""
    filters, encode = ENCODINGS[encoding]
    data = encode(content)
    return pdf_file(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: b"<< " + filters + b" " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream",
        }
    )


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_action_in_an_object_stream_under_any_filter_is_refused(encoding):
    content = with_object_stream(ACTION, encoding)
    assert b"JavaScript" not in content
    assert "PDF files with scripts" in refused("deck.pdf", content)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_clean_object_stream_under_any_filter_is_accepted(encoding):
    content = with_object_stream(CLEAN, encoding)
    if encoding != "abbreviated":
        assert PdfReader(io.BytesIO(content)).get_object(5)["/Contents"] == "Agents: 12"  # a PDF a reader reads
    validate_upload(upload("deck.pdf", content))


@pytest.mark.parametrize("encoding", ["flate-png-predictor", "abbreviated"])
def test_action_in_an_object_stream_whose_dictionary_is_out_of_the_byte_scans_sight_is_refused(encoding):
    content = with_object_stream(ACTION, encoding, pad=8000)
    assert "PDF files with scripts" in refused("deck.pdf", content)
    validate_upload(upload("deck.pdf", with_object_stream(CLEAN, encoding, pad=8000)))


def test_action_in_an_object_stream_whose_type_is_missing_is_refused():
    # /N and /First make it an object stream whatever /Type says (or if it says nothing).
    content = with_object_stream(ACTION, "asciihex").replace(b"/Type /ObjStm ", b"/Type /XObject ")
    assert "PDF files with scripts" in refused("deck.pdf", content)


@pytest.mark.parametrize("encoding", ["asciihex", "lzw", "ascii85", "runlength", "flate-png-predictor"])
def test_action_in_a_stream_under_another_filter_is_refused(encoding):
    content = with_stream(b"q Q\n" + ACTION, encoding)
    assert "PDF files with scripts" in refused("deck.pdf", content)
    validate_upload(upload("deck.pdf", with_stream(b"q 1 0 0 1 72 720 cm BT /F1 12 Tf (Hello) Tj ET Q", encoding)))
    # Image data may hold anything (pixels): a viewer never parses it, so neither is it read here.
    image = with_stream(b"/JavaScript " * 100, encoding, b"/Type /XObject /Subtype /Image /Width 10 /Height 120")
    validate_upload(upload("scan.pdf", image))


def test_script_in_an_xfa_form_under_another_filter_is_refused():
    xfa = b'<?xml version="1.0"?><xdp:xdp><template><script contentType="application/x-javascript">x</script>'
    assert "script markup" in refused("form.pdf", with_stream(xfa, "ascii85"))


def test_escaped_names_are_read_decoded():
    content = with_object_stream(b"<</S/#4aava#53cript/#4aS(x)>>", "runlength")
    assert "PDF files with scripts" in refused("deck.pdf", content)


def test_hidden_action_in_a_pdf_in_a_zip_is_refused():
    message = refused("bundle.zip", zip_bytes({"report.pdf": with_object_stream(ACTION, "lzw")}))
    assert "report.pdf in the archive" in message and "PDF files with scripts" in message


def test_object_stream_whose_objects_cannot_be_parsed_is_refused():
    # Flate, which the byte scan inflated and read, found no name and accepted.
    content = with_object_stream(CLEAN, "flate").replace(b"/N 1 /First 4", b"/N 3 /First 4")
    assert "cannot be checked" in refused("deck.pdf", content)


def test_stream_under_an_unknown_filter_is_refused():
    content = with_stream(b"q Q", "asciihex").replace(b"/ASCIIHexDecode", b"/RotDecode")
    assert "cannot be checked" in refused("deck.pdf", content)


def test_bomb_behind_another_filter_is_refused(settings):
    settings.BPO_UPLOAD_MAX_MB = 1  # budget: 4 MB
    content = with_stream(b"0 0 m " * (1024 * 1024), "asciihex-flate")  # 6 MB of content, 12 KB of hex
    assert len(content) < 100 * 1024
    assert "PDF bomb" in refused("bomb.pdf", content)
    runs = pdf_file({1: b"<< /Length 80001 >>\nstream\n" + b"\x81 " * 40_000 + b"\x80\nendstream"})
    assert "PDF bomb" in refused("runs.pdf", runs.replace(b"<< /Length", b"<< /Filter /RL /Length"))


def test_long_predicted_data_is_refused_as_unreadable(settings, monkeypatch):
    # Predictors are undone in Python: more than PDF_PREDICTOR_MAX_MB of it is not read.
    monkeypatch.setattr(upload_pdf, "PDF_PREDICTOR_MAX_MB", 1)
    content = with_stream(b"0 0 m " * 400_000, "flate-png-predictor")  # 2.4 MB
    assert "cannot be checked" in refused("deck.pdf", content)


def test_pdf_with_too_many_objects_is_refused():
    tiny = b"%PDF-1.4\n" + b"".join(b"%d 0 obj null endobj\n" % n for n in range(1, 200_001))
    tiny += b"trailer << /Root 1 0 R >>\n%%EOF\n"
    assert "more than 100,000 objects" in refused("many.pdf", tiny)
    # The same count inside one object stream.
    header = b"".join(b"%d %d " % (n, 5 * (n - 10)) for n in range(10, 200_010))
    content = pdf_file(
        {
            1: b"<< /Type /Catalog >>",
            4: b"<< /Type /ObjStm /N 200000 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(zlib.compress(header + b"null " * 200_000)))
            + zlib.compress(header + b"null " * 200_000)
            + b"\nendstream",
        }
    )
    assert "more than 100,000 objects" in refused("many.pdf", content)


def test_unreadable_pdf_with_objects_is_refused():
    content = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages [[[[ >>\nendobj\n" + b"]" * 10 + b"\n2 0 obj\n<<"
    assert "cannot be read" in refused("broken.pdf", content)


def test_app_report_and_pypdf_written_pdfs_are_accepted_and_an_encrypted_one_refused():
    from bpo.reports.pdf import render_pdf

    requester = SimpleNamespace(get_full_name=lambda: "Ana Reyes", username="ana")
    for language in ("en", "zh-hans"):
        with translation.override(language):
            context = {
                "title": "Program status 会议纪要",
                "subtitle": "CS-2026",
                "sections": [],
                "data_as_of": timezone.now(),
                "requested_by": requester,
                "period_label": "2026-10",
            }
            document = render_pdf("pdf/base.html", context)
        assert document.startswith(b"%PDF") and b"/ObjStm" in document
        validate_upload(upload("status.pdf", document))

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 720 Td (Statement of work) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject()
    page.compress_content_streams()
    writer.add_metadata({"/Title": "SOW"})
    buffer = io.BytesIO()
    writer.write(buffer)
    validate_upload(upload("sow.pdf", buffer.getvalue()))

    # The same document encrypted hides its content, even with an empty user password (opens without one).
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert PdfReader(io.BytesIO(buffer.getvalue())).is_encrypted
    assert "encrypted" in refused("locked.pdf", buffer.getvalue())


def test_object_missing_from_the_cross_reference_table_is_read():
    # A stream no table entry points to (a viewer repairing the file finds it by its header).
    hidden = b"q Q\n" + ACTION
    orphan = b"9 0 obj\n<< /Filter /ASCIIHexDecode /Length %d >>\nstream\n" % (2 * len(hidden) + 1)
    orphan += hidden.hex().encode() + b">\nendstream\nendobj\n"
    content = with_stream(b"q Q", "lzw")
    content = content.replace(b"3 0 obj", orphan + b"3 0 obj", 1)  # the table's offsets now lie a little
    assert "PDF files with scripts" in refused("deck.pdf", content)


def test_older_revision_of_an_object_is_read_too():
    # Object 4 twice: the table points to the clean one; the older one, hex-encoded, holds an action.
    hidden = b"q Q\n" + ACTION
    older = b"4 0 obj\n<< /Filter /ASCIIHexDecode /Length %d >>\nstream\n" % (2 * len(hidden) + 1)
    older += hidden.hex().encode() + b">\nendstream\nendobj\n"
    clean = with_stream(b"q Q", "asciihex")
    content = pdf_file(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: b"<< /Filter /ASCIIHexDecode /Length 7 >>\nstream\n712051>\nendstream",
        },
        preamble=older,
    )
    assert PdfReader(io.BytesIO(content)).get_object(4).get_data() == b"q Q"  # the live one is clean
    validate_upload(upload("deck.pdf", clean))
    assert "PDF files with scripts" in refused("deck.pdf", content)


def test_stream_the_parser_does_not_read_as_a_stream_is_refused():
    # Keys without their values, nested deep: pypdf ends the dictionary early and never sees the
    # stream after it, which another reader may see.
    data = (b"q Q\n" + ACTION).hex().encode() + b">"
    nested = b"<< /A " * 5000 + b">>" * 5000
    content = pdf_file(
        {
            1: b"<< /Type /Catalog >>",
            2: b"<< /A "
            + nested
            + b" /Filter /ASCIIHexDecode /Length %d >>\nstream\n" % len(data)
            + data
            + b"\nendstream",
        }
    )
    assert "cannot be checked" in refused("deck.pdf", content)


def test_predictors_are_undone_on_at_most_their_share(monkeypatch):
    # PNG predictors are undone in Python (slowly): whatever the file, never on more than
    # PDF_PREDICTOR_MAX_MB, neither while opening it (cross-reference streams, a damaged file's
    # object streams) nor while reading it.
    from pypdf.filters import FlateDecode

    undone = []
    original = FlateDecode._decode_png_prediction

    def spy(data, columns, row_length):
        undone.append(len(data))
        return original(data, columns, row_length)

    monkeypatch.setattr(FlateDecode, "_decode_png_prediction", staticmethod(spy))
    rows = zlib.compress((b"\x04" + b"\x00" * 7) * 3_000_000)  # 24 MB
    parameters = b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length %d" % len(rows)
    # A cross-reference stream whose rows unpack to 24 MB.
    table = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    start = len(table)
    table += b"2 0 obj\n<< /Type /XRef /Size 3 /W [1 4 2] /Root 1 0 R " + parameters + b" >>\nstream\n" + rows
    table += b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start
    assert "cannot be checked" in refused("table.pdf", table)
    # A damaged file (no table) with an object stream whose rows unpack to 24 MB.
    damaged = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Type /ObjStm /N 1 /First 4 "
    damaged += parameters + b" >>\nstream\n" + rows + b"\nendstream\nendobj\n%%EOF\n"
    assert "cannot be checked" in refused("damaged.pdf", damaged)
    assert all(size <= upload_pdf.PDF_PREDICTOR_MAX_MB * 1024 * 1024 + 8 for size in undone)
