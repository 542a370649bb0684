"""The HTML validity check (assert_valid_html) catches invalid pages through the checker's
service, lets warnings pass as the command line's --errors-only did, and fails when the service
is gone instead of letting a page through."""

import subprocess
from pathlib import Path

import pytest

from tests.conftest import require
from tests.nu_checker import MISSING, NuHtmlChecker, available, free_port, vnu_jar

pytestmark = pytest.mark.html_checker

VALID = """<!DOCTYPE html>
<html lang="nl">
<head><title>Geldig</title></head>
<body><main><h1>Geldig</h1><p id="een">Een</p><p id="twee">Twee</p></main></body>
</html>
"""

# Line 6 repeats the id of line 5, line 7 closes a div that was never opened.
INVALID = """<!DOCTYPE html>
<html lang="nl">
<head><title>Kapot</title></head>
<body>
<p id="dubbel">Een</p>
<p id="dubbel">Twee</p>
</div>
</body>
</html>
"""

# A section without a heading is a warning, not an error.
ONLY_A_WARNING = """<!DOCTYPE html>
<html lang="nl">
<head><title>Waarschuwing</title></head>
<body><section><p>Geen kop</p></section></body>
</html>
"""


def test_an_invalid_page_fails_with_the_page_line_message_and_extract(assert_valid_html):
    with pytest.raises(AssertionError) as failure:
        assert_valid_html(("goede pagina", VALID), ("kapotte pagina", INVALID))
    # pytest indents the lines of an assertion's message; the extracts span lines of the page.
    report = "\n".join(line.strip() for line in str(failure.value).splitlines())
    assert report.startswith('kapotte pagina line 6: Duplicate ID “dubbel”. [">Een</p>\n')
    assert "\nkapotte pagina line 7: Stray end tag “div”. [>Twee</p>\n</div>" in report
    assert "goede pagina" not in report


def test_valid_pages_and_warnings_pass(assert_valid_html):
    assert_valid_html(("goede pagina", VALID), ("waarschuwing", ONLY_A_WARNING))


def test_the_service_reports_warnings_which_the_check_leaves_out(nu_checker):
    require(available(), MISSING)
    nu_checker.start()
    messages = nu_checker.messages("waarschuwing", ONLY_A_WARNING)
    assert [message for message in messages if message["type"] != "info"] == []
    assert [message.get("subType") for message in messages].count("warning") == 1
    assert nu_checker.errors([("waarschuwing", ONLY_A_WARNING)]) == []


def test_a_killed_service_fails_the_next_check_and_the_check_after_starts_a_new_one(nu_checker):
    require(available(), MISSING)
    assert nu_checker.errors([("goede pagina", VALID)]) == []
    killed = nu_checker.process
    killed.kill()
    killed.wait()
    with pytest.raises(AssertionError, match=r"stopped \(exit code -9\) since the last check"):
        nu_checker.errors([("kapotte pagina", INVALID)])
    assert [error["line"] for error in nu_checker.errors([("kapotte pagina", INVALID)])] == [6, 7]
    assert nu_checker.process is not killed and nu_checker.process.poll() is None


def test_a_service_that_does_not_answer_fails_the_check_and_is_stopped():
    silent = NuHtmlChecker(vnu_jar())
    silent.process = subprocess.Popen(["sleep", "60"])  # runs, but nothing listens on the port
    silent.url = f"http://127.0.0.1:{free_port()}/"
    process = silent.process
    with pytest.raises(AssertionError, match=r"did not answer while checking kapotte pagina"):
        silent.errors([("kapotte pagina", INVALID)])
    assert process.poll() is not None and silent.process is None


def test_a_service_that_cannot_start_fails_the_check():
    require(available(), MISSING)
    broken = NuHtmlChecker(Path("/nonexistent/vnu.jar"))
    with pytest.raises(AssertionError, match=r"stopped \(exit code 1\) before it answered: .*"):
        broken.errors([("goede pagina", VALID)])
