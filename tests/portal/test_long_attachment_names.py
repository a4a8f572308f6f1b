"""A long attachment name is shown shortened in the middle with its extension kept, the full name
in a title attribute (a 300-character name was cut at its end, the extension lost)."""

from datetime import timedelta
from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.vendors.world import make_event
from vendors.models import ProposalAttachment
from vendors.templatetags.file_names import shorten_middle

LONG = "very-long-name-" + "x" * 280 + "-end.pdf"  # 303 characters


def test_shorten_middle_keeps_the_extension():
    assert shorten_middle("short.pdf") == "short.pdf"
    short = shorten_middle(LONG, 20)
    assert len(short) == 20 and short.startswith("very-lo") and short.endswith("end.pdf") and "…" in short
    assert shorten_middle("a" * 100, 10) == "aaaaa…aaaa"


def test_the_portal_form_shows_a_long_name_shortened_with_the_full_name_in_its_title(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:proposal_edit", args=[event.pk])
    upload = SimpleUploadedFile(LONG, b"%PDF-1.4 a")
    assert client.post(url, {"price": "1000", "answers": "Yes", "attachments": [upload]}).status_code == 302
    attachment = ProposalAttachment.objects.get()
    # Django keeps at most 255 characters of an uploaded name, its extension included.
    full = attachment.original_name
    assert len(full) == 255 and full.startswith("very-long-name-") and full.endswith(".pdf")
    assert attachment.title.endswith(".pdf") and len(attachment.title) == 200  # it was cut to "xxx"

    html = client.get(url).content.decode()
    assert f'title="{escape(full)}"' in html
    assert f">{shorten_middle(full)}</a>" in html and shorten_middle(full).endswith(".pdf")
    assert len(shorten_middle(full)) == 60
