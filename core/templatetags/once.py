"""`{% once %}...{% endonce %}`: a part of the page layout rendered once per process.

Every page repeats the same head, header, menu button, footer and scripts: dozens of
`{% static %}`, `{% url %}` and `{% translate %}` tags that cost each page a few thousand
function calls (issue 17). What is inside `{% once %}` is rendered the first time and then
reused for every page in the same language, script prefix and URL conf (what a reversed URL
depends on: core.links.url_state) and the same identity of the municipality
(core.municipality.current_municipality: a saved change gives a new one, so a new rendering).
A changed setting or translation file starts afresh (core.memo).

So only put inside it what depends on nothing else: translations, static files, URLs without
arguments from the request, the municipality's texts. Never the user, the request, the path,
a form, a CSRF token or a nonce, and never a `{% block %}` (a page would get another page's).
"""

from django import template
from django.template.loader_tags import BlockNode

from core.links import url_state
from core.memo import generation
from core.municipality import current_municipality

register = template.Library()

_STATE = object()  # the render context's key of this page's (state, generation, municipality)


class OnceNode(template.Node):
    # No {% block %} inside (refused when parsed): every page need not walk it looking for one.
    child_nodelists = ()

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.renderings = {}  # url state -> (generation, municipality, html)

    def render(self, context):
        render_context = context.render_context
        page = render_context.get(_STATE)
        if page is None:
            # Asked once per page: its fragments all render in one language.
            page = render_context[_STATE] = (url_state(), generation(), current_municipality())
        state, made, municipality = page
        known = self.renderings.get(state)
        if known is not None and known[0] == made and known[1] is municipality:
            return known[2]
        html = self.nodelist.render(context)
        self.renderings[state] = (made, municipality, html)
        return html


@register.tag
def once(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% once %} takes no arguments")
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    for node in nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError(f"{{% block {node.name} %}} inside {{% once %}}")
    return OnceNode(nodelist)
