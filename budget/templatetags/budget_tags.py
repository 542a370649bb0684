from django import template

from core.money import format_signed_euro

from .. import kept

register = template.Library()


@register.filter
def get(mapping, key):
    """Look a key up in a dict: {{ row.cells|get:year }}."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def signed_euro(value):
    return format_signed_euro(value)


@register.filter
def absolute(value):
    return abs(value) if value is not None else None


class KeepNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        html = self.nodelist.render(context)
        kept.keep(self.key.resolve(context), html)
        return html


@register.tag
def keep(parser, token):
    """Render the enclosed part and keep it under the key (budget.kept) until the content
    changes: {% keep kept_key %}...{% endkeep %}. The view reads it back before computing."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% keep key %} takes one argument")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, parser.compile_filter(bits[1]))
