"""The Hengelo snapshot of tests/conftest.py: the pytest-xdist processes of one run share it
through a file, and a process takes it only where the rows it points to are the same."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from networks.models import Network
from proposals.models import CouncilProposal
from tests import conftest
from tests.conftest import HengeloSnapshot

pytestmark = pytest.mark.django_db


def hengelo_rows():
    return (Network.objects.count(), CouncilProposal.objects.count())


def test_a_second_process_copies_the_first_ones_rows_without_loading_the_data(
    tmp_path, monkeypatch
):
    first = HengeloSnapshot()
    first.folder = tmp_path
    with transaction.atomic():
        first.load()
        loaded = hengelo_rows()
        transaction.set_rollback(True)
    assert loaded[0] > 0 and loaded[1] > 0
    assert (tmp_path / f"hengelo-snapshot-{connection.vendor}.pickle").exists()
    assert hengelo_rows() == (0, 0)

    def no_loading(*args, **kwargs):
        raise AssertionError("the second process ran load_hengelo")

    monkeypatch.setattr(conftest, "call_command", no_loading)
    second = HengeloSnapshot()
    second.folder = tmp_path
    second.load()
    assert hengelo_rows() == loaded


def test_a_process_whose_referenced_rows_differ_does_not_take_the_file(tmp_path):
    user = get_user_model().objects.create_user("maker")
    snapshot = HengeloSnapshot()
    links = {("auth_user", "id"): [user.pk]}
    shared = {
        "tables": ["networks_network"],
        "script": [],
        "links": links,
        "referenced": snapshot.referenced(links),
    }
    user.first_name = "Anders"
    user.save()
    snapshot.adopt("any", shared)
    assert snapshot.tables == {}
    user.first_name = ""
    user.save()
    snapshot.adopt("any", shared)
    assert snapshot.tables == {"any": ["networks_network"]}
