#!/usr/bin/env python
import os
import sys

# Commands that only read the code and never sign anything; they may run without a SECRET_KEY.
KEYLESS_COMMANDS = {"makemigrations", "makemessages", "compilemessages", "showmigrations"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hengelo_intl.settings")
    if len(sys.argv) > 1 and sys.argv[1] in KEYLESS_COMMANDS:
        os.environ.setdefault("SECRET_KEY", f"unused-by-{sys.argv[1]}")
        os.environ.setdefault("ALLOW_LOCAL_CACHE", "1")
        os.environ.setdefault("ALLOW_IN_PROCESS_TASKS", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
