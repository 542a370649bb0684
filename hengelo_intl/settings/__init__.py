"""Settings for the international policy portal, read from the environment.

With nothing set the portal runs on a SQLite file in the project folder and runs Celery tasks
in-process. With DEBUG off it refuses to start without a SECRET_KEY, on the in-process cache
(unless ALLOW_LOCAL_CACHE=1 for one process) and without a broker (unless
ALLOW_IN_PROCESS_TASKS=1): each refusal says in one line what to set.

One module per concern: base (apps, database, cache, languages, files), security (sign-in,
sessions, headers), api (the public API and CORS), tasks (Celery and mail).
"""

from .api import *  # noqa: F403
from .base import *  # noqa: F403
from .security import *  # noqa: F403
from .tasks import *  # noqa: F403
