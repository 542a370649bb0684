"""What HTML_CodeSniffer asks of the public pages, checked on the HTML itself (issue 16)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_skip_link_is_inside_the_header_landmark(client, hengelo):
    content = html(client, "/")
    header = content.split("<header", 1)[1].split("</header>", 1)[0]
    assert 'class="visually-hidden-focusable skip-link" href="#inhoud"' in header
    assert "skip-link" not in content.split("<header", 1)[0]


def test_theme_cards_are_labelled_by_their_heading(client, hengelo):
    content = html(client, "/themas/")
    cards = re.findall(
        r'<article class="card[^"]*" aria-labelledby="(thema-kaart-[\w-]+)">', content
    )
    assert len(cards) == 11
    for card in cards:
        assert f'id="{card}"' in content


@pytest.mark.parametrize("url", ["/themas/", "/voorstellen/", "/voorstellen/2200511/",
                                 "/begroting/"])  # fmt: skip
def test_every_data_cell_of_two_level_tables_names_its_headers(client, hengelo, url):
    content = html(client, url)
    ids = set(re.findall(r'<th[^>]* id="([^"]+)"', content))
    table = {
        "/themas/": "theme-matrix",
        "/voorstellen/": "proposal-table",
        "/voorstellen/2200511/": "functie-naam",
        "/begroting/": "budget-matrix",
    }[url]
    cells = re.findall(r'<td headers="([^"]+)"', content)
    assert cells and table in content
    for headers in cells:
        assert set(headers.split()) <= ids, headers


def test_griffie_export_forms_are_named(client_for, clerk, hengelo):
    content = html(client_for(clerk), "/griffie/")
    names = re.findall(r'<form method="post"[^>]*data-export-form aria-label="([^"]+)"', content)
    assert len(names) >= 2 and len(set(names)) == len(names)
    assert any("2200511" in name for name in names)
