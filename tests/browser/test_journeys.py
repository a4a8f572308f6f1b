"""End-to-end journeys in a real browser: sign-in doors, language, vendor isolation, lists.

Every page a journey opens is also watched for Content-Security-Policy violations (see
the `new_page` fixture in conftest.py).
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from bpo.accounts.choices import ProgramRole
from bpo.accounts.models import User
from tests.factories import PASSWORD, MembershipFactory, ProgramFactory

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

STAFF_LOGIN = "/accounts/login/"
PORTAL_LOGIN = "/portal/login/"
ZH_MO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"


def zh_catalog():
    """The compiled Simplified Chinese catalog, or None while the translations are not written yet."""
    if not ZH_MO.exists():
        return None
    with ZH_MO.open("rb") as fh:
        return gettext.GNUTranslations(fh)


def path_is(live_server, path):
    """A URL matcher for `expect(page).to_have_url`: exactly this path, any query string."""
    return re.compile("^" + re.escape(live_server.url + path) + r"(\?.*)?$")


def sign_out(page):
    with page.expect_navigation():
        page.locator("header form[action$='/logout/'] button[type=submit]").click()


def test_manager_switches_to_chinese_and_it_is_remembered(new_page, live_server, live_cast):
    page = new_page()
    sign_in(page, STAFF_LOGIN, "manager", PASSWORD)
    expect(page).to_have_url(path_is(live_server, "/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("PA Program A")
    expect(page.locator("main")).not_to_contain_text("Program B")  # not a member there
    screenshot(page, "home")

    # The switch in the top bar offers the other language, written in that language.
    switch = page.locator("header .lang-switch button[name=language]")
    expect(switch).to_have_text("简体中文")
    with page.expect_navigation():
        switch.click()
    expect(page).to_have_url(path_is(live_server, "/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("header .lang-switch button[name=language]")).to_have_text("English")
    catalog = zh_catalog()
    if catalog is not None:
        # Assert the visible text changed, using whatever the translators wrote.
        home = catalog.gettext("Home")
        assert home != "Home", f"{ZH_MO} exists but does not translate the nav item 'Home'"
        expect(page.locator("#mainnav > ul > li > a").first).to_have_text(home)
        for msgid in ("Sign out", "My programs"):
            translated = catalog.gettext(msgid)
            if translated != msgid:
                expect(page.locator("body")).to_contain_text(translated)
                expect(page.locator("body")).not_to_contain_text(msgid)
    expect(page.locator("main")).to_contain_text("PA Program A")  # data is not translated
    screenshot(page, "home-zh")
    assert User.objects.get(username="manager").language == "zh-hans"

    sign_out(page)
    expect(page).to_have_url(path_is(live_server, STAFF_LOGIN))

    # A new device (no language cookie): the choice follows the user, not the browser.
    other = new_page(locale="en-US")
    other.goto(STAFF_LOGIN)
    expect(other.locator("html")).to_have_attribute("lang", "en")
    sign_in(other, STAFF_LOGIN, "manager", PASSWORD)
    expect(other).to_have_url(path_is(live_server, "/"))
    expect(other.locator("html")).to_have_attribute("lang", "zh-hans")
    if catalog is not None:
        expect(other.locator("#mainnav > ul > li > a").first).to_have_text(catalog.gettext("Home"))

    # And back to English, for good measure: the switch works both ways.
    with other.expect_navigation():
        other.locator("header .lang-switch button[name=language]").click()
    expect(other.locator("html")).to_have_attribute("lang", "en")
    expect(other.locator("#mainnav > ul > li > a").first).to_have_text("Home")


def test_vendor_user_stays_in_the_portal_and_sees_only_their_vendor(new_page, live_server, live_cast):
    page = new_page()
    sign_in(page, PORTAL_LOGIN, "vx-admin", PASSWORD)
    expect(page).to_have_url(path_is(live_server, "/portal/"))
    expect(page.locator("main h1")).to_contain_text("Vendor X")
    expect(page.locator("header")).to_contain_text("Vendor X")
    assert "Vendor Y" not in page.content()
    screenshot(page, "portal-home")

    # The staff side and the Django admin answer 403, with the portal's way back.
    vendor_y = live_cast.vendor_y
    for path in ("/strategy/programs/", "/admin/", f"/vendors/{vendor_y.pk}/", "/pick/vendor/?q=Vendor"):
        response = page.goto(path)
        assert response.status == 403, f"{path} answered {response.status} to a vendor user"
        expect(page.locator("main h1")).to_have_text("You cannot open this page")
        expect(page.locator("main a[href='/portal/']")).to_be_visible()
        assert "Vendor Y" not in page.content(), path

    # The site root is not refused: it sends a vendor user on to the portal.
    page.goto("/")
    expect(page).to_have_url(path_is(live_server, "/portal/"))

    # Their colleagues list and the API only ever show vendor X. (The API is read as JSON:
    # the browsable API's HTML is not part of these journeys.)
    for path in ("/portal/", "/portal/users/"):
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert "Vendor Y" not in page.content() and "vy-admin" not in page.content(), path
    expect(page.locator("main")).to_contain_text("vx-admin")
    api = page.request.get("/api/v1/vendors/", headers={"Accept": "application/json"})
    assert api.status == 200
    names = [row["name"] for row in api.json()["results"]]
    assert names == ["Vendor X"], names
    api = page.request.get(f"/api/v1/vendors/{vendor_y.pk}/", headers={"Accept": "application/json"})
    assert api.status == 404, api.status
    assert "Vendor Y" not in api.text()


def test_staff_user_cannot_sign_in_at_the_portal(new_page, live_server, live_cast):
    page = new_page()
    sign_in(page, PORTAL_LOGIN, "manager", PASSWORD)
    expect(page).to_have_url(path_is(live_server, PORTAL_LOGIN))
    expect(page.locator("main [role=alert]")).to_contain_text("This sign-in is for vendor users")
    # Still signed out: both homes send the browser to a login page.
    page.goto("/portal/")
    expect(page).to_have_url(path_is(live_server, PORTAL_LOGIN))
    page.goto("/")
    expect(page).to_have_url(path_is(live_server, STAFF_LOGIN))
    assert not [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME and c["value"]]


def test_program_list_search_filters_with_htmx_and_exports_csv(new_page, live_server, live_cast):
    zeta = ProgramFactory(code="PZ", name="Zeta outsourcing")
    MembershipFactory(user=live_cast.manager, program=zeta, role=ProgramRole.MANAGER)

    page = new_page()
    sign_in(page, STAFF_LOGIN, "manager", PASSWORD)
    page.goto("/strategy/programs/")
    rows = page.locator("#list-results tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Program A")).to_have_count(1)
    expect(rows.filter(has_text="Zeta outsourcing")).to_have_count(1)
    expect(page.locator("#list-results")).not_to_contain_text("Program B")

    # Typing filters in place: htmx swaps the table, the page itself is not reloaded.
    page.evaluate("window.__samePage = true")
    page.locator("input[name=q]").press_sequentially("Program A", delay=20)
    expect(rows.filter(has_text="Zeta outsourcing")).to_have_count(0)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Program A")
    assert page.evaluate("window.__samePage === true"), "the search reloaded the page instead of using htmx"
    expect(page).to_have_url(re.compile(r"[?&]q=Program(\+|%20)A"))

    # The export link carries the filter: the CSV holds what the table shows.
    with page.expect_download() as info:
        page.locator("#list-results .exports a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("programs-") and download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Program A" in content
    assert "PA" in content
    assert "Zeta" not in content
    assert "Program B" not in content
