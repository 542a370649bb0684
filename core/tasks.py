"""Periodic work of core: deleting checked import files that were never confirmed."""

from celery import shared_task

from . import uploads


@shared_task
def delete_expired_uploads():
    return uploads.delete_expired()
