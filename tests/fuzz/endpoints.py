"""The portal's pages and forms, discovered from the URL conf (django.urls.get_resolver).

Every named pattern outside the admin, the API (covered by schemathesis in tests/api) and the
media files becomes an Endpoint. Its URL parameters are filled with keys of records that exist
in the loaded data (the view's own model first, else any model with a field of that name) and
with keys that cannot exist (beyond 2**63, overlong, unicode), so that both the found and the
not-found branches of each view are probed.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import URLPattern, URLResolver

SKIPPED_PREFIXES = ("admin/", "api/", "^api/", "^media/", "media/")

# Keys no record has: each converter must accept them, so the view itself answers.
MISSING_VALUES = {
    "int": ["0", str(2**63), "9" * 30],
    "str": ["bestaat-niet", "é€🦆" * 20, "x" * 300],
}
# Parameters whose values are not records but a fixed set the URL conf does not list.
FIXED_VALUES = {
    "fmt": ["csv", "xlsx", "json"],
    "kind": ["raadsvoorstel", "aanbiedingsbrief", "raadsbesluit", "brief"],
}


@dataclass(frozen=True)
class Endpoint:
    name: str  # namespaced, for reverse()
    route: str
    app: str
    converters: dict = field(hash=False, compare=False)
    view_class: type | None = field(hash=False, compare=False)

    def __str__(self):
        return self.name

    @property
    def model(self):
        view = self.view_class
        model = getattr(view, "model", None)
        if model is None and getattr(view, "queryset", None) is not None:
            model = view.queryset.model
        form_meta = getattr(getattr(view, "form_class", None), "_meta", None)
        if model is None and getattr(form_meta, "model", None) is not None:
            model = form_meta.model
        return model

    @property
    def query_names(self):
        """The query parameters the view itself reads: its filters and its page parameter."""
        names = {"pagina", "page", "q", "sort", "o", "jaar", "taal", "next", "format"}
        view = self.view_class
        filterset = getattr(view, "filterset_class", None)
        if filterset is not None:
            names.update(filterset.base_filters)
            for declared in filterset.base_filters.values():
                names.add(declared.field_name)
        for attribute in ("page_kwarg", "search_param", "sort_param"):
            if isinstance(getattr(view, attribute, None), str):
                names.add(getattr(view, attribute))
        return sorted(names)

    def paths(self):
        """The endpoint's URLs: up to two with existing keys, one with keys no record has."""
        if not self.converters:
            return [reverse(self.name)]
        found = []
        for kwargs in existing_kwargs(self):
            try:
                found.append(reverse(self.name, kwargs=kwargs))
            except NoReverseMatch:
                continue
        missing = {
            name: MISSING_VALUES[kind(converter)][index % 3]
            for index, (name, converter) in enumerate(self.converters.items())
        }
        found.append(reverse(self.name, kwargs=missing))
        return list(dict.fromkeys(found))


def kind(converter):
    return "int" if isinstance(converter, IntConverter) else "str"


def existing_kwargs(endpoint):
    """Up to two sets of URL parameters taken from records in the database."""
    names = list(endpoint.converters)
    model = endpoint.model
    lookups = [lookup_of(model, name) for name in names] if model is not None else [None]
    if all(lookups):
        rows = model._default_manager.order_by("-pk").values_list(*lookups)[:2]
        return [dict(zip(names, map(str, row), strict=True)) for row in rows]
    values = {name: values_of(name, model, endpoint.app) for name in names}
    if not all(values.values()):
        return []
    return [
        {name: options[index % len(options)] for name, options in values.items()}
        for index in range(2)
    ]


def lookup_of(model, name):
    """A URL parameter as a lookup on the view's model: its own field, or the field of the
    record a foreign key points to, so that the parameters of one URL come from one record (a
    decision's URL names its council proposal's case number and its own pk)."""
    if name == "pk" or has_field(model, name):
        return name
    for key in model._meta.concrete_fields:
        if key.many_to_one and has_field(key.related_model, name):
            return f"{key.name}__{name}"
    return None


def has_field(model, name):
    try:
        return model._meta.get_field(name).concrete
    except Exception:
        return False


def values_of(name, model=None, app=None):
    """Values of a URL parameter, newest records first (the test's own come before the loaded
    data): from the view's model, else from the models of its app with that field, else from
    any model with that field."""
    if name in FIXED_VALUES:
        return FIXED_VALUES[name]
    if name == "pk":
        if model is None:
            return ["1"]
        return [
            str(pk)
            for pk in model._default_manager.order_by("-pk").values_list("pk", flat=True)[:2]
        ]
    found = []
    # The app's own models first: an event's slug before a network's.
    candidates = sorted(apps.get_models(), key=lambda candidate: candidate._meta.app_label != app)
    for candidate in candidates:
        if has_field(candidate, name) and not candidate._meta.app_label.startswith("django"):
            newest = candidate._default_manager.order_by("-pk")
            found.extend(
                str(value)
                for value in newest.values_list(name, flat=True)[:2]
                if value not in (None, "")
            )
    return list(dict.fromkeys(found))[:4]


def walk(resolver, prefix="", namespace=None, converters=None):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        merged = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from walk(pattern, route, full, merged)
        elif isinstance(pattern, URLPattern):
            yield route, pattern, namespace, merged


def app_of(pattern, namespace):
    module = pattern.lookup_str.split(".")[0]
    if module == "django":
        return namespace or "core"
    return module


def discover():
    """Every named endpoint of the portal outside the admin, the API and the media files."""
    found = []
    for route, pattern, namespace, converters in walk(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES) or not pattern.name:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        found.append(
            Endpoint(
                name=name,
                route=route,
                app=app_of(pattern, namespace),
                converters=converters,
                view_class=getattr(pattern.callback, "view_class", None),
            )
        )
    return found


def apps_with_endpoints():
    return sorted({endpoint.app for endpoint in discover()})
