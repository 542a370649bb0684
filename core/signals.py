from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Municipality, Signatory
from .municipality import forget


@receiver([post_save, post_delete], sender=Municipality)
def municipality_changed(sender, instance, **kwargs):
    forget(instance.slug)


@receiver([post_save, post_delete], sender=Signatory)
def signatory_changed(sender, instance, **kwargs):
    forget(instance.municipality.slug)
