"""The SQL pieces of the search (core.search): the words' query with its synonyms, the
expressions PostgreSQL's text search needs that Django does not have, and the migration
operation that builds the GIN indexes the query's vectors are read through (issue 17)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQueryField,
    SearchVector,
    SearchVectorField,
)
from django.db import migrations
from django.db.models import BooleanField, Expression, F, Func
from django.db.models.expressions import RawSQL

# Irregular Dutch plurals (and a few forms) the Snowball stemmer does not bring together.
SYNONYMS = {
    "partnersteden": ["partnerstad"],
    "steden": ["stad"],
    "schepen": ["schip"],
    "gelegenheden": ["gelegenheid"],
    "mogelijkheden": ["mogelijkheid"],
    "overheden": ["overheid"],
    "eenheden": ["eenheid"],
    "bijzonderheden": ["bijzonderheid"],
    "leden": ["lid"],
    "raadsleden": ["raadslid"],
    "kinderen": ["kind"],
    "volken": ["volk"],
}


def text_query(terms, configs):
    """All terms must match; a term matches itself or one of its synonyms, read with any of the
    configurations (the Dutch fields' and the translated texts'). Written as SearchQuery's `|`
    and `&` write it (plainto_tsquery, `||`, `&&`), as one expression: Django compiles it in
    each place the query is used (the match, the rank, the snippet, the candidates)."""
    sql, params = None, []
    for term in terms:
        word = None
        for config in configs:
            for form in [term, *SYNONYMS.get(term.lower(), [])]:
                params += [config, form]
                found = "plainto_tsquery(%s::regconfig, %s)"
                word = found if word is None else f"({word} || {found})"
        sql = word if sql is None else f"({sql} && {word})"
    return RawSQL(sql, params, output_field=SearchQueryField())


def any_word(query):
    """Any one of the query's words (lexemes): the query's `&` made `|`. A text that the query
    matches holds at least one of them, and so does one of its parts (a text is read word by word:
    the words of texts joined with spaces are those of each text), so a row the query matches is
    one whose parts, each searched through its own index, hold one of them. plainto_tsquery
    makes no other operator, and no word holds a space."""
    sql = f"replace(CAST({query.sql} AS text), ' & ', ' | ')::tsquery"
    return RawSQL(sql, query.params, output_field=SearchQueryField())


class Matches(Func):
    """`vector @@ query`, as a condition of its own (the vector need not be annotated)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class StoredVector(Expression):
    """A vector column that PostgreSQL keeps with the row (built and kept by a PostgreSQL-only
    migration; the models do not describe it): read, not computed from the texts row by row."""

    output_field = SearchVectorField()

    def __init__(self, column, alias=None):
        super().__init__()
        self.column, self.alias = column, alias

    def resolve_expression(self, query=None, *args, **kwargs):
        alias = F("pk").resolve_expression(query, *args, **kwargs).alias
        return type(self)(self.column, alias)

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.{self.column}", []


class StoredFlag(StoredVector):
    """A boolean column that PostgreSQL keeps beside such vectors (StoredVector)."""

    output_field = BooleanField()


class AmongIds(Func):
    """`pk = ANY(ARRAY(subquery))`: PostgreSQL reads the ids first, once, and then only those
    rows. As `pk IN (subquery)` it matched every row first and the ids last: it cannot tell
    how many rows a text search keeps, and guessed few."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()


class Headline(SearchHeadline):
    """SearchHeadline with its options composed once per process: Django composes them on each
    compile, a cursor per option."""

    composed = {}

    def as_sql(self, compiler, connection, function=None, template=None):
        key = tuple(self.options.items())
        if key not in self.composed:
            self.composed[key] = ", ".join(
                connection.ops.compose_sql(f"{option}=%s", [value]) for option, value in key
            )
        sql, params = Func.as_sql(
            self, compiler, connection, function=function, template=template, options=", %s"
        )
        return sql, [*params, self.composed[key]]


def vector_of(fields, config):
    """The vector the index of these fields is built on (the apps' `*_search_indexes`)."""
    return SearchVector(*[F(name) for name in fields], config=config)


def search_indexes(app_label, indexes):
    """A migration operation that builds the GIN indexes of the texts the search reads, on
    PostgreSQL only (SQLite, which the suite also runs on, has neither): `indexes` are (model,
    index name, fields, configuration), each on the vector that `vector_of` builds at query time,
    so that the query's expression is the index's."""

    def each(apps):
        for model, name, fields, config in indexes:
            yield apps.get_model(app_label, model), GinIndex(vector_of(fields, config), name=name)

    def add(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for model, index in each(apps):
                schema_editor.add_index(model, index)

    def remove(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for model, index in each(apps):
                schema_editor.remove_index(model, index)

    return migrations.RunPython(add, remove)
