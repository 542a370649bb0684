# The organiser moves from the event to its texts per language (django-parler), so that German and
# English visitors read e.g. "Gemeinde Hengelo". Every existing text gets the organiser it had.
# The event's column is renamed first: django-parler does not allow a model field and a translated
# field of the same name at once, not even in a migration's state.

from django.db import migrations, models


def organiser_to_translations(apps, schema_editor):
    Event = apps.get_model("agenda", "Event")
    EventTranslation = apps.get_model("agenda", "EventTranslation")
    for event_id, organiser in Event.objects.values_list("pk", "organiser_old").iterator():
        EventTranslation.objects.filter(master_id=event_id).update(organiser=organiser)


def organiser_to_event(apps, schema_editor):
    Event = apps.get_model("agenda", "Event")
    EventTranslation = apps.get_model("agenda", "EventTranslation")
    for event in Event.objects.iterator():
        texts = {
            t.language_code: t.organiser
            for t in EventTranslation.objects.filter(master_id=event.pk).exclude(organiser="")
        }
        event.organiser_old = texts.get("nl") or next(iter(texts.values()), "")
        event.save(update_fields=["organiser_old"])


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0002_alter_event_agenda_event_ends_after_start"),
    ]

    operations = [
        migrations.RenameField(model_name="event", old_name="organiser", new_name="organiser_old"),
        migrations.RenameField(
            model_name="historicalevent", old_name="organiser", new_name="organiser_old"
        ),
        migrations.AddField(
            model_name="eventtranslation",
            name="organiser",
            field=models.CharField(
                blank=True,
                help_text="De naam in deze taal; leeg: de Nederlandse naam.",
                max_length=200,
                verbose_name="organisator",
            ),
        ),
        migrations.RunPython(organiser_to_translations, organiser_to_event),
        migrations.RemoveField(model_name="event", name="organiser_old"),
        migrations.RemoveField(model_name="historicalevent", name="organiser_old"),
    ]
