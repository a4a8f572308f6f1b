"""Uploads: type checked by content, size limits, archive bombs and scripts refused with a clear
message next to the field; files live outside the web root and are served only after the
access check."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.uploads import validate_csv, validate_upload

from .hostile import GOOD, HOSTILE, big_random_zip, bomb_bytes, upload, xlsx_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("name", sorted(GOOD))
def test_real_documents_are_accepted(name):
    content = GOOD[name] if GOOD[name] is not None else xlsx_bytes()
    file = upload(name, content)
    validate_upload(file)
    assert file.tell() == 0  # left ready for saving


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_with_a_clear_message(name):
    content, message = HOSTILE[name]
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, content, content_type="application/pdf"))  # the header lies
    assert message in " ".join(refused.value.messages)


def test_archive_bomb_is_refused_by_its_ratio():
    with pytest.raises(ValidationError, match="archive bomb"):
        validate_upload(upload("bundle.zip", bomb_bytes(20)))


def test_archive_that_unpacks_beyond_the_limit_is_refused(settings):
    settings.BPO_UPLOAD_MAX_UNZIPPED_MB = 2
    validate_upload(upload("small.zip", big_random_zip(1)))
    with pytest.raises(ValidationError, match="unpacks to 3 MB"):
        validate_upload(upload("noise.zip", big_random_zip(3)))


def test_size_limit_comes_from_the_settings(settings):
    settings.BPO_UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        validate_upload(upload("big.txt", b"a" * (1024 * 1024 + 1)))


def test_imports_accept_only_csv_text():
    validate_csv(upload("samples.csv", b"service_level,measured_at,value,reference\n"))
    for name, content in (("samples.pdf", GOOD["deck.pdf"]), ("samples.xlsx", xlsx_bytes())):
        with pytest.raises(ValidationError, match="not accepted"):
            validate_csv(upload(name, content))


def test_vendor_proposal_with_a_disguised_program_is_refused_next_to_the_field(cast, client):
    from tests.vendors.world import make_event
    from vendors.models import Proposal, ProposalAttachment

    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        reverse("portal:proposal_edit", args=[event.pk]),
        {
            "price": "1000.00",
            "answers": "Yes",
            "attachments": [upload("deck.pdf", GOOD["deck.pdf"]), upload("quote.pdf", HOSTILE["invoice.pdf"][0])],
        },
    )
    assert response.status_code == 400  # the form again, with the reason under the field
    body = response.content.decode()
    assert "Programs and scripts are not accepted." in body
    assert not Proposal.objects.exists() and not ProposalAttachment.objects.exists()


def test_portal_measurement_csv_with_script_is_refused(cast, client):
    from tests.contracts.factories import ContractFactory

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    client.force_login(cast.vendor_x_user)
    response = client.post(
        reverse("portal:measurement_contract", args=[contract.pk]),
        {"step": "upload", "file": upload("samples.csv", b"service_level,measured_at\n<script>x</script>,1\n")},
    )
    assert response.status_code == 200
    assert "script markup" in response.content.decode()


def test_contract_document_upload_refuses_html_named_pdf(cast, client):
    from contracts.models import DocumentVersion
    from tests.contracts.factories import ContractFactory

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:document_upload", args=[contract.pk]),
        {"title": "MSA", "file": upload("msa.pdf", HOSTILE["report.pdf"][0])},
        follow=True,
    )
    assert "not a PDF file" in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_uploaded_files_are_outside_the_web_root_and_never_served_directly(cast, client, settings):
    from django.core.files.storage import default_storage

    from contracts import services
    from tests.contracts.factories import ContractFactory

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
    version = services.document_upload(
        contract=contract,
        by=cast.manager,
        title="MSA",
        file=upload("msa.pdf", GOOD["deck.pdf"]),
        shared_with_vendor=False,
    )
    stored = version.file.name
    assert default_storage.exists(stored)
    static_root = str(settings.STATIC_ROOT)
    assert not str(settings.MEDIA_ROOT).startswith(static_root)
    client.force_login(cast.admin)
    for url in (f"/media/{stored}", f"/{stored}", f"/static/{stored}"):
        assert client.get(url).status_code == 404, url
    # Only through the permission-checked view: the vendor may not fetch an internal document.
    download = reverse("contracts:document_download", args=[version.pk])
    assert client.get(download).status_code == 200
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("portal:contract_document_download", args=[version.pk])).status_code == 404
