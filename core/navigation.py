"""The main menu: each entry shows to whoever may open its page (`user.has_perm`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, the permission its page requires, or None for a public page)
MENU = [
    ("proposals:councilproposal-list", _("Voorstellen"), None),
    ("networks:network-list", _("Netwerken"), None),
    ("networks:effort-list", _("Inspanningen"), None),
    ("networks:theme-list", _("Thema's"), None),
    ("results:result-index", _("Resultaten"), None),
    ("projects:project-list", _("EU-projecten"), None),
    ("representation:mandate-list", _("Vertegenwoordiging"), None),
    ("partnercity:partnercity-list", _("Partnerstad"), None),
    ("budget:overview", _("Begroting"), None),
    ("agenda:event-list", _("Agenda"), None),
    ("agenda:partner-list", _("Partners"), None),
    ("notifications:timeline", _("Wijzigingen"), None),
    ("contacts:follow-up-list", _("Mijn opvolging"), "contacts.view_interaction"),
    ("contacts:organisation-list", _("Contacten"), "contacts.view_organisation"),
    ("proposals:commitment-list", _("Toezeggingen"), "proposals.view_commitment"),
    ("proposals:document-list", _("Griffie"), "proposals.export_documentexport"),
]


def menu_for(user):
    return [
        # Staff entries sit apart from the public menu, at its end.
        {"url": reverse(name), "label": label, "staff": permission is not None}
        for name, label, permission in MENU
        if permission is None or user.has_perm(permission)
    ]
