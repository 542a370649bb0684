"""Form pieces that several apps share."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def start_of(day):
    """The first moment of a calendar day in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class SinceField(forms.DateField):
    """A date in the query string (?sinds=2018-03-01); anything else gets a Dutch message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Sinds"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2018-03-01.")},
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
