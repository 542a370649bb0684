"""Form pieces that several apps share.

Concurrent edits (the one way edit forms keep two people from overwriting each other):
An edit form carries, in a hidden field, the values of its own fields as they were when the form
was loaded (signed, so they come back as sent). On save the record is read again with a row lock
inside the save's transaction; if any of the form's fields differ from what was loaded, nothing
is saved and the form says what changed (field: value when loaded → value now), keeping the
second person's input. Saving again then replaces the current values knowingly.

Use ``VersionedFormMixin`` on the ModelForm and ``EditTransactionMixin`` on the view
(or call the form inside ``transaction.atomic()``), so that the check and the save share one
transaction and two simultaneous saves cannot both pass.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.template.defaultfilters import truncatechars
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .params import MAX_ID


def start_of(day):
    """The first moment of a calendar day in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class SinceField(forms.DateField):
    """A date in the query string (?sinds=2018-03-01); anything else gets a Dutch message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Sinds"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "error_messages",
            {"invalid": gettext_lazy("Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2018-03-01.")},
        )
        # A text field, not type=date: a wrong value is shown back as typed, next to its message.
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={"placeholder": "jjjj-mm-dd", "class": "form-control"}, format="%Y-%m-%d"
            ),
        )
        super().__init__(**kwargs)


class SinceForm(forms.Form):
    """Just the date: for change lists that have no other filter."""

    sinds = SinceField()

    def since(self):
        """The start of the chosen day, or None when the date is missing or invalid."""
        if not self.is_bound:
            return None
        self.is_valid()
        day = self.cleaned_data.get("sinds")
        return start_of(day) if day else None


# --- concurrent edits ---

VERSION_FIELD = "versie"
SALT = "core.forms.version"


def plain(value):
    """A value as a string (or a sorted list of strings) that survives JSON and compares."""
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return sorted(str(plain(item)) for item in value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def shown(field, value):
    """A stored plain value as a person reads it in the conflict message."""
    if value in ("", []):
        return _("(leeg)")
    if isinstance(field, forms.ModelMultipleChoiceField):
        objects = field.queryset.model._base_manager.filter(pk__in=value)
        return ", ".join(sorted(str(obj) for obj in objects)) or _("(leeg)")
    if isinstance(field, forms.ModelChoiceField):
        obj = field.queryset.model._base_manager.filter(pk=value).first()
        return str(obj) if obj is not None else value
    choices = getattr(field, "choices", None) or getattr(field.widget, "choices", None)
    if choices:
        labels = {}
        for key, label in choices:
            if isinstance(label, list | tuple):
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        if isinstance(value, list):
            return ", ".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value))
    if isinstance(field, forms.BooleanField):
        return _("ja") if value == "True" else _("nee")
    if isinstance(field, forms.DateTimeField) and (moment := parse_datetime(value)):
        return formats.localize(timezone.localtime(moment))
    if isinstance(field, forms.DateField) and (day := parse_date(value)):
        return formats.localize(day)
    if isinstance(field, forms.DecimalField):
        try:
            return formats.number_format(Decimal(value), use_l10n=True, force_grouping=True)
        except InvalidOperation:
            return value
    return truncatechars(str(value), 80)


class VersionField(forms.CharField):
    """The hidden version; never counts as a change of its own."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


def overflows(value):
    """Whether ``value`` is a whole number (ASCII, with or without a sign) that a 64-bit
    database integer cannot hold."""
    if not re.fullmatch(r"[+-]?[0-9]+", value):
        return False
    return not -MAX_ID - 1 <= int(value) <= MAX_ID


class RecordNumbersMixin:
    """For every form with a choice of records: a record number beyond ±2**63 is an invalid
    choice with the field's Dutch message, not an OverflowError (a 500) on SQLite.

    VersionedFormMixin includes it; a plain form with a ModelChoiceField takes it itself
    (results.forms.CarryOverForm, contacts.forms.PassOnForm, notifications.forms)."""

    def full_clean(self):
        self.drop_overflowing_ids()
        super().full_clean()

    def drop_overflowing_ids(self):
        """A record number beyond ±2**63 cannot be looked up on SQLite (OverflowError): make it
        an invalid choice, so that the field says so in Dutch like any other wrong choice."""
        if not self.is_bound:
            return
        data = None
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            key = self.add_prefix(name)
            getlist = getattr(self.data, "getlist", None)
            values = [str(v).strip() for v in (getlist(key) if getlist else [self.data.get(key)])]
            if any(overflows(value) for value in values):
                data = data or self.data.copy()
                data.pop(key, None)
                if hasattr(data, "setlist"):
                    data.setlist(key, ["-"])
                else:
                    data[key] = "-"
        if data is not None:
            self.data = data


