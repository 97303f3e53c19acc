"""Admin hooks shared by the whole portal: avatars, the staff guide, the approval rule, pages under draft sections."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import approval, avatars, draft_sections, guide


@hooks.register("get_avatar_url")
def initials_avatar(user, size):
    return avatars.avatar_url(user)


@hooks.register("register_admin_urls")
def avatar_urls():
    return [
        path("avatar/<str:text>.svg", avatars.initials_view, name="portal_avatar_initials"),
        path("guide/", guide.guide_view, name="portal_guide"),
    ]


@hooks.register("register_admin_menu_item")
def guide_menu_item():
    return MenuItem("Справка", reverse("portal_guide"), icon_name="help", name="guide", order=100000)


@hooks.register("construct_main_menu")
def hide_wagtail_help(request, menu_items):
    # Wagtail's own «Помощь» links to guide.wagtail.org (English, often unreachable
    # from government networks); «Справка» is the staff's guide.
    menu_items[:] = [item for item in menu_items if item.name != "help"]


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own (order 0): replaces it
def page_links_on_the_site(features):
    """Rich text links to pages that are not on the public site are shown as their words (home.richtext)."""
    from home.richtext import OnSitePageLinkHandler

    features.register_link_type(OnSitePageLinkHandler)


@hooks.register("after_copy_page")
def keep_unapproved_copies_drafts(request, page, new_page):
    # «Опубликовать копии» of a reports or regulations section (or of pages copied into one): the copies are
    # under «Согласование», so they stay drafts for the head to approve, as a new page there would.
    held = [
        copy
        for copy in new_page.get_descendants(inclusive=True).live().specific()
        if approval.held_for_approval(page=copy, user=request.user)
    ]
    for copy in held:
        approval.keep_as_draft(page=copy)
    if held:
        messages.warning(
            request,
            f"Копии сохранены как черновики и не опубликованы ({len(held)}): страницы этого раздела публикует "
            "руководитель отдела. Отправьте их в «Согласование».",
        )


@hooks.register("before_publish_page")
def keep_unapproved_pages_drafts(request, page):
    # «Опубликовать» when creating a report or regulations section: the new section is under «Согласование»
    # from its first save, so it stays a draft the editor submits, never live unapproved.
    if not approval.held_for_approval(page=page, user=request.user):
        return None
    approval.keep_as_draft(page=page)
    messages.warning(
        request,
        f"Страница «{page.title}» сохранена как черновик и не опубликована: страницы этого раздела публикует "
        "руководитель отдела. Нажмите «Отправить в „Согласование“».",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_move_page")
def warn_before_moving_into_a_draft_section(request, page, destination):
    # The confirmation screen says it before the editor confirms (GET); home/draft_sections.py.
    if request.method != "GET" or not page.live:
        return
    draft = not destination.live and destination.depth > 1
    section = destination if draft else draft_sections.unpublished_ancestor(destination)
    if section is not None:
        messages.warning(request, draft_sections.hidden_page_warning(page=page, section=section, when="confirm"))


@hooks.register("after_move_page")
def warn_after_moving_into_a_draft_section(request, page):
    page.refresh_from_db()
    section = draft_sections.unpublished_ancestor(page) if page.live else None
    if section is not None:
        messages.warning(request, draft_sections.hidden_page_warning(page=page, section=section, when="moved"))


@hooks.register("after_publish_page")
def warn_after_publishing_in_a_draft_section(request, page):
    section = draft_sections.unpublished_ancestor(page) if page.live else None
    if section is not None:
        messages.warning(request, draft_sections.hidden_page_warning(page=page, section=section, when="published"))


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
