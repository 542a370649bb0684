"""Additions to the generated OpenAPI document: the problem responses and the API-Version header
that every operation has (NL GOV API Design Rules), and a description per tag."""

TAGS = {
    "raadsvoorstellen": "Raadsvoorstellen met voorstellen, beslispunten en processtappen.",
    "netwerken": "Netwerken waarin Hengelo meedoet, met fora en thema's.",
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
    result["tags"] = [
        {"name": name, "description": text} for name, text in TAGS.items() if name in used
    ]
    return result
