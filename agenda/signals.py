"""Clear the agenda's page cache when anything an agenda page shows changes."""

from django.db import transaction

from .caching import bump_version


def agenda_changed(sender, **kwargs):
    # Bump now, and again after the commit, so that a request that read the old rows between the
    # two cannot leave a stale page in the cache.
    bump_version()
    transaction.on_commit(bump_version)


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from contacts.models import Organisation
    from networks.models import Network, Theme
    from partnercity.models import PartnerCity

    from .models import Event

    translation_model = Event._parler_meta.root_model
    for model in (Event, translation_model, Network, Theme, PartnerCity, Organisation):
        post_save.connect(
            agenda_changed, sender=model, dispatch_uid=f"agenda-{model.__name__}-save"
        )
        post_delete.connect(
            agenda_changed, sender=model, dispatch_uid=f"agenda-{model.__name__}-delete"
        )
    for through in (
        Event.themes.through,
        Organisation.themes.through,
        Organisation.networks.through,
    ):
        m2m_changed.connect(
            agenda_changed, sender=through, dispatch_uid=f"agenda-{through.__name__}"
        )
