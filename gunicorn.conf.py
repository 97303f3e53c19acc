"""gunicorn's defaults for this project (read from the working directory; production unless overridden).

Access and error logs never carry a status or cancel token or an OpenID code
(home/logredact.py); the access line has no query string and no referrer.

A sync worker reports to the arbiter only between requests, so a request
longer than ``timeout`` is killed even while it streams. Exporting the whole
queue (100,000 appeals: CSV streamed in ~20 s, XLSX built in a temporary file
then sent, see ``make bench-scale``) takes longer than gunicorn's default 30 s
on a loaded machine; GUNICORN_TIMEOUT sets another limit.
"""

import os

logger_class = "home.logredact.GunicornLogger"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
