"""Load a municipality's data files into the database.

The file is a list of sections, one per model, each naming the fields that identify a record
(its key). A record that is missing is added, validated with full_clean(). A record that exists
is left as it is, also when it differs from the file: it may have been changed in the portal
(a budget amount, a status, a recorded decision). The differences are reported (record, field,
file value, database value); only with force=True (`--force`) does the file overwrite them.
Loading twice leaves the same rows and adds no history.
"""

import json
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import yaml
from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_DATA_FILE = DATA_DIR / "hengelo.yaml"


def available_municipalities():
    """The data sets there are: one core/data/<name>.yaml per municipality."""
    return sorted(path.stem for path in DATA_DIR.glob("*.yaml"))


def default_data_files(municipality="hengelo"):
    """The core data file first, then each app's data/<municipality>.yaml, in app order."""
    from django.apps import apps as app_registry

    core_file = DATA_DIR / f"{municipality}.yaml"
    files = [core_file]
    for config in app_registry.get_app_configs():
        candidate = Path(config.path) / "data" / f"{municipality}.yaml"
        if candidate.is_file() and candidate != core_file:
            files.append(candidate)
    return files


class DataFileError(Exception):
    """A data file that cannot be loaded, with the place and the reason."""


class Difference(NamedTuple):
    """A field where an existing record differs from the data file."""

    model: str
    record: str
    field: str
    file_value: str
    database_value: str

    def __str__(self):
        return (
            f"{self.model} {self.record}: {self.field}: bestand {self.file_value!r}, "
            f"database {self.database_value!r}"
        )


