"""The one validator every upload goes through: size, type by content, archive bombs, scripts.

The file's name and the browser's Content-Type are only a claim. The validator reads the
bytes: the extension must be an accepted one AND the content must be what that extension
says (a PDF starts with ``%PDF-``, a .docx is a ZIP holding ``[Content_Types].xml`` and
``word/``, a .csv is UTF-8 text ...). Refused, each with its own message next to the field:

- larger than ``BPO_UPLOAD_MAX_MB`` (default 20 MB), or empty;
- an extension outside the accepted list, or content that does not match it;
- executables (Windows PE, ELF, Mach-O, scripts with ``#!``), under any name;
- text (CSV, TXT) holding HTML or script markup (``<script``, ``<html``, ``<svg``,
  ``<iframe``, ``javascript:``, event handler attributes such as ``onerror=`` in a tag:
  "on" and an event a browser fires, so ``<item one="1">`` is not one ...), or binary bytes;
- PDFs with JavaScript, launch actions, embedded files or rich media (names are compared
  after decoding their ``#xx`` escapes, so ``/#4aavaScript`` is ``/JavaScript``), in their
  bytes or in any Flate-compressed stream (an object stream, /Type /ObjStm, holds whole
  objects), or holding a ``<script`` tag in their uncompressed bytes, an object stream or an
  XML (XFA) stream; PDF bombs (compressed streams unpacking to more than 4 times the upload
  limit, at most 50 MB). Then the PDF is parsed (pypdf, bpo.core.upload_pdf): every object,
  those in object streams included, and every stream decoded through its filters and
  predictors, for the same names and tags; encrypted PDFs, PDFs that cannot be parsed, with
  more than 100,000 objects or streams that cannot be decoded are refused;
- Office 97-2003 files (OLE2: .doc, .xls, .ppt) carrying a VBA project (``_VBA_PROJECT``, ``VBA``,
  ``Macros``, ``PROJECT`` in the directory), Excel 4.0 (XLM) macro sheets, a password (which
  hides them), OLE Package objects (``\\x01Ole10Native``, the Package class or ProgID), Windows
  Installer packages renamed .doc (their root class, or MSI table streams), and OLE2 files
  without the stream their extension needs (``WordDocument``; ``Workbook`` or ``Book``;
  ``PowerPoint Document``, whose VBA project, encryption and embedded objects are read). Inside
  a ZIP, an Office 97-2003 document must be named .doc, .xls or .ppt; another compound file (a
  Thumbs.db) is accepted without macros, packages, programs or archives in it. An Office file's
  embedded OLE2 objects are checked for the same, PowerPoint ones included (their VBA project
  and embedded objects live in the ``PowerPoint Document`` stream). See bpo.core.upload_ole2;
- archives (ZIP and the Office formats built on ZIP) that unpack to more than
  ``BPO_UPLOAD_MAX_UNZIPPED_MB`` (default 200 MB), with a compression ratio above 100 to 1,
  more than 10,000 entries, or that hold executables, scripts, HTML/SVG or other archives.
  Entries are judged by their names *and* their content: every entry of a ZIP is read
  (only after the bomb limits above have passed, so reading stays within them) and goes
  through the checks it would meet uploaded alone: programs by their first bytes, nested
  archives by their signature, markup in text, PDFs as above. A Word/Excel/PowerPoint or
  OpenDocument file inside a ZIP is checked as that file (one level deep); the parts of an
  Office file are only checked for programs (its embedded charts are ZIPs by design).
  Encrypted entries, which cannot be read, are refused.
"""

import io
import re
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .upload_common import (
    EXECUTABLE_SIGNATURES,
    OLE2,
    archive_in_archive_refused,
    is_archive,
    macros_refused,
    programs_refused,
    wrong_content,
)
from .upload_ole2 import REQUIRED as OLE2_REQUIRED
from .upload_ole2 import check_ole2
from .upload_pdf import (
    PDF_ACTIVE_NAMES,
    PDF_SCRIPT_TAG,
    PDF_SNIFF,
    check_pdf_objects,
    markup_refused,
    pdf_active,
    pdf_bomb,
    pdf_kind,
    pdf_names,
    pdf_unreadable,
)

