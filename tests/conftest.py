"""Fixtures shared by the whole suite: the Hengelo data, a user per role, and a browser.

Tests that need a browser or a service (Redis, a Celery worker) skip on a developer machine that
lacks it, but fail in CI (CI=true): there they must run.
"""

import base64
import fcntl
import json
import os
import pickle
import shutil
import socket
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation

from core.constants import Role
from tests.database import build_what_migrations_add
from tests.nu_checker import MISSING as NU_CHECKER_MISSING
from tests.nu_checker import NuHtmlChecker, vnu_jar
from tests.nu_checker import available as nu_checker_available

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM guard would
# take the test's own database calls for async ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE_JS = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"


def require(condition, reason):
    """Skip when something a test needs is missing, except in CI where it is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (in CI this test must run)")
    pytest.skip(reason)


def service_reachable(host, port, timeout=1.0):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def is_engine_independent(item):
    """A test whose verdict does not depend on the database engine: an outside checker of
    rendered pages (html_checker), or a browser driving pages whose data code the other tests
    run on both engines. .ci/run runs these in the SQLite pass only (marker engine_independent);
    a browser test that needs PostgreSQL or a real worker is never one of them."""
    if item.get_closest_marker("postgresql") or item.get_closest_marker("worker"):
        return False
    return bool(item.get_closest_marker("html_checker") or item.get_closest_marker("browser"))


class LongTestsFirst:
    """Under pytest-xdist, hand out the long tests that belong to no group first.

    `--dist loadgroup` sends the groups first (most tests first), then every other test in the
    order collected, two at a time per process. The browser tests and outside checkers take
    10 to 60 s each, and most sat at the end of that order (tests/test_*.py come last, and
    pytest-django puts the transactional tests, which most browser tests are, after the
    others): the process still running one of them at the end left the other core idle. Moved
    to the front, they run while the short tests still fill the other cores. So do the tests
    marked long: on PostgreSQL the migrations from nothing took 228 s of a 795 s pass (about
    19 s on SQLite), loading the data twice 71 s, the fuzzer 189 s in all. Grouped tests keep
    their order: a group's module fixtures are built once, for its tests in a row. Runs after
    pytest-django's ordering (trylast), so it decides the order xdist sees."""

    @staticmethod
    def long_and_ungrouped(item):
        long = any(item.get_closest_marker(name) for name in ("browser", "html_checker", "long"))
        return long and not item.get_closest_marker("xdist_group")

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        if os.environ.get("PYTEST_XDIST_WORKER"):
            # A stable sort: otherwise the tests keep the order they had.
            items.sort(key=lambda item: not self.long_and_ungrouped(item))


def pytest_configure(config):
    config.pluginmanager.register(LongTestsFirst(), "long-tests-first")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Leave the real-worker tests to the run that has a database and broker to share.

    A Celery worker is a second process: it cannot see SQLite's in-memory test database, and
    without CELERY_BROKER_URL there is no queue. Those tests run in the PostgreSQL and Redis run
    of .ci/run; in the SQLite run they are deselected, said so, and not counted as skipped.
    """
    from tests.worker.support import shared_database_url

    # Under pytest-xdist the tests that start real workers share one broker queue, which each
    # of them purges first: one xdist process runs them all (make test passes --dist loadgroup).
    # This hook runs first (tryfirst): xdist reads the group markers in its own hook of the same
    # name, and a marker added after that is ignored, spreading these tests over two processes.
    # tests/worker/ also holds a browser test that starts its worker only when it can.
    worker_folder = Path(__file__).parent / "worker"
    for item in items:
        if item.get_closest_marker("worker") or worker_folder in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("real-worker"))
        elif is_engine_independent(item):
            item.add_marker(pytest.mark.engine_independent)
    if connection.vendor != "postgresql":
        postgresql_tests = [item for item in items if item.get_closest_marker("postgresql")]
        if postgresql_tests:
            config.hook.pytest_deselected(items=postgresql_tests)
            items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
            reporter = config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line(
                    f"{len(postgresql_tests)} PostgreSQL tests deselected: they run in the "
                    "PostgreSQL pass of .ci/run."
                )
    if shared_database_url() is not None and os.environ.get("CELERY_BROKER_URL"):
        return
    worker_tests = [item for item in items if item.get_closest_marker("worker")]
    if not worker_tests:
        return
    config.hook.pytest_deselected(items=worker_tests)
    items[:] = [item for item in items if not item.get_closest_marker("worker")]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"{len(worker_tests)} real-worker tests deselected: they need PostgreSQL and Redis "
            "(DATABASE_URL and CELERY_BROKER_URL) and run in the second pass of .ci/run."
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_use_migrations, django_db_keepdb, django_db_blocker):
    """The test database's tables come from the models (`--nomigrations` in pyproject.toml):
    add what the migrations would have built in them (tests/database.py), unless --reuse-db
    kept a database that has it already (its role groups are there)."""
    if not django_db_use_migrations:
        with django_db_blocker.unblock():
            if not (django_db_keepdb and Group.objects.exists()):
                build_what_migrations_add(connection)
    yield


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Run Celery tasks in-process in every test, also in the pass with a broker configured;
    the worker tests switch this off themselves (tests/worker/conftest.py)."""
    from tests.worker.support import eager_celery

    with eager_celery():
        yield


