"""Admin hooks shared by the whole portal: avatars, the staff guide, the approval rule."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import avatars, guide


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
