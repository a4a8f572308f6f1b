"""A crawler walks the portal as each demo vendor user and finds nothing of any other vendor.

The bilingual demo (``load_demo``) is the data. For each vendor user, starting at /portal/, the
crawler follows breadth-first every same-site link (``a[href]``) and every GET form (submitted
with its default values, and once per option of each of its selects), including the CSV/XLSX
exports of the portal lists, up to a limit. It asserts that:

- no answer is a server error (5xx);
- no page or downloaded file holds an identifying string of another vendor: its name and local
  name, its registration number, its users' usernames and e-mails, and the codes, numbers and
  titles of the records that belong to it (contracts, invoices, proposals, risks, tasks...),
  all collected from the database;
- no staff page (outside /portal/, /static/, /api/, /i18n/, /healthz) answers 200: neither a
  link found in the portal nor any staff page without arguments, requested directly.

The demo gives Huaxin only its users, so the test first copies Apex's contract and every record
of it or of Apex to Huaxin, each identifying value renamed ("HX-contract-numbe-1"): both sides then
have contracts, service levels, tasks, risks... to look for. The crawler asks each portal list
for its ``?export=csv`` and ``?export=xlsx`` download (bpo/portal/exports.py) and checks it too
(an XLSX file is read through its XML parts).

The crawl is deterministic (document order, fixed limits) and takes a few seconds per user.
"""

import html
import io
import zipfile
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse

from bpo.accounts.models import User
from vendors.models import Vendor

VENDOR_USERS = ["apex.admin", "apex.agent", "huaxin.admin"]
# Paths a vendor user may open outside /portal/ (see bpo.core.middleware.VENDOR_ALLOWED_PREFIXES).
NOT_STAFF = ("/portal/", "/static/", "/api/", "/i18n/", "/healthz")
# Not followed: signing out ends the crawl's session; assets hold no vendor data.
SKIP_PREFIXES = ("/portal/logout/", "/static/", "/i18n/")
# Staff paths not requested: signing out (POST only, and it would end the crawl's session).
SKIP_STAFF = ("/accounts/logout/",)
MAX_PAGES = 800  # per user
MAX_PER_ROUTE = 12  # distinct URLs per (route, query keys): a few records of each kind
MAX_OPTIONS = 6  # options tried per select of a GET form

# Character fields that name or identify a record of a vendor.
IDENTIFYING_FIELDS = {
    "name",
    "local_name",
    "registration_number",
    "website",
    "username",
    "email",
    "number",
    "code",
    "title",
    "reference",
}
MIN_LENGTH = 6  # shorter values ("Ltd.", "draft") are not identifying


