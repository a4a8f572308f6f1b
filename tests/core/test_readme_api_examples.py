"""The README's API examples run on the demo as written, with a staff token from the profile page:
the list answers CS-2026 and each PATCH changes the record (they changed a program whose charter
is approved, either to nothing or, for any other value, to a 400 "start a new revision")."""

import json
import re
import shlex
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from bpo.accounts.models import User
from bpo.accounts.services import token_create
from risk.models import Risk


def _api_examples():
    text = Path(settings.BASE_DIR, "README.md").read_text(encoding="utf-8")
    section = text[text.index("\n## API\n") : text.index("\n## Scheduled jobs")]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            if command.startswith("curl") or command.startswith("ETAG="):
                commands.append(command)
    return commands


def _curl(command):
    """The method, URL, headers and body of a README curl command (its variables left as written)."""
    words = shlex.split(command)
    method, headers, body, url = "GET", {}, None, None
    for flag, value in zip(words, [*words[1:], None], strict=True):
        if flag == "-X":
            method = value
        elif flag == "-H":
            name, _sep, content = value.partition(": ")
            headers[name] = content
        elif flag == "-d":
            body = value
        elif flag.startswith("http://"):
            url = flag
    return method, url.split("127.0.0.1:8000", 1)[1], headers, body


@pytest.mark.parametrize("username", ["pm", "admin"])
def test_the_readme_api_examples_work_on_the_demo(db, client, username):
    call_command("load_demo", stdout=StringIO())
    _token, key = token_create(user=User.objects.get(username=username))
    # "risk 1" (R-0001) on a fresh demo database; found by its title whatever ids came before.
    risk = Risk.objects.get(program__code="CS-2026", title__startswith="Typhoon closes the Manila")
    commands = _api_examples()
    assert any("-X PATCH" in c for c in commands)
    etag = None
    for command in commands:
        method, path, headers, body = _curl(command.split("$(", 1)[1] if command.startswith("ETAG=") else command)
        path = path.replace("/risks/1/", f"/risks/{risk.pk}/")
        extra = {"HTTP_AUTHORIZATION": headers["Authorization"].replace("$TOKEN", key)}
        if "If-Match" in headers:
            extra["HTTP_IF_MATCH"] = headers["If-Match"].replace("$ETAG", etag)
        if method == "GET":
            response = client.get(path, **extra)
            assert response.status_code == 200, (command, response.content[:300])
            if command.startswith("ETAG="):
                etag = response["ETag"]
            else:
                assert [p["code"] for p in response.json()["results"]] == ["CS-2026"]
            continue
        sent = json.loads(body)
        record = client.get(path, **extra).json()
        assert any(record[field] != value for field, value in sent.items()), f"{command} changes nothing"
        response = client.generic(method, path, body.encode(), content_type=headers["Content-Type"], **extra)
        assert response.status_code == 200, (command, response.content[:300])
        assert {field: response.json()[field] for field in sent} == sent
        # Back as the demo has it, so the next example changes it again.
        client.patch(path, json.dumps({f: record[f] for f in sent}), content_type="application/json", **extra)
