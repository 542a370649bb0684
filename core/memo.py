"""What a process keeps of its renderings (issue 17) goes stale when settings or translations
change: the layout's {% once %} parts, the menu, {% translate %} texts, the policy header.

Each keeps the `generation()` it was made in and makes it afresh when that has moved on. A
changed setting moves it (the tests override settings) and so does a changed translation
catalogue (a .mo file, which the development server reloads without restarting).
"""

from django.core.signals import setting_changed
from django.utils.autoreload import file_changed

_generation = [0]


def generation():
    return _generation[0]


def forget_all(**kwargs):
    _generation[0] += 1


def translations_changed(sender, file_path, **kwargs):
    if file_path.suffix == ".mo":
        forget_all()
    # Returns None: whether the server restarts is up to Django's own receivers.


setting_changed.connect(forget_all, dispatch_uid="memo-setting-changed")
file_changed.connect(translations_changed, dispatch_uid="memo-translations-changed")
