"""Insert thousands of new rows in a few statements, for an import (the budget import's 12,000
lines in seconds, issue 11)."""

from django.db import connections, router
from django.db.models import Field


def insert_rows(model, objs):
    """Insert new instances of `model` (none has a pk yet) with one INSERT ... RETURNING per
    batch, and give each its pk: what bulk_create does on PostgreSQL and SQLite 3.35+, the
    databases the portal runs on, with the same batches and without the ORM's compiler,
    which costs more than the database for thousands of rows. Like bulk_create: no signals,
    no save(); each value goes through its field's pre_save (only where a field has one of its
    own, such as auto_now) and get_db_prep_save, as in a save.
    """
    objs = list(objs)
    if not objs:
        return objs
    opts = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:
        raise NotImplementedError("insert_rows needs INSERT ... RETURNING (PostgreSQL, SQLite).")
    pk = opts.pk
    fields = [field for field in opts.concrete_fields if field is not pk and not field.generated]
    if any(obj.pk is not None for obj in objs):
        raise ValueError("insert_rows inserts new rows only: an instance has a pk.")
    columns = []
    for field in fields:
        prepare = field.get_db_prep_save
        if type(field).pre_save is Field.pre_save:
            columns.append((field.attname, None, prepare))
        else:
            columns.append((field.attname, field.pre_save, prepare))
    quote = connection.ops.quote_name
    returning, returning_params = connection.ops.return_insert_columns([pk])
    batch_size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    head = (
        f"INSERT INTO {quote(opts.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) VALUES "
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params = []
            for obj in batch:
                for attname, pre_save, prepare in columns:
                    value = pre_save(obj, True) if pre_save else getattr(obj, attname)
                    params.append(prepare(value, connection))
            cursor.execute(
                head + ", ".join([placeholders] * len(batch)) + f" {returning}",
                [*params, *returning_params],
            )
            for obj, row in zip(batch, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, row[0])
                obj._state.adding = False
                obj._state.db = using
    return objs
