# A public partner's international activities (its public description) move to texts per
# language (django-parler), so that German and English visitors can read them. Every existing
# text becomes the Dutch text, exactly as it was; an organisation without one gets no row. The
# column is renamed first: django-parler does not allow a model field and a translated field of
# the same name at once (as in agenda 0003).

import django.db.models.deletion
import parler.fields
import parler.models
from django.db import migrations, models


class MakeTranslatable(migrations.operations.base.Operation):
    """Give the organisation django-parler's base in the migration state (Django's
    autodetector does not follow a model's bases), so that its translations can attach."""

    reduces_to_sql = False
    reversible = True

    def state_forwards(self, app_label, state):
        model_state = state.models[app_label, "organisation"]
        if parler.models.TranslatableModelMixin not in model_state.bases:
            model_state.bases = (parler.models.TranslatableModelMixin, *model_state.bases)
            state.reload_model(app_label, "organisation", delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return "Make the organisation translatable (django-parler)"


def activities_to_translations(apps, schema_editor):
    Organisation = apps.get_model("contacts", "Organisation")
    Translation = apps.get_model("contacts", "OrganisationTranslation")
    texts = Organisation.objects.exclude(international_activities_old="").values_list(
        "pk", "international_activities_old"
    )
    Translation.objects.bulk_create(
        Translation(master_id=pk, language_code="nl", international_activities=text)
        for pk, text in texts.iterator()
    )


def activities_to_organisation(apps, schema_editor):
    Organisation = apps.get_model("contacts", "Organisation")
    Translation = apps.get_model("contacts", "OrganisationTranslation")
    for translation in Translation.objects.filter(language_code="nl").iterator():
        Organisation.objects.filter(pk=translation.master_id).update(
            international_activities_old=translation.international_activities
        )


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0005_list_indexes'),
    ]

    operations = [
        migrations.RenameField(
            model_name="organisation",
            old_name="international_activities",
            new_name="international_activities_old",
        ),
        migrations.RenameField(
            model_name="historicalorganisation",
            old_name="international_activities",
            new_name="international_activities_old",
        ),
        MakeTranslatable(),
        migrations.CreateModel(
            name='OrganisationTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('international_activities', models.TextField(blank=True, help_text='Wat de organisatie internationaal doet; staat op de openbare lijst.', verbose_name='internationale activiteiten')),
                ('master', parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='contacts.organisation')),
            ],
            options={
                'verbose_name': 'organisatie Translation',
                'db_table': 'contacts_organisation_translation',
                'db_tablespace': '',
                'managed': True,
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('language_code', 'master'), name='contacts_organisation_translation_uniq_lang')],
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.RunPython(activities_to_translations, activities_to_organisation),
        migrations.RemoveField(model_name="organisation", name="international_activities_old"),
        migrations.RemoveField(
            model_name="historicalorganisation", name="international_activities_old"
        ),
    ]
