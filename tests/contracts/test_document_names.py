"""A contract document downloads under the name it was uploaded with (Content-Disposition:
attachment, RFC 6266/5987 for a non-ASCII name), not its stored `v1-<name>` with spaces as
underscores; a version uploaded before the name was kept gets its stored name without the prefix."""

import importlib
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracts import services
from contracts.models import DocumentVersion

from .factories import ContractFactory

NAME = "主服务协议 Signed MSA (final).pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_document_downloads_under_the_name_it_was_uploaded_with(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    file = SimpleUploadedFile(NAME, b"%PDF-1.4 signed", content_type="application/pdf")
    version = services.document_upload(contract=contract, by=cast.manager, title="MSA", file=file)
    assert version.original_name == NAME
    assert version.file.name.rsplit("/", 1)[-1] != NAME  # stored as v1-<name>, spaces changed

    client.force_login(cast.viewer)
    disposition = client.get(reverse("contracts:document_download", args=[version.pk]))["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"filename*=utf-8''{quote(NAME)}" in disposition
    assert "v1-" not in disposition
    assert f"v1 · {NAME}" in client.get(contract.get_absolute_url()).content.decode()

    client.force_login(cast.vendor_x_user)
    portal = client.get(reverse("portal:contract_document_download", args=[version.pk]))
    assert f"filename*=utf-8''{quote(NAME)}" in portal["Content-Disposition"]


def test_versions_uploaded_before_the_name_was_kept_get_the_stored_name_without_its_prefix(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    file = SimpleUploadedFile("Rate card 2026.xlsx.pdf", b"%PDF-1.4 rates")
    version = services.document_upload(contract=contract, by=cast.manager, title="Rates", file=file)
    DocumentVersion.objects.filter(pk=version.pk).update(original_name="")  # as before the field existed

    backfill = importlib.import_module("contracts.migrations.0009_documentversion_original_name").backfill
    backfill(apps, None)
    version.refresh_from_db()
    assert version.original_name == "Rate_card_2026.xlsx.pdf"

    client.force_login(cast.viewer)
    disposition = client.get(reverse("contracts:document_download", args=[version.pk]))["Content-Disposition"]
    assert 'filename="Rate_card_2026.xlsx.pdf"' in disposition
