from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from .models import Municipality, Signatory
from .municipality import forget
from .page_cache import bump_version, content_changed
from .roles import last_app_with_models


def identity_changed(slug):
    """Drop the identity now, and again after the commit: another process that read it in
    between read the old row under the new token, and would keep it."""
    forget(slug)
    transaction.on_commit(lambda: forget(slug))


@receiver([post_save, post_delete], sender=Municipality)
def municipality_changed(sender, instance, **kwargs):
    identity_changed(instance.slug)


@receiver([post_save, post_delete], sender=Signatory)
def signatory_changed(sender, instance, **kwargs):
    identity_changed(instance.municipality.slug)


# Any change to a record can show on a public page: the page cache starts afresh.
post_save.connect(content_changed, dispatch_uid="page-cache-save")
post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")


def content_migrated(sender, **kwargs):
    """A migration's code can change rows without a save (an update, RunSQL): after `migrate`
    the pages and parts kept before the deploy are stale, once per migrate (the last app)."""
    if sender is last_app_with_models():
        bump_version()


post_migrate.connect(content_migrated, dispatch_uid="page-cache-migrate")
