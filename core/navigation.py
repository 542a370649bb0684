"""The main menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, who sees it: "all", "staff" for logged-in users, or a role name)
MENU = [
    ("proposals:councilproposal-list", _("Voorstellen"), "all"),
    ("networks:network-list", _("Netwerken"), "all"),
    ("networks:effort-list", _("Inspanningen"), "all"),
    ("networks:theme-list", _("Thema's"), "all"),
    ("results:result-index", _("Resultaten"), "all"),
    ("projects:project-list", _("EU-projecten"), "all"),
    ("representation:mandate-list", _("Vertegenwoordiging"), "all"),
    ("partnercity:partnercity-list", _("Partnerstad"), "all"),
    ("budget:overview", _("Begroting"), "all"),
    ("agenda:event-list", _("Agenda"), "all"),
    ("agenda:partner-list", _("Partners"), "all"),
    ("notifications:timeline", _("Wijzigingen"), "all"),
    ("contacts:follow-up-list", _("Mijn opvolging"), "accountmanager"),
    ("contacts:organisation-list", _("Contacten"), "staff"),
    ("proposals:commitment-list", _("Toezeggingen"), "staff"),
    ("proposals:document-list", _("Griffie"), "griffie"),
]


def menu_for(user, roles):
    items = []
    for name, label, audience in MENU:
        if audience == "staff" and not user.is_authenticated:
            continue
        if audience not in ("all", "staff") and not (user.is_superuser or audience in roles):
            continue
        items.append({"url": reverse(name), "label": label})
    return items
