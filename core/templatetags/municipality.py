from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def municipality_text(context, name):
    """The active municipality's own wording of a text in the current language, or ''.

    Use with 'as': {% municipality_text "home_intro" as intro %}, and show a general text when
    it is empty.
    """
    municipality = context.get("municipality")
    if municipality is None:
        return ""
    return municipality.text(name, (get_language() or "nl").split("-")[0])
