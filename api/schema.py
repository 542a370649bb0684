"""Additions to the generated OpenAPI document: the problem responses and the API-Version header
that every operation has (NL GOV API Design Rules), a description per tag, and the title,
description and contact of the active municipality (core.Municipality, not the settings)."""

from django.conf import settings

from core.municipality import current_municipality, placeholder

DESCRIPTION = (
    "De openbare gegevens van het internationaal beleid van de %(official_name)s: "
    "raadsvoorstellen, netwerken, inspanningen, thema's, partnersteden, begroting, de "
    "internationale agenda, lokale partners en raadsdocumenten (Open Raadsinformatie). "
    "Alleen lezen, zonder sleutel; fouten als application/problem+json."
)

TAGS = {
    "raadsvoorstellen": "Raadsvoorstellen met voorstellen, beslispunten en processtappen.",
    "netwerken": "Netwerken waarin %(name)s meedoet, met fora en thema's.",
    "inspanningen": "Inspanningen uit de werkplannen.",
    "themas": "Twentse actielijnen en extra thema's.",
    "partnersteden": "Partnersteden en hun activiteiten.",
    "begrotingsregels": "Regels van de begroting internationaal.",
    "evenementen": "De openbare internationale agenda.",
    "partners": "Lokale partners die internationaal werken.",
    "informatieobjecten": "Raadsdocumenten als PDF (Open Raadsinformatie).",
    "besluiten": "Besluiten van de raad (Open Raadsinformatie).",
}

PROBLEM = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["title", "status", "detail"],
}

PROBLEMS = {
    "400": "Ongeldige invoer: elke foute parameter staat in invalidParams.",
    "404": "Niet gevonden.",
    "429": "Te veel verzoeken; zie de header Retry-After.",
}

VERSION_HEADER = {
    "description": "De volledige versie van de API (semver).",
    "schema": {"type": "string", "example": "1.1.0"},
    "required": True,
}


def add_problems_and_version(result, generator, request, public):
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
    version_ref = {"$ref": "#/components/headers/API-Version"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEMS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        },
                    },
                )
            for response in responses.values():
                response.setdefault("headers", {})["API-Version"] = version_ref
    used = {tag for item in result.get("paths", {}).values() for op in item.values()
            for tag in op.get("tags", [])}  # fmt: skip
    names = {"name": named_municipality(request).name}
    result["tags"] = [
        {"name": name, "description": text % names} for name, text in TAGS.items() if name in used
    ]
    return result


def named_municipality(request):
    """The municipality the document names: from its data when the document is served; by its
    code alone when it is made without a request (drf-spectacular's deploy check, which may run
    before the database is migrated)."""
    if request is None:
        return placeholder(settings.MUNICIPALITY)
    return current_municipality()


def name_the_municipality(result, generator, request, public):
    """Title, description and contact from the active municipality's data."""
    municipality = named_municipality(request)
    info = result.setdefault("info", {})
    info["title"] = f"{municipality.portal_name} – open data"
    official_name = municipality.official_name
    if official_name.startswith("Gemeente "):  # 'de gemeente Hengelo' in a sentence
        official_name = "g" + official_name[1:]
    info["description"] = DESCRIPTION % {"official_name": official_name}
    contact = {"name": f"{municipality.official_name}, internationaal beleid"}
    if municipality.email:
        contact["email"] = municipality.email
    # The municipality's website where its data names one, otherwise this portal.
    contact["url"] = municipality.website or f"{settings.PORTAL_BASE_URL}/"
    info["contact"] = contact
    return result
