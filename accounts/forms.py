from django import forms
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
