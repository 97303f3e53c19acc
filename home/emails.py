"""What every e-mail to a resident says about its sender (the appeals and the sign-up e-mails)."""

from django.conf import settings
from wagtail.models import Site

from home.models import DepartmentSettings


def department_signature() -> dict:
    """Organisation, department and reference phone of the default site, for the e-mails' signature."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"organisation_name": "", "department_name": settings.WAGTAIL_SITE_NAME, "phone": ""}
    department = DepartmentSettings.for_site(site)
    return {
        "organisation_name": department.organisation_name,
        "department_name": department.department_name,
        "phone": department.reference_phone or department.phone,
    }
