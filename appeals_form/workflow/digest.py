"""The executors' daily digest: their appeals due soon and overdue, by e-mail.

Numbers, due dates and admin links only: no applicant names, no appeal text.
"""

import logging
from datetime import date

from appeals_form import emails, selectors

from . import dates

logger = logging.getLogger(__name__)


def send_due_digest(*, on: date | None = None) -> int:
    """E-mail every executor who has open appeals due soon or overdue; return how many were sent.

    A constant number of queries, however many executors and appeals: one for the
    appeals with their executors, then the signature and the sender, read once.
    """
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
