import pytest
from django.urls import reverse

from core.constants import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["interaction", "opportunity"])
def test_the_accountmanager_is_not_sent_into_the_user_admin(client, make_user, hengelo, model):
    manager = make_user("am-beheer", Role.ACCOUNT_MANAGER, is_staff=True)
    client.force_login(manager)
    response = client.get(reverse(f"admin:contacts_{model}_add"))
    assert response.status_code == 200
    assert "/admin/auth/user/" not in response.content.decode()
