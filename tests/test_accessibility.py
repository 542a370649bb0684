"""Every council portal page, anonymous and logged in: valid HTML, and no axe WCAG 2.1 AA findings.

Later pages get the same checks by adding their URL to PAGES, or by using the `assert_valid_html`
and `assert_accessible` fixtures in their own tests.
"""

from datetime import date

import pytest

from proposals.constants import DecisionOutcome, ProposalStatus
from proposals.models import DecisionPoint, Proposal
from tests.factories import EffortFactory, GrantAwardFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/voorstellen/",
    "/voorstellen/?status=aangenomen",
    "/raadsvoorstellen/",
    "/voorstellen/2200511/",
    "/voorstellen/2200511/6/",
    "/voorstellen/2200511/5/",
    "/netwerken/",
    "/netwerken/eurocities/",
    "/netwerken/euregio/",
    "/inspanningen/",
    "/inspanningen/?jaar=2018&trekker=hengelo&sorteer=-inspanning",
    "/inspanningen/?jaar=abc&netwerk=bestaat-niet",
    "/themas/",
    "/themas/arbeidsmarkt-talent/",
    "/themas/veiligheid/",
    "/partnerstad/",
    "/partnerstad/emsdetten/",
    "/zoeken/?q=Emsdetten",
    "/zoeken/?q=x",
    "/voorstellen/9999999/",
]

# Logged in, the pages add badges for drafts and internal records and the staff menu.
LOGGED_IN_PAGES = [
    "/voorstellen/",
    "/voorstellen/2200511/",
    "/voorstellen/2200511/6/",
    "/netwerken/",
    "/netwerken/eurocities/",
    "/inspanningen/",
    "/themas/",
    "/partnerstad/emsdetten/",
    "/zoeken/?q=Emsdetten",
]

PHONE_PAGES = [
    "/voorstellen/2200511/",
    "/voorstellen/2200511/6/",
    "/inspanningen/",
    "/themas/",
    "/partnerstad/emsdetten/",
]


@pytest.fixture
def portal_data(hengelo):
    """The Hengelo data with some decisions, an internal effort and a grant award this year."""
    Proposal.objects.filter(number__in=[1, 2, 3]).update(status=ProposalStatus.ADOPTED)
    DecisionPoint.objects.filter(number=1).update(
        outcome=DecisionOutcome.ADOPTED, decided_on=date(2018, 3, 6)
    )
    EffortFactory(year=2019, number=1, title="Interne verkenning", visibility="intern")
    from partnercity.models import GrantScheme

    GrantAwardFactory(
        scheme=GrantScheme.objects.get(name="Subsidieregeling Emsdetten"),
        year=date.today().year,
        awarded_on=date.today(),
        amount=750,
    )


def test_portal_pages_are_valid_html(client, portal_data, council_member, assert_valid_html):
    responses = []
    for user in (None, council_member):
        client.logout()
        if user:
            client.force_login(user)
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == (404 if url == "/voorstellen/9999999/" else 200), url
            responses.append(response)
    assert_valid_html(*responses)


@pytest.mark.browser
@pytest.mark.html_checker
def test_portal_pages_pass_axe(
    page, live_server, portal_data, council_member, browser_login, assert_accessible
):
    for url in PAGES:
        page.goto(live_server.url + url)
        assert_accessible(page)
    browser_login(council_member)
    for url in LOGGED_IN_PAGES:
        page.goto(live_server.url + url)
        assert_accessible(page)
    # On a phone the wide tables scroll inside a region that the keyboard can reach.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in PHONE_PAGES:
        page.goto(live_server.url + url)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