class VersionedFormMixin(RecordNumbersMixin):
    """Refuse to save over a change made since the form was loaded; say what changed."""

    version_field = VERSION_FIELD

    def __init__(self, *args, **kwargs):
        self._version_kwargs = {
            key: value
            for key, value in kwargs.items()
            if key not in {"data", "files", "instance", "initial", "prefix", "auto_id"}
        }
        super().__init__(*args, **kwargs)
        self.fields[self.version_field] = VersionField(initial=self.loaded_token)

    def loaded_token(self):
        """The version sent with the form: computed when it is shown, after every __init__."""
        if self.instance.pk is None:
            return ""
        if hasattr(self.instance, "_history"):
            # An old version shown to be restored (simple-history's revert page): what counts
            # is the record as it is now.
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
            if current is None:
                return ""
            fresh = type(self)(instance=current, **self._version_kwargs)
            return self.version_token(fresh.record_values())
        return self.version_token(self.record_values())

    def record_values(self):
        """The values this form shows for its record, by field name."""
        return {
            name: plain(self.get_initial_for_field(field, name))
            for name, field in self.fields.items()
            if name != self.version_field
        }

    def version_token(self, values):
        payload = {"m": self.instance._meta.label_lower, "pk": str(self.instance.pk), "v": values}
        return signing.dumps(payload, salt=SALT, compress=True)

    def loaded_values(self):
        """The values sent with the form when it was loaded, or None when missing or altered."""
        token = self.data.get(self.add_prefix(self.version_field)) or ""
        try:
            payload = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return None
        if payload.get("m") != self.instance._meta.label_lower:
            return None
        if payload.get("pk") != str(self.instance.pk):
            return None
        return payload.get("v")

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.instance.pk is not None and not self.instance._state.adding:
            self.check_version()

    def check_version(self):
        """Compare what was loaded with the record now, locked when inside a transaction."""
        manager = type(self.instance)._base_manager
        if transaction.get_connection(manager.db).in_atomic_block:
            manager = manager.select_for_update()
        # order_by(): a Meta.ordering over a nullable relation would join it, and PostgreSQL
        # refuses FOR UPDATE on the nullable side of an outer join (Mandate: network__name).
        current = manager.filter(pk=self.instance.pk).order_by().first()
        if current is None:
            self.add_error(
                None,
                _(
                    "Dit is intussen verwijderd door iemand anders; uw wijziging is niet "
                    "opgeslagen."
                ),
            )
            return
        fresh = type(self)(instance=current, **self._version_kwargs)
        now = fresh.record_values()
        loaded = self.loaded_values()
        if loaded is None:
            messages = [
                _(
                    "Niet opgeslagen: het formulier kwam onvolledig terug, zodat niet vast te "
                    "stellen is of iemand anders dit intussen heeft gewijzigd. Controleer uw "
                    "invoer hieronder en sla opnieuw op."
                )
            ]
        else:
            changed = [name for name, value in loaded.items() if name in now and now[name] != value]
            if not changed:
                return
            messages = [self.conflict_heading(current)]
            for name in changed:
                field = fresh.fields[name]
                messages.append(
                    _("%(field)s: %(then)s → %(now)s")
                    % {
                        "field": field.label or name,
                        "then": shown(field, loaded[name]),
                        "now": shown(field, now[name]),
                    }
                )
            messages.append(
                _(
                    "Uw wijziging is niet opgeslagen; uw invoer staat hieronder. Sla opnieuw op "
                    "om de huidige gegevens door uw invoer te vervangen."
                )
            )
        self.add_error(None, ValidationError(messages, code="edit_conflict"))
        # From here on the form is loaded against the current record: saving again is a choice.
        data = self.data.copy()
        data[self.add_prefix(self.version_field)] = fresh.version_token(now)
        self.data = data

    def conflict_heading(self, current):
        history = getattr(current, "history", None)
        latest = history.select_related("history_user").first() if history is not None else None
        if latest is not None and latest.history_user is not None:
            return _("%(name)s heeft dit op %(when)s gewijzigd, nadat u het formulier opende:") % {
                "name": latest.history_user.get_full_name() or latest.history_user.get_username(),
                "when": formats.localize(timezone.localtime(latest.history_date)),
            }
        return _("Iemand anders heeft dit gewijzigd nadat u het formulier opende:")


class EditTransactionMixin:
    """Check a form and save it in one transaction.

    The version check of ``core.forms.VersionedFormMixin`` locks the record's row; inside this
    transaction the lock holds until the save, so two simultaneous saves cannot both pass.
    """

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)


class ServiceFormMixin(SuccessMessageMixin):
    """A form view whose save is real work: a service call instead of ``form.save()``.

    The view implements ``perform(form)``: it does the work and returns the saved record (kept
    as ``self.object``) or None. The mixin then adds ``success_message`` the way
    SuccessMessageMixin does (``get_success_message(cleaned_data)``, which may read what
    ``perform`` kept) and redirects to ``get_success_url()``. So no view adds its own success
    message: ``tests/core/test_success_messages.py``.
    """

    def form_valid(self, form):
        self.object = self.perform(form)
        response = HttpResponseRedirect(self.get_success_url())
        message = self.get_success_message(form.cleaned_data)
        if message:
            messages.success(self.request, message)
        return response

    def perform(self, form):
        raise NotImplementedError(f"{type(self).__name__} must implement perform(form)")