FORCE_LOGIN_DEVICE = "tests.force_login"


@pytest.fixture(autouse=True)
def _force_login_counts_as_a_full_sign_in(monkeypatch):
    """A test's client.force_login() stands for a complete sign-in, the code included.

    Sessions without a second factor are signed out for users who need one
    (accounts.middleware.SecondFactorMiddleware). The sign-in steps themselves, and a session
    that began without the code, are tested in tests/accounts/test_two_factor.py, which calls
    force_login_without_code() for the latter.
    """
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = FORCE_LOGIN_DEVICE
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)
    monkeypatch.setattr(ClientMixin, "force_login_without_code", original, raising=False)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_municipality(monkeypatch):
    """Every test starts like a new process, without the identity core.municipality keeps in
    memory, so no test sees an identity that an earlier test's rolled-back data left; and every
    query count (CaptureQueriesContext, also under django_assert_num_queries) reads the identity
    before it starts, as a running process has it: a page's count is then the same whether the
    test runs alone or after others, and its first request counts like its second."""
    from django.test.utils import CaptureQueriesContext

    from core.municipality import current_municipality, forget_all

    start_counting = CaptureQueriesContext.__enter__

    def identity_read_first(self):
        current_municipality()
        return start_counting(self)

    forget_all()
    monkeypatch.setattr(CaptureQueriesContext, "__enter__", identity_read_first)
    yield
    forget_all()


