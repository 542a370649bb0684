from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "openbaar", _("Openbaar")
    INTERNAL = "intern", _("Intern")
    DRAFT = "concept", _("Concept")


class Role(models.TextChoices):
    """The groups of the portal; each maps to a set of permissions in core.roles."""

    COUNCIL_MEMBER = "raadslid", _("Raadslid")
    ACCOUNT_MANAGER = "accountmanager", _("Accountmanager internationaal")
    CLERK = "griffie", _("Griffie")
    FINANCE = "financien", _("Financiën")
    COMMUNICATIONS = "communicatie", _("Communicatie")


class SignatoryRole(models.TextChoices):
    """Who signs for the municipality: the executive's letters and the council's decisions."""

    MAYOR = "burgemeester", _("Burgemeester")
    SECRETARY = "secretaris", _("Gemeentesecretaris")
    CLERK = "griffier", _("Griffier")
