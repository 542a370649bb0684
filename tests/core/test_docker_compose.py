"""docker-compose.yml must match what the settings read: service names and variables."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "\n".join(
    path.read_text() for path in sorted((ROOT / "hengelo_intl" / "settings").glob("*.py"))
)


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def settings_variables():
    return set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', SETTINGS))


def test_compose_has_the_four_services_with_healthchecks():
    services = compose()["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker"}
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name


def test_web_and_worker_use_only_variables_the_settings_read():
    services = compose()["services"]
    known = settings_variables()
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"} <= known
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        assert set(environment) <= known, set(environment) - known
        assert {"SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= set(environment)
        assert environment["DEBUG"] == "0"


def test_urls_point_at_the_compose_services():
    services = compose()["services"]
    environment = services["web"]["environment"]
    database_host = re.match(r"postgres://[^@]+@([^:/]+)", environment["DATABASE_URL"]).group(1)
    broker_host = re.match(r"redis://([^:/]+)", environment["CELERY_BROKER_URL"]).group(1)
    assert database_host == "postgres"
    assert broker_host == "redis"
    postgres = services["postgres"]["environment"]
    assert (
        f"{postgres['POSTGRES_USER']}:{postgres['POSTGRES_PASSWORD']}@"
        in (environment["DATABASE_URL"])
    )
    assert environment["DATABASE_URL"].endswith("/" + postgres["POSTGRES_DB"])


def test_media_volume_is_shared_by_web_and_worker():
    data = compose()
    assert "media" in data["volumes"]
    services = data["services"]
    for name in ("web", "worker"):
        assert any(volume.startswith("media:") for volume in services[name]["volumes"])
        assert services[name]["environment"]["MEDIA_ROOT"] == "/app/media"
    assert "MEDIA_ROOT" in settings_variables()


def test_worker_runs_celery_for_the_project_app():
    command = compose()["services"]["worker"]["command"]
    assert command[:3] == ["celery", "-A", "hengelo_intl"]
    assert "worker" in command


def test_the_data_file_is_loaded_once_by_hand_not_on_every_start():
    """A restart must not reload the data file over what was changed in the portal."""
    services = compose()["services"]
    for name in ("web", "worker"):
        assert "load_hengelo" not in str(services[name]["command"]), name
    assert "load_hengelo" in services["init"]["command"]
    assert services["init"]["profiles"] == ["init"]  # not started by `docker compose up`
