import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hengelo_intl.settings")

app = Celery("hengelo_intl")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
