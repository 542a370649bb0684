"""Notifications for staff: an opportunity passed on to a colleague, and daily reminders."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from proposals.constants import CommitmentStatus

from .constants import ReminderKind
from .mail import absolute, send_mail_message
from .models import StaffReminder


def notify_passed_on(opportunity_pk):
    """E-mail the colleague an opportunity or question was passed to (if they have an address)."""
    Opportunity = apps.get_model("contacts", "Opportunity")
    opportunity = (
        Opportunity.objects.select_related(
            "assigned_to", "assigned_to__department", "from_organisation", "theme", "created_by"
        )
        .filter(pk=opportunity_pk)
        .first()
    )
    if opportunity is None or opportunity.assigned_to is None:
        return False
    colleague = opportunity.assigned_to
    if not colleague.email:
        return False
    send_mail_message(
        "notifications/email/passed_on",
        {
            "opportunity": opportunity,
            "colleague": colleague,
            "url": absolute(opportunity.get_absolute_url())
            if getattr(colleague, "user_id", None)
            else "",
        },
        to=colleague.email,
    )
    return True


def remind_once(user, kind, day, send):
    """Send a reminder unless one of this kind went to the user today (record and send as one)."""
    try:
        with transaction.atomic():
            StaffReminder.objects.create(user=user, kind=kind, day=day)
            send()
    except IntegrityError:
        return False
    return True


def remind_each(users, kind, today, mail, connection=None):
    """Send each (user, records) of `users` the day's reminder of this kind, unless it went
    already; `mail` is (template, the records' name in it, the URL name of their page). Return
    how many were sent."""
    template, records_name, url_name = mail
    sent = 0
    for user, records in users:

        def send(user=user, records=records):
            send_mail_message(
                template,
                {
                    "user": user,
                    records_name: records,
                    "today": today,
                    "url": absolute(reverse(url_name)),
                },
                to=user.email,
                connection=connection,
            )

        sent += remind_once(user, kind, today, send)
    return sent


def send_follow_up_reminders(today=None, connection=None):
    """Each user with follow-ups due today or overdue gets one reminder a day."""
    today = today or timezone.localdate()
    Interaction = apps.get_model("contacts", "Interaction")
    due = (
        Interaction.objects.open_follow_ups()
        .filter(follow_up_on__lte=today, logged_by__isnull=False)
        .exclude(logged_by__email="")
        .select_related("organisation", "logged_by")
        .order_by("logged_by", "follow_up_on", "pk")
    )
    already = set(
        StaffReminder.objects.filter(kind=ReminderKind.FOLLOW_UPS, day=today).values_list(
            "user_id", flat=True
        )
    )
    by_user = {}
    for interaction in due:
        if interaction.logged_by_id not in already:
            by_user.setdefault(interaction.logged_by, []).append(interaction)
    mail = ("notifications/email/follow_ups", "interactions", "contacts:follow-up-list")
    return remind_each(by_user.items(), ReminderKind.FOLLOW_UPS, today, mail, connection)


def send_commitment_reminders(today=None, connection=None):
    """The griffie hears of open toezeggingen past their due date, once a day."""
    Commitment = apps.get_model("proposals", "Commitment")
    today = today or timezone.localdate()
    overdue = Commitment.objects.filter(status=CommitmentStatus.OPEN, due_on__lt=today)
    overdue = list(overdue.order_by("due_on", "pk"))
    if not overdue:
        return 0
    clerks = (
        get_user_model()
        .objects.filter(
            groups__permissions__codename="change_commitment",
            groups__permissions__content_type__app_label="proposals",
            is_active=True,
        )
        .exclude(email="")
        .distinct()
    )
    mail = ("notifications/email/commitments", "commitments", "proposals:commitment-list")
    users = ((user, overdue) for user in clerks)
    return remind_each(users, ReminderKind.COMMITMENTS, today, mail, connection)