class _Links(HTMLParser):
    """Collects a[href] and GET forms (action + default values + select options), in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self._form = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            get = (attrs.get("method") or "get").lower() == "get"
            self._form = {"action": attrs.get("action") or "", "fields": [], "selects": {}} if get else None
        elif self._form is not None and attrs.get("name"):
            name, kind = attrs["name"], (attrs.get("type") or "text").lower()
            if tag == "input" and kind in {"submit", "button", "reset", "file", "image"}:
                return
            if tag == "input" and kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if tag == "select":
                self._select = name
                self._form["selects"][name] = []
            elif tag == "input":
                self._form["fields"].append((name, attrs.get("value") or ""))
        if tag == "option" and self._form is not None and self._select:
            value = attrs.get("value")
            if value:
                self._form["selects"][self._select].append(value)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _form_urls(page_url, form):
    """The form submitted with its defaults, then with each of the first options of each select."""
    action = urljoin(page_url, form["action"]) if form["action"] else page_url.split("?")[0]
    base = [(k, v) for k, v in form["fields"] if v]
    yield f"{action}?{urlencode(base)}" if base else action
    for name, options in form["selects"].items():
        for value in options[:MAX_OPTIONS]:
            yield f"{action}?{urlencode([*base, (name, value)])}"


def _route_key(path, query):
    try:
        match = resolve(path)
    except Resolver404:
        return (path, ())
    return (match.view_name, tuple(sorted({k for k, _ in parse_qsl(query)})))


def _vendor_path(model):
    """The lookup from ``model`` to its owning vendor ("vendor", "contract__vendor"...), or None."""
    fields = {f.name: f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one}
    if "vendor" in fields and fields["vendor"].related_model is Vendor:
        return "vendor"
    for name, field in fields.items():
        parent = field.related_model
        parent_fields = {f.name: f for f in parent._meta.concrete_fields if f.is_relation and f.many_to_one}
        if parent is not User and "vendor" in parent_fields and parent_fields["vendor"].related_model is Vendor:
            return f"{name}__vendor"
    return None


def _identifying_strings():
    """{vendor pk: set of strings} over every model that belongs to one vendor."""
    owned = {pk: set() for pk in Vendor.objects.values_list("pk", flat=True)}
    for model in apps.get_models():
        char_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.EmailField, models.URLField)) and f.name in IDENTIFYING_FIELDS
        ]
        if not char_fields:
            continue
        lookup = "pk" if model is Vendor else _vendor_path(model)
        if lookup is None:
            continue
        for vendor_pk, *values in model.objects.exclude(**{f"{lookup}__isnull": True}).values_list(
            lookup, *char_fields
        ):
            owned[vendor_pk].update(v.strip() for v in values if v and len(v.strip()) >= MIN_LENGTH)
    return owned


def _mirror_for(vendor, source):
    """Gives ``vendor`` a copy of the records of ``source`` (the demo gives Huaxin users only):
    its contracts, then every record of the contract or of the vendor, each identifying value
    replaced by a new one, so that the other vendor's crawl has records of both to look for."""
    contracts = {}
    users = set(User.objects.filter(vendor=source).values_list("pk", flat=True))
    stand_in = User.objects.filter(vendor=vendor).order_by("pk").first()
    counter = iter(range(1, 100_000))

    def fresh(obj, **changes):
        obj.pk = obj.id = None
        for field in obj._meta.concrete_fields:
            if field.name in IDENTIFYING_FIELDS and isinstance(field, models.CharField) and getattr(obj, field.name):
                value = f"HX-{obj._meta.model_name[:8]}-{field.name[:5]}-{next(counter)}"
                setattr(obj, field.name, value[-field.max_length :])
        for name, value in changes.items():
            setattr(obj, name, value)
        for field in obj._meta.concrete_fields:
            original = getattr(obj, field.attname)
            if field.is_relation and field.related_model.__name__ == "Contract":
                setattr(obj, field.attname, contracts.get(original, original))
            elif field.is_relation and field.related_model is User and original in users:
                setattr(obj, field.attname, stand_in.pk)
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:
            return None  # a record that cannot be copied as is (unique per session...): not needed
        return obj

    from contracts.models import Contract

    for contract in Contract.objects.filter(vendor=source).order_by("pk"):
        original = contract.pk
        contracts[original] = fresh(contract, vendor=vendor).pk
    for model in apps.get_models():
        lookup = _vendor_path(model)
        named = {f.name for f in model._meta.concrete_fields} & IDENTIFYING_FIELDS
        if model in (User, Contract) or lookup not in ("vendor", "contract__vendor") or not named:
            continue
        changes = {"vendor": vendor} if lookup == "vendor" else {}
        for obj in model.objects.filter(**{lookup: source}).order_by("pk"):
            fresh(obj, **changes)


def _foreign_strings(user, owned):
    """Strings of the other vendors, minus anything the user's own vendor also uses."""
    own = owned[user.vendor_id]
    return sorted({s for pk, strings in owned.items() if pk != user.vendor_id for s in strings} - own)