MB = 1024 * 1024
MAX_ARCHIVE_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 100
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", OLE2)
# Compressed streams: names can hide in a Flate-compressed object stream (/Type /ObjStm), which
# viewers unpack and read as PDF objects. Every stream whose data is a zlib stream is inflated
# (whatever its dictionary says), within PDF_INFLATE_MAX_MB in all, so a PDF bomb cannot
# exhaust memory. One that starts like PDF syntax or XML (object streams start with numbers)
# is read whole and its names checked; XML (XFA forms) is also checked for <script. Binary
# streams (images, fonts) are left after their first bytes.
PDF_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
PDF_OBJECT_END = re.compile(rb"endstream|endobj|\bobj\b")
PDF_INFLATE_MAX_MB = 50
PDF_INFLATE_CHUNK = 64 * 1024
PDF_FILTERS = {
    b"FlateDecode", b"Fl", b"LZWDecode", b"LZW", b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85",
    b"RunLengthDecode", b"RL", b"Crypt", b"CCITTFaxDecode", b"CCF", b"DCTDecode", b"DCT", b"JBIG2Decode",
    b"JPXDecode", b"BrotliDecode",
}  # fmt: skip
PDF_ZLIB_HEADER = re.compile(rb"[\x08\x18\x28\x38\x48\x58\x68\x78][\x00-\xff]")
# Reading archive entries: the first bytes say what an entry is; text is scanned in chunks
# that overlap, so markup cut by a chunk boundary is still seen.
ENTRY_HEAD = 64 * 1024
SCAN_CHUNK = MB
SCAN_OVERLAP = 64 * 1024
OFFICE_KINDS = {"docx", "xlsx", "pptx", "odt", "ods"}
# Markup a browser would run if the file were ever shown inline.
ACTIVE_MARKUP = re.compile(
    rb"<\s*/?\s*(script|html|svg|iframe|object|embed|frameset|body)\b|javascript\s*:|<!doctype\s+html",
    re.IGNORECASE,
)
# Event handler attributes (onerror=, onload= ...): "on" and the name of an event a browser
# fires (HTML, SVG and legacy ones), so <item one="1"> or <row only="x"> in a CSV or XML is not
# one. Refused when a tag opened shortly before (attributes may span lines, <img/onerror=...).
DOM_EVENTS = (
    "abort activate afterprint afterscriptexecute animationcancel animationend animationiteration animationstart "
    "auxclick beforeactivate beforecopy beforecut beforedeactivate beforeinput beforematch beforepaste "
    "beforeprint beforescriptexecute beforetoggle beforeunload begin blur bounce cancel canplay canplaythrough "
    "change click close command contentvisibilityautostatechange contextlost contextmenu contextrestored "
    "controlselect copy cuechange cut dblclick deactivate drag dragend dragenter dragexit dragleave dragover "
    "dragstart drop durationchange emptied end ended error finish focus focusin focusout formdata "
    "fullscreenchange fullscreenerror gotpointercapture hashchange help input invalid keydown keypress keyup "
    "languagechange load loadeddata loadedmetadata loadend loadstart lostpointercapture message messageerror "
    "mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel move offline online "
    "pagehide pagereveal pageshow pageswap paste pause play playing pointercancel pointerdown pointerenter "
    "pointerleave pointermove pointerout pointerover pointerrawupdate pointerup popstate progress "
    "propertychange ratechange readystatechange rejectionhandled repeat reset resize scroll scrollend "
    "scrollsnapchange scrollsnapchanging search securitypolicyviolation seeked seeking select selectionchange "
    "selectstart show slotchange stalled start storage submit suspend timeupdate toggle touchcancel touchend "
    "touchmove touchstart transitioncancel transitionend transitionrun transitionstart unhandledrejection "
    "unload volumechange waiting webkitanimationend webkitanimationiteration webkitanimationstart "
    "webkittransitionend wheel zoom"
).split()
EVENT_ATTRIBUTE = re.compile(
    rb"[\s/\"'`]on(?:" + b"|".join(sorted((e.encode() for e in DOM_EVENTS), key=len, reverse=True)) + rb")\s*=",
    re.IGNORECASE,
)
TAG_OPEN = re.compile(rb"<[a-z]", re.IGNORECASE)
TAG_REACH = 64 * 1024  # how far before an event attribute its tag may open
# Inside a ZIP: names that may not be carried, whatever the archive says they are.
FORBIDDEN_IN_ARCHIVE = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".msi", ".scr", ".ps1", ".vbs", ".js", ".jar", ".sh",
    ".html", ".htm", ".svg", ".xhtml", ".hta", ".zip", ".7z", ".rar", ".gz", ".tar",
}  # fmt: skip

