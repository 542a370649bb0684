"""Fuzz test (issue 11): random and hostile input to every page and form never gives a 500.

The pages and forms come from the URL conf (tests/fuzz/endpoints.py), the values from
hypothesis (tests/fuzz/strategies.py). One test per app, so that pytest-xdist spreads the apps
over its processes; each loads the Hengelo data once and then, for every endpoint of the app:

- GETs each of its URLs (existing records and keys that cannot exist) as every role, anonymous
  and the administrator included, with a hostile query string;
- POSTs hostile form data built from the form the page renders (each field kept, left out,
  repeated or of the wrong type) as the roles that may open the form, and random data as a role
  that may not; a POST that is not a redirect (a refusal, or the form again with its errors)
  must leave every table as it was: nothing is half saved.

Every response must be below 500. The examples are derandomized (the same inputs in every run
and in CI) and few per endpoint, so a pass takes well under a minute of CPU; raise FUZZ_EXAMPLES
to search harder on a developer machine. A failure names the endpoint, the role and the input;
fix the view and add a focused regression test next to the app's tests.

Runs in both passes: SQLite (`make test`) and PostgreSQL (DATABASE_URL=postgres://...).
"""

import os
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts import twofactor
from accounts.twofactor import demo_app_device
from core.constants import Role
from tests.fuzz.endpoints import apps_with_endpoints, discover
from tests.fuzz.strategies import form_data, form_fields, query_strings

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
ROLES = ["anonymous", *Role.values, "admin"]
# A visitor whose password was right and who is asked for the code of the authenticator app
# (the second step of the sign-in): a role of its own, only for the pages of that step.
SIGNING_IN = "signing-in"
ROLES_OF = {"accounts:verify": [*ROLES, SIGNING_IN]}
PASSWORD = "test-wachtwoord"  # make_user's (tests/conftest.py)

# Tables a refused or invalid POST may write to: sessions and messages, the sign-in throttle,
# the contact registry's access log (opening a person's form is logged), an upload kept for its
# preview.
WRITTEN_ON_READ = ("django_session", "axes_", "contacts_accesslog", "core_pendingupload")
# Endpoints that build a document in the request: probed with keys no record has only.
PDF_ENDPOINTS = {"results:yearly-report-export", "proposals:document-export"}

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def records(hengelo):
    """Records the Hengelo data does not hold, so that their edit forms are probed too: a
    person, an interaction and an opportunity of the contact registry, an event, a budget
    scenario, a draft work plan with an effort, and a council decision recorded by the griffie
    with a toezegging (the decision's and the toezegging's edit forms)."""
    import datetime

    from budget.models import Scenario
    from core.constants import Visibility
    from proposals.models import Commitment, CouncilProposal, Decision
    from results.constants import PlanStatus
    from results.models import WorkPlan
    from tests.factories import (
        EffortFactory,
        EventFactory,
        InteractionFactory,
        OpportunityFactory,
        PersonFactory,
        three_languages,
    )

    person = PersonFactory()
    InteractionFactory(organisation=person.organisation, person=person)
    OpportunityFactory()
    EventFactory(slug="fuzz-evenement", translations=three_languages("Fuzz"))
    Scenario.objects.create(name="Fuzz", slug="fuzz", visibility=Visibility.INTERNAL)
    WorkPlan.objects.create(year=2031, title="Fuzz 2031", status=PlanStatus.DRAFT)
    EffortFactory(year=2031)
    council_proposal = CouncilProposal.objects.order_by("pk").first()
    decision = Decision.objects.create(
        council_proposal=council_proposal, meeting_on=datetime.date(2018, 3, 6), number="1"
    )
    Commitment.objects.create(
        council_proposal=council_proposal, decision=decision, text="Fuzz", owner="de wethouder"
    )


@pytest.fixture
def clients(records, make_user):
    """A logged-in test client per role, the administrator included, an anonymous one, and one
    half-way through the sign-in of an account with an authenticator app (SIGNING_IN)."""
    result = {"anonymous": Client()}
    for role in Role.values:
        result[role] = Client()
        result[role].force_login(make_user(f"fuzz-{role}", role))
    admin = get_user_model().objects.create_superuser("fuzz-admin", "admin@example.org", "x")
    result["admin"] = Client()
    result["admin"].force_login(admin)
    result[SIGNING_IN] = Client()
    result[SIGNING_IN].user = make_user("fuzz-signing-in", Role.FINANCE)
    demo_app_device(result[SIGNING_IN].user)
    return result


def password_given(client):
    """Put the client where the sign-in asks for the code: the password was right, the code is
    still to come (the pending state accounts.twofactor keeps in the session, fresh each time,
    so that every example starts at that step)."""
    client.post(reverse("login"), {"username": client.user.username, "password": PASSWORD})
    assert twofactor.PENDING in client.session, "the password step did not ask for a code"


