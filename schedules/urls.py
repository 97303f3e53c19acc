"""Public URLs of the sign-up outside the pages: the confirmation and the cancel page (by token)."""

from django.urls import path

from schedules.views import signup

app_name = "schedules"

urlpatterns = [
    path("zapis/gotovo/", signup.signup_done, name="done"),
    path("otmena/<str:token>/", signup.cancel, name="cancel"),
]
