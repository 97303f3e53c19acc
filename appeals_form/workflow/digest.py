"""The executors' daily digest: their appeals due soon and overdue, by e-mail.

Numbers, due dates and admin links only: no applicant names, no appeal text.
"""

import logging
from datetime import date

from appeals_form import emails, selectors
from home.workdays import is_working_day

from . import dates

logger = logging.getLogger(__name__)


def day_off(on: date | None = None) -> bool:
    """Whether the daily digest rests on this day (today by default): a day off of the production calendar."""
    return not is_working_day(on or dates.today())


def send_due_digest(*, on: date | None = None) -> int:
    """E-mail every executor who has open appeals due soon or overdue; return how many were sent.

    Without ``on`` (the daily run) nothing is sent on a day off: nobody reads it
    then, and the next working day's digest lists the same appeals. A constant
    number of queries, however many executors and appeals: one for the appeals
    with their executors, then the signature and the sender, read once.
    """
    if on is None and day_off():
        logger.info("Due digest: a day off, nothing sent")
        return 0
    on = on or dates.today()
    digests = []
    for digest in selectors.due_digests(on=on):
        if not digest.executor.email:
            logger.warning("Digest: executor id=%s has no e-mail address", digest.executor.pk)
            continue
        digests.append(digest)
    sent = emails.send_due_digests(digests)
    logger.info("Due digest: %s e-mails sent", sent)
    return sent
