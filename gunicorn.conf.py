"""gunicorn settings read from the project folder (``make run``, production unless overridden).

A sync worker reports to the arbiter only between requests, so a request
longer than ``timeout`` is killed even while it streams. Exporting the whole
queue (100,000 appeals: CSV streamed in ~20 s, XLSX built in a temporary file
then sent, see ``make bench-scale``) takes longer than gunicorn's default 30 s
on a loaded machine; GUNICORN_TIMEOUT sets another limit.
"""

import os

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
