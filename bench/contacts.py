"""Time the contact registry's pages with 10,000 people and 50,000 interactions."""

import io
import time

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bench.harness import time_ms


def timed(report, label, func):
    started = time.perf_counter()
    result = func()
    report.line(f"{label:<55} {1000 * (time.perf_counter() - started):8.1f} ms")
    return result


def run(report):
    from contacts.constants import ErasureReason
    from contacts.models import Person
    from contacts.services import erase_person
    from tests.contacts.scale import SCALE_INTERACTIONS, SCALE_PEOPLE, build_registry

    call_command("load_hengelo", stdout=io.StringIO())
    records = timed(
        report,
        f"build {SCALE_PEOPLE:,} people, {SCALE_INTERACTIONS:,} interactions",
        build_registry,
    )
    manager = records["manager"]
    client = Client()
    client.force_login(manager)
    pages = [
        ("organisations (list)", reverse("contacts:organisation-list")),
        (
            "organisations, search + theme filter",
            reverse("contacts:organisation-list") + "?q=Schaalorganisatie+1",
        ),
        ("organisation detail", records["organisation"].get_absolute_url()),
        ("people (list, page 1 of 200)", reverse("contacts:person-list")),
        ("people (list, last page)", reverse("contacts:person-list") + "?page=200"),
        ("people, search", reverse("contacts:person-list") + "?q=Schaal0999"),
        ("person detail (writes the access log)", records["person"].get_absolute_url()),
        ("interactions (list)", reverse("contacts:interaction-list")),
        (
            "interactions, open follow-ups filter",
            reverse("contacts:interaction-list") + "?open_follow_up=ja",
        ),
        ("my follow-ups", reverse("contacts:follow-up-list")),
        ("opportunities (list)", reverse("contacts:opportunity-list")),
        ("opportunity detail with history", records["opportunity"].get_absolute_url()),
        ("review list", reverse("contacts:review-list")),
        ("access log", reverse("contacts:access-log")),
        ("EU-grant expertise", reverse("contacts:expertise-list")),
    ]
    for label, url in pages:
        assert client.get(url).status_code == 200, url
        report.timing(label, time_ms(lambda url=url: client.get(url), repeat=15, warmup=2))
    anonymous = Client()
    report.timing(
        "public partner list (anonymous)",
        time_ms(lambda: anonymous.get(reverse("contacts:organisation-list")), repeat=15),
    )
    person = records["person"]
    report.timing(
        "export one person (JSON)",
        time_ms(
            lambda: client.get(reverse("contacts:person-export-json", kwargs={"pk": person.pk})),
            repeat=10,
        ),
    )

    def export_everyone():
        response = client.get(reverse("contacts:person-export"))
        return sum(len(chunk) for chunk in response.streaming_content)

    size = timed(report, f"export all {SCALE_PEOPLE:,} people (CSV, logs each)", export_everyone)
    report.line(f"{'   size of that CSV':<55} {size / 1024:8.0f} kB")
    victim = Person.objects.order_by("pk").last()
    timed(
        report,
        "erase one person (history included)",
        lambda: erase_person(victim, manager, ErasureReason.REQUEST),
    )
