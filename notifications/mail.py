"""Render and send the portal's e-mails: a subject, plain text and HTML from one template name."""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.municipality import current_municipality

from .models import Subscriber

CONFIRM_SALT = "notifications.confirm"
CONFIRMATION_DAYS = 3


def sender():
    """Who the portal's mail is from: 'Enschede Internationaal <internationaal@...>'.

    The address is the setting DEFAULT_FROM_EMAIL (the mail server decides which addresses the
    portal may use); the name is the portal's name from the municipality's data, unless the
    setting gives a name itself ('Naam <adres>').
    """
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((current_municipality().portal_name, address))


def absolute(path):
    return f"{settings.PORTAL_BASE_URL}{path}"


def confirmation_url(subscriber):
    token = signing.dumps(
        {"s": subscriber.pk, "n": subscriber.confirmation_nonce}, salt=CONFIRM_SALT
    )
    return absolute(reverse("notifications:confirm", kwargs={"token": token}))


def render_parts(template, context):
    """The subject, plain text and HTML of an e-mail from templates/<template>_subject.txt,
    .txt and .html."""
    context = {
        **context,
        "portal_url": settings.PORTAL_BASE_URL,
        "municipality": current_municipality(),
    }
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    return subject, text, html


def message_from_parts(parts, to, unsubscribe_url=None, connection=None):
    """An e-mail from rendered parts.

    With an unsubscribe link it carries List-Unsubscribe and List-Unsubscribe-Post
    (RFC 8058), so that mail programs offer a one-click unsubscribe.
    """
    subject, text, html = parts
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender(),
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def build_message(template, context, to, unsubscribe_url=None, connection=None):
    """An e-mail rendered from the template for one recipient."""
    parts = render_parts(template, {**context, "unsubscribe_url": unsubscribe_url})
    return message_from_parts(parts, to, unsubscribe_url, connection)


def send_mail_message(template, context, to, unsubscribe_url=None, connection=None):
    """Send now; an unreachable mail server raises, so the caller can keep what was not sent."""
    build_message(template, context, to, unsubscribe_url, connection).send(fail_silently=False)


def send_confirmation(subscriber_pk):
    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    if subscriber is None or not subscriber.confirmation_nonce:
        return
    with translation.override(subscriber.language):
        send_mail_message(
            "notifications/email/confirm",
            {
                "subscriber": subscriber,
                "confirm_url": confirmation_url(subscriber),
                "days": CONFIRMATION_DAYS,
                "pending": subscriber.subscriptions.filter(confirmed_at=None),
            },
            to=subscriber.address,
        )
