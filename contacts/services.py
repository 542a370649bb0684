"""Writes of the contact registry that touch several models, and the AVG duties.

Erasure removes a person everywhere: the person and their change history are deleted, and
interactions and opportunities that referred to them (now or in an older version) are unlinked,
with the person's name, e-mail address and phone number blanked from their texts and from the
history of those records. What is left is an ErasureRecord that says an erasure happened.
"""

import csv
import io
import json
import re

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import Q
from django.utils import timezone

from core.history import HISTORY_TYPES
from core.lists import csv_safe
from notifications.services import erase_email, subscriptions_for_email
from notifications.tasks import enqueue, notify_passed_on

from .constants import AccessAction, OpportunityStatus
from .models import (
    REVIEW_PERIOD,
    AccessLog,
    ErasureRecord,
    Interaction,
    Opportunity,
    Person,
)

REDACTED = "[gewist]"

INTERACTION_TEXT_FIELDS = ("summary", "follow_up_note")
OPPORTUNITY_TEXT_FIELDS = ("title", "description", "outcome")


def log_access(person, user, action=AccessAction.VIEWED):
    """Record that a user read or exported a person's record."""
    return AccessLog.objects.create(person=person, user=user, action=action)


# The people list's access log entries, written on every view (core.private_cache.act).
LIST_VIEWED = "contacts.list-viewed"


def log_list_viewed(user, person_ids):
    log_bulk_access(person_ids, user, AccessAction.VIEWED)


def log_bulk_access(person_ids, user, action):
    """Record one access per person, at one time, for a list or an export of many people.

    A row per person as log_access() writes it (the log is read per person: the person's page,
    the access request, the log's filter), written without model instances in one INSERT per
    batch, outside a transaction of its own: the people list writes 50 rows on every view
    (issue 17). On PostgreSQL the ids are one array parameter.
    """
    person_ids = list(person_ids)
    if not person_ids:
        return
    connection = connections[router.db_for_write(AccessLog)]
    at = AccessLog._meta.get_field("at").get_db_prep_save(timezone.now(), connection)
    head = f"INSERT INTO {connection.ops.quote_name(AccessLog._meta.db_table)} "
    head += "(person_id, user_id, action, at) "
    user_id = getattr(user, "pk", None)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                head + "SELECT unnest(%s::bigint[]), %s, %s, %s",
                [person_ids, user_id, str(action), at],
            )
            return
        for start in range(0, len(person_ids), 200):
            batch = person_ids[start : start + 200]
            cursor.execute(
                head + "VALUES " + ", ".join(["(%s, %s, %s, %s)"] * len(batch)),
                [value for pk in batch for value in (pk, user_id, str(action), at)],
            )


def confirm_review(person, today=None):
    """The data are still needed: set the next review date a period ahead."""
    today = today or timezone.localdate()
    person.last_reviewed_on = today
    person.review_on = today + REVIEW_PERIOD
    person.save(update_fields=["last_reviewed_on", "review_on", "updated_at"])
    return person


def pass_on(opportunity, colleague, status=OpportunityStatus.PASSED_ON):
    """Pass an opportunity or question to a colleague, and so to their department."""
    previous = opportunity.assigned_to_id
    opportunity.assigned_to = colleague
    opportunity.department = colleague.department
    opportunity.status = status
    opportunity.full_clean()
    with transaction.atomic():
        opportunity.save()
        tell_colleague(opportunity, previous)
    return opportunity


def tell_colleague(opportunity, previous_colleague_id=None):
    """E-mail the colleague after the commit, when the opportunity has just reached them."""
    if opportunity.assigned_to_id and opportunity.assigned_to_id != previous_colleague_id:
        enqueue(notify_passed_on, opportunity.pk)


# --- export ------------------------------------------------------------------------------------


def _date(value):
    return value.isoformat() if value else None


