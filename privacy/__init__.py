"""The personal-data policy (152-ФЗ) in one place.

- ``policy``: which models hold personal data (``PERSONAL_DATA_MODELS`` in
  settings), the permission to export it, who may see a model.
- ``models.PersonalDataExport`` and ``services.record_export``: one record per
  export of personal data (who, when, what, format, filter, rows), listed in
  the admin («Журнал выгрузок персональных данных») for the department.
- ``admin``: Wagtail's generic chooser and bulk-action views closed for
  personal-data snippets to users without a permission on the model.

Apps import this; it imports only Django, Wagtail and ``home``.
"""
