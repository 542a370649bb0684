"""Notifications for staff: a passed-on opportunity reaches the colleague; daily reminders."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.constants import OpportunityStatus
from contacts.models import Opportunity
from notifications.models import StaffReminder
from tests.factories import ColleagueFactory, InteractionFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.browser
def test_accountmanager_passes_an_opportunity_on_and_the_colleague_gets_the_mail(
    page, live_server, account_manager, browser_login, smtp_server
):
    colleague = ColleagueFactory(name="Inge Subsidiedemo", email="inge@example.org")
    opportunity = OpportunityFactory(
        title="Interreg-project grensoverschrijdende arbeidsmarkt", description="Zoekt partner."
    )
    browser_login(account_manager)

    page.goto(live_server.url + opportunity.get_absolute_url())
    page.locator("#id_colleague").select_option(label=str(colleague))
    page.get_by_role("button", name="Doorzetten").click()
    page.wait_for_load_state()

    assert "Doorgezet naar Inge Subsidiedemo" in page.content()
    assert Opportunity.objects.get().status == OpportunityStatus.PASSED_ON
    assert len(smtp_server) == 1
    message = smtp_server.messages[0]
    assert message.recipients == ["inge@example.org"]
    assert "Interreg-project grensoverschrijdende arbeidsmarkt" in message["Subject"]
    assert "Zoekt partner." in smtp_server.text(message)


def test_a_colleague_chosen_in_the_form_makes_it_passed_on_and_is_told_once(
    client_for, account_manager, smtp_server, django_capture_on_commit_callbacks
):
    colleague = ColleagueFactory(email="collega@example.org")
    opportunity = OpportunityFactory(title="Vraag over Erasmus+")
    client = client_for(account_manager)
    data = {
        "kind": "vraag",
        "title": "Vraag over Erasmus+",
        "received_on": "2026-01-05",
        "status": OpportunityStatus.NEW,
        "assigned_to": colleague.pk,
    }
    url = f"/contacten/kansen/{opportunity.pk}/bewerken/"
    form = client.get(url).context["form"]
    version = form.version_field
    data[version] = form[version].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PASSED_ON
    assert opportunity.department == colleague.department
    assert [m.recipients for m in smtp_server.messages] == [["collega@example.org"]]

    form = client.get(url).context["form"]
    data[version] = form[version].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "title": "Vraag over Erasmus+ (aangevuld)"})
    assert response.status_code == 302, response.context["form"].errors
    assert len(smtp_server) == 1, "the same colleague is not told again"


def test_a_colleague_without_an_address_gets_nothing_and_nothing_fails(
    client_for, account_manager, smtp_server, django_capture_on_commit_callbacks
):
    colleague = ColleagueFactory(email="")
    opportunity = OpportunityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(account_manager).post(
            opportunity.get_absolute_url(), {"colleague": colleague.pk, "status": "doorgezet"}
        )
    assert response.status_code == 302
    assert len(smtp_server) == 0


def test_the_accountmanager_gets_one_reminder_a_day_of_due_follow_ups(account_manager, smtp_server):
    account_manager.email = "accountmanager@example.org"
    account_manager.save()
    today = timezone.localdate()
    InteractionFactory(
        logged_by=account_manager,
        occurred_on=today - datetime.timedelta(days=20),
        follow_up_on=today - datetime.timedelta(days=2),
        follow_up_note="Subsidie-informatie sturen",
    )
    InteractionFactory(
        logged_by=account_manager,
        occurred_on=today,
        follow_up_on=today + datetime.timedelta(days=5),
        follow_up_note="Nog niet aan de beurt",
    )

    call_command("send_notifications", stdout=open("/dev/null", "w"))
    call_command("send_notifications", stdout=open("/dev/null", "w"))

    assert len(smtp_server) == 1
    text = smtp_server.text(smtp_server.messages[0])
    assert "Subsidie-informatie sturen" in text and "te laat" in text
    assert "Nog niet aan de beurt" not in text
    assert StaffReminder.objects.count() == 1


def test_the_griffie_hears_once_a_day_of_a_toezegging_past_its_due_date(clerk, smtp_server):
    from proposals.models import Commitment

    clerk.email = "griffie@example.org"
    clerk.save()
    today = timezone.localdate()
    Commitment.objects.create(
        text="De wethouder stuurt een jaarverslag",
        owner="wethouder",
        due_on=today - datetime.timedelta(days=1),
    )
    Commitment.objects.create(
        text="Nog op tijd", owner="wethouder", due_on=today + datetime.timedelta(days=10)
    )

    call_command("send_notifications", stdout=open("/dev/null", "w"))
    call_command("send_notifications", stdout=open("/dev/null", "w"))

    assert [m.recipients for m in smtp_server.messages] == [["griffie@example.org"]]
    text = smtp_server.text(smtp_server.messages[0])
    assert "De wethouder stuurt een jaarverslag" in text
    assert "Nog op tijd" not in text
