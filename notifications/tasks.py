"""Mail in the background: the request or the command is not kept waiting for the SMTP server."""

import logging
import smtplib

from celery import shared_task
from django.core.management import call_command
from django.db import transaction

from . import mail, reminders

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(
    autoretry_for=MAIL_ERRORS, retry_backoff=30, retry_jitter=True, max_retries=8, acks_late=True
)
def notify_passed_on(opportunity_pk):
    """Tell a colleague what was passed to them; retried while the mail server is away."""
    return reminders.notify_passed_on(opportunity_pk)


@shared_task(
    autoretry_for=MAIL_ERRORS, retry_backoff=30, retry_jitter=True, max_retries=8, acks_late=True
)
def send_confirmation(subscriber_pk):
    """Send the double opt-in link; retried while the mail server is away."""
    mail.send_confirmation(subscriber_pk)


@shared_task
def send_notifications():
    """Beat runs the digests and reminders; the command holds the logic and its locks."""
    call_command("send_notifications")


def enqueue(task, *args):
    """Queue a mail task after the commit; a failure in-process (no broker) is logged, not raised.

    Without a broker the task runs in the request; a mail server that is down must not turn a
    saved record into an error page.
    """

    def run():
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - logged with its traceback; the record is saved
            logger.exception("Mail task %s(%s) failed", task.name, args)

    transaction.on_commit(run)
