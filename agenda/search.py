"""The vector the search (core.search) reads for an event, from the vectors PostgreSQL stores
with the event and each of its translations (agenda migration 0004)."""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce

from core.search import CONFIGS, Joined, StoredVector

from .constants import SOURCE_LANGUAGE


def texts_here(language):
    """The name of the join to an event's translation in the language (with_texts_in)."""
    return "texts_nl" if language == SOURCE_LANGUAGE else "texts_here"


def search_vector(language):
    """The vector of an event annotated by EventQuerySet.with_texts_in(language): the city's,
    then the texts' in their language's configuration. A translation's empty organiser is the
    Dutch one, so such a row's vector, which the stored one is not, is computed."""
    config = CONFIGS.get(language, "dutch")
    here = texts_here(language)
    empty = Value("", output_field=SearchVectorField())
    if here == "texts_nl":  # a Dutch page reads the Dutch texts, organiser and all
        return Joined(StoredVector(), Coalesce(StoredVector("texts_nl"), empty))
    borrowed = Q(**{f"{here}__language_code": language, f"{here}__organiser": ""}) & ~Q(
        texts_nl__organiser=""
    )
    texts = Case(
        When(
            borrowed,
            then=SearchVector("found_title", "found_text", "found_organiser", config=config),
        ),
        When(**{f"{here}__language_code": language}, then=StoredVector(here)),
        default=Coalesce(StoredVector("texts_nl"), empty),
        output_field=SearchVectorField(),
    )
    return Joined(StoredVector(), texts)
