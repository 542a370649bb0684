"""Move a status other than 'gepland' from an effort to a new result of that effort."""

import datetime

from django.db import migrations

OLD_TO_NEW = {
    "lopend": "in_uitvoering",
    "afgerond": "gerealiseerd",
    "vervallen": "niet_doorgegaan",
}


def forwards(apps, schema_editor):
    Effort = apps.get_model("networks", "Effort")
    EffortResult = apps.get_model("results", "EffortResult")
    for effort in Effort.objects.exclude(status="gepland"):
        status = OLD_TO_NEW.get(effort.status)
        if status is None:
            continue
        EffortResult.objects.get_or_create(
            effort=effort,
            defaults={"status": status, "status_date": datetime.date(effort.year, 1, 1)},
        )


class Migration(migrations.Migration):
    dependencies = [("results", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
