"""What every public page type of the portal shares."""

from django.http import Http404
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from home import onsite, wagtail_compat
from home.admin_slugs import PortalCopyForm
from home.admin_widgets import PortalPageForm
from home.pagecache import fragments

#: The title's weight in the search index (Wagtail's ``Page.search_fields``).
TITLE_BOOST = next(f.boost for f in Page.search_fields if isinstance(f, index.SearchField) and f.field_name == "title")

#: What the page is about, in its editor's words («Описание для поиска», tab «Продвижение»): searched on
#: every page type, weighed below the title and above the text. «График личного приёма» says «запись на
#: приём» there only.
SEARCH_DESCRIPTION_FIELD = index.SearchField("search_description", boost=TITLE_BOOST * 0.75)


def _without_menu_flag(panels):
    # Wagtail's «Показывать в меню» feeds menus built from the page tree; the portal's menus are the site
    # settings' «Навигация», so the box changed nothing an editor could see.
    return [panel for panel in panels if "show_in_menus" not in repr(getattr(panel, "args", ()))]


class PortalPageMixin:
    """Put right before ``Page`` in the bases of every page type (after ``RoutablePageMixin``).

    Two shortcuts of Wagtail's serving, both kept per process and generation
    (``home.pagecache.fragments``), so a warm process routes a URL and checks
    its restrictions without a query:

    - routing: each level of the URL is a child page that this process keeps
      (``fragments.kept_child``) instead of two queries a level. A routable
      page tries its own sub-routes first, as before (hence the place in the
      bases); a slug that matches no child goes Wagtail's way (a 404).
    - view restrictions: Wagtail reads those of the page and its ancestors
      (two queries); when none applies (``fragments.known_unrestricted``), the
      answer needs no query. Restricted pages go through Wagtail's own check.

    Both override Wagtail methods and rely on private names: they run only
    while ``home.wagtail_compat.shortcut_enabled()`` (see there).

    Each page type also declares ``objects = PortalPageManager()``
    (``home.onsite``): ``SomePage.objects.on_site()`` is how every public list
    reads its pages (a mixin that is not a model cannot give Django a manager).
    """

    #: A section whose pages are official publications: created under the
    #: «Согласование» workflow (home/approval.py).
    requires_approval = False

    #: «Продвижение» without «Показывать в меню»: the menus are «Настройки → Навигация».
    promote_panels = _without_menu_flag(Page.promote_panels)

    #: Date and time fields keep what the editor typed (home.admin_widgets).
    base_form_class = PortalPageForm
    #: «Копировать» suggests the new address in the portal's Latin letters (home.admin_slugs).
    copy_form_class = PortalCopyForm

    @classmethod
    def get_search_fields(cls):
        """The page type's search fields and the search description (``SEARCH_DESCRIPTION_FIELD``)."""
        fields = super().get_search_fields()
        if any(isinstance(f, index.SearchField) and f.field_name == "search_description" for f in fields):
            return fields
        return [*fields, SEARCH_DESCRIPTION_FIELD]

    def permissions_for_user(self, user):
        # Direct publishing under a workflow is kept for its reviewers (home/approval.py).
        from home.approval import ApprovalPermissionTester

        return ApprovalPermissionTester(user, self)

    def serve_preview(self, request, *args, **kwargs):
        """An editor's preview, rendered inside ``onsite.previewing()``: rich text links to pages that are not
        on the site yet stay links there (``home.richtext``)."""
        with onsite.previewing():
            response = super().serve_preview(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    def route(self, request, path_components):
        if path_components and not self.live:
            # A page under an unpublished section is not on the site (home/draft_sections.py).
            raise Http404
        if path_components and wagtail_compat.shortcut_enabled():
            child = fragments.kept_child(self, path_components[0])
            if child is not None:
                # Breadcrumbs and get_parent() use the parent already at hand.
                wagtail_compat.set_cached_parent(child, self)
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        if self.path and wagtail_compat.shortcut_enabled() and fragments.known_unrestricted(self.path):
            return wagtail_compat.evaluated_empty(PageViewRestriction.objects.all())
        return super().get_view_restrictions()
