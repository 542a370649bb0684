"""The public list of local partners, read from the contact registry."""

import pytest
from django.urls import reverse

from contacts.models import Organisation

pytestmark = pytest.mark.django_db

PARTNERS = reverse("agenda:partner-list")


def test_partners_page_shows_the_public_partners_from_the_seeds(client, hengelo):
    content = client.get(PARTNERS).content.decode()
    for name in ("WTC Twente", "Expat Center Twente", "ROZ", "ROC van Twente"):
        assert name in content
    public = Organisation.objects.public_partners()
    hidden = Organisation.objects.exclude(pk__in=public)
    assert hidden.exists()
    for organisation in hidden:
        assert f">{organisation.name}</h2>" not in content


def test_partners_page_shows_what_they_do_and_a_link(client, hengelo):
    roc = Organisation.objects.get(name="ROC van Twente")
    content = client.get(PARTNERS).content.decode()
    assert roc.international_activities.split(",")[0] in content
    assert f'href="{roc.website}"' in content
    assert "Website van ROC van Twente" in content


@pytest.mark.parametrize(
    ("prefix", "text", "notice"),
    [
        ("/de", "Wegweiser für internationale Arbeitskräfte", "nur auf Niederländisch"),
        ("/en", "Guide for international employees", "only in Dutch"),
    ],
)
def test_partners_page_in_german_and_english_reads_the_translations(
    client, hengelo, prefix, text, notice
):
    content = client.get(prefix + PARTNERS).content.decode()
    assert f'<html lang="{prefix[1:]}">' in content
    cards = content[content.index('<ul class="list-unstyled row g-3">') :]
    cards = cards[: cards.index("</ul>")]
    assert text in cards
    assert "Wegwijzer voor internationale werknemers" not in content
    # Every seeded partner has its text in both languages: nothing is marked Dutch.
    assert notice not in cards and 'lang="nl"' not in cards
    assert "Lokale Partner, die international aktiv sind" in content or prefix == "/en"


@pytest.mark.parametrize(
    ("prefix", "notice"), [("/de", "nur auf Niederländisch"), ("/en", "only in Dutch")]
)
def test_a_partner_without_a_translation_shows_its_dutch_text_marked_as_dutch(
    client, hengelo, prefix, notice
):
    Organisation.objects.create(
        name="Jumelage Twente", city="Hengelo", is_public_partner=True,
        international_activities="Uitwisselingen met Frankrijk.",
    )  # fmt: skip
    content = client.get(prefix + PARTNERS).content.decode()
    card = content[content.index("Jumelage Twente") :]
    card = card[: card.index("</article>")]
    assert '<p lang="nl">Uitwisselingen met Frankrijk.</p>' in card
    assert notice in card
    assert content.count(notice) == 1
    assert "Uitwisselingen met Frankrijk." in client.get(PARTNERS).content.decode()


def test_a_partner_taken_off_the_list_disappears_at_once(client, hengelo):
    assert "WTC Twente" in client.get(PARTNERS).content.decode()
    Organisation.objects.filter(name="WTC Twente").update(is_public_partner=False)
    # update() sends no signal; an edit through the registry (save) does.
    organisation = Organisation.objects.get(name="WTC Twente")
    organisation.save()
    assert "WTC Twente" not in client.get(PARTNERS).content.decode()


def test_partners_page_queries_do_not_grow(client, hengelo, django_assert_max_num_queries):
    from networks.models import Network, Theme

    themes = list(Theme.objects.all())
    networks = list(Network.objects.all())
    for n in range(30):
        organisation = Organisation.objects.create(
            name=f"Partner {n}",
            city="Hengelo",
            is_public_partner=True,
            international_activities="Uitwisseling.",
        )
        organisation.themes.set(themes[:3])
        organisation.networks.set(networks[:2])
    with django_assert_max_num_queries(5):
        response = client.get(PARTNERS)
    assert response.content.decode().count("partner-card") == 30 + 4


def test_partners_page_shows_fifty_a_page_and_the_search_links_to_the_right_page(client, hengelo):
    """Issue 17: the list grows with the registry, so it has pages; a partner found by the
    search links to the page that shows it."""
    seeded = Organisation.objects.public_partners().count()
    for n in range(60):
        Organisation.objects.create(
            name=f"Zzpartner{n:02d}", city="Hengelo", is_public_partner=True
        )
    first = client.get(PARTNERS).content.decode()
    assert first.count("partner-card") == 50
    assert "?pagina=2" in first
    second = client.get(PARTNERS + "?pagina=2").content.decode()
    assert second.count("partner-card") == seeded + 60 - 50
    last = Organisation.objects.get(name="Zzpartner59")
    assert f'id="partner-{last.pk}"' in second

    found = client.get(reverse("portal:search"), {"q": "Zzpartner59"}).content.decode()
    assert f'href="{PARTNERS}?pagina=2#partner-{last.pk}"' in found
    first_one = Organisation.objects.get(name="ROC van Twente")
    found = client.get(reverse("portal:search"), {"q": "ROC"}).content.decode()
    assert f'href="{PARTNERS}#partner-{first_one.pk}"' in found
