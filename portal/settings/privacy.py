"""The personal-data policy (152-ФЗ): which models hold residents' personal data.

Every model listed here is never public, never in a search index, and in the
admin only for users with a permission on it (tests/privacy/test_admin_crawl.py
crawls every admin URL as each role). docs/security.md explains the policy;
``manage.py check`` fails (privacy.E001) when a label no longer names a model.
"""

PERSONAL_DATA_MODELS = [
    "appeals_form.Appeal",
    "appeals_form.CoAuthor",
    "appeals_form.Attachment",
    "appeals_form.AppealEvent",
    "forwarding.OutboxMessage",
    "forwarding.Delivery",
    "forwarding.DeliveryAttempt",
    "forwarding.StatusReport",
    "identity.EmailCode",
    "schedules.SignUp",
    "privacy.PersonalDataExport",
]