@pytest.fixture(autouse=True)
def _reset_language():
    """A test that activates German or English must not leak it into the next test."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def hengelo(db):
    """The Hengelo data of council proposal 2200511, loaded from the repository's data files.

    The first test that asks for it runs load_hengelo; the rows it wrote are kept, and later
    tests get the same rows copied back into their empty tables, which is much faster than
    validating every record again. The copy is used only where those tables are empty.
    """
    HENGELO_SNAPSHOT.load()


class HengeloSnapshot:
    """The rows load_hengelo writes, per database vendor, to copy into later tests.

    The copy is one script per vendor, written once: the rows as literals in multi-row INSERTs
    and the sequence resets. On PostgreSQL it goes to the server in one round trip (a statement
    per table and a reset per sequence cost 168 round trips, a third of a second per test).

    Under pytest-xdist the processes of one run share it (`folder`, set by
    _share_the_hengelo_snapshot): the first process that needs it runs load_hengelo and writes
    the script to a file in the run's own temporary folder, holding a lock meanwhile; the others
    wait for the lock and read the file instead of loading the data files once more. The folder
    belongs to this run, so a file can never be older than the code and data files it was made
    from. A process takes the file only where the rows outside the snapshot that its rows point
    to (a user, a content type, ...) are the same as in the process that made it; otherwise it
    runs load_hengelo itself, as without the file.
    """

    def __init__(self):
        self.tables = {}  # vendor -> tables whose emptiness says "not loaded yet"
        self.scripts = {}  # vendor -> statements that restore the rows
        self.folder = None  # the run's folder that the xdist processes share, if any
        self.asked_folder = set()  # vendors for which the shared file was looked for

    def load(self):
        vendor = connection.vendor
        if self.folder is None or vendor in self.asked_folder or vendor in self.tables:
            self.load_here(vendor)
            return
        self.asked_folder.add(vendor)
        path = self.folder / f"hengelo-snapshot-{vendor}.pickle"
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
            if path.exists():
                self.adopt(vendor, pickle.loads(path.read_bytes()))
            self.load_here(vendor)
            if vendor in self.tables and not path.exists():
                links = self.links(self.tables[vendor])
                shared = {
                    "tables": self.tables[vendor],
                    "script": self.scripts[vendor],
                    "links": links,
                    "referenced": self.referenced(links),
                }
                partial = path.with_suffix(f".{os.getpid()}")
                partial.write_bytes(pickle.dumps(shared))
                partial.replace(path)

    def adopt(self, vendor, shared):
        """Take another process's snapshot if the rows it points to are the same here."""
        if self.referenced(shared["links"]) == shared["referenced"]:
            self.tables[vendor] = shared["tables"]
            self.scripts[vendor] = shared["script"]

    def links(self, tables):
        """The keys the snapshot's rows point to in tables outside it: {(table, column): keys}."""
        found = {}
        with connection.cursor() as cursor:
            for model in django_apps.get_models(include_auto_created=True):
                if model._meta.db_table not in tables:
                    continue
                for field in model._meta.concrete_fields:
                    if not field.is_relation or field.related_model is None:
                        continue
                    target = field.target_field
                    if target.model._meta.db_table in tables:
                        continue
                    cursor.execute(
                        f"SELECT DISTINCT {self.quote(field.column)} "
                        f"FROM {self.quote(model._meta.db_table)} "
                        f"WHERE {self.quote(field.column)} IS NOT NULL"
                    )
                    key = (target.model._meta.db_table, target.column)
                    found.setdefault(key, set()).update(row[0] for row in cursor.fetchall())
        return {key: sorted(values) for key, values in found.items() if values}

    def referenced(self, links):
        """The rows outside the snapshot that its rows point to."""
        rows = {}
        with connection.cursor() as cursor:
            for (table, column), keys in sorted(links.items()):
                marks = ", ".join(["%s"] * len(keys))
                cursor.execute(
                    f"SELECT * FROM {self.quote(table)} WHERE {self.quote(column)} IN ({marks})",
                    keys,
                )
                rows[table, column] = sorted(
                    (tuple(self.plain(value) for value in row) for row in cursor.fetchall()),
                    key=repr,
                )
        return rows

    def load_here(self, vendor):
        with connection.cursor() as cursor:
            tables = self.tables.get(vendor)
            if tables is not None and self.all_empty(cursor, tables):
                self.restore(cursor, self.scripts[vendor])
                return
            existing = connection.introspection.django_table_names(only_existing=True)
            before = self.counts(cursor, existing)
            call_command("load_hengelo", stdout=StringIO())
            if tables is None:
                after = self.counts(cursor, existing)
                written = [table for table in existing if after[table] != before[table]]
                if not any(before[table] for table in written):
                    rows = {table: self.read(cursor, table) for table in written}
                    self.scripts[vendor] = self.script(rows)
                    self.tables[vendor] = written

    @staticmethod
    def quote(name):
        return connection.ops.quote_name(name)

    def counts(self, cursor, tables):
        result = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {self.quote(table)}")
            result[table] = cursor.fetchone()[0]
        return result

    def all_empty(self, cursor, tables):
        """One query: does any of the snapshot's tables hold a row?"""
        exists = " OR ".join(f"EXISTS (SELECT 1 FROM {self.quote(table)})" for table in tables)
        cursor.execute(f"SELECT CASE WHEN {exists} THEN 1 ELSE 0 END")
        return cursor.fetchone()[0] == 0

    def read(self, cursor, table):
        cursor.execute(f"SELECT * FROM {self.quote(table)}")
        columns = [column[0] for column in cursor.description]
        # Columns the database computes itself (the search's stored vectors) take no value.
        kept = [index for index, name in enumerate(columns) if name not in self.generated(table)]
        rows = [tuple(self.plain(row[index]) for index in kept) for row in cursor.fetchall()]
        return [columns[index] for index in kept], rows

    @staticmethod
    def generated(table):
        if connection.vendor != "postgresql":
            return set()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attgenerated <> ''",
                [connection.ops.quote_name(table)],
            )
            return {name for (name,) in cursor.fetchall()}

    @staticmethod
    def plain(value):
        if isinstance(value, memoryview):
            return bytes(value)
        return json.dumps(value) if isinstance(value, dict | list) else value

    def script(self, snapshot):
        """(sql, params) statements that insert the rows, many per INSERT, then reset the
        sequences; on PostgreSQL the values are merged into one text of all statements."""
        statements = []
        max_params = connection.features.max_query_params or 30_000
        for table, (columns, rows) in snapshot.items():
            names = ", ".join(self.quote(column) for column in columns)
            row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
            per_statement = max(1, min(500, max_params // len(columns)))
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                statements.append(
                    (
                        f"INSERT INTO {self.quote(table)} ({names}) VALUES "
                        + ", ".join([row_marks] * len(chunk)),
                        [value for row in chunk for value in row],
                    )
                )
        models = [
            model
            for model in django_apps.get_models(include_auto_created=True)
            if model._meta.db_table in snapshot
        ]
        statements += [(sql, None) for sql in connection.ops.sequence_reset_sql(no_style(), models)]
        if connection.vendor == "postgresql":
            # Without parameters psycopg sends several statements in one go.
            text = ";\n".join(
                connection.ops.compose_sql(sql, params) if params else sql
                for sql, params in statements
            )
            return [(text, None)]
        return statements

    def restore(self, cursor, statements):
        # One transaction: foreign keys are checked at its end, whatever the table order.
        with transaction.atomic():
            for sql, params in statements:
                cursor.execute(sql, params)


HENGELO_SNAPSHOT = HengeloSnapshot()


@pytest.fixture(scope="session", autouse=True)
def _share_the_hengelo_snapshot(tmp_path_factory):
    """Under pytest-xdist, the processes of this run share the Hengelo snapshot through the
    run's temporary folder (the parent of each process's own)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        HENGELO_SNAPSHOT.folder = tmp_path_factory.getbasetemp().parent
    yield
    HENGELO_SNAPSHOT.folder = None


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None, **extra):
        user = django_user_model.objects.create_user(
            username=username, password="test-wachtwoord", **extra
        )
        if role is not None:
            user.groups.add(Group.objects.get(name=Role(role).value))
        return user

    return make


@pytest.fixture
def council_member(make_user):
    return make_user("raadslid", Role.COUNCIL_MEMBER)


@pytest.fixture
def account_manager(make_user):
    return make_user("accountmanager", Role.ACCOUNT_MANAGER)


@pytest.fixture
def clerk(make_user):
    return make_user("griffie", Role.CLERK)


@pytest.fixture
def finance_user(make_user):
    return make_user("financien", Role.FINANCE)


@pytest.fixture
def communications_user(make_user):
    return make_user("communicatie", Role.COMMUNICATIONS)


@pytest.fixture
def client_for(client):
    """Return the test client logged in as the given user (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- browser -----------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM is not None, "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; axe is injected past the CSP, which the portal itself keeps strict."""
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", bypass_csp=True, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_login(page, live_server):
    """Log the page in through the login form, as a user would."""

    def login(user, password="test-wachtwoord"):
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").last.click()
        page.wait_for_load_state()
        if "/inloggen/app-koppelen/" in page.url:
            # A role that must use a second factor links an app at its first sign-in.
            secret = page.locator(".otp-secret").inner_text().replace(" ", "")
            page.get_by_label("Code").fill(totp_code(base64.b32decode(secret)))
            page.get_by_role("button", name="Koppelen").click()
            page.wait_for_load_state()
        elif "/inloggen/code/" in page.url:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.get(user=user, confirmed=True)
            page.get_by_label("Code").fill(totp_code(device.bin_key))
            page.get_by_role("button", name="Inloggen").last.click()
            page.wait_for_load_state()
        return page

    return login


def totp_code(key, when=None):
    """The code an authenticator app shows now for this key (RFC 6238, 30 s, six digits)."""
    import time

    from django_otp.oath import TOTP

    generator = TOTP(key)
    generator.time = time.time() if when is None else when
    return f"{generator.token():06d}"


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    """Run axe-core on the page and return its violations for the WCAG 2.1 AA rules."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        # resultTypes: axe reports every violation but skips the details of what passed.
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags),
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


@pytest.fixture
def assert_accessible():
    """Assert that axe finds no WCAG 2.1 AA violations on the page as it is now."""

    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"

    return check


# --- HTML validity -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nu_checker():
    """The Nu Html Checker's HTTP service for this pytest process (each xdist process has its
    own): started at the first check, stopped at the end of the session."""
    checker = NuHtmlChecker(vnu_jar())
    yield checker
    checker.stop()


@pytest.fixture
def assert_valid_html(nu_checker):
    """Assert that pages are valid HTML according to the Nu Html Checker (the W3C validator).

    Pass test-client responses, or (name, html) pairs. The checker runs as a service for the
    whole session (nu_checker), so a call costs what checking its pages costs.
    """

    def check(*pages):
        require(nu_checker_available(), NU_CHECKER_MISSING)
        documents = []
        for page in pages:
            if isinstance(page, tuple):
                documents.append(page)
            else:
                documents.append((page.wsgi_request.get_full_path(), page.content.decode()))
        errors = nu_checker.errors(documents)
        assert errors == [], "\n".join(
            f"{error['page']} line {error['line']}: {error['message']} [{error['extract']}]"
            for error in errors
        )

    return check


# --- node tools (ical.js, Spectral, pa11y) -----------------------------------------------------

NODE_DIR = Path(__file__).parent / "node"


@pytest.fixture
def node_tool():
    """Run a script in tests/node or a tool from its node_modules/.bin (installed by .ci/run with
    `npm ci`); return the finished process. Skips locally without them, fails in CI."""
    import subprocess

    require(shutil.which("node"), "node is not installed")
    require((NODE_DIR / "node_modules").is_dir(), "run `npm ci` in tests/node first")

    def run(name, *args, input=None, timeout=180, env=None):
        script = NODE_DIR / name
        if script.is_file():
            command = ["node", str(script)]
        else:
            command = [str(NODE_DIR / "node_modules" / ".bin" / name)]
        return subprocess.run(
            [*command, *args],
            input=input,
            capture_output=True,
            timeout=timeout,
            cwd=NODE_DIR,
            env={**os.environ, **(env or {})},
        )

    return run
