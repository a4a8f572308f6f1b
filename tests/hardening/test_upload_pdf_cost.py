"""Uploads: what parsing a PDF may cost is bounded before pypdf parses it. pypdf reads PDF syntax
in Python (a few hundred thousand tokens a second, strings a byte at a time), so a hostile file of
plain syntax, or of one long hex string, held the upload request for many seconds (a 99,990-object
file 26 s, an 8 MB hex string 7.5 s of CPU) before it was answered. Such files are now refused by
a count made in C; real PDFs hold a few hundred to a few thousand tokens."""

import zlib

from bpo.core import upload_pdf

from .test_upload_pdf_parser import pdf_file, refused

TOO_COMPLEX = "1,000,000 pieces of PDF syntax"


def test_plain_syntax_beyond_the_budget_is_refused_before_parsing(monkeypatch):
    parsed = []
    monkeypatch.setattr(upload_pdf, "_open", lambda *args: parsed.append(args))
    numbers = b"[" + b"1 " * 1_000_001 + b"]"
    content = b"%PDF-1.4\n1 0 obj << /Type /Catalog /N " + numbers + b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    assert TOO_COMPLEX in refused("numbers.pdf", content)
    assert parsed == []  # refused before pypdf opened it


def test_a_long_hex_string_counts_as_what_it_costs():
    hex_string = b"<" + b"ab" * 2_100_000 + b">"  # 4.2 MB: 1,050,000 tokens' worth
    content = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /X " + hex_string + b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    assert TOO_COMPLEX in refused("hex.pdf", content)


def test_syntax_inside_an_object_stream_counts_against_the_same_budget():
    count = 10
    header = b"".join(b"%d %d " % (n, 0 if n == 10 else 0) for n in range(10, 10 + count))
    body = header + b"[" + b"1 " * 1_000_001 + b"] " + b"null " * (count - 1)
    packed = zlib.compress(body)
    content = pdf_file(
        {
            1: b"<< /Type /Catalog >>",
            4: b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (count, len(header), len(packed))
            + packed
            + b"\nendstream",
        }
    )
    assert upload_pdf.syntax_tokens(content) < 1000  # the file's own bytes are small
    assert TOO_COMPLEX in refused("packed.pdf", content)


def test_stream_data_is_not_counted():
    data = b"q 1 0 0 1 0 0 cm " * 200_000  # 3.4 MB of page content: 1.8 million tokens, in a stream
    content = pdf_file(
        {1: b"<< /Type /Catalog >>", 2: b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"}
    )
    assert upload_pdf.syntax_tokens(content) < 100
    upload_pdf.check_pdf_objects(content, 50 * 1024 * 1024)  # accepted


def test_a_damaged_file_is_parsed_once_not_twice(monkeypatch):
    """Rebuilding a damaged file's table parsed every object to find its cross-reference streams,
    and the walk parsed each again: only objects whose bytes name XRef are parsed for the table."""
    count = 2_000
    content = b"%PDF-1.4\n" + b"".join(b"%d 0 obj << /A [1 2 3] >> endobj\n" % n for n in range(1, count + 1))
    content += b"trailer << /Root 1 0 R >>\n%%EOF\n"  # no startxref: the table is rebuilt
    calls = []
    real = upload_pdf.read_object
    monkeypatch.setattr(upload_pdf, "read_object", lambda *args: calls.append(1) or real(*args))
    upload_pdf.check_pdf_objects(content, 50 * 1024 * 1024)
    # The walk reads the table's objects through pypdf (not this name); the rebuild and the walk's
    # second look (objects the table does not lead to) used it once per object each.
    assert len(calls) < 10
