"""Search over what a visitor may see: full-text on PostgreSQL, word matching elsewhere.

On PostgreSQL each source is searched with the text search configuration of the page's language
(`dutch` stems "samenwerkingen" to the stem of "samenwerking"), with a small synonym list for
irregular plurals that no stemmer knows, ranked, and with a highlighted snippet (ts_headline).
German and English pages read a source's translated texts (the events' titles, texts and
organisers, the partners' international activities) row by row with `german` or `english` where
the row has them in the page's language, and with `dutch` where it falls back to its Dutch text;
its other fields and the records that exist in Dutch only are read with `dutch`. On SQLite every
term must occur in one of the fields (icontains), as before.

Each source's texts are indexed (GIN indexes on the same to_tsvector expressions, built by the
apps' PostgreSQL-only migrations `*_search_indexes`), so a search reads only the rows it finds
(issue 17: computed row by row, one search read 10,000 events in 200 ms at 100x). A source whose
fields are all its own columns is matched on its indexed vector as it is; one whose texts come
from several tables (a joined name, the translations) is first narrowed to the rows in which one
of the tables holds one of the query's words (`candidates`), each table through its own index,
and those few rows are then matched, ranked and highlighted exactly as before. The events (one
word found 5,000 at 100x) are matched and ranked on their whole vector for the page's language,
as PostgreSQL stores and indexes it (`stored`), without reading another table.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.search import SearchQueryField, SearchRank, SearchVector
from django.db import connection, connections
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable, get_related_populators, prefetch_related_objects
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.compiled import database_key, once

from .expressions import (  # noqa: F401 - the apps' migrations and agenda.search import them from here
    SYNONYMS,
    AmongIds,
    Headline,
    Matches,
    StoredFlag,
    StoredVector,
    any_word,
    search_indexes,
    text_query,
    vector_of,
)

CONFIGS = {"nl": "dutch", "de": "german", "en": "english"}

# Markers that cannot occur in the portal's texts: the snippet is escaped, then they become
# <mark>, so no stored text can inject markup.
START, STOP = "\ue000", "\ue001"


def search_terms(text):
    """Split a search text into at most eight terms of at least two characters."""
    return [term for term in text.split() if len(term) >= 2][:8]


def full_text_available():
    return connection.vendor == "postgresql"


@dataclass
class Source:
    """One kind of record to search: its rows, the fields to match, and the snippet's field.

    `fields` are in Dutch. `translated` are texts in the page's language or else in Dutch, and
    `language` names the field (an annotation) that says which language a row's texts are in;
    `texts` are the fields of the model's translations (parler) that they are made of.
    `stored` names a queryset method that annotates `search`, the same vector as computed from
    the fields, as PostgreSQL stores and indexes it whole per language (StoredVector), and
    `search_language`, what `language` says, stored beside it. `queryset` may be a function
    that makes it: it is made only where a query is built (`rows`), which a search whose query
    is compiled (Compiled) does not do."""

    key: str
    label: str
    queryset: object
    fields: list
    snippet: str | None = None
    translated: list = field(default_factory=list)
    language: str | None = None
    texts: list = field(default_factory=list)
    stored: str | None = None

    @cached_property
    def rows(self):
        """The source's queryset."""
        return self.queryset() if callable(self.queryset) else self.queryset


def matching(queryset, terms, fields):
    """Keep the rows in which every term occurs in at least one of the fields."""
    for term in terms:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": term})
        queryset = queryset.filter(condition)
    return queryset


def text_config(source, language):
    """The configuration of the source's translated texts, row by row: the page's language's
    where the row has its texts in that language, else Dutch."""
    config = CONFIGS.get(language, "dutch")
    if not source.translated or config == "dutch":
        return "dutch"
    return Case(When(**{source.language: language}, then=Value(config)), default=Value("dutch"))


def highlighted(text):
    """Escape a ts_headline snippet and turn its markers into <mark>."""
    if not text:
        return ""
    safe = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own tags added


