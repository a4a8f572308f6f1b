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
  after decoding their ``#xx`` escapes, so ``/#4aavaScript`` is ``/JavaScript``), or holding a
  ``<script`` tag in their uncompressed bytes;
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

MB = 1024 * 1024
MAX_ARCHIVE_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 100
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls (Office 97-2003)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", OLE2)
EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows PE (.exe, .dll)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts
)
# Other archives, by their first bytes (tar: "ustar" at offset 257).
ARCHIVE_SIGNATURE = re.compile(
    rb"PK\x03\x04|PK\x05\x06|PK\x07\x08|\x1f\x8b|7z\xbc\xaf\x27\x1c|Rar!\x1a\x07|\xfd7zXZ\x00"
    rb"|BZh[1-9]1AY&SY|\x28\xb5\x2f\xfd|MSCF\x00\x00\x00\x00"
)
# PDF names that run code or carry files. A name is compared once its #xx escapes are decoded.
PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_ACTIVE_NAMES = {
    b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"FileAttachment", b"RichMedia",
}  # fmt: skip
PDF_SCRIPT_TAG = re.compile(rb"<script\b", re.IGNORECASE)
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


def _wrong_content(extension):
    return ValidationError(
        _("The content of this file is not a %(ext)s file; it was refused.") % {"ext": extension.lstrip(".").upper()},
        code="file_content",
    )


def _check_archive(file, kind, extension):
    """ZIP-based files: a real archive, no bomb, nothing executable inside, the right layout.

    An Office file's parts are only checked for programs, so an Office file found inside a ZIP
    is opened once more and no deeper.
    """
    try:
        archive = zipfile.ZipFile(file)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _wrong_content(extension) from exc
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
        if Path(name.lower()).suffix in FORBIDDEN_IN_ARCHIVE:
            raise ValidationError(
                _("The archive holds %(name)s: programs, scripts, web pages and nested archives are not accepted.")
                % {"name": name[-80:]},
                code="archive_content",
            )
    if kind in OOXML_FOLDER:
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_FOLDER[kind]) for n in names):
            raise _wrong_content(extension)
        if any(n.lower().endswith(".bin") and "vbaproject" in n.lower() for n in names):
            raise ValidationError(_("Documents with macros are not accepted."), code="file_macros")
    elif kind in OPENDOCUMENT_MIMETYPE:
        try:
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
            raise _wrong_content(extension) from exc
        finally:
            file.seek(0)
        if mimetype != OPENDOCUMENT_MIMETYPE[kind]:
            raise _wrong_content(extension)
    try:
        _check_entries(archive, entries, plain=kind == "zip")
    finally:
        file.seek(0)


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
        raise ValidationError(_("Programs and scripts are not accepted."), code="file_executable")
    if not plain:
        return  # the parts of an Office file: XML, media, embedded charts (ZIPs by design)
    extension = Path(entry.filename.lower()).suffix
    kind = DOCUMENT_EXTENSIONS.get(extension)
    if ARCHIVE_SIGNATURE.match(head) or head[257:262] == b"ustar":
        if kind not in OFFICE_KINDS:
            raise ValidationError(_("Archives inside archives are not accepted."), code="archive_content")
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
            raise _wrong_content(extension)
        if _has_markup(window.replace(b"\x00", b"") if utf16 else window):
            raise _markup_refused()
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


def _markup_refused():
    return ValidationError(
        _("The file holds web page or script markup (such as <script>); it was refused."), code="file_script"
    )


def _pdf_names(data: bytes) -> set[bytes]:
    """Every name in the PDF's bytes, with its #xx escapes decoded (/#4aS is /JS)."""
    return {
        PDF_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name) if b"#" in name else name
        for name in PDF_NAME.findall(data)
    }


def _check_pdf(data: bytes, extension):
    if not data.startswith(b"%PDF-"):
        raise _wrong_content(extension)
    if _pdf_names(data) & PDF_ACTIVE_NAMES:
        raise ValidationError(_("PDF files with scripts or embedded programs are not accepted."), code="file_script")
    if PDF_SCRIPT_TAG.search(data):
        raise _markup_refused()


def _check_text(data: bytes, extension):
    if b"\x00" in data:
        raise _wrong_content(extension)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Save the file as UTF-8 text, then upload it again."), code="file_encoding") from exc
    if _has_markup(data):
        raise _markup_refused()


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
        raise ValidationError(_("Programs and scripts are not accepted."), code="file_executable")
    if kind == "pdf":
        _check_pdf(data, extension)
    elif kind == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise _wrong_content(extension)
    elif kind == "jpeg":
        if not data.startswith(b"\xff\xd8\xff"):
            raise _wrong_content(extension)
    elif kind == "ole2":
        if not data.startswith(OLE2):
            raise _wrong_content(extension)
    elif kind in ("zip", *OOXML_FOLDER, *OPENDOCUMENT_MIMETYPE):
        if not data.startswith(ZIP):
            raise _wrong_content(extension)
        _check_archive(file, kind, extension)
    elif kind == "text":
        _check_text(data, extension)


def validate_document(file) -> None:
    """Model/form field validator: documents, images, ZIP, CSV and text."""
    validate_upload(file)


def validate_csv(file) -> None:
    """Model/form field validator for imports: UTF-8 CSV (or .txt) without markup."""
    validate_upload(file, accepted=CSV_EXTENSIONS)
