"""Admin hooks shared by the whole portal: avatars, the staff guide, the approval rule."""

from django.urls import path
from wagtail import hooks

from home import avatars


@hooks.register("get_avatar_url")
def initials_avatar(user, size):
    return avatars.avatar_url(user)


@hooks.register("register_admin_urls")
def avatar_urls():
    return [path("avatar/<str:text>.svg", avatars.initials_view, name="portal_avatar_initials")]
