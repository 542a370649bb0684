"""Rows of a query that is built the same way on every request, compiled once per process.

Django builds and compiles a `values_list` query with a few hundred to a few thousand calls,
a millisecond or two, for SQL that is the same every time (issue 17: the budget book's three
queries, some 4 ms of each budget page after a change). `compiled_rows(key, build)` compiles
`build()` once per process, database, language and `key` (everything else that shapes the
query: the caller names it), then runs the SQL and converts the values as Django would (the
database backend's converters, e.g. SQLite's decimals), row for row the same tuples.
"""

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import get_language

_compiled = {}  # (database, what shapes the query) -> what was compiled of it, or None: no rows


def database_key(using=DEFAULT_DB_ALIAS):
    """The part of every key that names the database: a test database is another one."""
    connection = connections[using]
    return (using, connection.vendor, connection.settings_dict["NAME"])


def once(key, make):
    """What `make()` returns, made once per process and `key` (a key from database_key and what
    shapes the query): the one store of the queries compiled once per process, this module's,
    agenda.choices' and core.search's."""
    try:
        return _compiled[key]
    except KeyError:
        found = _compiled[key] = make()
        return found


def kept(kind):
    """The store's entries of one kind (the part of the key after database_key: "sql", "rows",
    "search"), by key; `kept(kind).clear()` does not empty the store, `forget(kind)` does."""
    return {key: value for key, value in _compiled.items() if key[3:4] == (kind,)}


def forget(kind):
    """Empty the store of one kind's entries (tests, to see them compiled again)."""
    for key in kept(kind):
        del _compiled[key]


def compiled_sql(key, build, using=DEFAULT_DB_ALIAS):
    """The SQL and parameters of the query `build()`, compiled once per process, database and
    `key` (everything else that shapes it); run it with `fetch`."""
    return once(
        (*database_key(using), "sql", *key), lambda: build().using(using).query.sql_with_params()
    )


def fetch(sql, params, using=DEFAULT_DB_ALIAS):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def compiled_rows(key, build, using=DEFAULT_DB_ALIAS):
    """The rows of the `values_list` query `build()` (not flat, not named) on the database
    `using`, as a list of tuples."""
    connection = connections[using]
    full_key = (*database_key(using), "rows", get_language(), *key)
    found = once(full_key, lambda: compile_values(build().using(using)))
    if found is None:
        return []
    sql, params, converters = found
    rows = fetch(sql, params, using)
    if not converters:
        return [tuple(row) for row in rows]
    return [convert(row, converters, connection) for row in rows]


def compile_values(queryset):
    """(sql, params, converters) of a values_list queryset, or None when it can hold no row."""
    compiler = queryset.query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
    converters = list(compiler.get_converters(fields).items())
    return sql, tuple(params), converters


def convert(row, converters, connection):
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)


def compiled_all(model):
    """`list(model.objects.all())`, in its order, from a query compiled once per process: every
    concrete field read with `values_list` and the instances made by `Model.from_db`, as Django
    makes them."""
    names = tuple(field.attname for field in model._meta.concrete_fields)
    rows = compiled_rows(("all", model._meta.label), lambda: model.objects.values_list(*names))
    return [model.from_db(DEFAULT_DB_ALIAS, names, row) for row in rows]
