"""PDF uploads read with a real parser (pypdf), after the byte scan of bpo.core.uploads.

The byte scan finds active names in the file's bytes and in its Flate streams, even in files
too broken to parse. What it cannot see (names in streams under other filters, behind a
predictor, or in an object stream whose dictionary is disguised) is read here:

- the file is opened with pypdf, leniently, as a viewer repairing it would: a file without its
  ``startxref`` is read once more with the cross-reference table rebuilt from the objects'
  headers. A file that still cannot be opened is refused, unless its bytes hold no object at all
  (no ``obj`` nor ``stream``: nothing a viewer could run, already checked by the byte scan);
- an encrypted PDF is refused: encryption hides what its streams hold;
- more than MAX_PDF_OBJECTS objects (in the bytes, the cross-reference table or object streams),
  or more than MAX_PDF_TOKENS tokens of PDF syntax outside its streams (numbers, names,
  keywords, brackets: what parsing costs, counted in C before pypdf parses anything) refuse the
  file before anything is parsed further; an object stream's tokens are counted against the
  same budget before its objects are parsed. Parsing is the upload's main CPU cost (pypdf reads
  a few hundred thousand tokens a second), so this bounds a hostile file to a few seconds;
- every object of the cross-reference table, and every object found by its header in the bytes
  that the table does not lead to (missing from it, or an older revision), is read; every
  dictionary's keys and name values are compared with the active names. Every ``>> stream`` in
  the bytes must belong to an object read as a stream (else a dictionary pypdf understood
  otherwise than a viewer could hide one), or the file is refused. References are never followed (each object is read once, from the table),
  so a cycle of references cannot loop; a dictionary's or array's values are walked without
  recursion, at most MAX_PDF_VALUES in all;
- every stream is decoded with its declared filters and parameters (Flate, LZW, ASCIIHex,
  ASCII85, RunLength, predictors), except image data (``/Subtype /Image`` or an image filter
  such as DCT or JBIG2, never read by a viewer as PDF syntax). Decoded data that starts like
  PDF syntax or XML is scanned for active names (XML also for ``<script``); an object stream
  (``/Type /ObjStm``, or ``/N`` and ``/First`` whatever ``/Type`` says) is read whole, each of its
  objects parsed and walked as above, and a stream that cannot be decoded or an object stream
  that cannot be parsed refuses the file;
- decoding shares one budget for the whole file (bpo.core.uploads' PDF bomb budget, applied
  here to pypdf's decompression limits per stream, through ``pypdf.apply_configuration``, a
  context variable: per call, whatever other threads do), and data behind a predictor (undone
  in Python, slowly) at most PDF_PREDICTOR_MAX_MB. Opening the file decodes only its
  cross-reference streams, all of them together within PDF_PREDICTOR_MAX_MB; a damaged file's
  table is rebuilt without decoding its object streams (_Reader), which the walk decodes.
"""

import bisect
import io
import logging
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, apply_configuration
from pypdf._utils import read_non_whitespace
from pypdf.errors import LimitReachedError
from pypdf.filters import decode_stream_data
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    StreamObject,
    read_object,
)

