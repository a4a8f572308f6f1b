"""OLE2 compound files: what Office 97-2003 files (.doc, .xls, .ppt), the objects embedded in Office
files and other compound files found in a ZIP (a Windows Thumbs.db) may not carry.

The file is read twice:

- its directory entries, where they lie (every 128 bytes after the header), so an entry the
  directory tree does not reach is still seen: VBA project names (``_VBA_PROJECT``, ``VBA``,
  ``Macros``, ``PROJECT``), Windows Installer tables, ``\\x01Ole10Native`` streams (an OLE
  Package, which carries any file, a program included) and each storage's class (the Package
  class, an installer's);
- its streams, through olefile (which follows the FAT chains), for what only their content
  tells: Excel 4.0 (XLM) macro sheets and VBA modules (the sheet type of the BOUNDSHEET records,
  or a macro sheet's BOF record, in a ``Workbook``/``Book`` stream), a password (FILEPASS, which
  hides those sheet types), a PowerPoint file's VBA project (VBAInfo records of its ``PowerPoint
  Document`` stream, where PowerPoint keeps it instead of a storage) and the objects embedded in it
  (compressed ExOleObjStg records, checked as embedded objects), the ``Package`` ProgID in
  ``\\x01CompObj``; in a compound file that is not an Office document (Thumbs.db), the first bytes
  of every stream: no program, no archive, nested compound files checked as embedded objects.

A file olefile cannot read, or whose streams claim more bytes than the file has, cannot be
checked and is refused.
"""

import io
import re
import struct
import zlib

import olefile
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

MB = 1024 * 1024
# The directory's 128-byte entries: UTF-16 name, the name's length, type (1 storage, 2 stream,
# 5 root) and class (CLSID).
MACRO_NAMES = {"_vba_project", "_vba_project_cur", "vba", "macros", "project", "projectwm"}
PACKAGE_STREAM = "\x01ole10native"
PACKAGE_CLSID = bytes.fromhex("0c00030000000000c000000000000046")  # {0003000C-0000-0000-C000-000000000046}
# "Package" as the ANSI (length-prefixed) or Unicode user type / ProgID of a \x01CompObj stream.
PACKAGE_PROGID = re.compile(rb"\x08\x00\x00\x00Package\x00|P\x00a\x00c\x00k\x00a\x00g\x00e\x00\x00\x00")
# Windows Installer packages (MSI, patches, transforms) by their root CLSID {000C108x-...-46}.
INSTALLER_CLSIDS = {bytes([x, 0x10, 0x0C, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46]) for x in (0x82, 0x84, 0x86)}
REQUIRED = {".doc": {"WordDocument"}, ".xls": {"Workbook", "Book"}, ".ppt": {"PowerPoint Document"}}
DOCUMENT_STREAMS = {"WordDocument", "Workbook", "Book", "PowerPoint Document"}
# Excel (BIFF5/8 records: type, length): BOUNDSHEET's sheet type 1 is a macro sheet (XLM),
# 6 a VBA module; a substream's BOF record says 0x40 for a macro sheet.
BIFF_BOUNDSHEET, BIFF_BOF, BIFF_FILEPASS = 0x0085, 0x0809, 0x002F
XLM_SHEET_TYPES = {0x01, 0x06}
BIFF_MACRO_SHEET = 0x0040
# PowerPoint (records: version/instance, type, length; version 0xF is a container).
PPT_VBA_INFO = {0x03FF, 0x0400}  # VBAInfoContainer, VBAInfoAtom
PPT_OLE_STORAGE = 0x1011  # ExOleObjStg: an embedded object (or the VBA project), zlib when instance 1
PPT_ENCRYPTION = 0x2F14  # CryptSession10Container
INFLATE_MAX = 50 * MB  # what a PowerPoint file's compressed objects may unpack to, in all
MAX_DEPTH = 2  # compound files inside compound files, checked this deep


def _package_refused():
    return ValidationError(
        _("Documents with embedded packages (OLE Package objects, which can carry any file) are not accepted."),
        code="file_package",
    )


def _unreadable():
    return ValidationError(
        _("The Office 97-2003 file is damaged or built in an unusual way, so it cannot be checked; it was refused."),
        code="file_content",
    )


def _encrypted():
    return ValidationError(
        _("Password-protected Office files cannot be checked; save the file without a password, then upload it."),
        code="file_encrypted",
    )


