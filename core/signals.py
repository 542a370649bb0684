from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Municipality, Signatory
from .municipality import forget
from .page_cache import content_changed


@receiver([post_save, post_delete], sender=Municipality)
def municipality_changed(sender, instance, **kwargs):
    forget(instance.slug)


@receiver([post_save, post_delete], sender=Signatory)
def signatory_changed(sender, instance, **kwargs):
    forget(instance.municipality.slug)


# Any change to a record can show on a public page: the page cache starts afresh.
post_save.connect(content_changed, dispatch_uid="page-cache-save")
post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")
