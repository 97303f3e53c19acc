"""The admin's browser tab names the portal («Обращения граждан - Отдел по работе с обращениями граждан»),
not «Wagtail» (``templates/wagtailadmin/admin_base.html``, Wagtail's ``branding_title`` block)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def portal_name() -> str:
    return settings.WAGTAIL_SITE_NAME