def client_of(clients, role):
    if role == SIGNING_IN:
        password_given(clients[role])
    return clients[role]


def table_counts():
    """The number of rows of every table that a refused request must leave alone, one query."""
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True)
        if not table.startswith(WRITTEN_ON_READ)
    ]
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def changed(before, after):
    return {
        table: (before[table], after[table]) for table in before if before[table] != after[table]
    }


def probe_pages(endpoint, clients):
    """GET the endpoint as every role, then with hostile query strings as some of them.

    Every role opens the endpoint's first URL once; the roles it opens for get hostile query
    strings on all its URLs (the anonymous visitor, the administrator and one staff role,
    chosen per endpoint so that every role is used across the URL conf); a role it refuses is
    refused before the query is read. Returns (role, path, fields) for each role that got a form.
    """
    paths = endpoint.paths()
    if endpoint.name in PDF_ENDPOINTS:
        paths = paths[-1:]
    allowed, forms = [], []
    for role in ROLES_OF.get(endpoint.name, ROLES):
        response = client_of(clients, role).get(paths[0])
        assert response.status_code < 500, f"GET {paths[0]} as {role}: {response.status_code}"
        if response.status_code != 200:
            continue
        allowed.append(role)
        if "html" in response.get("Content-Type", ""):
            fields = form_fields(response.content, paths[0])
            if fields:
                forms.append((role, paths[0], fields))

    @FUZZ
    @given(path=st.sampled_from(paths), query=query_strings(endpoint.query_names))
    def get(role, path, query):
        url = f"{path}?{query}" if query else path
        response = client_of(clients, role).get(url)
        assert response.status_code < 500, f"GET {url} as {role}: {response.status_code}"

    for role in hostile_roles(endpoint, allowed):
        get(role)
    return forms


def hostile_roles(endpoint, allowed):
    """The anonymous visitor and the administrator if allowed, and one staff role in turn."""
    if not allowed:
        return ["anonymous"]
    chosen = [role for role in ("anonymous", "admin") if role in allowed]
    staff = [role for role in allowed if role not in ("anonymous", "admin")]
    if staff:
        chosen.append(staff[zlib.crc32(endpoint.name.encode()) % len(staff)])
    return chosen


def probe_forms(endpoint, clients, forms):
    """POST hostile form data to the endpoint; a POST that fails must save nothing.

    The form goes to a staff role that got it and to the administrator; random fields go to a
    role that was refused the page (or, for a view without a form of its own, to every URL).
    """
    if endpoint.name in PDF_ENDPOINTS:
        return
    allowed = {role for role, _path, _fields in forms}
    staff = [form for form in forms if form[0] != "admin"]
    admin = [form for form in forms if form[0] == "admin"]
    targets = staff[:1] + admin[:1]
    refused = next(
        (role for role in ROLES_OF.get(endpoint.name, ROLES) if role not in allowed), None
    )
    if refused is not None:
        targets.append((refused, endpoint.paths()[-1 if allowed else 0], []))
    if not forms:
        targets.append(("admin", endpoint.paths()[0], []))

    @FUZZ
    @given(data=st.data())
    def post(role, path, fields, data):
        payload = data.draw(form_data(fields))
        client = client_of(clients, role)
        before = table_counts()
        response = client.post(path, payload)
        assert response.status_code < 500, f"POST {path} as {role} {payload!r}"
        if response.status_code not in (301, 302, 303):
            after = table_counts()
            assert not changed(before, after), (
                f"POST {path} as {role} answered {response.status_code} but saved "
                f"{changed(before, after)} with {payload!r}"
            )

    for role, path, fields in targets:
        post(role, path, fields)


@pytest.mark.long
@pytest.mark.parametrize("app", apps_with_endpoints())
def test_no_page_or_form_answers_500(app, clients):
    endpoints = [endpoint for endpoint in discover() if endpoint.app == app]
    assert endpoints, f"no endpoints found for {app}"
    forms = {endpoint: probe_pages(endpoint, clients) for endpoint in endpoints}
    # Forms last: a valid POST may delete or change the records the pages above were given.
    for endpoint in endpoints:
        probe_forms(endpoint, clients, forms[endpoint])


def test_the_discovery_finds_the_portals_pages_and_forms():
    """The URL conf yields every app's pages, with their URL parameters filled."""
    names = {endpoint.name for endpoint in discover()}
    assert {"portal:search", "contacts:person-update", "budget:line-import"} <= names
    assert not any(name.startswith("admin:") for name in names)
    assert len(names) > 100
