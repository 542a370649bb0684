"""Cache of the API's answers. Every client is anonymous, so one answer serves all; any change to
a record of a public app makes every cached answer stale (a version, as in agenda/caching.py)."""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "api:version"
TIMEOUT = 60 * 60
APPS = {"agenda", "budget", "contacts", "core", "networks", "partnercity", "proposals"}


def bump_version(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def data_changed(sender, **kwargs):
    if sender._meta.app_label in APPS:
        bump_version()
        transaction.on_commit(bump_version)


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(data_changed, dispatch_uid="api-save")
    post_delete.connect(data_changed, dispatch_uid="api-delete")
    m2m_changed.connect(data_changed, dispatch_uid="api-m2m")


def answer_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"api:answer:{path}"


def lookup(request):
    """Return (cached body or None, version, key)."""
    key = answer_key(request)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY, "")
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1], version, key
    return None, version, key


def store(key, version, body):
    cache.set(key, (version, body), TIMEOUT)