def _text_of(response):
    """The searchable text of an answer: HTML/CSV/JSON as is, XLSX's XML parts, nothing for other binaries."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = [archive.read(n) for n in archive.namelist() if n.endswith(".xml")]
        return html.unescape(b"\n".join(parts).decode("utf-8", "replace")), content
    if kind.startswith(("text/", "application/json")) or not kind:
        return html.unescape(content.decode("utf-8", "replace")), content
    return "", content


def _staff_pages():
    """Every staff page without arguments (the contract list, the user list, /admin/...): a
    vendor user who types their address must be refused."""
    names, resolver = set(), get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        names |= {f"{namespace}:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    names |= {n for n in resolver.reverse_dict if isinstance(n, str)}
    paths = set()
    for name in names:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return sorted(p for p in paths if not p.startswith(NOT_STAFF) and p != "/" and not p.startswith(SKIP_STAFF))


def _crawl(client, foreign):
    """Breadth-first from /portal/, then the staff pages; returns (pages fetched, problems found)."""
    start = ["/portal/", *_staff_pages()]
    queue, seen, per_route, problems, fetched = deque(start), set(start), {}, [], 0
    while queue and fetched < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        fetched += 1
        path = urlsplit(url).path
        status = response.status_code
        if status >= 500:
            problems.append(f"{status} at {url}")
        staff = not path.startswith(NOT_STAFF) and path != "/"
        if staff and status == 200:
            problems.append(f"staff page {url} answered 200")
        text, raw = _text_of(response)
        leaked = [s for s in foreign if s in text]
        if leaked:
            problems.append(f"{url} shows another vendor's {leaked[:5]}")
        if staff or status != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(raw.decode("utf-8", "replace"))
        targets = [urljoin(url, href) for href in parser.links]
        if path.startswith("/portal/") and not resolve(path).kwargs and "export=" not in url:
            # a portal list: its downloads, whether or not the page links them
            joiner = "&" if "?" in url else "?"
            targets += [f"{url}{joiner}export=csv", f"{url}{joiner}export=xlsx"]
        targets += [target for form in parser.forms for target in _form_urls(url, form)]
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue  # another site (mailto:, https://vendor.example...)
            relative = parts.path + (f"?{parts.query}" if parts.query else "")
            if not parts.path or relative in seen or parts.path.startswith(SKIP_PREFIXES):
                continue
            key = _route_key(parts.path, parts.query)
            if per_route.get(key, 0) >= MAX_PER_ROUTE:
                continue
            per_route[key] = per_route.get(key, 0) + 1
            seen.add(relative)
            queue.append(relative)
    return fetched, problems


@pytest.mark.timeout(120)
@pytest.mark.parametrize("username", VENDOR_USERS)
def test_a_vendor_user_reaches_nothing_of_another_vendor(db, username):
    call_command("load_demo", stdout=io.StringIO())
    _mirror_for(Vendor.objects.get(name__startswith="Huaxin"), Vendor.objects.get(name__startswith="Apex"))
    user = User.objects.get(username=username)
    foreign = _foreign_strings(user, _identifying_strings())
    assert foreign, "the demo should hold other vendors' data to look for"
    client = Client()
    client.force_login(user)
    fetched, problems = _crawl(client, foreign)
    assert not problems, f"{username}: {len(problems)} problems in {fetched} pages crawled:\n" + "\n".join(problems)
    assert fetched >= 20, f"{username}: only {fetched} pages crawled"


def test_the_crawler_sees_what_a_page_shows(db):
    """The check is not vacuous: the user's own vendor's strings are found on its pages."""
    call_command("load_demo", stdout=io.StringIO())
    user = User.objects.get(username="apex.admin")
    own = sorted(_identifying_strings()[user.vendor_id])
    client = Client()
    client.force_login(user)
    fetched, problems = _crawl(client, own)
    assert len(problems) > 10, f"{len(problems)} pages of {fetched} show the vendor's own data"
    assert any("CS-MSA-2026-001" in p for p in problems)
