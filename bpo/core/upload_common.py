"""Signatures and refusals shared by the upload checks (bpo.core.uploads and bpo.core.upload_ole2)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls (Office 97-2003), Thumbs.db ...
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


def is_archive(head: bytes) -> bool:
    return bool(ARCHIVE_SIGNATURE.match(head)) or head[257:262] == b"ustar"


def wrong_content(extension):
    return ValidationError(
        _("The content of this file is not a %(ext)s file; it was refused.") % {"ext": extension.lstrip(".").upper()},
        code="file_content",
    )


def programs_refused():
    return ValidationError(_("Programs and scripts are not accepted."), code="file_executable")


def macros_refused():
    return ValidationError(_("Documents with macros are not accepted."), code="file_macros")


def archive_in_archive_refused():
    return ValidationError(_("Archives inside archives are not accepted."), code="archive_content")