# pypdf logs a warning for every oddity of a damaged or hostile upload: refusals are the answer here.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MB = 1024 * 1024
# PDF names that run code or carry files. A name is compared once its #xx escapes are decoded.
PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_ACTIVE_NAMES = {
    b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"FileAttachment", b"RichMedia",
    b"SubmitForm", b"ImportData",  # send the form's contents to an address, read data from a file
}  # fmt: skip
ACTIVE_NAMES = {"/" + name.decode() for name in PDF_ACTIVE_NAMES}
PDF_SCRIPT_TAG = re.compile(rb"<script\b", re.IGNORECASE)
PDF_SNIFF = 256
PDF_WHITESPACE = b"\x00\t\n\x0c\r "
PDF_SYNTAX_START = re.compile(rb"[0-9+\-.\[(/<a-zA-Z'\"]")
# Reading with pypdf.
MAX_PDF_OBJECTS = 100_000
MAX_PDF_VALUES = 2_000_000  # dictionary and array values walked in the whole file
# Tokens of PDF syntax outside streams, in the whole file and its object streams. A 36-page manual
# holds about 10,000; parsing a million costs pypdf about five seconds of CPU.
MAX_PDF_TOKENS = 1_000_000
PDF_TOKEN = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]+|<<|\[|\(")
STREAM_BODY = re.compile(rb"stream(?:\r\n|\n|\r).*?endstream", re.DOTALL)
# pypdf reads strings a byte at a time: a hex string's 4 bytes, or a literal string's 16, cost
# about as much as one token.
HEX_STRING = re.compile(rb"(?<!<)<(?!<)[0-9A-Fa-f\x00\t\n\x0c\r ]*>")
LITERAL_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.DOTALL)
PDF_PREDICTOR_MAX_MB = 4
RAW_OBJECT = re.compile(rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\x0c\r ]+([0-9]{1,5})[\x00\t\n\x0c\r ]+obj(?![a-zA-Z])")
RAW_STREAM = re.compile(rb">>[\x00\t\n\x0c\r ]*stream(?:\r\n|\n|\r)")  # a dictionary, then its stream
REPAIR_TAIL = b"\nstartxref\n0\n%%EOF\n"  # an invalid startxref: pypdf rebuilds the table from the objects
FILTER_ABBREVIATIONS = {
    "/AHx": "/ASCIIHexDecode", "/A85": "/ASCII85Decode", "/LZW": "/LZWDecode", "/Fl": "/FlateDecode",
    "/RL": "/RunLengthDecode", "/CCF": "/CCITTFaxDecode", "/DCT": "/DCTDecode",
}  # fmt: skip
IMAGE_FILTERS = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}


def _unescaped(name: bytes) -> bytes:
    return PDF_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name) if b"#" in name else name


def pdf_names(data: bytes) -> set[bytes]:
    """Every name in the PDF's bytes, with its #xx escapes decoded (/#4aS is /JS)."""
    return {_unescaped(name) for name in PDF_NAME.findall(data)}


def pdf_kind(head: bytes) -> str | None:
    """ "syntax", "xml" or "binary" from a decoded stream's first bytes; None: not known yet."""
    position = 0
    while position < len(head):
        byte = head[position : position + 1]
        if byte in PDF_WHITESPACE:
            position += 1
        elif byte == b"%":  # a comment, up to the end of its line
            ends = [i for i in (head.find(b"\n", position), head.find(b"\r", position)) if i >= 0]
            if not ends:
                return None
            position = min(ends) + 1
        elif byte == b"<" and head[position + 1 : position + 2] not in (b"", b"<"):
            return (
                "xml"
                if head[position + 1 : position + 2] in b"?!" or head[position + 1 : position + 2].isalpha()
                else "syntax"
            )
        else:
            return "syntax" if PDF_SYNTAX_START.match(byte) else "binary"
    return None


def pdf_active():
    return ValidationError(
        _("PDF files with scripts, actions that send or import data, or embedded files are not accepted."),
        code="file_script",
    )


def pdf_unreadable():
    return ValidationError(
        _(
            "The PDF holds compressed objects that cannot be checked (encrypted, damaged or in an unusual "
            "encoding); save it again without a password, then upload it."
        ),
        code="file_content",
    )


