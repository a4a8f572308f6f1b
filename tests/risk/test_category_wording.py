"""The risk category "Operational" reads 运营 in Chinese (a kind of risk), not 运营级 - the vendor
tier's wording, which it shared as one msgid. Each now has its own context ("risk category",
"vendor tier"); the vendor tier keeps 运营级 and 战略级."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bpo.reports import services as reports
from bpo.reports.builders import BUILDERS
from risk.choices import Category
from vendors.choices import Tier

from .test_register import make_risk

pytestmark = pytest.mark.django_db


def _chinese(client, user):
    user.language = "zh-hans"
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = "zh-hans"


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_the_labels_have_their_own_chinese():
    with translation.override("zh-hans"):
        assert str(Category.OPERATIONAL.label) == "运营"
        assert str(Category.STRATEGIC.label) == "战略"
        assert str(Tier.OPERATIONAL.label) == "运营级"
        assert str(Tier.STRATEGIC.label) == "战略级"


def test_the_register_and_the_portal_read_the_risk_category(cast, client):
    risk = make_risk(
        cast, title="Agent attrition", category="operational", vendor=cast.vendor_x, shared_with_vendor=True
    )
    _chinese(client, cast.manager)
    page = client.get(reverse("risk:risk_list")).content.decode()
    assert "Agent attrition" in page
    assert "运营" in _cells(page) and "运营级" not in page

    _chinese(client, cast.vendor_x_admin)
    detail = client.get(reverse("portal:risk_detail", args=[risk.pk]))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert re.search(r">\s*运营\s*<", text) and "运营级" not in text


def test_the_risk_register_pdf_reads_the_risk_category(cast):
    make_risk(cast, title="Agent attrition", category="operational")
    report = reports.report_request(by=cast.manager, kind="risk_register", language="zh-hans")
    with translation.override("zh-hans"):
        template, context = BUILDERS["risk_register"](report, cast.manager)
        html = render_to_string(template, context)
    assert "运营" in _cells(html) and "运营级" not in html


def test_the_vendor_tier_keeps_its_wording(cast, client):
    cast.vendor_x.tier = "operational"
    cast.vendor_x.save(update_fields=["tier"])
    _chinese(client, cast.manager)
    page = client.get(reverse("vendors:vendor_detail", args=[cast.vendor_x.pk])).content.decode()
    assert re.search(r"<dd>\s*运营级\s*</dd>", page)
