"""Contract documents keep every version; the vendor downloads only the shared ones of its own contracts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracts import services

from .factories import ContractFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(content=b"%PDF-1.4 v1", name="msa.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_same_title_adds_a_version_and_earlier_ones_stay_downloadable(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    v1 = services.document_upload(contract=contract, by=cast.manager, title="Signed MSA", file=pdf())
    v2 = services.document_upload(contract=contract, by=cast.manager, title="Signed MSA", file=pdf(b"%PDF-1.4 v2"))
    assert (v1.number, v2.number, v1.document_id) == (1, 2, v2.document_id)
    client.force_login(cast.viewer)
    for version, body in ((v1, b"%PDF-1.4 v1"), (v2, b"%PDF-1.4 v2")):
        response = client.get(reverse("contracts:document_download", args=[version.pk]))
        assert b"".join(response.streaming_content) == body
    assert "v2 · " in client.get(contract.get_absolute_url()).content.decode()


def test_vendor_gets_only_shared_documents_of_its_own_contracts(cast, client):
    mine = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    theirs = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, status="active")
    shared = services.document_upload(contract=mine, by=cast.manager, title="MSA", file=pdf())
    internal = services.document_upload(
        contract=mine, by=cast.manager, title="Negotiation notes", file=pdf(), shared_with_vendor=False
    )
    other = services.document_upload(contract=theirs, by=cast.outsider, title="MSA", file=pdf())
    client.force_login(cast.vendor_x_user)
    assert client.get(reverse("portal:contract_document_download", args=[shared.pk])).status_code == 200
    assert client.get(reverse("portal:contract_document_download", args=[internal.pk])).status_code == 404
    assert client.get(reverse("portal:contract_document_download", args=[other.pk])).status_code == 404
    page = client.get(reverse("portal:contract_detail", args=[mine.pk])).content.decode()
    assert "MSA" in page and "Negotiation notes" not in page


def test_upload_rules(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    with pytest.raises(ValidationError):
        services.document_upload(contract=contract, by=cast.manager, title="x", file=pdf(name="run.exe"))
    client.force_login(cast.contributor)
    response = client.post(
        reverse("contracts:document_upload", args=[contract.pk]),
        {"title": "A", "file": pdf(), "shared_with_vendor": "on"},
    )
    assert response.status_code == 403
    client.force_login(cast.manager)
    client.post(reverse("contracts:document_upload", args=[contract.pk]), {"title": "A", "file": pdf()})
    assert contract.documents.get().shared_with_vendor is False  # the box was left unticked
