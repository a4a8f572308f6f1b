"""The one validator every upload goes through: size, type by content, archive bombs, scripts.

The file's name and the browser's Content-Type are only a claim. The validator reads the
bytes: the extension must be an accepted one AND the content must be what that extension
says (a PDF starts with ``%PDF-``, a .docx is a ZIP holding ``[Content_Types].xml`` and
``word/``, a .csv is UTF-8 text ...). Refused, each with its own message next to the field:

- larger than ``BPO_UPLOAD_MAX_MB`` (default 20 MB), or empty;
- an extension outside the accepted list, or content that does not match it;
- executables (Windows PE, ELF, Mach-O, scripts with ``#!``), under any name;
- text (CSV, TXT) holding HTML or script markup (``<script``, ``<html``, ``<svg``,
  ``<iframe``, ``javascript:`` ...), or binary bytes;
- archives (ZIP and the Office formats built on ZIP) that unpack to more than
  ``BPO_UPLOAD_MAX_UNZIPPED_MB`` (default 200 MB), with a compression ratio above 100 to 1,
  more than 10,000 entries, or that hold executables, scripts, HTML/SVG or other archives.
"""

import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
MAX_ARCHIVE_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 100
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls (Office 97-2003)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
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
# Markup a browser would run if the file were ever shown inline.
ACTIVE_MARKUP = re.compile(
    rb"<\s*/?\s*(script|html|svg|iframe|object|embed|frameset|body)\b"
    rb"|<[a-z]+\s[^>\n]*\bon[a-z]+\s*="
    rb"|javascript\s*:|<!doctype\s+html",
    re.IGNORECASE,
)
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
    """ZIP-based files: a real archive, no bomb, nothing executable inside, the right layout."""
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


def _check_text(data: bytes, extension):
    if b"\x00" in data:
        raise _wrong_content(extension)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Save the file as UTF-8 text, then upload it again."), code="file_encoding") from exc
    if ACTIVE_MARKUP.search(data):
        raise ValidationError(
            _("The file holds web page or script markup (such as <script>); it was refused."), code="file_script"
        )


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
        if not data.startswith(b"%PDF-"):
            raise _wrong_content(extension)
        if re.search(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b", data):
            raise ValidationError(
                _("PDF files with scripts or embedded programs are not accepted."), code="file_script"
            )
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