def person_data(person):
    """Everything the registry holds about one person, for an access request (art. 15 AVG)."""
    person = (
        Person.objects.select_related("organisation")
        .prefetch_related("languages")
        .get(pk=person.pk)
    )
    interactions = (
        Interaction.objects.filter(person=person)
        .select_related("organisation", "logged_by")
        .order_by("occurred_on", "pk")
    )
    opportunities = (
        Opportunity.objects.filter(from_person=person)
        .select_related("theme", "department", "assigned_to", "from_organisation")
        .order_by("received_on", "pk")
    )
    history = Person.history.filter(id=person.pk).select_related("history_user")
    access = AccessLog.objects.filter(person=person).select_related("user").order_by("at", "pk")
    return {
        "persoon": {
            "voornaam": person.first_name,
            "achternaam": person.last_name,
            "functie": person.job_title,
            "e-mailadres": person.email,
            "telefoonnummer": person.phone,
            "talen": [language.name for language in person.languages.all()],
            "organisatie": f"{person.organisation.name} ({person.organisation.city})",
            "doel van de registratie": person.get_purpose_display(),
            "grondslag": person.get_legal_basis_display(),
            "herbeoordelen op": _date(person.review_on),
            "laatst beoordeeld op": _date(person.last_reviewed_on),
            "aantekeningen": person.notes,
            "geregistreerd op": person.created_at.isoformat(),
            "gewijzigd op": person.updated_at.isoformat(),
        },
        "contactmomenten": [
            {
                "datum": _date(item.occurred_on),
                "soort": item.get_kind_display(),
                "organisatie": item.organisation.name,
                "samenvatting": item.summary,
                "opvolgen op": _date(item.follow_up_on),
                "wat er moet gebeuren": item.follow_up_note,
                "opgevolgd op": _date(item.follow_up_done_on),
                "vastgelegd door": item.logged_by.get_username() if item.logged_by else None,
            }
            for item in interactions
        ],
        "kansen en vragen": [
            {
                "binnengekomen op": _date(item.received_on),
                "soort": item.get_kind_display(),
                "onderwerp": item.title,
                "toelichting": item.description,
                "thema": str(item.theme) if item.theme else None,
                "status": item.get_status_display(),
                "afdeling": str(item.department) if item.department else None,
                "doorgezet naar": item.assigned_to.name if item.assigned_to else None,
                "resultaat": item.outcome,
            }
            for item in opportunities
        ],
        "wijzigingsgeschiedenis": [
            {
                "tijdstip": row.history_date.isoformat(),
                "soort wijziging": str(HISTORY_TYPES.get(row.history_type, row.history_type)),
                "door": row.history_user.get_username() if row.history_user else None,
                "voornaam": row.first_name,
                "achternaam": row.last_name,
                "functie": row.job_title,
                "e-mailadres": row.email,
                "telefoonnummer": row.phone,
                "herbeoordelen op": _date(row.review_on),
                "aantekeningen": row.notes,
            }
            for row in history
        ],
        "inzagelog": [
            {
                "tijdstip": entry.at.isoformat(),
                "gebruiker": entry.user.get_username() if entry.user else None,
                "handeling": entry.get_action_display(),
            }
            for entry in access
        ],
        # Subscriptions to the portal's e-mails made with the same address (notifications).
        "abonnementen": subscriptions_for_email(person.email),
        "geëxporteerd op": timezone.now().isoformat(),
    }


def person_data_json(person):
    return json.dumps(person_data(person), ensure_ascii=False, indent=2)


def person_data_csv(person):
    """The same data as rows of (onderdeel, nummer, veld, waarde), so one file holds it all."""
    data = person_data(person)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["onderdeel", "nummer", "veld", "waarde"])
    for field, value in data["persoon"].items():
        if isinstance(value, list):
            value = ", ".join(value)
        writer.writerow(["persoon", 1, field, csv_safe(value)])
    sections = (
        "contactmomenten",
        "kansen en vragen",
        "wijzigingsgeschiedenis",
        "inzagelog",
        "abonnementen",
    )
    for section in sections:
        for number, item in enumerate(data[section], start=1):
            for field, value in item.items():
                writer.writerow([section, number, field, csv_safe(value)])
    writer.writerow(["export", 1, "geëxporteerd op", data["geëxporteerd op"]])
    return out.getvalue()


