from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("", views.start, name="start"),
    path("email/", views.send_code, name="send_code"),
    path("code/", views.enter_code, name="code"),
    path("logout/", views.logout, name="logout"),
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
]
