"""Uploaded files: stored under MEDIA_ROOT with random names, limited in size and type, and
served only through views that first check the record is visible to the user (never from a public URL)."""

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = {
    ".pdf",
    ".docx",
    ".xlsx",
    ".pptx",
    ".doc",
    ".xls",
    ".csv",
    ".txt",
    ".png",
    ".jpg",
    ".jpeg",
    ".zip",
}


def upload_to(instance, filename):
    """vendors/<model>/<random>.<ext>: the stored name reveals nothing and cannot be guessed."""
    ext = Path(filename).suffix.lower()
    return f"vendors/{type(instance).__name__.lower()}/{uuid.uuid4().hex}{ext}"


def validate_upload(file):
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}, code="file_too_large"
        )
    if Path(file.name).suffix.lower() not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("Upload a PDF, Office, CSV, text, image or ZIP file."), code="file_type")


def file_response(field, download_name: str = ""):
    """A download of a stored file, as an attachment (never rendered inline)."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = download_name or Path(field.name).name
    return FileResponse(handle, as_attachment=True, filename=name)