# extension -> how its content is recognised
DOCUMENT_EXTENSIONS = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".doc": "ole2",
    ".xls": "ole2",
    ".ppt": "ole2",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".pptx": "pptx",
    ".odt": "odt",
    ".ods": "ods",
    ".zip": "zip",
    ".csv": "text",
    ".txt": "text",
}
CSV_EXTENSIONS = {".csv": "text", ".txt": "text"}
OOXML_FOLDER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPENDOCUMENT_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def max_upload_bytes() -> int:
    """The size limit of one uploaded file (setting BPO_UPLOAD_MAX_MB)."""
    return int(getattr(settings, "BPO_UPLOAD_MAX_MB", 20)) * MB


def max_unzipped_bytes() -> int:
    """How much one archive may unpack to (setting BPO_UPLOAD_MAX_UNZIPPED_MB)."""
    return int(getattr(settings, "BPO_UPLOAD_MAX_UNZIPPED_MB", 200)) * MB


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _check_archive(file, kind, extension):
    """ZIP-based files: a real archive, no bomb, nothing executable inside, the right layout.

    An Office file's parts are only checked for programs, so an Office file found inside a ZIP
    is opened once more and no deeper.
    """
    try:
        archive = zipfile.ZipFile(file)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise wrong_content(extension) from exc
    finally:
        file.seek(0)
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise ValidationError(
            _("The archive holds more than %(count)s files; it was refused.") % {"count": f"{MAX_ARCHIVE_ENTRIES:,}"},
            code="archive_bomb",
        )
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > max_unzipped_bytes() or (unpacked > MB and unpacked / packed > MAX_COMPRESSION_RATIO):
        raise ValidationError(
            _(
                "The archive unpacks to %(size)s MB (packed %(packed)s MB); it looks like an archive bomb and was refused."
            )
            % {"size": f"{unpacked / MB:,.0f}", "packed": f"{packed / MB:,.1f}"},
            code="archive_bomb",
        )
    names = [entry.filename for entry in entries]
    for name in names:
        if _escapes_folder(name):
            raise ValidationError(
                _("The archive holds %(name)s, a path that leads out of the folder it unpacks into; it was refused.")
                % {"name": name[-80:]},
                code="archive_content",
            )
        if Path(name.lower()).suffix in FORBIDDEN_IN_ARCHIVE:
            raise ValidationError(
                _("The archive holds %(name)s: programs, scripts, web pages and nested archives are not accepted.")
                % {"name": name[-80:]},
                code="archive_content",
            )
    if kind in OOXML_FOLDER:
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_FOLDER[kind]) for n in names):
            raise wrong_content(extension)
        if any(n.lower().endswith(".bin") and "vbaproject" in n.lower() for n in names):
            raise macros_refused()
    elif kind in OPENDOCUMENT_MIMETYPE:
        try:
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
            raise wrong_content(extension) from exc
        finally:
            file.seek(0)
        if mimetype != OPENDOCUMENT_MIMETYPE[kind]:
            raise wrong_content(extension)
    try:
        _check_entries(archive, entries, plain=kind == "zip")
    finally:
        file.seek(0)


def _escapes_folder(name: str) -> bool:
    """An entry whose path climbs out of the folder it unpacks into (zip slip): `../x`,
    `a/../../x`, an absolute path (`/etc/x`, `C:\\x`, `\\\\server\\x`), with either slash."""
    path = name.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return True
    return ".." in path.split("/")


def _check_entries(archive, entries, *, plain):
    """Reads every entry and refuses the archive for the first one that would be refused alone.

    Called once the bomb limits have passed: ``zipfile`` never reads past an entry's declared
    size, so everything read here stays within them.
    """
    for entry in entries:
        if entry.is_dir():
            continue
        name = entry.filename[-80:]
        try:
            if entry.flag_bits & 0x1:
                raise RuntimeError("encrypted entry")
            with archive.open(entry) as stream:
                _check_entry(stream, entry, plain=plain)
        except ValidationError as refused:
            raise ValidationError(
                _("%(name)s in the archive: %(reason)s")
                % {"name": name, "reason": " ".join(str(m) for m in refused.messages)},
                code="archive_content",
            ) from refused
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            RuntimeError,
            OSError,
            EOFError,
            ValueError,
            zlib.error,
        ) as exc:
            raise ValidationError(
                _("The archive holds %(name)s, which is encrypted or damaged and cannot be checked; it was refused.")
                % {"name": name},
                code="archive_content",
            ) from exc


def _read_whole(stream, head):
    """The rest of an entry after ``head``, if the whole fits the size limit of an upload."""
    limit = max_upload_bytes()
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // MB}, code="file_too_large")
    return data


