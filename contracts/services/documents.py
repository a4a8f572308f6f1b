"""Contract documents with versions: a new upload of the same title becomes its next version."""

import os

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from bpo.core.uploads import validate_document

from ..models import Contract, ContractDocument, DocumentVersion


@transaction.atomic
def document_upload(
    *, contract: Contract, by, title: str, file, note: str = "", shared_with_vendor=True
) -> DocumentVersion:
    """Adds a document, or the next version of the document with this title (managers and administrators)."""
    if not Contract.objects.editable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    try:
        validate_document(file)  # size, type by content, archive bombs, scripts
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    with set_actor(by):
        document, _created = ContractDocument.objects.select_for_update().get_or_create(
            contract=contract, title=title, defaults={"shared_with_vendor": shared_with_vendor}
        )
        if document.shared_with_vendor != shared_with_vendor:
            document.shared_with_vendor = shared_with_vendor
            document.save(update_fields=["shared_with_vendor"])
        number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        name = os.path.basename(file.name or "")[-255:]  # offered again on download
        version = DocumentVersion(document=document, number=number, note=note, uploaded_by=by, original_name=name)
        version.file.save(name, file, save=False)
        version.save()
    return version


def documents_for(contract, user):
    """The contract's documents this user may read: all for staff, the shared ones for the vendor."""
    # The versions with their uploader in one query, newest first within each document (as
    # their model orders them, without the join to the document that ordering by it needs).
    versions = DocumentVersion.objects.select_related("uploaded_by").order_by("-number")
    qs = ContractDocument.objects.filter(contract=contract).prefetch_related(Prefetch("versions", queryset=versions))
    if user.is_vendor_user:
        qs = qs.filter(shared_with_vendor=True)
    return qs


def document_version_for(user, pk) -> DocumentVersion | None:
    """A version the user may download, or None (answered as 404)."""
    qs = DocumentVersion.objects.filter(document__contract__in=Contract.objects.visible_to(user).values("pk"))
    if user.is_vendor_user:
        qs = qs.filter(document__shared_with_vendor=True)
    return qs.select_related("document").filter(pk=pk).first()