class Loader:
    def __init__(self, force=False):
        self.force = force
        self.path = None
        self.keys = {}
        self.stats = {}
        self.differences = []
        self.added = set()  # records added by this load: a later file may complete them

    def load(self, paths):
        """Load the files in one transaction; later files may refer to records of earlier ones."""
        with transaction.atomic():
            for path in paths:
                self.load_file(Path(path))
        return self.stats

    def load_file(self, path):
        self.path = path
        try:
            sections = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"{self.path}: het bestand is niet te lezen: {exc}") from exc
        if not isinstance(sections, list):
            raise DataFileError(f"{self.path}: verwacht een lijst met secties.")
        for index, section in enumerate(sections, start=1):
            self.load_section(index, section)

    def load_section(self, index, section):
        where = f"{self.path}: sectie {index}"
        try:
            model = apps.get_model(section["model"])
            key = list(section["key"])
            records = section["records"]
        except (KeyError, TypeError, LookupError, ValueError) as exc:
            raise DataFileError(f"{where}: ongeldige sectie ({exc}).") from exc
        self.keys[model] = key
        counts = self.stats.setdefault(
            model._meta.label, {"created": 0, "updated": 0, "same": 0, "kept": 0}
        )
        for number, record in enumerate(records, start=1):
            label = f"{where} ({model._meta.label}), record {number}"
            try:
                outcome = self.upsert(model, key, record, self.describe(key, record))
            except DataFileError as exc:
                raise DataFileError(f"{label}: {exc}") from exc
            except ValidationError as exc:
                raise DataFileError(
                    f"{label} {self.describe(key, record)}: {self.messages(exc)}"
                ) from exc
            counts[outcome] += 1

    def upsert(self, model, key, record, description=""):
        if not isinstance(record, dict):
            raise DataFileError("een record moet velden met waarden zijn.")
        missing = [name for name in key if name not in record]
        if missing:
            raise DataFileError(f"sleutelveld ontbreekt: {', '.join(missing)}.")
        plain, many, translations = {}, {}, {}
        for name, value in record.items():
            if name == "translations" and hasattr(model, "_parler_meta"):
                translations = value or {}  # django-parler: {language: {field: value}}
                continue
            try:
                field = model._meta.get_field(name)
            except Exception as exc:
                raise DataFileError(f"onbekend veld '{name}'.") from exc
            if field.many_to_many:
                many[field] = [self.resolve(field.related_model, item) for item in value or []]
            elif field.is_relation:
                plain[field.name] = (
                    None if value is None else self.resolve(field.related_model, value)
                )
            else:
                plain[field.name] = value
        lookup = {name: plain[name] for name in key}
        instance = model.objects.filter(**lookup).first()
        created = instance is None
        if created:
            instance = model()
        before = {name: getattr(instance, name, None) for name in plain}
        for name, value in plain.items():
            setattr(instance, name, value)
        differences = self.set_translations(instance, translations)
        instance.full_clean()
        differences += [
            (name, getattr(instance, name), before[name])
            for name in plain
            if self.comparable(before[name]) != self.comparable(getattr(instance, name))
        ]
        many_differences = []
        for field, targets in many.items():
            manager = getattr(instance, field.name) if not created else None
            current = set(manager.values_list("pk", flat=True)) if manager is not None else set()
            wanted = {target.pk for target in targets}
            if current != wanted:
                many_differences.append((field, targets, current, wanted))
        if not created and not (differences or many_differences):
            return "same"
        added_now = (model, instance.pk) in self.added
        if not created and not self.force and not added_now:
            label = model._meta.label
            for name, file_value, database_value in differences:
                self.differences.append(
                    Difference(
                        label, description, name, self.shown(file_value), self.shown(database_value)
                    )
                )
            for field, targets, current, _wanted in many_differences:
                self.differences.append(
                    Difference(
                        label,
                        description,
                        field.name,
                        self.shown(sorted(str(target) for target in targets)),
                        self.shown(
                            sorted(
                                str(item)
                                for item in field.related_model.objects.filter(pk__in=current)
                            )
                        ),
                    )
                )
            return "kept"
        instance.save()
        if created:
            self.added.add((model, instance.pk))
        for field, targets, _current, _wanted in many_differences:
            getattr(instance, field.name).set(targets)
        return "created" if created else "updated"

    def resolve(self, model, value):
        """Find a referenced record by its key: a value, a list in key order, or a dict."""
        key = self.keys.get(model)
        if key is None:
            raise DataFileError(f"{model._meta.label} moet eerder in het bestand staan.")
        if isinstance(value, dict):
            lookup = dict(value)
        elif isinstance(value, list | tuple):
            if len(value) != len(key):
                raise DataFileError(f"verwijzing {value!r} past niet op de sleutel {key}.")
            lookup = dict(zip(key, value, strict=True))
        else:
            if len(key) != 1:
                raise DataFileError(f"verwijzing {value!r} past niet op de sleutel {key}.")
            lookup = {key[0]: value}
        for name, item in list(lookup.items()):
            field = model._meta.get_field(name)
            if field.is_relation and not isinstance(item, models.Model):
                lookup[name] = self.resolve(field.related_model, item)
        try:
            return model.objects.get(**lookup)
        except ObjectDoesNotExist as exc:
            raise DataFileError(
                f"{model._meta.verbose_name} {self.describe(list(lookup), lookup)} bestaat niet."
            ) from exc

    @staticmethod
    def comparable(value):
        if isinstance(value, datetime):
            return value.timestamp()
        if isinstance(value, dict | list):
            # JSON as data: PostgreSQL's jsonb gives the keys back in its own order.
            return json.dumps(value, sort_keys=True)
        return value.pk if isinstance(value, models.Model) else str(value)

    @staticmethod
    def shown(value):
        if isinstance(value, list):
            return ", ".join(value)
        return "" if value is None else str(value)

    @staticmethod
    def set_translations(instance, translations):
        """Put the translated fields on a django-parler model; list what differed."""
        differences = []
        for language, fields in translations.items():
            translation = instance._get_translated_model(language, auto_create=True)
            for name, value in fields.items():
                before = None if translation.pk is None else getattr(translation, name)
                setattr(translation, name, value)
                if before != value:
                    differences.append((f"{name} ({language})", value, before))
        return differences

    @staticmethod
    def describe(key, record):
        return "(" + ", ".join(f"{name}={record.get(name)!s}" for name in key) + ")"

    @staticmethod
    def messages(error):
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{field}: {' '.join(str(m) for m in messages)}"
                for field, messages in error.message_dict.items()
            )
        return " ".join(str(m) for m in error.messages)


def load_data_files(paths=None, municipality="hengelo", force=False):
    """Load data files in one transaction; on any error nothing is changed.

    Return the counts per model and the differences between the file and existing records
    (left as they are unless force is given).
    """
    loader = Loader(force=force)
    stats = loader.load(paths or default_data_files(municipality))
    return stats, loader.differences
