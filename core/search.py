"""Search over what a visitor may see: full-text on PostgreSQL, word matching elsewhere.

On PostgreSQL each source is searched with the text search configuration of the page's language
(`dutch` stems "samenwerkingen" to the stem of "samenwerking"), with a small synonym list for
irregular plurals that no stemmer knows, ranked, and with a highlighted snippet (ts_headline).
German and English pages read a source's translated texts (the events' titles, texts and
organisers, the partners' international activities) row by row with `german` or `english` where
the row has them in the page's language, and with `dutch` where it falls back to its Dutch text;
its other fields and the records that exist in Dutch only are read with `dutch`. On SQLite every
term must occur in one of the fields (icontains), as before.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIGS = {"nl": "dutch", "de": "german", "en": "english"}

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
    `language` names the field (an annotation) that says which language a row's texts are in."""

    key: str
    label: str
    queryset: object
    fields: list
    snippet: str | None = None
    translated: list = field(default_factory=list)
    language: str | None = None


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


def text_query(terms, configs):
    """All terms must match; a term matches itself or one of its synonyms, read with any of the
    configurations (the Dutch fields' and the translated texts')."""
    query = None
    for term in terms:
        word = None
        for config in configs:
            for form in [term, *SYNONYMS.get(term.lower(), [])]:
                found = SearchQuery(form, config=config, search_type="plain")
                word = found if word is None else word | found
        query = word if query is None else query & word
    return query


def highlighted(text):
    """Escape a ts_headline snippet and turn its markers into <mark>."""
    if not text:
        return ""
    safe = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own tags added


def full_text(source, terms, language, limit):
    config = text_config(source, language)
    vector = SearchVector(*[F(name) for name in source.fields], config="dutch")
    if source.translated:  # weights kept simple: every field counts alike
        vector = vector + SearchVector(*[F(name) for name in source.translated], config=config)
    query = text_query(terms, ["dutch"] if isinstance(config, str) else ["dutch", config])
    queryset = source.queryset.annotate(search=vector, rank=SearchRank(vector, query))
    queryset = queryset.filter(search=query)
    if source.snippet:
        queryset = queryset.annotate(
            snippet=SearchHeadline(
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
    rows = list(queryset.order_by("-rank", "pk")[: limit + 1])
    for row in rows:
        row.highlight = highlighted(getattr(row, "snippet", ""))
        row.highlight_language = snippet_language(source, row)
    return rows


def snippet_language(source, row):
    """The language of the snippet's text, for its lang attribute."""
    if source.snippet in source.translated:
        return getattr(row, source.language)
    return "nl"


def word_match(source, terms, language, limit):
    fields = [*source.fields, *source.translated]
    rows = list(matching(source.queryset, terms, fields).distinct()[: limit + 1])
    for row in rows:
        row.highlight = ""
    return rows


def search(sources, terms, language, limit):
    """Return a group per source: its label, at most `limit` rows, and whether there are more."""
    find = full_text if full_text_available() else word_match
    groups = []
    for source in sources:
        rows = find(source, terms, language, limit)
        groups.append(
            {
                "key": source.key,
                "label": source.label,
                "results": rows[:limit],
                "more": len(rows) > limit,
            }
        )
    return groups
