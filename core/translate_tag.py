"""`{% translate "a quoted text" %}` looked up once per language in a process (issue 17).

Django's tag makes a lazy translation of the text on every rendering and turns it into a
string through the template's localisation and escaping: about 95 function calls per tag, and
a page has dozens of them. A quoted text without filters, context or `noop` always gives the same
safe string in the same language, so each such tag keeps it per language; a changed setting
(the tests override languages and catalogues) starts afresh. Every other form goes through
Django's tag as it is. `install()` (CoreConfig.ready) puts this tag in Django's own i18n
library, so `{% load i18n %}` stays as it is: naming another module `i18n` in TEMPLATES' OPTIONS
would make `check --deploy` warn (templates.W003).
"""

from django import template
from django.template.base import render_value_in_context
from django.templatetags import i18n
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from core.memo import generation


class TranslateNode(i18n.TranslateNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        expression = self.filter_expression
        self.constant = (
            not self.noop
            and self.message_context is None
            and not expression.filters
            and isinstance(expression.var, template.Variable)
            and isinstance(expression.var.literal, str)
        )
        self.translations = {}  # language -> (generation, the rendered translation)

    def render(self, context):
        if not self.constant:
            return super().render(context)
        language, current = get_language(), generation()
        known = self.translations.get(language)
        if known is not None and known[0] == current:
            value = known[1]
        else:
            value = self.render_text(context)
            self.translations[language] = (current, value)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def render_text(self, context):
        """What Django's TranslateNode.render gives for the text, before its 'as'."""
        self.filter_expression.var.translate = True
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        return mark_safe(value) if is_safe else value  # noqa: S308 - as Django's tag


def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    return TranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)


def install():
    """Use this tag for {% translate %} and {% trans %} in Django's i18n library."""
    i18n.register.tag("translate", do_translate)
    i18n.register.tag("trans", do_translate)
