from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api.sitemaps import ApiDocumentationSitemap
from home import admin_exports
from home import views as home_views
from home.sitemaps import PagesSitemap

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

# Wagtail's pages, and the API's documentation page (its data is for programs: robots.txt).
SITEMAPS = {"wagtail": PagesSitemap, "api": ApiDocumentationSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's report and redirect exports with the formula rule, at Wagtail's addresses (home/admin_exports.py).
    path("admin/", include(admin_exports.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("vision/", home_views.set_accessibility, name="accessibility"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz/", home_views.healthz, name="healthz"),
    path("appeals/", include("appeals_form.urls")),
    path("identity/", include("identity.urls")),
    path("priem/", include("schedules.urls")),
    path("forwarding/", include("forwarding.urls")),
    path("api/", include("api.urls")),
    path("opendata/", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
