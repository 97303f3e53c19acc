"""An end before the start is refused with the reason under «Окончание», for every model with a time range.

Found from outside: an editor created «Встреча с жителями» from 12:00 to 10:00 and it was saved; the public
pages and the calendar then showed an event ending before it began. Reception rules refused it already.
"""

from datetime import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from schedules.models import EventIndexPage

pytestmark = pytest.mark.django_db


def _ranged_models():
    """Models staff edit in the admin (with panels) that have a time range; sessions and sign-ups copy the
    checked times of a reception rule and are never typed."""
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        edited = hasattr(model, "panels") or hasattr(model, "content_panels")
        if {"time_from", "time_to"} <= names and edited:
            yield pytest.param(model, id=model.__name__)


def test_the_admins_time_ranges_are_found():
    assert {param.values[0].__name__ for param in _ranged_models()} >= {"EventPage", "ReceptionRule"}


@pytest.mark.parametrize("model", list(_ranged_models()))
def test_an_end_before_the_start_is_refused(model):
    instance = model(time_from=time(12, 0), time_to=time(10, 0))
    with pytest.raises(ValidationError) as refused:
        instance.clean()
    assert "time_to" in refused.value.message_dict
    assert "позже начала" in " ".join(refused.value.message_dict["time_to"])


def test_the_editor_sees_why_and_keeps_what_was_typed(admin_client):
    from home.factories import HomePageFactory

    home = HomePageFactory(site_root=True)
    events = home.add_child(instance=EventIndexPage(title="Мероприятия", slug="meropriyatiya"))
    url = reverse("wagtailadmin_pages:add", args=["schedules", "eventpage", events.pk])
    data = {
        "title": "Встреча с жителями",
        "slug": "vstrecha",
        "kind": admin_client.get(url).context["form"].fields["kind"].choices[-1][0],
        "date": "15.03.2027",
        "time_from": "12:00",
        "time_to": "10:00",
        "hosts": "",
        "stream_url": "",
    }
    html = admin_client.post(url, data).content.decode()
    assert "Окончание должно быть позже начала (12:00)" in html
    assert 'value="Встреча с жителями"' in html and 'value="10:00"' in html
