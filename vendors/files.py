"""Uploaded files: stored under MEDIA_ROOT with random names, limited in size and type, and
served only through views that first check the record is visible to the user (never from a public URL)."""

import uuid
from pathlib import Path

from django.http import FileResponse, Http404

from bpo.core.uploads import validate_document


def upload_to(instance, filename):
    """vendors/<model>/<random>.<ext>: the stored name reveals nothing and cannot be guessed.

    The name the file came with is kept on the record (`original_name`, saved with it: the field
    comes after `file`), so a download is offered under it again (file_response)."""
    if hasattr(instance, "original_name"):
        instance.original_name = Path(filename).name[-255:]
    ext = Path(filename).suffix.lower()
    return f"vendors/{type(instance).__name__.lower()}/{uuid.uuid4().hex}{ext}"


def validate_upload(file):
    """Field validator of every vendor file (bpo.core.uploads: size, type by content, bombs, scripts)."""
    validate_document(file)


def file_response(field, download_name: str = ""):
    """A download of a stored file, as an attachment (never rendered inline), under the name it
    was uploaded with."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # The name it was uploaded with (RFC 6266 / 5987 through FileResponse, non-ASCII included);
    # the random stored name only for a file uploaded before names were kept.
    name = download_name or getattr(field.instance, "original_name", "") or Path(field.name).name
    return FileResponse(handle, as_attachment=True, filename=name)
