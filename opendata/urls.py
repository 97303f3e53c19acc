from django.urls import path, re_path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("list.csv", views.list_csv, name="list"),
    re_path(r"^(?P<identifier>[0-9]{10}-[a-z0-9-]+)/$", views.dataset_page, name="dataset"),
    re_path(r"^(?P<identifier>[0-9]{10}-[a-z0-9-]+)/(?P<name>[a-z0-9-]+\.csv)$", views.dataset_file, name="file"),
]