def _check_entry(stream, entry, *, plain):
    """One archive entry: the checks it would meet uploaded alone, whatever its name says."""
    head = stream.read(ENTRY_HEAD if plain else 8)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise programs_refused()
    extension = Path(entry.filename.lower()).suffix
    if head.startswith(OLE2):  # an old Office file, an Office file's embedded object, a Thumbs.db ...
        role = "embedded" if not plain else "document" if extension in OLE2_REQUIRED else "other"
        check_ole2(_read_whole(stream, head), extension, role=role)
        return
    if not plain:
        return  # the parts of an Office file: XML, media, embedded charts (ZIPs by design)
    kind = DOCUMENT_EXTENSIONS.get(extension)
    if is_archive(head):
        if kind not in OFFICE_KINDS:
            raise archive_in_archive_refused()
        _check_archive(io.BytesIO(_read_whole(stream, head)), kind, extension)
    elif kind == "pdf" or head.startswith(b"%PDF-"):
        _check_pdf(_read_whole(stream, head), extension or ".pdf")
    elif head.startswith(BINARY_SIGNATURES) or (kind != "text" and b"\x00" in head and not head.startswith(UTF16_BOMS)):
        return  # an image, an old Office file or other binary data: no markup a browser would run
    else:
        _scan_text(stream, head, extension, strict=kind == "text")


def _scan_text(stream, head, extension, *, strict):
    """Markup anywhere in a text entry, read in overlapping chunks.

    ``strict`` (a .csv or .txt entry): NUL bytes are refused, as for a text file uploaded alone.
    Otherwise UTF-16 text is scanned without its NUL bytes.
    """
    utf16 = head.startswith(UTF16_BOMS)
    window = head
    while window:
        if strict and b"\x00" in window:
            raise wrong_content(extension)
        if _has_markup(window.replace(b"\x00", b"") if utf16 else window):
            raise markup_refused()
        chunk = stream.read(SCAN_CHUNK)
        window = window[-SCAN_OVERLAP:] + chunk if chunk else b""


def _has_markup(data: bytes) -> bool:
    """Active markup, or an event handler attribute less than TAG_REACH after a tag opened.

    Jumps from tag to attribute and back, so each byte is read a few times at most.
    """
    if ACTIVE_MARKUP.search(data):
        return True
    position = 0
    while tag := TAG_OPEN.search(data, position):
        attribute = EVENT_ATTRIBUTE.search(data, tag.start())
        if attribute is None:
            return False
        if attribute.start() - tag.start() <= TAG_REACH:
            return True
        if TAG_OPEN.search(data, attribute.start() - TAG_REACH, attribute.start()):
            return True
        position = attribute.end()
    return False


def _pdf_inflate_budget() -> int:
    return min(4 * max_upload_bytes(), PDF_INFLATE_MAX_MB * MB)


def _pdf_dictionary(data: bytes, start: int, after: int) -> set[bytes]:
    """The names of the dictionary before the ``stream`` keyword at ``start``: back to its ``obj``,
    at most PDF_SNIFF * 16 bytes and not before ``after`` (the previous stream), so all reading
    stays within the file's size."""
    window = data[max(after, start - PDF_SNIFF * 16) : start]
    ends = list(PDF_OBJECT_END.finditer(window))
    return pdf_names(window[ends[-1].end() :] if ends else window)


class _Inflated:
    """Inflates the PDF's streams within one budget for the whole file."""

    def __init__(self, data: bytes):
        self.data = data
        self.left = _pdf_inflate_budget()

    def stream(self, start: int, *, whole: bool) -> tuple[bytes, str | None]:
        """The inflated stream at ``start`` and its kind; its first bytes only if binary (unless ``whole``)."""
        inflater = zlib.decompressobj()
        out = bytearray()
        kind = None
        position = start
        while not inflater.eof:
            chunk = inflater.unconsumed_tail or self.data[position : position + PDF_INFLATE_CHUNK]
            if not inflater.unconsumed_tail:
                position += len(chunk)
            if not chunk:
                break
            wanted = PDF_SNIFF if kind is None and not whole else PDF_INFLATE_CHUNK
            piece = inflater.decompress(chunk, min(wanted, self.left + 1))
            if len(piece) > self.left:
                raise pdf_bomb(_pdf_inflate_budget())
            self.left -= len(piece)
            out += piece
            if kind is None and (len(out) >= PDF_SNIFF or inflater.eof):
                kind = pdf_kind(bytes(out[:PDF_SNIFF])) or "syntax"  # only blanks or comments: read it all
            if kind == "binary" and not whole:
                break
        return bytes(out), kind or pdf_kind(bytes(out)) or "syntax"


