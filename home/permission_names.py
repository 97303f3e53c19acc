"""Permission names in Russian, as the admin reads them on a group's screen (Настройки → Группы).

Django stores each permission's name once, when ``migrate`` creates it, in English («Can add group»),
and Wagtail's group form shows that name as the label of the checkbox (the add, change and delete
columns, «Пользовательские разрешения», the page permissions' rows). After every ``migrate`` (the
``post_migrate`` signal of the last app, so a new model's permissions too) each name is written anew:

- the default permissions read «<verbose name>: добавление | изменение | удаление | просмотр»
  (the model's Russian verbose name first: Wagtail cuts a verbose name off the end of a custom
  permission's label, which would leave «Может просматривать:»);
- a model's own permissions (``Meta.permissions``, Wagtail's page permissions) read as their name
  translated by the catalogues (Wagtail's Russian, with the portal's corrections in
  ``locale/ru/LC_MESSAGES/django.po``).

Wagtail's page permission row also labels its page chooser after the form field («Page»):
``register()`` gives it Wagtail's own translated label (``home.wagtail_compat``).

``tests/home/test_permission_names.py`` opens the group screens and fails on a label in English.
"""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation
from django.utils.text import capfirst

ACTIONS = {"add": "добавление", "change": "изменение", "delete": "удаление", "view": "просмотр"}


def russian_names(model) -> dict[str, str]:
    """``codename → Russian name`` of every permission the model declares."""
    opts = model._meta
    with translation.override("ru"):
        # A model without its own verbose name (Wagtail's Locale, UploadedFile, …) has one made of its class name,
        # a plain English string: the catalogue gives it in Russian (locale/ru/LC_MESSAGES/django.po).
        verbose_name = capfirst(translation.gettext(str(opts.verbose_name)))
        names = {
            get_permission_codename(action, opts): f"{verbose_name}: {ACTIONS[action]}"
            for action in opts.default_permissions
            if action in ACTIONS
        }
        names.update({codename: translation.gettext(str(name)) for codename, name in opts.permissions})
    return {codename: name[:255] for codename, name in names.items()}


def rename_permissions(models, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Write the Russian names of the models' permissions (one read, one batched update); the number changed."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_types = ContentType.objects.db_manager(using).get_for_models(*models, for_concrete_models=False)
    wanted = {
        (content_type.pk, codename): name
        for model, content_type in content_types.items()
        for codename, name in russian_names(model).items()
    }
    changed = []
    in_question = Permission.objects.using(using).filter(content_type__in=[ct.pk for ct in content_types.values()])
    for permission in in_question:
        name = wanted.get((permission.content_type_id, permission.codename))
        if name is not None and permission.name != name:
            permission.name = name
            changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"], batch_size=500)
    return len(changed)


def _last_app_with_models():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.models_module][-1]


def on_post_migrate(sender, *, app_config, using: str = DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """After the ``post_migrate`` of the last app: every app's permissions named, in a handful of statements.

    Django sends ``post_migrate`` once per app after every ``migrate`` and after every flush of the test database
    (each transactional test): done per app, this was 30 table listings and 200 reads each time (0.35 s).
    """
    from django.apps import apps as installed
    from django.contrib.auth.models import Permission
    from django.db import connections

    if app_config.label != _last_app_with_models().label:
        return
    if Permission._meta.db_table not in connections[using].introspection.table_names():
        return  # migrating backwards past the permissions' table
    # The apps before this one have had Django's own handler already (the signal goes app by app); this one's may
    # come after ours.
    create_permissions(app_config, verbosity=0, using=using, apps=apps or installed)
    configs = [config for config in installed.get_app_configs() if config.models_module]
    rename_permissions([model for config in configs for model in config.get_models()], using=using)


def register() -> None:
    """Name the permissions after every ``migrate``; the page permission row's chooser labelled in Russian."""
    from django.db.models.signals import post_migrate

    from home import wagtail_compat

    post_migrate.connect(on_post_migrate, dispatch_uid="home.permission_names")
    wagtail_compat.label_page_permission_chooser()
