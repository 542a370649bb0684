"""Start a Celery worker for the worker tests, with the test-only knobs read from the environment.

TEST_RENDER_DELAY: seconds every PDF render waits first, so a test can kill the worker mid-render.
TEST_VISIBILITY_TIMEOUT: seconds after which Redis hands an unacknowledged message to another
worker, and a restore sweep every second, so a test need not wait an hour for the redelivery.
"""

import os
import sys
import time

from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hengelo_intl.settings_test")


@worker_process_init.connect(weak=False)
def slow_down_rendering(**kwargs):
    delay = float(os.environ.get("TEST_RENDER_DELAY") or 0)
    if not delay:
        return
    from proposals import documents

    render_pdf = documents.render_pdf

    def slow_render_pdf(*args, **options):
        time.sleep(delay)
        return render_pdf(*args, **options)

    documents.render_pdf = slow_render_pdf


def main():
    import django

    django.setup()
    from hengelo_intl.celery import app

    options = dict(app.conf.broker_transport_options or {})
    if os.environ.get("TEST_VISIBILITY_TIMEOUT"):
        options.update(
            visibility_timeout=int(os.environ["TEST_VISIBILITY_TIMEOUT"]),
            unacked_restore_interval=1,
            unacked_restore_throttle=1,
        )
    app.conf.broker_transport_options = options
    app.worker_main(argv=["worker", *sys.argv[1:]])


if __name__ == "__main__":
    main()
