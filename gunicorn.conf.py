"""gunicorn's defaults for this project (read from the working directory).

Access and error logs never carry a status or cancel token or an OpenID code
(home/logredact.py); the access line has no query string and no referrer.
"""

logger_class = "home.logredact.GunicornLogger"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
