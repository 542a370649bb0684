"""Badges that list pages write per row in Python (issue 17), as their templates in
templates/includes/ write them: a row's {% include %} costs more than the rest of the row.
Like the include, a badge ends with the template file's newline."""

from django.utils.html import conditional_escape as escape
from django.utils.translation import gettext as _

from .constants import Visibility


class VisibilityBadges:
    """includes/visibility_badge.html, with its texts looked up once per page."""

    def __init__(self):
        self.labels = {value: str(label) for value, label in Visibility.choices}
        self.note = escape(_("alleen zichtbaar voor ingelogde gebruikers"))

    def __call__(self, obj):
        visibility = obj.visibility
        if not visibility or visibility == Visibility.PUBLIC:
            return "\n"
        label = escape(self.labels.get(visibility, visibility).lower())
        return (
            f' <span class="badge badge-concept">{label}'
            f'<span class="visually-hidden">: {self.note}</span></span>\n'
        )


class ExampleBadges:
    """includes/example_badge.html, with its texts looked up once per page."""

    def __init__(self):
        title = escape(_("Verzonnen demogegevens, geen feit uit de bronnen"))
        self.badge = (
            f' <span class="badge badge-example" title="{title}">{escape(_("voorbeeld"))}</span>\n'
        )

    def __call__(self, obj):
        return self.badge if getattr(obj, "is_example", False) else "\n"


class ThemeChips:
    """The theme chips of a row (`<a class="theme-chip">` per theme), each theme's link written
    once per page."""

    def __init__(self):
        self.links = {}

    def __call__(self, themes):
        chips = []
        for theme in themes:
            link = self.links.get(theme.pk)
            if link is None:
                link = self.links[theme.pk] = (
                    f'<a class="theme-chip" href="{escape(theme.get_absolute_url())}">'
                    f"{escape(theme.name)}</a>"
                )
            chips.append(link)
        return chips
