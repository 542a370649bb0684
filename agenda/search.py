"""The vector the search (core.search) reads for an event on a page in a language, as PostgreSQL
stores it with the event for each language (agenda migration 0005, kept by triggers), and the
language of the texts it holds."""

from django.db.models import Case, Value, When

from core.search import StoredFlag, StoredVector

from .constants import SOURCE_LANGUAGE, TARGET_LANGUAGES


def texts_here(language):
    """The name of the join to an event's translation in the language (with_texts_in)."""
    return "texts_nl" if language == SOURCE_LANGUAGE else "texts_here"


def search_vector(language):
    """The vector of an event on a page in the language: the city's, then the texts in the
    language with its configuration (an empty organiser being the Dutch one), or else the Dutch
    texts with `dutch`. Stored whole per language (`search_nl`, `search_de`, `search_en`) and
    indexed, so that a search reads it without joining the translations."""
    stored = language if language in TARGET_LANGUAGES else SOURCE_LANGUAGE
    return StoredVector(f"search_{stored}")


def search_language(language):
    """The language of the texts in that vector, as with_texts_in's `texts_language` says it:
    the page's where the event has a translation in it (`translated_de`, `translated_en`, stored
    beside the vectors), else Dutch."""
    if language not in TARGET_LANGUAGES:
        return Value(SOURCE_LANGUAGE)
    translated = StoredFlag(f"translated_{language}")
    return Case(When(translated, then=Value(language)), default=Value(SOURCE_LANGUAGE))
