"""The municipality is data: its identity comes from core.Municipality, never from the code."""

import pytest
from django.core.management import CommandError, call_command

from core.constants import SignatoryRole
from core.models import Municipality, Signatory
from proposals.constants import DocumentKind
from proposals.documents import build_document
from proposals.models import CouncilProposal

pytestmark = pytest.mark.django_db

CASE = "2200511"


def test_load_municipality_refuses_a_data_set_that_does_not_exist():
    with pytest.raises(CommandError, match="geen databestand core/data/atlantis.yaml"):
        call_command("load_municipality", "atlantis")


def test_load_hengelo_loads_the_hengelo_identity(hengelo):
    hengelo_data = Municipality.objects.get(slug="hengelo")
    assert hengelo_data.official_name == "Gemeente Hengelo"
    assert hengelo_data.postcode_city == "7550\u00a0AA Hengelo"
    assert [(s.title, s.name) for s in hengelo_data.college_signatories] == [
        ("de secretaris", "De heer J. Eshuis"),
        ("de burgemeester", "De heer S.W.J.G. Schelberg"),
    ]
    # The seeds name no griffier: the role is there, the name is unknown.
    assert hengelo_data.signatory(SignatoryRole.CLERK).name == ""


def test_the_letter_takes_letterhead_signatories_and_points_from_the_data(hengelo):
    municipality = Municipality.objects.get(slug="hengelo")
    municipality.phone = "074 000 0000"
    municipality.visiting_address = "Marktstraat 1"
    municipality.save()
    signatory = Signatory.objects.get(municipality=municipality, role=SignatoryRole.MAYOR)
    signatory.title = "de loco-burgemeester"
    signatory.name = "Mevrouw A. Voorbeeld"
    signatory.save()
    CouncilProposal.objects.filter(case_number=CASE).update(
        agenda_minutes=30, agenda_points="eerste punt\ntweede punt"
    )

    html = build_document(DocumentKind.COVER_LETTER, CASE).html

    assert "074 000 0000" in html and "14-074" not in html
    assert "Marktstraat 1" in html and "Hazenweg 121" not in html
    assert "de loco-burgemeester" in html and "Mevrouw A. Voorbeeld" in html
    assert "Schelberg" not in html
    assert "Wij stellen voor er 30 minuten voor te nemen" in html
    assert "<li>eerste punt</li><li>tweede punt</li>" in html
    assert "toelichting proces" not in html
