"""Rules of the law on citizens' appeals (59-ФЗ of 02.05.2006, as amended).

Every number a town may need to adjust lives here, and nowhere else. Each can be
overridden from the environment.
"""

from .env import env, env_bool, env_int, env_list

# Registration within 3 days of receipt (59-ФЗ, art. 8 p. 2).
APPEALS_REGISTRATION_DAYS = env_int("APPEALS_REGISTRATION_DAYS", 3)
# Redirection to the competent body within 7 days of registration (art. 8 p. 3).
APPEALS_REDIRECT_DAYS = env_int("APPEALS_REDIRECT_DAYS", 7)
# Answer within 30 days of registration (art. 12 p. 1) ...
APPEALS_ANSWER_DAYS = env_int("APPEALS_ANSWER_DAYS", 30)
# ... extendable once by up to 30 days (art. 12 p. 2).
APPEALS_MAX_EXTENSION_DAYS = env_int("APPEALS_MAX_EXTENSION_DAYS", 30)
# Notice to the applicant within 7 days of registration where an appeal is not
# considered: a court decision appealed (art. 11 p. 2, the appeal is returned with
# how to appeal the decision), an unreadable text (p. 4), a text whose essence
# cannot be made out (p. 4.1). The other grounds of art. 11 are notified within
# the term of consideration (APPEALS_ANSWER_DAYS).
APPEALS_UNREADABLE_NOTICE_DAYS = env_int("APPEALS_UNREADABLE_NOTICE_DAYS", 7)
# An appeal whose question is answered on the official site (an answer of general
# interest published by art. 10 p. 4): the applicant is told the page's address
# «в течение семи дней со дня регистрации» (art. 11 p. 5.1). Calendar days, as every
# term of 59-ФЗ, moved off a day off by APPEALS_DEADLINE_SHIFT.
APPEALS_PUBLISHED_ANSWER_NOTICE_DAYS = env_int("APPEALS_PUBLISHED_ANSWER_NOTICE_DAYS", 7)
# The official site's host names besides the portal's own (PORTAL_BASE_URL and the
# Wagtail sites): a published answer's address must be on one of them (art. 11 p. 5.1).
APPEALS_OFFICIAL_SITE_HOSTS = env_list("APPEALS_OFFICIAL_SITE_HOSTS", [])
# A deadline on a non-working day moves to the preceding ("backward") or the
# following ("forward") working day. Regional regulations commonly say backward.
APPEALS_DEADLINE_SHIFT = env("APPEALS_DEADLINE_SHIFT", "backward")
# The reply address must be in the Russian national zones.
APPEALS_EMAIL_ZONES = env_list("APPEALS_EMAIL_ZONES", ["ru", "рф", "su"])
# Registration number: a Python format string; {year} and {seq} are filled in.
APPEALS_NUMBER_FORMAT = env("APPEALS_NUMBER_FORMAT", "ОГ-{year}-{seq:06d}")
# Limits of the online form.
APPEALS_TEXT_MAX_LENGTH = env_int("APPEALS_TEXT_MAX_LENGTH", 4000)
APPEALS_MAX_FILES = env_int("APPEALS_MAX_FILES", 5)
APPEALS_MAX_FILE_SIZE = env_int("APPEALS_MAX_FILE_SIZE", 10 * 1024 * 1024)
APPEALS_MAX_TOTAL_SIZE = env_int("APPEALS_MAX_TOTAL_SIZE", 25 * 1024 * 1024)
APPEALS_FILE_TYPES = env_list(
    "APPEALS_FILE_TYPES",
    ["pdf", "jpg", "png", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "txt"],
)
# Zip bombs: an OOXML/ODF attachment (a zip archive) may unpack to at most
# APPEALS_ARCHIVE_MAX_UNPACKED_SIZE bytes in total, and past
# APPEALS_ARCHIVE_RATIO_FLOOR bytes to at most APPEALS_ARCHIVE_MAX_RATIO times
# its own size; at most APPEALS_ARCHIVE_MAX_MEMBERS parts. Images: at most
# APPEALS_IMAGE_MAX_PIXELS points (a 48-megapixel phone photo passes).
APPEALS_ARCHIVE_MAX_UNPACKED_SIZE = env_int("APPEALS_ARCHIVE_MAX_UNPACKED_SIZE", 100 * 1024 * 1024)
APPEALS_ARCHIVE_MAX_RATIO = env_int("APPEALS_ARCHIVE_MAX_RATIO", 100)
APPEALS_ARCHIVE_RATIO_FLOOR = env_int("APPEALS_ARCHIVE_RATIO_FLOOR", 10 * 1024 * 1024)
APPEALS_ARCHIVE_MAX_MEMBERS = env_int("APPEALS_ARCHIVE_MAX_MEMBERS", 2000)
APPEALS_IMAGE_MAX_PIXELS = env_int("APPEALS_IMAGE_MAX_PIXELS", 60_000_000)
# Retention: appeals older than this are anonymised.
APPEALS_RETENTION_YEARS = env_int("APPEALS_RETENTION_YEARS", 5)

# The online form (интернет-приёмная): co-authors of a collective appeal ...
APPEALS_MAX_CO_AUTHORS = env_int("APPEALS_MAX_CO_AUTHORS", 30)
# ... and how many empty co-author rows the form shows at first (0: none; rows
# are added on demand, one per «Добавить соавтора», with or without JavaScript).
APPEALS_CO_AUTHOR_ROWS = env_int("APPEALS_CO_AUTHOR_ROWS", 0)
# Accepted attachments wait in private storage (staging/) until the appeal is
# sent; unclaimed ones are removed after this many hours.
APPEALS_STAGING_MAX_AGE_HOURS = env_int("APPEALS_STAGING_MAX_AGE_HOURS", 24)
# Sending limits (home.ratelimit): appeals per IP address and per identified
# applicant within the window.
APPEALS_SUBMIT_LIMIT_PER_IP = env_int("APPEALS_SUBMIT_LIMIT_PER_IP", 20)
APPEALS_SUBMIT_LIMIT_PER_IDENTITY = env_int("APPEALS_SUBMIT_LIMIT_PER_IDENTITY", 5)
APPEALS_SUBMIT_WINDOW_SECONDS = env_int("APPEALS_SUBMIT_WINDOW_SECONDS", 3600)
# The portal's public address, for links in e-mails (status links).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# "Find out the status of an appeal" (number + e-mail): requests per client
# address in a window, so that numbers cannot be tried in bulk, and links per
# appeal number (a mistyped address or number costs a try: 5 was too few).
APPEALS_STATUS_LOOKUP_LIMIT = env_int("APPEALS_STATUS_LOOKUP_LIMIT", 10)
APPEALS_STATUS_LOOKUP_WINDOW_SECONDS = env_int("APPEALS_STATUS_LOOKUP_WINDOW_SECONDS", 3600)
# The appeal queue (back office): an appeal is "due soon" when its deadline is
# within this many working days (dashboard panel, executors' daily digest).
APPEALS_DUE_SOON_WORKING_DAYS = env_int("APPEALS_DUE_SOON_WORKING_DAYS", 3)
# When the executors' daily digest of appeals due soon and overdue goes out
# (HH:MM, TIME_ZONE); the job is declared in appeals_form/jobs.py.
APPEALS_DIGEST_TIME = env("APPEALS_DIGEST_TIME", "08:00")
# Demo appeals («Демо ...», example.ru) and the demo-officer / demo-editor
# accounts in `load_demo_content`: for a local demo only (dev.py turns it on
# for `make run`); never in production.
APPEALS_DEMO_QUEUE = env_bool("APPEALS_DEMO_QUEUE", False)
