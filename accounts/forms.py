from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The six-digit code of the authenticator app, or one backup code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("De zes cijfers uit uw authenticator-app, of een van uw reservecodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with its user name's length checked at the field.

    AuthenticationForm sets the field's max_length but no validator, so a user name of any
    length reached authenticate() and the sign-in throttle, whose record of a failed attempt
    holds 255 characters (a 500 on PostgreSQL). Now the field refuses it in Dutch, and nothing
    is authenticated or recorded.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