# --- erasure -----------------------------------------------------------------------------------


def _identifiers(person):
    """The strings that identify the person in free text: names, e-mail, phone, now and before."""
    found = set()
    rows = [person, *Person.history.filter(id=person.pk)]
    for row in rows:
        full_name = f"{row.first_name} {row.last_name}".strip()
        for value in (full_name, row.email, row.phone):
            if value and len(value.strip()) >= 3:
                found.add(value.strip())
    return sorted(found, key=len, reverse=True)


def _redactor(identifiers):
    if not identifiers:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(value) for value in identifiers), re.IGNORECASE)

    def redact(text):
        if not text:
            return text
        return pattern.sub(REDACTED, text)

    return redact


def _mentions(identifiers, fields):
    query = Q()
    for value in identifiers:
        for field in fields:
            query |= Q(**{f"{field}__icontains": value})
    return query


def _scrub(queryset, person_field, person_pk, text_fields, redact):
    """Unlink the person and blank their identifiers in the given rows; return the count."""
    changed = []
    for row in queryset:
        if getattr(row, f"{person_field}_id") == person_pk:
            setattr(row, f"{person_field}_id", None)
        for field in text_fields:
            setattr(row, field, redact(getattr(row, field)))
        changed.append(row)
    if changed:
        # bulk_update writes no new history versions: the scrubbed state replaces the old one.
        queryset.model.objects.bulk_update(
            changed, [f"{person_field}_id", *text_fields], batch_size=500
        )
    return len(changed)


def _scrub_with_history(model, person_field, text_fields, pk, identifiers, redact):
    """Scrub the person from the model's rows that name them now or in a version, and from the
    versions that name them: (rows scrubbed, versions scrubbed)."""
    history = model.history.model
    named = Q(**{f"{person_field}_id": pk})
    ids = set(history.objects.filter(named).values_list("id", flat=True))
    rows = model.objects.filter(named | Q(pk__in=ids) | _mentions(identifiers, text_fields))
    done = _scrub(rows, person_field, pk, text_fields, redact)
    versions = history.objects.filter(named | _mentions(identifiers, text_fields))
    return done, _scrub(versions, person_field, pk, text_fields, redact)


@transaction.atomic
def erase_person(person, user, reason):
    """Remove a person everywhere, history included, and record only that it happened."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    pk = person.pk
    identifiers = _identifiers(person)
    redact = _redactor(identifiers)

    interactions_done, history_scrubbed = _scrub_with_history(
        Interaction, "person", INTERACTION_TEXT_FIELDS, pk, identifiers, redact
    )
    opportunities_done, opportunity_versions = _scrub_with_history(
        Opportunity, "from_person", OPPORTUNITY_TEXT_FIELDS, pk, identifiers, redact
    )
    history_scrubbed += opportunity_versions

    access_entries = AccessLog.objects.filter(person_id=pk).update(person=None)

    # Admin log entries name the person in their description.
    person_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.filter(content_type=person_type, object_id=str(pk)).delete()
    for entry in LogEntry.objects.filter(_mentions(identifiers, ("object_repr",))):
        entry.object_repr = redact(entry.object_repr)
        entry.save(update_fields=["object_repr"])

    # The public subscriptions made with the person's e-mail address go too.
    erase_email(person.email)

    person.languages.clear()
    person.delete()
    # Deleting leaves a last history version with every field; remove all versions after it.
    history_removed, _ = Person.history.filter(id=pk).delete()

    return ErasureRecord.objects.create(
        erased_by=user,
        reason=reason,
        interactions_anonymised=interactions_done,
        opportunities_anonymised=opportunities_done,
        history_rows_removed=history_removed,
        history_rows_anonymised=history_scrubbed,
        access_log_entries_anonymised=access_entries,
    )