def candidates(source, words, language):
    """The primary keys of the rows in which one of the source's tables holds one of the words:
    its own columns, each joined model's (`partner_city__name`) and its translations' in the
    page's language or Dutch (read with either configuration), each through its own index."""
    model = source.rows.model
    rows = model._base_manager.order_by()
    own = [name for name in source.fields if "__" not in name]
    parts = []
    if own:
        parts.append(rows.filter(Matches(vector_of(own, "dutch"), words)).values("pk"))
    for name in source.fields:
        if "__" in name:
            relation, column = name.split("__")
            related = model._meta.get_field(relation).related_model._base_manager.order_by()
            found = related.filter(Matches(vector_of([column], "dutch"), words)).values("pk")
            parts.append(rows.filter(**{f"{relation}__in": found}).values("pk"))
    if source.texts:
        translations = model._parler_meta.root_model.objects.order_by()
        configs = {"dutch", CONFIGS.get(language, "dutch")}
        either = Q()
        for config in sorted(configs):
            either |= Q(Matches(vector_of(source.texts, config), words))
        codes = {language if language in CONFIGS else "nl", "nl"}
        found = translations.filter(either, language_code__in=sorted(codes))
        parts.append(found.values("master_id"))
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def computed_vector(source, language):
    """The vector of a source's texts, computed row by row: its Dutch fields read with `dutch`,
    then its translated texts with their configuration (weights kept simple: every field
    counts alike)."""
    vector = SearchVector(*[F(name) for name in source.fields], config="dutch")
    if source.translated:
        translated = [F(name) for name in source.translated]
        vector = vector + SearchVector(*translated, config=text_config(source, language))
    return vector


WORDS = "\ue002words"  # where the words go in a source's candidates, until they are known


def candidate_ids(source, words, language):
    """The candidates' query (`candidates`) as SQL, compiled once per process, source and
    language (it depends on nothing else), with the words put in: Django took some 6,000 calls
    to compile it for each source and search."""
    key = (source.rows.model, *source.fields, "|", *source.texts, language)

    def compile_candidates():
        marker = RawSQL("%s", [WORDS], output_field=SearchQueryField())
        sql, params = candidates(source, marker, language).query.sql_with_params()
        parts = sql.split("%s")
        if "%%" in sql or len(parts) != len(params) + 1:  # keep it simple: then compile each time
            return None
        return parts, params

    compiled = once((*database_key(connection.alias), "candidates", *key), compile_candidates)
    if compiled is None:
        return Subquery(candidates(source, words, language))
    parts, params = compiled
    words_sql, words_params = words.sql, words.params
    sql, values = [parts[0]], []
    for param, part in zip(params, parts[1:], strict=True):
        if param == WORDS:
            sql.append(words_sql)
            values.extend(words_params)
        else:
            sql.append("%s")
            values.append(param)
        sql.append(part)
    return RawSQL("".join(sql), values)


def queries(source, terms, language):
    """The expressions that hold the search's words, by name: the query of the Dutch fields,
    those of the rows with translated texts (row_query) and the words of the candidates."""
    config = CONFIGS.get(language, "dutch")
    found = {"dutch": text_query(terms, ["dutch"])}
    if source.translated and config != "dutch":
        found["translated"] = text_query(terms, ["dutch", config])
        found["dutch twice"] = text_query(terms, ["dutch", "dutch"])
    if source.translated or any("__" in name for name in source.fields):
        found["words"] = text_query(terms, sorted({"dutch", config}))
    return found


def row_query(source, language, found, field=None):
    """The query of each row: its terms read with `dutch` and with the configuration of its
    translated texts (text_config), whose language the row's `field` says (the source's
    `language` unless named). Each of the two is a constant, which PostgreSQL makes once;
    read with a configuration chosen row by row, it made it again for each row."""
    if "translated" not in found:
        return found["dutch"]
    return Case(
        When(**{field or source.language: language}, then=found["translated"]),
        default=found["dutch twice"],
        output_field=SearchQueryField(),
    )


def ranked(source, language, limit, found):
    """The source's queryset of the rows that match, ranked, with their snippet: `found` are
    the expressions that hold the words (`queries`)."""
    config = text_config(source, language)
    queryset = source.rows
    if source.stored:  # every matching row is ranked: read its vector rather than compute it
        queryset = getattr(queryset, source.stored)(language)
        vector = F("search")
        query = row_query(source, language, found, "search_language")
        if "translated" in found:
            # The stored vector is indexed, but not for a query chosen row by row: first the
            # rows whose vector holds one of the words of either query, through the index.
            queryset = queryset.filter(Matches(vector, any_word(found["words"])))
    else:
        vector = computed_vector(source, language)
        queryset = queryset.annotate(search=vector)
        query = row_query(source, language, found)
    if "words" in found and not source.stored:
        # The vector spans several tables, which no one index holds: first the few rows in
        # which one of them holds one of the words; only those are then read in full.
        # The query reads each row with its own configuration; the words are those of both.
        words = any_word(found["words"])
        queryset = queryset.filter(AmongIds(F("pk"), candidate_ids(source, words, language)))
    queryset = queryset.annotate(rank=SearchRank(vector, query)).filter(Matches(vector, query))
    if source.stored:
        # Every matching row is ranked (5,000 events for "emsdetten" at 100x): first the ids of
        # the first limit + 1, ranked on their vectors alone, in the same query; only those rows
        # are then read in full, ranked again and highlighted.
        first = queryset.order_by("-rank", "pk").values("pk")[: limit + 1]
        queryset = source.rows
        queryset = getattr(queryset, source.stored)(language).filter(AmongIds(F("pk"), first))
        queryset = queryset.annotate(rank=SearchRank(vector, query))
    if source.snippet:
        queryset = queryset.annotate(
            snippet=Headline(
                source.snippet,
                query,
                config=config if source.snippet in source.translated else "dutch",
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
            )
        )
    return queryset.order_by("-rank", "pk")[: limit + 1]


