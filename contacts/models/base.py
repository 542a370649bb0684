"""Pieces the contact registry's models share: validators and constraint messages."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


class ConstraintErrorsAtFieldMixin:
    """Show a constraint's message at the field it is about, rather than above the form."""

    # violation_error_code -> field name
    constraint_error_fields = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = {}
            for field, messages in error.error_dict.items():
                for message in messages:
                    target = field
                    wanted = self.constraint_error_fields.get(getattr(message, "code", None))
                    if field == NON_FIELD_ERRORS and wanted and wanted not in (exclude or ()):
                        target = wanted
                    errors.setdefault(target, []).append(message)
            raise ValidationError(errors) from None
