"""Pieces the contact registry's models share: validators."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{6,22}[0-9]$",
    _(
        "Voer een geldig telefoonnummer in: alleen cijfers, spaties, haakjes en streepjes, "
        "eventueel met + ervoor, bijvoorbeeld +31 74 000 0001."
    ),
    code="invalid_phone",
)

validate_country = RegexValidator(
    r"^[A-Z]{2}$",
    _("Voer een landcode van twee hoofdletters in, bijvoorbeeld NL of DE."),
    code="invalid_country",
)