def directory(data: bytes) -> tuple[set[str], set[bytes], bytes | None]:
    """The names in an OLE2 file's directory entries, their classes and the root entry's class (one pass)."""
    names, classes, root = set(), set(), None
    for position in range(512, len(data) - 127, 128):
        kind = data[position + 66]
        length = int.from_bytes(data[position + 64 : position + 66], "little")
        if kind not in (1, 2, 5) or not 2 < length <= 64 or length % 2:
            continue
        if data[position + length - 2 : position + length] != b"\x00\x00":
            continue
        try:
            name = data[position : position + length - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if kind == 5 and name == "Root Entry" and root is None:
            root = data[position + 80 : position + 96]
        classes.add(data[position + 80 : position + 96])
        names.add(name)
    return names, classes, root


def check_ole2(data: bytes, extension: str, *, role: str = "document", depth: int = 0) -> None:
    """Refuses an OLE2 file with a ValidationError.

    ``role``: "document", uploaded as (or in a ZIP named as) a .doc/.xls/.ppt, which must hold the
    stream its extension needs; "embedded", an object inside an Office file; "other", a compound
    file in a ZIP under another name, accepted when it is not an Office document (Thumbs.db).
    """
    if not data.startswith(OLE2):
        raise wrong_content(extension)
    names, classes, root = directory(data)
    lowered = {name.lower() for name in names}
    if root in INSTALLER_CLSIDS or any(name.startswith("\u4840") for name in names):
        raise programs_refused()
    if lowered & MACRO_NAMES:
        raise macros_refused()
    if PACKAGE_STREAM in lowered or PACKAGE_CLSID in classes:
        raise _package_refused()
    if role == "other" and names & DOCUMENT_STREAMS:
        raise ValidationError(
            _("Old Office files (Office 97-2003) are accepted only as .doc, .xls or .ppt files."), code="file_content"
        )
    if role == "document" and (root is None or not names & REQUIRED.get(extension, set())):
        raise wrong_content(extension)
    _Streams(data, role=role, depth=depth).check()


class _Streams:
    """Reads the streams whose content tells what the directory does not."""

    def __init__(self, data: bytes, *, role: str, depth: int):
        self.data, self.role, self.depth = data, role, depth

    def check(self):
        try:
            ole = olefile.OleFileIO(io.BytesIO(self.data))
        except ValidationError:
            raise
        except Exception as exc:  # whatever a hostile file makes the parser fail on: it cannot be checked
            raise _unreadable() from exc
        try:
            self._check(ole)
        except ValidationError:
            raise
        except Exception as exc:
            raise _unreadable() from exc
        finally:
            ole.close()

    def _check(self, ole):
        entries = [entry for entry in ole.direntries if entry is not None]
        # No stream (nor the mini stream, the root's) is larger than the file: a FAT loop cannot
        # make a small file read as gigabytes.
        if any(entry.size > len(self.data) for entry in entries):
            raise _unreadable()
        paths = ole.listdir(streams=True, storages=False)
        wanted = [path for path in paths if self.role == "other" or self._reads(path[-1])]
        if sum(ole.get_size(path) for path in wanted) > len(self.data):
            raise _unreadable()  # streams sharing sectors
        for path in wanted:
            name = path[-1]
            if name == "EncryptedSummary":
                raise _encrypted()
            stream = ole.openstream(path).read()
            if name in ("Workbook", "Book"):
                self._workbook(stream)
            elif name == "PowerPoint Document":
                self._presentation(stream)
            elif name.lower() == "\x01compobj" and PACKAGE_PROGID.search(stream):
                raise _package_refused()
            if self.role == "other":
                self._first_bytes(stream)

    @staticmethod
    def _reads(name: str) -> bool:
        return name in ("Workbook", "Book", "PowerPoint Document", "EncryptedSummary") or name.lower() == "\x01compobj"

    def _workbook(self, stream: bytes):
        """Excel 4.0 macro sheets and VBA modules, by their sheet type; a password hides it."""
        position = 0
        while position + 4 <= len(stream):
            kind, length = struct.unpack_from("<HH", stream, position)
            body = stream[position + 4 : position + 4 + length]
            if kind == BIFF_FILEPASS:
                raise _encrypted()
            if kind == BIFF_BOUNDSHEET and len(body) >= 6 and body[5] in XLM_SHEET_TYPES:
                raise ValidationError(
                    _("Documents with macros (Excel 4.0 macro sheets) are not accepted."), code="file_macros"
                )
            if kind == BIFF_BOF and len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == BIFF_MACRO_SHEET:
                raise ValidationError(
                    _("Documents with macros (Excel 4.0 macro sheets) are not accepted."), code="file_macros"
                )
            position += 4 + length

    def _presentation(self, stream: bytes):
        """A VBA project, encryption, and the embedded objects (checked as such)."""
        inflated = 0
        position = 0
        while position + 8 <= len(stream):
            version_instance, kind, length = struct.unpack_from("<HHI", stream, position)
            if kind in PPT_VBA_INFO:
                raise macros_refused()
            if kind == PPT_ENCRYPTION:
                raise _encrypted()
            if version_instance & 0xF == 0xF:
                position += 8  # a container: its records follow
                continue
            if kind == PPT_OLE_STORAGE:
                body = stream[position + 8 : position + 8 + length]
                if version_instance >> 4 == 1:  # compressed: the unpacked size, then a zlib stream
                    inflater = zlib.decompressobj()
                    body = inflater.decompress(body[4:], INFLATE_MAX - inflated + 1)
                    inflated += len(body)
                    if inflated > INFLATE_MAX:
                        raise _unreadable()
                self._nested(body)
            position += 8 + length

    def _first_bytes(self, stream: bytes):
        """A stream of a compound file that is not an Office document: no program, no archive."""
        if stream.startswith(EXECUTABLE_SIGNATURES):
            raise programs_refused()
        if is_archive(stream):
            raise archive_in_archive_refused()
        if stream.startswith(OLE2):
            self._nested(stream)

    def _nested(self, data: bytes):
        if not data.startswith(OLE2) or self.depth + 1 >= MAX_DEPTH:
            raise _unreadable()
        check_ole2(data, "", role="embedded", depth=self.depth + 1)
