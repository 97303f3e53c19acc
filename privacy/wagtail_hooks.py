from wagtail import hooks
from wagtail.permissions import register_permission_policy

from privacy.admin import ExportLogViewSet, ViewOnlyPolicy
from privacy.models import PersonalDataExport

register_permission_policy(PersonalDataExport, ViewOnlyPolicy(PersonalDataExport))


@hooks.register("register_admin_viewset")
def register_export_log():
    return ExportLogViewSet()
