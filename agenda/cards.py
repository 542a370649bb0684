"""The agenda's event cards, written here rather than by an {% include %} per row (issue 17):
Django's template nodes cost more per row than the string joins. The markup is the one the
card template had; the texts are the catalogue's, looked up once per page."""

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from .templatetags.agenda_tags import event_when

SLUG = "--slug--"


def event_cards(events):
    """The HTML of a card per event (with its translations, themes, network and partner city
    loaded: EventQuerySet.with_relations)."""
    language = get_language()
    head, tail = reverse("agenda:event-detail", kwargs={"slug": SLUG}).split(SLUG)
    labels = {
        "nowhere": gettext("Plaats nog niet bekend"),
        "organiser": gettext("Organisator"),
        "only_dutch": gettext("alleen in het Nederlands"),
        "example": gettext("voorbeeld"),
        "partner_city": gettext("Partnerstad"),
    }
    return [card(event, language, f"{head}{event.slug}{tail}", labels) for event in events]


def card(event, language, url, labels):
    own = event.translation_in(language)
    own = bool(own and own.title)
    lang = "" if own else mark_safe(' lang="nl"')  # noqa: S308 - a constant
    where = ", ".join(event.location_parts()) or labels["nowhere"]
    if event.country:
        where = f"{where} · {event.country_name()}"
    text = (
        format_html('<p class="mb-2"{}>{}</p>', lang, Truncator(event.text).words(40, " …"))
        if event.text
        else ""
    )
    badges = []
    if not own:
        badges.append(
            format_html('<span class="badge text-bg-light border">{}</span>', labels["only_dutch"])
        )
    if not event.is_public():
        badges.append(
            format_html(
                '<span class="badge badge-concept">{}</span>',
                str(event.get_visibility_display()).lower(),
            )
        )
    if event.is_example:
        badges.append(
            format_html('<span class="badge text-bg-warning">{}</span>', labels["example"])
        )
    if event.network:
        badges.append(format_html('<span class="event-tag">{}</span>', gettext(event.network.name)))
    if event.partner_city:
        badges.append(
            format_html(
                '<span class="event-tag">{} {}</span>',
                labels["partner_city"],
                event.partner_city.name,
            )
        )
    themes = "".join(
        format_html('<span class="event-tag">{}</span>', gettext(theme.name))
        for theme in event.themes.all()
    )
    badges.append(mark_safe(themes))  # noqa: S308 - joined from format_html
    return format_html(
        '<li class="card mb-3 event-card">\n'
        '  <article class="card-body" aria-labelledby="evenement-{pk}-titel">\n'
        '    <h3 class="h5 card-title mb-1" id="evenement-{pk}-titel"{lang}>\n'
        '      <a href="{url}">{title}</a>\n'
        "    </h3>\n"
        '    <p class="event-when mb-1">{when}</p>\n'
        '    <p class="event-where mb-2 text-body-secondary">\n'
        "      {where}\n"
        "    </p>\n"
        '    <p class="event-organiser mb-2 small">{organiser_label}: {organiser}</p>\n'
        "    {text}\n"
        '    <p class="small mb-0">\n'
        "      {badges}\n"
        "    </p>\n"
        "  </article>\n"
        "</li>",
        pk=event.pk,
        lang=lang,
        url=url,
        title=event.title or str(event),
        when=event_when(event),
        where=where,
        organiser_label=labels["organiser"],
        organiser=event.organiser_name(language),
        text=text,
        badges=mark_safe("\n      ".join(conditional_escape(badge) for badge in badges)),  # noqa: S308
    )
