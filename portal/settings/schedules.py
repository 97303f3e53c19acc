"""Reception schedules and online sign-up to a personal reception (личный приём).

Every number of the schedules app lives here. Each can be overridden from the
environment.
"""

from .env import env, env_int

# How many next dates of each official the schedule page shows.
SCHEDULES_NEXT_DATES = env_int("SCHEDULES_NEXT_DATES", 3)
# How far ahead the schedule looks for dates (days).
SCHEDULES_LOOKAHEAD_DAYS = env_int("SCHEDULES_LOOKAHEAD_DAYS", 180)
# Online sign-up: residents may sign up for receptions at most this many days ahead ...
SCHEDULES_SIGNUP_HORIZON_DAYS = env_int("SCHEDULES_SIGNUP_HORIZON_DAYS", 30)
# ... and no later than this many hours before the reception starts.
SCHEDULES_SIGNUP_CLOSES_HOURS = env_int("SCHEDULES_SIGNUP_CLOSES_HOURS", 3)
# Default length of a time slot (minutes), when a rule signs up by time slots ...
SCHEDULES_SLOT_MINUTES = env_int("SCHEDULES_SLOT_MINUTES", 15)
# ... and default number of places of a session, when a rule signs up by places.
SCHEDULES_PLACES_PER_SESSION = env_int("SCHEDULES_PLACES_PER_SESSION", 10)
# The short question of a sign-up.
SCHEDULES_QUESTION_MAX_LENGTH = env_int("SCHEDULES_QUESTION_MAX_LENGTH", 1000)
# Sign-up limits (home.ratelimit): per client address and per reply address within the window.
SCHEDULES_SIGNUP_LIMIT_PER_IP = env_int("SCHEDULES_SIGNUP_LIMIT_PER_IP", 10)
SCHEDULES_SIGNUP_LIMIT_PER_EMAIL = env_int("SCHEDULES_SIGNUP_LIMIT_PER_EMAIL", 3)
SCHEDULES_SIGNUP_WINDOW_SECONDS = env_int("SCHEDULES_SIGNUP_WINDOW_SECONDS", 3600)
# Cancel pages opened per client address within the window (tokens cannot be tried in bulk).
SCHEDULES_CANCEL_LIMIT_PER_IP = env_int("SCHEDULES_CANCEL_LIMIT_PER_IP", 30)
SCHEDULES_CANCEL_WINDOW_SECONDS = env_int("SCHEDULES_CANCEL_WINDOW_SECONDS", 3600)
# Sign-ups (personal data) are deleted this many days after the reception.
SCHEDULES_SIGNUP_RETENTION_DAYS = env_int("SCHEDULES_SIGNUP_RETENTION_DAYS", 365)
# Items of the RSS feed of announcements.
SCHEDULES_FEED_ITEMS = env_int("SCHEDULES_FEED_ITEMS", 30)
# Upcoming events the events index lists; the rest are on the pages of their months.
SCHEDULES_UPCOMING_EVENTS = env_int("SCHEDULES_UPCOMING_EVENTS", 20)
# When the daily deletion of old sign-ups runs (HH:MM, TIME_ZONE).
SCHEDULES_PURGE_TIME = env("SCHEDULES_PURGE_TIME", "03:30")
