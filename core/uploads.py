"""Checked import files between the dry run and the confirmation, kept out of the session.

The session holds only an opaque id; the file (which may hold names, e-mail addresses and
phone numbers) is a PendingUpload of its owner, deleted once imported and in any case after
PendingUpload.KEEP (30 minutes): on every access here, by the periodic task
core.tasks.delete_expired_uploads and by `manage.py delete_expired_uploads`.
"""

from .models import PendingUpload

SESSION_KEY = "pending-upload-{kind}"


def delete_expired():
    """Delete every checked file older than PendingUpload.KEEP; return how many."""
    deleted, _per_model = PendingUpload.objects.expired().delete()
    return deleted


def keep(request, kind, name, content):
    """Keep a checked file for the signed-in user until confirmed; return its opaque id."""
    delete_expired()
    PendingUpload.objects.filter(owner=request.user, kind=kind).delete()
    upload = PendingUpload.objects.create(
        owner=request.user, kind=kind, name=name[:255], content=bytes(content)
    )
    request.session[SESSION_KEY.format(kind=kind)] = str(upload.pk)
    return str(upload.pk)


def fetch(request, kind, token=None):
    """The user's checked file of this kind, or None when there is none or it expired.

    With a token (the id the page was given), it must be that file: an older page cannot
    confirm a newer file.
    """
    delete_expired()
    pk = request.session.get(SESSION_KEY.format(kind=kind))
    if not pk or (token is not None and token != pk):
        return None
    return PendingUpload.objects.fresh().filter(pk=pk, owner=request.user, kind=kind).first()


def discard(request, kind):
    """Forget the user's checked file of this kind: after the import, or when cancelled."""
    pk = request.session.pop(SESSION_KEY.format(kind=kind), None)
    if pk:
        PendingUpload.objects.filter(pk=pk, owner=request.user).delete()