MARK = "\ue003"  # where an expression of `queries` goes in a source's query, until it is known


class Compiled:
    """A source's ranked query (`ranked`) compiled once per process, with markers where the
    words go, and what Django's compiler read from it to make the rows: Django took some 5,000
    calls per source and search to build and compile it. The words are put in as parameters;
    the rows are made as ModelIterable makes them."""

    def __init__(self, queryset):
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, self.params = compiler.as_sql()
        self.parts = sql.split("%s")
        self.simple = "%%" not in sql and len(self.parts) == len(self.params) + 1
        self.queryset = queryset
        self.select, self.klass_info = compiler.select, compiler.klass_info
        self.annotations = compiler.annotation_col_map
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())

    def sql(self, found):
        """The SQL and its parameters with the expressions of `found` in place of the markers."""
        sql, values = [self.parts[0]], []
        for param, part in zip(self.params, self.parts[1:], strict=True):
            if isinstance(param, str) and param.startswith(MARK):
                expression = found[param[len(MARK) :]]
                sql.append(expression.sql)
                values.extend(expression.params)
            else:
                sql.append("%s")
                values.append(param)
            sql.append(part)
        return "".join(sql), values

    def rows(self, found):
        db = self.queryset.db
        sql, params = self.sql(found)
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = [list(row) for row in cursor.fetchall()]
        for position, (converters, expression) in self.converters:
            for row in rows:
                for converter in converters:
                    row[position] = converter(row[position], expression, connections[db])
        model = self.klass_info["model"]
        start, end = self.klass_info["select_fields"][0], self.klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in self.select[start:end]]
        populators = get_related_populators(self.klass_info, self.select, db)
        objects = []
        for row in rows:
            obj = model.from_db(db, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        if self.queryset._prefetch_related_lookups:
            prefetch_related_objects(objects, *self.queryset._prefetch_related_lookups)
        return objects


def compiled_rows(source, terms, language, limit, scope):
    """The rows of `ranked` through its Compiled query, or None where it cannot be kept: a
    queryset that reads its rows otherwise than as model instances, or in a parler language."""
    found = queries(source, terms, language)
    key = (source.key, *source.fields, "|", *source.translated, language, limit, scope)

    def compile_ranked():
        markers = {
            name: RawSQL("%s", [MARK + name], output_field=SearchQueryField()) for name in found
        }
        queryset = ranked(source, language, limit, markers)
        plain = queryset._iterable_class is ModelIterable and not queryset._known_related_objects
        compiled = (
            Compiled(queryset) if plain and not getattr(queryset, "_language", None) else None
        )
        return compiled if compiled is not None and compiled.simple else None

    compiled = once((*database_key(connection.alias), "search", *key), compile_ranked)
    if compiled is None:
        return list(ranked(source, language, limit, found))
    return compiled.rows(found)


def full_text(source, terms, language, limit, scope=None):
    """The rows that match, ranked, highlighted. With a `scope` (what the source's queryset
    depends on besides the language: the same for every user in it), its query is compiled
    once per process (Compiled)."""
    if scope is None:
        rows = list(ranked(source, language, limit, queries(source, terms, language)))
    else:
        rows = compiled_rows(source, terms, language, limit, scope)
    for row in rows:
        row.highlight = highlighted(getattr(row, "snippet", ""))
        row.highlight_language = snippet_language(source, row)
    return rows


def snippet_language(source, row):
    """The language of the snippet's text, for its lang attribute."""
    if source.snippet in source.translated:
        return getattr(row, source.language)
    return "nl"


def word_match(source, terms, language, limit, scope=None):
    fields = [*source.fields, *source.translated]
    rows = list(matching(source.rows, terms, fields).distinct()[: limit + 1])
    for row in rows:
        row.highlight = ""
    return rows


def search(sources, terms, language, limit, scope=None):
    """Return a group per source: its label, at most `limit` rows, and whether there are more.
    `scope` names what the sources' querysets depend on besides the language (the view's
    "public" or "all"): the same scope and language make the same queries."""
    find = full_text if full_text_available() else word_match
    groups = []
    for source in sources:
        rows = find(source, terms, language, limit, scope)
        groups.append(
            {
                "key": source.key,
                "label": source.label,
                "results": rows[:limit],
                "more": len(rows) > limit,
            }
        )
    return groups
