"""The budget pages are valid HTML, for a visitor and for the finance role."""

import pytest
from django.urls import reverse

from budget.models import BudgetLine

pytestmark = pytest.mark.django_db


def test_budget_pages_are_valid_html(client, hengelo, finance_user, assert_valid_html):
    line = BudgetLine.objects.get(year=2019, name="Vereniging partnerstad Emsdetten")
    urls = [
        reverse("budget:overview"),
        reverse("budget:derivation"),
        reverse("budget:derivation") + "?jaar=2020",
        reverse("budget:scenario-list"),
        reverse("budget:benchmark"),
        reverse("budget:line-list") + "?netwerk=euregio",
        line.get_absolute_url(),
        reverse("budget:changes"),
    ]
    responses = [client.get(url) for url in urls]
    client.force_login(finance_user)
    responses += [client.get(url) for url in urls]
    responses += [
        client.get(reverse(name))
        for name in ("budget:line-create", "budget:scenario-create", "budget:line-import")
    ]
    responses.append(client.get(reverse("budget:line-update", args=[line.pk])))
    assert all(response.status_code == 200 for response in responses)
    assert_valid_html(*responses)
