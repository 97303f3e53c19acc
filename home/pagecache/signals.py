"""What replaces the generation: every change to content that public pages show.

Receivers are connected per model (not for every model) at start-up, so that
models that no public page shows (appeals, sign-ups, rate-limit counters, the
task queue, sessions) neither pay for a receiver nor lose Django's fast bulk
delete. Which models count: every page type, every model of
PAGE_CACHE_INVALIDATING_APPS, the models in PAGE_CACHE_INVALIDATING_MODELS,
minus PAGE_CACHE_IGNORED_MODELS (settings/cache.py).

Also: Wagtail's publish/unpublish (pages and snippets with draft state) and
page moves (a tree move is a bulk update that sends no post_save).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .generation import bump

DISPATCH_PREFIX = "home.pagecache"


def invalidates(model) -> bool:
    """Whether saving or deleting an instance of ``model`` changes what public pages show."""
    label = model._meta.label_lower
    if label in {name.lower() for name in getattr(settings, "PAGE_CACHE_IGNORED_MODELS", [])}:
        return False
    if issubclass(model, Page):
        return True
    if label in {name.lower() for name in getattr(settings, "PAGE_CACHE_INVALIDATING_MODELS", [])}:
        return True
    return model._meta.app_label in set(getattr(settings, "PAGE_CACHE_INVALIDATING_APPS", []))


def _on_change(sender, instance=None, using=None, raw=False, **kwargs):
    if raw:  # loaddata: nothing is being served from these rows yet
        return
    bump(using=using or "default")


def _on_m2m(sender, instance=None, action="", using=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump(using=using or "default")


def _on_wagtail_event(sender=None, **kwargs):
    bump()


_connected = False


def connect() -> None:
    """Connect the receivers once (HomeConfig.ready)."""
    global _connected
    if _connected:
        return
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created:
            # The through table of a plain ManyToManyField: m2m_changed, from its owner.
            continue
        if not invalidates(model):
            continue
        uid = f"{DISPATCH_PREFIX}:{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save", weak=False)
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete", weak=False)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through is not None and not isinstance(through, str):
                m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"{uid}:{m2m.name}:m2m", weak=False)
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_on_wagtail_event, dispatch_uid=f"{DISPATCH_PREFIX}:{id(signal)}", weak=False)
    _connected = True