def pdf_bomb(budget: int):
    return ValidationError(
        _("The PDF's compressed streams unpack to more than %(mb)s MB; it looks like a PDF bomb and was refused.")
        % {"mb": budget // MB},
        code="file_bomb",
    )


def markup_refused():
    return ValidationError(
        _("The file holds web page or script markup (such as <script>); it was refused."), code="file_script"
    )


def _cannot_be_read():
    return ValidationError(
        _("This PDF cannot be read (it is damaged or not really a PDF); save it again as PDF, then upload it."),
        code="file_content",
    )


def _encrypted():
    return ValidationError(
        _(
            "This PDF is encrypted (protected by a password or with restrictions), which hides what it holds; "
            "save it without protection, then upload it."
        ),
        code="file_encrypted",
    )


def _too_complex():
    return ValidationError(
        _("The PDF holds more than %(count)s pieces of PDF syntax outside its pages' contents; it was refused.")
        % {"count": f"{MAX_PDF_TOKENS:,}"},
        code="file_bomb",
    )


def syntax_tokens(data: bytes) -> int:
    """How many tokens of PDF syntax ``data`` holds outside its streams (counted in C), a long
    string counting as the tokens its parsing costs."""
    outside = STREAM_BODY.sub(b" ", data)
    without_hex, hex_strings = HEX_STRING.subn(b" ", outside)
    without_strings, strings = LITERAL_STRING.subn(b" ", without_hex)
    weighted = (len(outside) - len(without_hex)) // 4 + (len(without_hex) - len(without_strings)) // 16
    return PDF_TOKEN.subn(b"", without_strings)[1] + hex_strings + strings + weighted


def _too_many_objects():
    return ValidationError(
        _("The PDF holds more than %(count)s objects; it was refused.") % {"count": f"{MAX_PDF_OBJECTS:,}"},
        code="file_bomb",
    )


def check_pdf_objects(data: bytes, budget: int) -> None:
    """Refuses the PDF ``data`` for what pypdf finds in it (see the module docstring).

    ``budget``: how many bytes all its streams may decode to.
    """
    headers = list(RAW_OBJECT.finditer(data))
    if len(headers) > MAX_PDF_OBJECTS:
        raise _too_many_objects()
    tokens = syntax_tokens(data)
    if tokens > MAX_PDF_TOKENS:
        raise _too_complex()
    names = pdf_names(data)
    encrypted = b"Encrypt" in names
    # pypdf's own limits, for this call only (a context variable), never an outside program.
    # Opening the file decodes its cross-reference streams (the walk decodes the rest, within the
    # budget): all of them together decode to at most PDF_PREDICTOR_MAX_MB (they use predictors).
    tables = max(1, sum(1 for name in PDF_NAME.findall(data) if _unescaped(name) == b"XRef"))
    limit = max(1, min(budget, PDF_PREDICTOR_MAX_MB * MB) // tables)
    with apply_configuration(jbig2dec_binary=None, **_output_limits(limit)):
        reader = _open(data, encrypted)
    if reader is None:
        return
    with apply_configuration(jbig2dec_binary=None):
        _Walk(reader, data, headers, budget, tokens).run()


def _output_limits(limit: int) -> dict:
    """pypdf's limits on what one stream decodes to."""
    return {
        "zlib_maximum_output_length": limit,
        "lzw_maximum_output_length": limit,
        "run_length_maximum_output_length": limit,
        "brotli_maximum_output_length": limit,
        "array_based_stream_maximum_output_length": limit,
    }


class _Reader(PdfReader):
    """pypdf's reader, except that a cross-reference table rebuilt from the objects' headers (a
    damaged file) does not decode object streams outside the budget, as pypdf's own does to list
    their objects: the walk decodes and parses every object stream itself, within the budget."""

    def _rebuild_xref_table(self, stream) -> None:
        self.xref = {}
        stream.seek(0, 0)
        data = stream.read(-1)
        for number, generation, start in self._find_pdf_objects(data):
            self.xref.setdefault(generation, {})[number] = start
        # Only an object whose bytes name XRef (or hold an escaped name) can be a cross-reference
        # stream: the others are not parsed here (the walk parses each once; parsing is the cost).
        starts = sorted(start for entries in self.xref.values() for start in entries.values())
        trailers = []
        for generation, entries in self.xref.items():
            for number, start in entries.items():
                end = starts[bisect.bisect_right(starts, start)] if start < starts[-1] else len(data)
                body = data[start:end]
                if b"XRef" not in body and b"#" not in body:
                    continue
                stream.seek(start, 0)
                try:
                    if self.read_object_header(stream) != (number, generation):
                        continue
                    value = read_object(stream, self)
                except (LimitReachedError, MemoryError):
                    raise
                except Exception:  # as pypdf: an object that cannot be read is left out
                    continue
                if isinstance(value, DictionaryObject) and value.get("/Type") == "/XRef":
                    # A PDF 1.5 trailer lives in its cross-reference stream's dictionary.
                    keys = (key for key in self._XREF_STREAM_TRAILER_KEYS if key in value)
                    trailers.append((start, {NameObject(key): value.raw_get(key) for key in keys}))
        for position in self._find_pdf_trailers(data):
            stream.seek(position, 0)
            trailers.append((position, read_object(stream, self)))
        for _position, trailer in sorted(trailers, key=lambda pair: pair[0]):
            for key, value in trailer.items():
                self.trailer[key] = value


def _open(data: bytes, encrypted: bool) -> PdfReader | None:
    """The PDF opened by pypdf (repaired if it must be); None if it holds no object to read at all."""
    reader = None
    for repaired, content in ((False, data), (True, data + REPAIR_TAIL)):
        if repaired and encrypted:
            raise _encrypted()  # an encryption dictionary pypdf could not open (AES without its library ...)
        try:
            reader = _Reader(io.BytesIO(content), strict=False, xref_stream_maximum_entries=MAX_PDF_OBJECTS)
            encrypted = reader.is_encrypted
            break
        except LimitReachedError as exc:
            if "XRef stream entry" in str(exc):
                raise _too_many_objects() from exc
            raise pdf_unreadable() from exc  # cross-reference streams decoding beyond their share
        except MemoryError:
            raise
        except Exception:  # hostile input: any failure of the parser
            continue
    if reader is None:
        if b"obj" not in data and b"stream" not in data:
            return None  # no object at all: nothing a viewer could run (the byte scan read it)
        raise _cannot_be_read()
    if encrypted:
        raise _encrypted()
    return reader


class _Walk:
    """Reads every object of one PDF once, within the object, value and decoding budgets."""

    def __init__(self, reader: PdfReader, data: bytes, headers, budget: int, tokens: int = 0):
        self.reader = reader
        self.tokens = tokens
        self.data = data
        self.headers = headers
        self.budget = budget
        self.left = budget
        self.predicted_left = min(budget, PDF_PREDICTOR_MAX_MB * MB)
        self.objects = 0
        self.values = 0

    def run(self):
        listed = {(generation, number) for generation, entries in self.reader.xref.items() for number in entries}
        self.count(len(listed) + len(self.reader.xref_objStm))
        read, streams = set(), set()  # objects read from the table; where those that are streams start
        for generation, number in sorted(listed):
            if self.reader.xref_free_entry.get(generation, {}).get(number, False):
                continue
            try:
                value = self.reader.get_object(IndirectObject(number, generation, self.reader))
            except (ValidationError, MemoryError):
                raise
            except Exception as exc:  # hostile input
                raise _cannot_be_read() from exc
            if value is not None and not isinstance(value, NullObject):
                read.add((generation, number))
            if isinstance(value, StreamObject):
                streams.add(self.at(self.reader.xref[generation][number]))
            self.walk(value)
            self.reader.resolved_objects.pop((generation, number), None)  # memory: read once, then dropped
        # Objects the table does not lead to (an older revision, an entry pypdf could not follow, a
        # table that lies): read where they can be, as a viewer repairing the file would find them.
        for header in self.headers:
            number, generation = int(header[1]), int(header[2])
            if (generation, number) in read and self.at(self.reader.xref[generation][number]) == header.start():
                continue
            try:
                self.reader.stream.seek(header.end())
                read_non_whitespace(self.reader.stream)
                self.reader.stream.seek(-1, 1)
                value = read_object(self.reader.stream, self.reader)
            except (ValidationError, MemoryError):
                raise
            except Exception:  # not an object after all: the byte scan read its bytes
                continue
            if isinstance(value, StreamObject):
                streams.add(header.start())
            self.walk(value)
        # Every stream in the bytes must belong to an object read as a stream: one the parser read
        # otherwise (a dictionary it understood differently from a viewer) would go unread.
        starts = [header.start() for header in self.headers]
        for keyword in RAW_STREAM.finditer(self.data):
            owner = bisect.bisect_right(starts, keyword.start()) - 1
            if owner >= 0 and starts[owner] not in streams:
                raise pdf_unreadable()

    def at(self, offset) -> int | None:
        """Where the object a table entry points to starts (past blanks)."""
        if not isinstance(offset, int):
            return None
        while 0 <= offset < len(self.data) and self.data[offset] in PDF_WHITESPACE:
            offset += 1
        return offset

    def count(self, objects: int):
        self.objects += objects
        if self.objects > MAX_PDF_OBJECTS:
            raise _too_many_objects()

    def walk(self, value):
        """The names of ``value`` and of everything it holds directly (not through references)."""
        pending = [value]
        while pending:
            value = pending.pop()
            self.values += 1
            if self.values > MAX_PDF_VALUES:
                raise pdf_unreadable()
            if isinstance(value, NameObject):
                if value in ACTIVE_NAMES:
                    raise pdf_active()
            elif isinstance(value, DictionaryObject):
                for key, item in value.items():
                    if key in ACTIVE_NAMES:
                        raise pdf_active()
                    if not isinstance(item, IndirectObject):
                        pending.append(item)
                if isinstance(value, StreamObject):
                    self.stream(value)
            elif isinstance(value, ArrayObject):
                pending.extend(item for item in value if not isinstance(item, IndirectObject))

    def stream(self, stream: StreamObject):
        try:
            kind = self.resolved(stream.get("/Type"))
            subtype = self.resolved(stream.get("/Subtype"))
            filters = self.resolved(stream.get("/Filter"))
            filters = [self.resolved(f) for f in filters] if isinstance(filters, list) else [filters]
            objects = kind == "/ObjStm" or ("/N" in stream and "/First" in stream)
            if not objects and (subtype == "/Image" or IMAGE_FILTERS & {str(f) for f in filters}):
                return  # image data: never read as PDF syntax
            decoded = self.decode(stream)
        except (ValidationError, MemoryError):
            raise
        except Exception as exc:  # hostile input: a stream that cannot be decoded
            raise pdf_unreadable() from exc
        sniffed = pdf_kind(decoded[:PDF_SNIFF]) or "syntax"
        if objects or sniffed != "binary":
            if pdf_names(decoded) & PDF_ACTIVE_NAMES:
                raise pdf_active()
        if (objects or sniffed == "xml") and PDF_SCRIPT_TAG.search(decoded):
            raise markup_refused()
        if objects:
            self.object_stream(stream, decoded)

    def resolved(self, value):
        return value.get_object() if isinstance(value, IndirectObject) else value

    def decode(self, stream: StreamObject) -> bytes:
        """The stream's data through its filters, counted against the budgets."""
        if "/Filter" not in stream:
            return stream._data  # as stored: pypdf's decoder wants a filter
        filters = self.resolved(stream["/Filter"])
        filters = [self.resolved(f) for f in filters] if isinstance(filters, list) else [filters]
        if any(f in FILTER_ABBREVIATIONS for f in filters):
            # Abbreviations belong to inline images, and pypdf 7 refuses them elsewhere; a viewer may
            # still accept them, so the stream is decoded as if they were written in full.
            copy = DecodedStreamObject()
            copy.update(stream)
            copy[NameObject("/Filter")] = ArrayObject(NameObject(FILTER_ABBREVIATIONS.get(f, f)) for f in filters)
            copy._data = stream._data
            stream = copy
        parameters = self.resolved(stream.get("/DecodeParms", stream.get("/DP")))
        parameters = parameters if isinstance(parameters, list) else [parameters]
        predicted = any(
            isinstance(p := self.resolved(item), dict) and self.resolved(p.get("/Predictor", 1)) not in (1, None)
            for item in parameters
        )
        limit = min(self.left, self.predicted_left) if predicted else self.left
        limit = max(limit, 1)  # 0 would mean "no limit" to pypdf
        try:
            with apply_configuration(
                stream_decoding_work_maximum_length=4 * self.budget + len(self.data), **_output_limits(limit)
            ):
                decoded = decode_stream_data(stream)
        except LimitReachedError as exc:
            if predicted and self.predicted_left < self.left:
                raise pdf_unreadable() from exc
            raise pdf_bomb(self.budget) from exc
        self.left -= len(decoded)
        if predicted:
            self.predicted_left -= len(decoded)
            if self.predicted_left < 0:
                raise pdf_unreadable()
        if self.left < 0:
            raise pdf_bomb(self.budget)
        return decoded

    def object_stream(self, stream: StreamObject, decoded: bytes):
        """Each object the object stream holds, parsed and walked."""
        count = self.resolved(stream.get("/N"))
        first = self.resolved(stream.get("/First"))
        if not isinstance(count, int) or not isinstance(first, int) or count < 0 or not 0 <= first <= len(decoded):
            raise pdf_unreadable()
        self.count(count)
        self.tokens += syntax_tokens(decoded)
        if self.tokens > MAX_PDF_TOKENS:
            raise _too_complex()
        numbers = decoded[:first].split()
        if len(numbers) < 2 * count or not all(n.isdigit() for n in numbers[: 2 * count]):
            raise pdf_unreadable()
        buffer = io.BytesIO(decoded)
        for index in range(count):
            offset = int(numbers[2 * index + 1])
            if first + offset >= len(decoded):
                raise pdf_unreadable()
            buffer.seek(first + offset)
            try:
                read_non_whitespace(buffer)
                buffer.seek(-1, 1)
                value = read_object(buffer, self.reader)
            except (ValidationError, MemoryError):
                raise
            except Exception as exc:  # hostile input
                raise pdf_unreadable() from exc
            self.walk(value)
