"""Every page type previews in the admin, in each of its preview modes, on the demo content.

From outside, the preview panel of «Интернет-приёмная» showed «Сервис временно недоступен»: Wagtail
previews a page with its template and ``get_context`` alone, and the appeal form page's template
needs the form its own view builds. Previews are where editors check a change before publishing,
so each page type of the demo is previewed here the way the admin does it (``make_preview_request``,
Wagtail's fake request through the middleware) in every mode the page offers.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_every_page_type_previews_in_each_of_its_modes(demo_site):
    from appeals_form.models import AppealFormPage

    admin = get_user_model().objects.create_superuser("preview.admin", "preview.admin@example.ru", "unused-pass-1")
    request = RequestFactory().get("/admin/pages/")
    request.user = admin
    first_of_type = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        first_of_type.setdefault(type(page), page)
    assert len(first_of_type) >= 10, "the demo content should hold every page type"

    failures = []
    rendered = {}
    for page in first_of_type.values():
        for mode, label in page.preview_modes:
            response = page.make_preview_request(request, mode)
            if hasattr(response, "render"):
                response.render()
            body = response.content.decode()
            rendered[(type(page), mode)] = (response, body)
            if response.status_code != 200 or page.title not in body:
                failures.append(f"{type(page).__name__} «{label}»: {response.status_code}")
    assert not failures, failures

    # The appeal form: as an identified resident meets it (an example applicant, stored nowhere), and before.
    form, html = rendered[(AppealFormPage, "")]
    assert 'name="surname"' in html and 'name="consent"' in html
    assert "ivanova@example.ru" in html
    assert form["Cache-Control"] == "no-store, private"
    assert "Пройти идентификацию" in rendered[(AppealFormPage, "identify")][1]
