from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Visibility


class VisibilityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Public records for everyone; drafts and internal records for logged-in staff roles."""
        if user is not None and user.is_authenticated:
            return self
        return self.public()


class VisibilityModel(models.Model):
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Concept en intern zijn alleen zichtbaar voor ingelogde gebruikers."),
    )

    class Meta:
        abstract = True

    def is_public(self):
        """Say whether anonymous visitors may see this record."""
        return self.visibility == Visibility.PUBLIC
