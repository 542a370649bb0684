"""Shared pieces for benchmarks: a throwaway database, timing and reporting, and the one
harness that serves the portal with gunicorn and measures it with wrk against a constant page
(bench/agenda.py, bench/api.py and bench/production.py use it)."""

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


class Report:
    def section(self, name):
        print(f"\n== {name}")

    def line(self, text):
        print(text, flush=True)

    def timing(self, label, samples_ms):
        ordered = sorted(samples_ms)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        self.line(
            f"{label:<55} median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms"
            f"   (n={len(ordered)})"
        )


def machine_line():
    """A line on how fast this machine runs Python, so that the in-process figures of two
    machines can be read side by side (the same commit's medians differed 2.2-2.8x between two
    sessions' machines): the best of three runs of a fixed pure-Python workload."""

    def workload():
        found = {}
        for number in range(1_000_000):
            found[number % 1000] = str(number)

    best = min(time_ms(workload, repeat=3, warmup=1))
    return (
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; a fixed pure-Python "
        f"workload took {best:.0f} ms (bench/harness.py machine_line)"
    )


def time_ms(func, repeat=30, warmup=3):
    """Call func repeatedly and return the wall-clock times in milliseconds."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


@contextlib.contextmanager
def bench_database():
    """Create a fresh test database for the benchmarks and drop it afterwards."""
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def multiply_hengelo_data(factor):
    """Add (factor - 1) copies of the Hengelo networks, efforts and proposals, for 10x figures."""
    from tests.factories import scale_hengelo_data

    scale_hengelo_data(factor)


def sign_in(client, user):
    """Sign the client in as if through the whole sign-in, the second factor included (a
    session without it is signed out for roles that need it)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = "bench.sign_in"
    session.save()


# --- the portal under gunicorn, measured with wrk (bench/agenda.py, api.py, production.py) ---

ROOT = Path(__file__).resolve().parent.parent
WRK = shutil.which("wrk")
CONSTANT_PAGE = "/bench/constant/"
CONSTANT_JSON = "/bench/constant.json"
PROXY_HEADER = ("X-Forwarded-Proto", "https")
# A signed-in browser sends its CSRF cookie (a 32-character secret) with every page after the
# first, beside the session cookie; the private page cache keys on both (core/private_cache.py).
BROWSER_CSRF_SECRET = "benchCsrfSecret0123456789abcdefg"


def signed_in_cookies(session_key):
    return f"sessionid={session_key}; csrftoken={BROWSER_CSRF_SECRET}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, cookie=None, timeout=30):
    """GET a page the way wrk asks it (behind the proxy's https header); return the status."""
    request = urllib.request.Request(url, headers=dict([PROXY_HEADER]))
    if cookie:
        request.add_header("Cookie", signed_in_cookies(cookie))
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return response.status


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(url, timeout=2) == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def wrk(url, cookie=None, seconds=1, connections=8, threads=2):
    """One wrk round: (requests/s, p50 ms, p99 ms). Any non-2xx/3xx answer, or a redirect to
    the login page for a logged-in page, is an error: the bench must measure the page."""
    headers = ["-H", ": ".join(PROXY_HEADER)]
    if cookie:
        headers += ["-H", f"Cookie: {signed_in_cookies(cookie)}"]
    output = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    if errors := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for percentile in ("50", "99"):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        latency[percentile] = value / 1000 if unit == "us" else value * (1000 if unit == "s" else 1)
    return rps, latency["50"], latency["99"]


def alternated_rounds(base, path, constant=CONSTANT_PAGE, cookie=None, rounds=3, seconds=1):
    """Measure a page in wrk rounds, each right after a round on the constant page of the same
    server, so that load from elsewhere on the machine hits both sides of a ratio alike.
    Returns a dict: median rps, p50, p99 of the page, the constant page's median rps, and the
    sorted ratios of the rounds (their median is the figure to report)."""
    for _ in range(4):  # warm each worker (and its page cache)
        get(base + path, cookie)
    measured = []
    for _ in range(rounds):
        constant_rps = wrk(base + constant, seconds=seconds)[0]
        measured.append((wrk(base + path, cookie, seconds=seconds), constant_rps))
    ratios = sorted(page[0] / constant_rps for page, constant_rps in measured if constant_rps)
    return {
        "rps": statistics.median(page[0] for page, _c in measured),
        "p50": statistics.median(page[1] for page, _c in measured),
        "p99": statistics.median(page[2] for page, _c in measured),
        "constant": statistics.median(c for _page, c in measured),
        "ratios": ratios,
        "ratio": statistics.median(ratios) if ratios else 0.0,
    }


def ratio_line(label, figures, target, extra=""):
    ratios = figures["ratios"]
    verdict = "ok" if figures["ratio"] >= target else "BELOW"
    return (
        f"{label:<28} {figures['rps']:7.0f} req/s  p50 {figures['p50']:7.2f} ms  "
        f"p99 {figures['p99']:7.2f} ms  ratio {figures['ratio']:5.3f} "
        f"({ratios[0]:.3f}-{ratios[-1]:.3f}; target >= {target}: {verdict}){extra}"
    )


def server_env(**overrides):
    """The environment of a gunicorn (and its helper processes) serving the portal with the
    constant pages beside it, DEBUG off."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench._agenda_settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "PYTHONPATH": str(ROOT),
        **overrides,
    }


def run_python(env, code, timeout=3600):
    """Run Python code (after django.setup()) in a process with the server's environment."""
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    ).stdout


def prepare_database(env, seed_code="", timeout=3600):
    """Migrate, load the Hengelo data and run `seed_code`; None, or a one-line error."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "timeout": timeout}
    try:
        subprocess.run([*manage, "migrate", "--noinput"], **quiet)
        subprocess.run([*manage, "load_hengelo"], **quiet)
        if seed_code:
            run_python(env, seed_code, timeout)
    except subprocess.CalledProcessError as error:
        last = error.stderr or b""
        last = last.decode(errors="replace") if isinstance(last, bytes) else last
        return " ".join(last.strip().splitlines()[-1:]) or str(error)
    return None


@contextlib.contextmanager
def gunicorn(env, workers=2, constant=CONSTANT_PAGE):
    """Serve the portal with gunicorn on a free loopback port; yield its base URL, or None when
    it did not start."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "hengelo_intl.wsgi",
         "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield base if wait_for(base + constant) else None
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
