"""Time the council portal pages (issue 4) at 1x and 10x the Hengelo data: median and p95."""

import io

from django.core.management import call_command
from django.test import Client

from bench.harness import multiply_hengelo_data, time_ms

PAGES = [
    ("proposals list", "/voorstellen/"),
    ("proposals list, filtered", "/voorstellen/?status=voorgesteld&thema=cultuur"),
    ("proposals CSV export", "/voorstellen/export.csv"),
    ("council proposal", "/voorstellen/2200511/"),
    ("proposal 6", "/voorstellen/2200511/6/"),
    ("networks list", "/netwerken/"),
    ("network Eurocities", "/netwerken/eurocities/"),
    ("efforts table", "/inspanningen/"),
    ("efforts table, 2018 led by Hengelo", "/inspanningen/?jaar=2018&trekker=hengelo"),
    ("efforts table, search and sort", "/inspanningen/?q=eurocities&sorteer=-netwerk"),
    ("efforts CSV export", "/inspanningen/export.csv"),
    ("effort", None),  # the first effort of 2018, looked up after loading
    ("theme matrix", "/themas/"),
    ("theme Arbeidsmarkt & talent", "/themas/arbeidsmarkt-talent/"),
    ("partner city list", "/partnerstad/"),
    ("partner city Emsdetten", "/partnerstad/emsdetten/"),
    ("search 'emsdetten'", "/zoeken/?q=emsdetten"),
]


def fetch(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)


def time_pages(report, label):
    from networks.models import Effort

    client = Client()
    effort_url = Effort.objects.get(year=2018, number=1).get_absolute_url()
    for name, url in PAGES:
        url = url or effort_url
        report.timing(f"{name}, {label}", time_ms(lambda url=url: fetch(client, url), repeat=20))


def run(report):
    call_command("load_hengelo", stdout=io.StringIO())
    time_pages(report, "1x")
    multiply_hengelo_data(10)
    time_pages(report, "10x")