def _check_pdf_streams(data: bytes):
    """Names (and <script in object streams and XML) hidden in the PDF's Flate-compressed streams.

    A stream whose dictionary says it holds objects (/Type /ObjStm, or /N and /First) and only
    Flate must inflate (or the file is refused: encrypted or damaged). One under other filters or a
    predictor is left to the parser (bpo.core.upload_pdf), which decodes them all.
    """
    inflated = _Inflated(data)
    after = 0
    for keyword in PDF_STREAM.finditer(data):
        start = keyword.end()
        names = _pdf_dictionary(data, keyword.start(), after)
        after = start
        objects = b"ObjStm" in names or {b"N", b"First"} <= names
        readable = not names & {b"Predictor", b"DecodeParms", b"DP"} and not (names & PDF_FILTERS) - {
            b"FlateDecode",
            b"Fl",
        }
        if objects and not readable:
            continue  # decoded by the parser
        zlib_stream = PDF_ZLIB_HEADER.match(data, start) and int.from_bytes(data[start : start + 2], "big") % 31 == 0
        if not zlib_stream:
            if objects and names & PDF_FILTERS:
                raise pdf_unreadable()  # Flate-compressed objects that are not a zlib stream
            continue
        try:
            stream, kind = inflated.stream(start, whole=objects)
        except zlib.error as exc:
            if objects:
                raise pdf_unreadable() from exc
            continue
        if kind == "binary" and not objects:
            continue
        if pdf_names(stream) & PDF_ACTIVE_NAMES:
            raise pdf_active()
        if (objects or kind == "xml") and PDF_SCRIPT_TAG.search(stream):
            raise markup_refused()


def _check_pdf(data: bytes, extension):
    if not data.startswith(b"%PDF-"):
        raise wrong_content(extension)
    if pdf_names(data) & PDF_ACTIVE_NAMES:
        raise pdf_active()
    if PDF_SCRIPT_TAG.search(data):
        raise markup_refused()
    _check_pdf_streams(data)
    check_pdf_objects(data, _pdf_inflate_budget())


def _check_text(data: bytes, extension):
    if b"\x00" in data:
        raise wrong_content(extension)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Save the file as UTF-8 text, then upload it again."), code="file_encoding") from exc
    if _has_markup(data):
        raise markup_refused()


def validate_upload(file, *, accepted: dict[str, str] | None = None) -> None:
    """Refuses the uploaded ``file`` with a ValidationError (see the module docstring).

    ``accepted`` maps the accepted extensions to their kind (default: documents, images, ZIP,
    CSV and text). Reads the file through ``file.read()`` and leaves it at position 0.
    """
    accepted = DOCUMENT_EXTENSIONS if accepted is None else accepted
    limit = max_upload_bytes()
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": limit // MB},
            code="file_too_large",
        )
    extension = Path(file.name or "").suffix.lower()
    if extension not in accepted:
        listed = ", ".join(sorted({e.lstrip(".").upper() for e in accepted}))
        raise ValidationError(
            _("Files of this type (%(ext)s) are not accepted. Accepted: %(list)s.")
            % {"ext": extension or "?", "list": listed},
            code="file_type",
        )
    data = _read_all(file)
    if len(data) > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // MB}, code="file_too_large")
    if not data:
        raise ValidationError(_("The file is empty."), code="file_empty")
    kind = accepted[extension]
    if data.startswith(b"#!") or (kind != "text" and data.startswith(EXECUTABLE_SIGNATURES)):
        raise programs_refused()
    if kind == "pdf":
        _check_pdf(data, extension)
    elif kind == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise wrong_content(extension)
    elif kind == "jpeg":
        if not data.startswith(b"\xff\xd8\xff"):
            raise wrong_content(extension)
    elif kind == "ole2":
        check_ole2(data, extension, role="document")
    elif kind in ("zip", *OOXML_FOLDER, *OPENDOCUMENT_MIMETYPE):
        if not data.startswith(ZIP):
            raise wrong_content(extension)
        _check_archive(file, kind, extension)
    elif kind == "text":
        _check_text(data, extension)


def validate_document(file) -> None:
    """Model/form field validator: documents, images, ZIP, CSV and text."""
    validate_upload(file)


def validate_csv(file) -> None:
    """Model/form field validator for imports: UTF-8 CSV (or .txt) without markup."""
    validate_upload(file, accepted=CSV_EXTENSIONS)
