from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_items(context, staff=False):
    """The main menu's <li> entries (the public ones, or with staff=True the staff ones), built in
    Python: a template loop over every entry cost each page a few thousand calls (issue 17)."""
    request = context.get("request")
    path = request.path if request is not None else None
    items = []
    for item in context.get("menu") or ():
        if item["staff"] != staff:
            continue
        url = escape(item["url"])
        label = escape(item["label"])
        if item["url"] == path:
            items.append(
                f'<li class="nav-item"><a class="nav-link active" aria-current="page" '
                f'href="{url}">{label}</a></li>'
            )
        else:
            items.append(f'<li class="nav-item"><a class="nav-link" href="{url}">{label}</a></li>')
    return mark_safe("\n".join(items))  # noqa: S308 - every value escaped above
