"""The full-page cache: anonymous visitors get stored public pages; nothing personal is ever stored.

Each test runs with its own empty page cache and its own generation file
(the ``page_cache`` fixture); X-Page-Cache tells hit, miss (rendered and
stored) or bypass (rendered, not stored).
"""

from __future__ import annotations

import gzip
import json
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from appeals_form.factories import AppealFormPageFactory
from home.factories import HomePageFactory, StandardPageFactory
from home.models import DepartmentSettings, MainMenuItem, NavigationSettings
from home.now import clock_slice
from home.pagecache import fragments, generation, local, store
from schedules.factories import OfficialFactory, PlaceFactory, ReceptionRuleFactory, ReceptionSchedulePageFactory

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


@pytest.fixture
def page_cache(settings, tmp_path):
    """The page cache on, as in production with local memory, isolated from other tests."""
    settings.ROOT_URLCONF = "tests.home.pagecache_urls"
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_FRAGMENTS = True
    settings.PAGE_CACHE_HEADER = True
    settings.PAGE_CACHE_GENERATION = "file"
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    settings.CACHES = {**settings.CACHES, "pagecache": {"BACKEND": LOCMEM, "LOCATION": f"pages-{tmp_path.name}"}}
    fragments.clear()
    generation.reset()
    local.clear()
    yield settings
    fragments.clear()
    generation.reset()
    local.clear()


@pytest.fixture
def home(db):
    home = HomePageFactory(site_root=True, title="Обращения граждан", slug="home-cache")
    DepartmentSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"reference_phone": "+7 (495) 000-01-02"}
    )
    return home


@pytest.fixture
def article(home):
    return StandardPageFactory(parent=home, title="Порядок рассмотрения", slug="poryadok", intro="Первая редакция.")


def state(response) -> str | None:
    return response.get("X-Page-Cache")


def get_twice(client, url, **extra):
    return client.get(url, **extra), client.get(url, **extra)


# -- Hits --------------------------------------------------------------------------------------------------------


def test_second_anonymous_request_is_a_hit_with_the_same_page(client, page_cache, article):
    first, second = get_twice(client, article.url)
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == "SAMEORIGIN"
    assert "Cookie" in second["Vary"]  # the vision cookie changes the page: downstream caches must know
    assert "Первая редакция." in second.content.decode()


def test_a_hit_runs_no_query(client, page_cache, article, django_assert_num_queries):
    client.get(article.url)
    with django_assert_num_queries(0):
        assert state(client.get(article.url)) == "hit"


def test_head_is_answered_from_the_stored_get(client, page_cache, article):
    client.get(article.url)
    assert state(client.head(article.url)) == "hit"


def test_head_alone_is_not_stored(client, page_cache, article):
    assert state(client.head(article.url)) == "bypass"
    assert state(client.get(article.url)) == "miss"


def test_not_found_page_is_cached_and_gives_way_to_a_new_page(client, page_cache, home):
    first, second = get_twice(client, "/novaya/")
    assert (first.status_code, state(first), state(second)) == (404, "miss", "hit")
    StandardPageFactory(parent=home, title="Новая страница", slug="novaya")
    response = client.get("/novaya/")
    assert response.status_code == 200 and "Новая страница" in response.content.decode()


def test_not_found_is_not_cached_when_switched_off(client, page_cache, home):
    page_cache.PAGE_CACHE_404_SECONDS = 0
    assert [state(r) for r in get_twice(client, "/novaya/")] == ["bypass", "bypass"]


def test_a_new_redirect_replaces_a_cached_not_found(client, page_cache, article):
    client.get("/staraya/")
    Redirect.objects.create(old_path="/staraya", redirect_page=article)
    response = client.get("/staraya/")
    assert response.status_code in (301, 302) and response["Location"].endswith("/poryadok/")


def test_allowed_filters_are_cached_per_value(client, page_cache, home):
    schedule = ReceptionSchedulePageFactory(parent=home)
    housing = OfficialFactory(surname="Кузнецов", department="ЖКХ")
    ReceptionRuleFactory(official=housing, weekdays=[2], place=PlaceFactory())
    social = OfficialFactory(surname="Лебедева", department="Социальная сфера")
    ReceptionRuleFactory(official=social, weekdays=[3], place=PlaceFactory())
    client.get(schedule.url, {"department": "ЖКХ"})
    hit = client.get(schedule.url, {"department": "ЖКХ"})
    other = client.get(schedule.url, {"department": "Социальная сфера"})
    assert state(hit) == "hit" and "Кузнецов" in hit.content.decode() and "Лебедева" not in hit.content.decode()
    assert state(other) == "miss" and "Лебедева" in other.content.decode()


def test_gzip_variant_is_stored_compressed_and_apart(client, page_cache, article):
    plain = client.get(article.url)
    zipped_miss, zipped_hit = get_twice(client, article.url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert state(zipped_miss) == "miss" and state(zipped_hit) == "hit"
    assert zipped_hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped_hit["Vary"]
    assert gzip.decompress(zipped_hit.content) == plain.content
    assert "Content-Encoding" not in client.get(article.url)


# -- Variants ----------------------------------------------------------------------------------------------------


def test_each_display_mode_of_the_visually_impaired_version_is_its_own_page(client, page_cache, article):
    standard = client.get(article.url)
    client.cookies["vision"] = "xlarge.wb.off"
    large_miss, large_hit = get_twice(client, article.url)
    client.cookies["vision"] = "large.blue.on"
    blue = client.get(article.url)
    assert state(standard) == "miss" and state(large_miss) == "miss" and state(blue) == "miss"
    assert state(large_hit) == "hit"
    assert 'class="no-js vision vision-size-xlarge vision-scheme-wb vision-images-off"' in large_hit.content.decode()
    assert "vision-scheme-blue" in blue.content.decode()
    assert "vision-size" not in standard.content.decode()
    # A cookie the site does not understand is the standard version.
    client.cookies["vision"] = "nonsense"
    assert state(client.get(article.url)) == "hit"


def test_each_host_is_its_own_page(client, page_cache, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    client.get(article.url)
    assert state(client.get(article.url, HTTP_HOST="localhost")) == "miss"


def test_the_date_and_half_hour_are_part_of_the_key(client, page_cache, article, monkeypatch):
    """What ended earlier today (a reception, an event) leaves cached pages within half an hour."""
    from django.utils import timezone

    moment = timezone.make_aware(datetime(2026, 12, 9, 10, 5))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    client.get(article.url)
    monkeypatch.setattr(timezone, "now", lambda: moment + timedelta(minutes=20))
    assert state(client.get(article.url)) == "hit"
    monkeypatch.setattr(timezone, "now", lambda: moment + timedelta(minutes=30))
    assert state(client.get(article.url)) == "miss"
    monkeypatch.setattr(timezone, "now", lambda: moment + timedelta(days=1))
    assert state(client.get(article.url)) == "miss"


# -- Invalidation ------------------------------------------------------------------------------------------------


def test_publishing_a_new_revision_shows_at_once(client, page_cache, article):
    client.get(article.url)
    article.intro = "Вторая редакция."
    article.save_revision().publish()
    response = client.get(article.url)
    assert state(response) == "miss" and "Вторая редакция." in response.content.decode()


def test_unpublishing_takes_the_page_down_at_once(client, page_cache, home, article):
    client.get(home.url)
    client.get(article.url)
    assert state(client.get(article.url)) == "hit"
    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert state(client.get(home.url)) == "miss"


def test_a_draft_save_does_not_show_before_publishing(client, page_cache, article):
    client.get(article.url)
    article.intro = "Черновик."
    article.save_revision()
    response = client.get(article.url)
    assert "Черновик." not in response.content.decode() and "Первая редакция." in response.content.decode()


def test_site_setting_change_shows_on_every_cached_page(client, page_cache, home, article):
    client.get(article.url)
    client.get(home.url)
    settings_row = DepartmentSettings.objects.get(site=Site.objects.get(is_default_site=True))
    settings_row.reference_phone = "+7 (495) 999-99-99"
    settings_row.save()
    for url in (article.url, home.url):
        response = client.get(url)
        assert state(response) == "miss" and "+7 (495) 999-99-99" in response.content.decode()


def test_menu_item_change_shows_at_once(client, page_cache, home, article):
    nav, _ = NavigationSettings.objects.get_or_create(site=Site.objects.get(is_default_site=True))
    item = MainMenuItem.objects.create(setting=nav, page=article, title="Как мы работаем", sort_order=0)
    assert "Как мы работаем" in client.get(home.url).content.decode()
    item.title = "Порядок работы"
    item.save()
    assert "Порядок работы" in client.get(home.url).content.decode()
    item.delete()
    assert "Порядок работы" not in client.get(home.url).content.decode()


def test_content_model_save_and_delete_show_at_once(client, page_cache, home):
    schedule = ReceptionSchedulePageFactory(parent=home)
    official = OfficialFactory(surname="Соколов")
    rule = ReceptionRuleFactory(official=official, weekdays=[1], place=PlaceFactory(title="Зал заседаний"))
    assert "Зал заседаний" in client.get(schedule.url).content.decode()
    assert state(client.get(schedule.url)) == "hit"
    place = rule.place
    place.title = "Малый зал"
    place.save()
    assert "Малый зал" in client.get(schedule.url).content.decode()
    official.delete()
    assert "Соколов" not in client.get(schedule.url).content.decode()


def test_event_places_changed_through_the_relation_show_at_once(client, page_cache, home):
    from schedules.factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=index)
    client.get(event.url)
    event.places.add(PlaceFactory(title="Дом культуры «Октябрь»"))
    event.save()
    assert "Дом культуры «Октябрь»" in client.get(event.url).content.decode()


def test_personal_data_and_bookkeeping_do_not_invalidate(client, page_cache, article):
    from appeals_form.factories import AddresseeFactory, AppealFactory, TopicFactory
    from home import ratelimit

    addressee, topic = AddresseeFactory(), TopicFactory()  # shown on public pages: these do invalidate
    client.get(article.url)
    before = generation.current()
    AppealFactory(addressee=addressee, topic=topic, with_events=[{"kind": "in_work"}])
    ratelimit.hit(scope="test", key="127.0.0.1", limit=5, window_seconds=60)
    assert generation.current() == before
    assert state(client.get(article.url)) == "hit"


def test_change_inside_a_transaction_bumps_at_once_and_once_more_after_commit(page_cache, article):
    from django.db import connection

    before = generation.current()
    article.title = "Новое название"
    article.save()
    during = generation.current()
    article.save()
    assert before != during != generation.current()  # at once, at every write
    pending = [func for _sids, func, _robust in connection.run_on_commit if func is generation._bump_after_commit]
    assert len(pending) == 1  # and once after the commit, however many writes
    last = generation.current()
    pending[0]()
    assert generation.current() != last


# -- Never stored --------------------------------------------------------------------------------------------------


def test_logged_in_users_never_get_or_fill_the_cache(client, page_cache, article):
    client.get(article.url)
    editor = get_user_model().objects.create_user("editor", password="x" * 12)
    client.force_login(editor)
    assert [state(r) for r in get_twice(client, article.url)] == ["bypass", "bypass"]


def test_an_identified_applicant_reads_the_cache_but_never_fills_it(client, page_cache, article):
    applicant = Client()
    session = applicant.session
    session["identity"] = {"email": "ivanova@example.ru"}
    session.save()
    applicant.cookies["sessionid"] = session.session_key
    assert state(applicant.get(article.url)) == "bypass"
    assert state(client.get(article.url)) == "miss"
    assert state(applicant.get(article.url)) == "hit"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/t/cookie/", "sets a cookie"),
        ("/t/csrf/", "carries a CSRF token"),
        ("/t/private/", "Cache-Control: private"),
        ("/t/language/", "varies on a header the key does not cover"),
        ("/t/forbidden/", "status 403"),
        ("/t/session/", "writes the session"),
    ],
)
def test_refused_responses(client, page_cache, url, reason):
    assert [state(r) for r in get_twice(client, url)] == ["bypass", "bypass"], reason


def test_a_public_response_of_the_same_kind_is_stored(client, page_cache):
    assert [state(r) for r in get_twice(client, "/t/plain/")] == ["miss", "hit"]


def test_server_error_is_not_stored(page_cache):
    client = Client(raise_request_exception=False)
    responses = get_twice(client, "/t/boom/")
    assert [r.status_code for r in responses] == [500, 500]
    assert [state(r) for r in responses] == ["bypass", "bypass"]


def test_post_is_never_answered_from_the_cache(client, page_cache):
    client.get("/t/plain/")
    assert state(client.post("/t/plain/")) == "bypass"


@pytest.mark.parametrize(
    "url", ["/admin/", "/appeals/status/", "/appeals/status/abc/", "/identity/", "/vision/?mode=on", "/django-admin/"]
)
def test_private_areas_are_never_cached(client, page_cache, home, url):
    assert [state(r) for r in get_twice(client, url)] == ["bypass", "bypass"]


def test_search_results_and_unknown_parameters_are_not_cached(client, page_cache, article):
    # What a visitor types can be personal data; arbitrary parameters would flood the cache.
    assert [state(r) for r in get_twice(client, "/search/", data={"q": "Иванова Мария"})] == ["bypass", "bypass"]
    assert [state(r) for r in get_twice(client, article.url, data={"utm_source": "x"})] == ["bypass", "bypass"]
    assert [state(r) for r in get_twice(client, "/search/")] == ["miss", "hit"]


def test_forms_with_personal_data_are_never_stored(client, page_cache, home):
    appeal_page = AppealFormPageFactory(parent=home)
    schedule = ReceptionSchedulePageFactory(parent=home)
    official = OfficialFactory(slug="morozova")
    ReceptionRuleFactory(official=official, weekdays=[0, 1, 2, 3, 4], online_signup=True, place=PlaceFactory())
    for url in (appeal_page.url, schedule.url + "morozova/zapis/"):
        first, second = get_twice(client, url)
        assert first.status_code == 200
        assert [state(first), state(second)] == ["bypass", "bypass"], url
    cached = caches[generation.cache_alias()]
    assert not [key for key in cached._cache if "zapis" in key]  # nothing stored under any key


def test_nothing_stored_holds_a_csrf_token_or_an_identity(client, page_cache, home, article):
    appeal_page = AppealFormPageFactory(parent=home)
    for url in (home.url, article.url, appeal_page.url, "/t/csrf/", "/appeals/status/"):
        client.get(url)
    cached = caches[generation.cache_alias()]
    stored = [cached.get(key.split(":", 2)[2]) for key in list(cached._cache)]
    bodies = [entry[1][2] for entry in stored if isinstance(entry, tuple)]
    assert bodies, "public pages were stored"
    assert not any(b"csrfmiddlewaretoken" in body for body in bodies)
    assert not any("Интернет-приёмная".encode() in body.split(b"<main")[1] for body in bodies if b"<main" in body)


def test_header_only_when_asked(client, page_cache, article):
    page_cache.PAGE_CACHE_HEADER = False
    page_cache.DEBUG = False
    assert state(client.get(article.url)) is None
    assert state(client.get(article.url)) is None


def test_switched_off_it_renders_every_time(client, page_cache, article, django_assert_max_num_queries):
    page_cache.PAGE_CACHE_ENABLED = False
    client.get(article.url)
    response = client.get(article.url)
    assert state(response) is None and "Первая редакция." in response.content.decode()


def test_a_broken_generation_store_means_no_caching_not_errors(client, page_cache, article):
    page_cache.PAGE_CACHE_GENERATION = "cache"
    page_cache.CACHES = {**page_cache.CACHES, "pagecache": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    responses = get_twice(client, article.url)
    assert [r.status_code for r in responses] == [200, 200]
    assert [state(r) for r in responses] == ["bypass", "bypass"]


# -- Across processes ------------------------------------------------------------------------------------------------


def test_file_generation_seen_by_another_process_at_its_next_request(tmp_path):
    """Two workers: each its own FileGeneration (its own memory), one file."""
    path = tmp_path / "generation"
    worker_a, worker_b = generation.FileGeneration(path), generation.FileGeneration(path)
    token = worker_a.current()
    assert token and worker_b.current() == token
    worker_a.bump()
    assert worker_b.current() == worker_a.current() != token
    worker_b.bump()
    assert worker_a.current() == worker_b.current()


def test_a_worker_that_missed_many_quick_bumps_still_sees_the_last(tmp_path):
    path = tmp_path / "generation"
    writer, reader = generation.FileGeneration(path), generation.FileGeneration(path)
    for _ in range(100):
        reader.current()
        writer.bump()  # two bumps faster than the kernel's clock ticks, inode numbers reused:
        writer.bump()  # the reader saw neither, and must not take the second for the first
        assert reader.current() == writer.current()


def test_file_generation_never_returns_an_old_token(tmp_path):
    path = tmp_path / "generation"
    store_ = generation.FileGeneration(path)
    seen = {store_.current()}
    for _ in range(20):
        store_.bump()
        seen.add(store_.current())
    assert len(seen) == 21
    path.unlink()
    assert store_.current() not in seen  # a lost file gets a fresh token, never a constant


def test_cache_generation_is_shared_and_recreated_fresh(settings):
    settings.CACHES = {**settings.CACHES, "shared": {"BACKEND": LOCMEM, "LOCATION": "shared-generation"}}
    host_a, host_b = generation.CacheGeneration("shared"), generation.CacheGeneration("shared")
    token = host_a.current()
    assert host_b.current() == token
    host_b.bump()
    assert host_a.current() != token
    caches["shared"].clear()
    assert host_a.current() not in (None, token)


def test_two_workers_with_their_own_memory_caches_both_drop_a_changed_page(client, page_cache, article, monkeypatch):
    """Worker A and worker B each keep pages in their own local memory; an edit in A reaches B."""
    path = page_cache.PAGE_CACHE_GENERATION_FILE
    workers = {
        "worker-a": generation.FileGeneration(generation.Path(path)),
        "worker-b": generation.FileGeneration(generation.Path(path)),
    }
    page_cache.CACHES = {
        **page_cache.CACHES,
        "worker-a": {"BACKEND": LOCMEM, "LOCATION": f"a-{path}"},
        "worker-b": {"BACKEND": LOCMEM, "LOCATION": f"b-{path}"},
    }
    monkeypatch.setattr(generation, "backend", lambda: workers[generation.cache_alias()])

    def get(worker):
        page_cache.PAGE_CACHE_ALIAS = worker
        fragments.clear()  # each worker has its own fragments too
        return client.get(article.url)

    assert [state(get("worker-a")), state(get("worker-b"))] == ["miss", "miss"]
    assert [state(get("worker-a")), state(get("worker-b"))] == ["hit", "hit"]
    page_cache.PAGE_CACHE_ALIAS = "worker-a"
    article.intro = "Исправлено в воркере A."
    article.save_revision().publish()
    response = get("worker-b")
    # The editor's words as typed (shown with the house's no-break spaces: «в\u00a0воркере»).
    assert state(response) == "miss" and "Исправлено в воркере A." in response.content.decode().replace("\xa0", " ")


def test_the_key_names_everything_a_page_depends_on(rf, page_cache, article):
    request = rf.get("/poryadok/?page=2", HTTP_ACCEPT_ENCODING="gzip")
    request.COOKIES["vision"] = "large.wb.off"
    parts = store.page_key(request).split(":")
    assert parts[0] == "page"
    assert parts[2] == clock_slice()
    assert parts[3:7] == ["http", "testserver", "large.wb.off", "gz"]
    other = rf.get("/poryadok/?page=3")
    assert store.page_key(other).split(":")[-1] != parts[-1]


def test_an_entry_of_another_generation_is_a_miss_and_is_replaced(client, page_cache, article):
    client.get(article.url)
    cached = caches[generation.cache_alias()]
    (key,) = [key.split(":", 2)[2] for key in list(cached._cache)]
    token, _ = cached.get(key)
    assert token == generation.current()
    generation.bump()
    assert state(client.get(article.url)) == "miss"
    assert cached.get(key)[0] == generation.current() != token  # the same key, overwritten


def test_json_ld_and_breadcrumbs_are_the_same_from_the_cache(client, page_cache, home):
    from schedules.factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=index, title="Приём по ЖКХ")
    first, second = get_twice(client, event.url)
    assert state(second) == "hit" and first.content == second.content
    html = second.content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["name"] == "Приём по ЖКХ"
    assert 'aria-label="Навигационная цепочка"' in html


@pytest.fixture(params=["shared-locmem", "redis"])
def shared_cache(request, page_cache, redis_pages_url):
    """The generation in the same shared cache as the pages (production's layout)."""
    if request.param == "redis":
        redis = pytest.importorskip("redis")
        url = redis_pages_url
        try:
            redis.Redis.from_url(url, socket_connect_timeout=0.5).flushdb()
        except redis.exceptions.ConnectionError:
            pytest.skip("no Redis on 127.0.0.1:6379")
        backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "test-pages"}
    else:
        backend = {"BACKEND": LOCMEM, "LOCATION": f"shared-{page_cache.PAGE_CACHE_GENERATION_FILE}"}
    page_cache.CACHES = {**page_cache.CACHES, "pagecache": backend}
    page_cache.PAGE_CACHE_GENERATION = "cache"
    page_cache.PAGE_CACHE_GENERATION_RECHECK_MS = 1000
    yield request.param
    caches["pagecache"].clear()


def test_with_the_generation_in_the_shared_cache(client, shared_cache, article, django_assert_num_queries):
    assert isinstance(generation.backend(), generation.CacheGeneration)
    assert state(client.get(article.url)) == "miss"
    with django_assert_num_queries(0):
        assert state(client.get(article.url)) == "hit"
    article.intro = "Правка из другого воркера."
    article.save_revision().publish()
    response = client.get(article.url)
    assert state(response) == "miss" and "Правка из другого воркера." in response.content.decode()


@pytest.fixture
def moving_clock(monkeypatch):
    """The monotonic clock of the kept generation and the kept pages, moved by the test
    (ahead of the real one: what fixtures kept before is already stale)."""
    now = [time.monotonic() + 3600]
    monkeypatch.setattr(generation, "clock", lambda: now[0])
    return now


def round_trips(monkeypatch) -> list[str]:
    """The reads this process makes from the shared page cache from now on (one per round trip)."""
    cache, calls, depth = caches["pagecache"], [], [0]

    def counting(name, method):
        def call(*args, **kwargs):
            if not depth[0]:  # local memory's get_many calls its own get: one read
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counting(name, getattr(cache, name)))
    return calls


def test_a_page_served_again_within_the_recheck_time_needs_no_round_trip(
    client, shared_cache, article, moving_clock, monkeypatch
):
    assert state(client.get(article.url)) == "miss"
    calls = round_trips(monkeypatch)
    first = client.get(article.url)
    assert state(first) == "hit" and calls == []
    moving_clock[0] += 1.0
    second = client.get(article.url)
    # The generation is read again, with the page, in one round trip; the copy is fresh again too.
    assert state(second) == "hit" and calls == ["get_many"]
    assert second.content == first.content
    assert state(client.get(article.url)) == "hit" and calls == ["get_many"]


def publish_in_another_worker(monkeypatch, page, intro: str) -> None:
    """Publish as worker A would: its own generation store on the shared cache; this process keeps what it kept."""
    this_worker = generation.backend()
    worker_a = generation.CacheGeneration("pagecache", recheck=1.0)
    with monkeypatch.context() as patched:
        patched.setattr(generation, "backend", lambda: worker_a)
        patched.setattr(generation, "local_listeners", [])  # A's own copies and fragments, not ours
        page.intro = intro
        page.save_revision().publish()
    assert generation.backend() is this_worker


def test_another_workers_change_shows_within_the_recheck_time(client, shared_cache, article, moving_clock, monkeypatch):
    """Worker A publishes; this worker serves what it had for at most PAGE_CACHE_GENERATION_RECHECK_MS."""
    assert [state(client.get(article.url)) for _ in range(2)] == ["miss", "hit"]
    publish_in_another_worker(monkeypatch, article, "Правка из воркера A.")
    moving_clock[0] += 0.5
    assert "Первая редакция." in client.get(article.url).content.decode()
    moving_clock[0] += 0.5
    response = client.get(article.url)
    assert state(response) == "miss" and "Правка из воркера A." in response.content.decode()


def test_an_editor_sees_another_workers_change_at_once(client, shared_cache, article, moving_clock, monkeypatch):
    """Logged in, the generation is read afresh every request: the live page after publishing shows the new text."""
    client.force_login(get_user_model().objects.create_user("editor", password="x" * 12))
    assert "Первая редакция." in client.get(article.url).content.decode()  # this worker keeps the page for routing
    publish_in_another_worker(monkeypatch, article, "Правка редактора в воркере A.")
    response = client.get(article.url)
    words = response.content.decode().replace("\xa0", " ")
    assert state(response) == "bypass" and "Правка редактора в воркере A." in words


def test_a_page_never_stored_is_not_looked_for_while_the_generation_holds(
    client, shared_cache, article, moving_clock, monkeypatch
):
    """The appeal form answers everyone with no-store: looking for it in Redis was a round trip that always missed.
    Marked so (policy.never_stored), it is not looked for again until the generation changes; a page only its
    answer refuses to store (private) still is, as it may be stored for the next visitor."""
    assert state(client.get("/t/never/")) == "bypass"
    calls = round_trips(monkeypatch)
    assert [state(client.get("/t/never/")) for _ in range(2)] == ["bypass", "bypass"]
    assert calls == []
    assert state(client.get("/t/private/")) == "bypass" and calls == ["get"]
    publish_in_another_worker(monkeypatch, article, "Правка из воркера A.")
    moving_clock[0] += 1.0
    calls.clear()
    assert state(client.get("/t/never/")) == "bypass" and calls == ["get_many"]  # another generation: looked for
    assert state(client.get("/t/never/")) == "bypass" and calls == ["get_many"]


def test_the_appeal_form_is_not_looked_for_again(client, shared_cache, home, moving_clock, monkeypatch):
    appeal_page = AppealFormPageFactory(parent=home)
    assert state(client.get(appeal_page.url)) == "bypass"
    calls = round_trips(monkeypatch)
    assert state(client.get(appeal_page.url)) == "bypass" and calls == []


def test_a_kept_page_is_never_older_than_the_recheck_time(client, rf, shared_cache, article, moving_clock):
    """A page gone from the shared cache (expired, evicted) is gone here within the recheck time too."""
    assert [state(client.get(article.url)) for _ in range(2)] == ["miss", "hit"]
    caches["pagecache"].delete(store.page_key(rf.get(article.url)))
    moving_clock[0] += 1.0
    assert state(client.get(article.url)) == "miss"


def test_with_no_recheck_time_every_request_reads_the_shared_cache(
    client, settings, shared_cache, article, monkeypatch
):
    settings.PAGE_CACHE_GENERATION_RECHECK_MS = 0
    assert state(client.get(article.url)) == "miss"
    calls = round_trips(monkeypatch)
    assert [state(client.get(article.url)) for _ in range(2)] == ["hit", "hit"]
    assert calls == ["get_many", "get_many"] and local.held() == (0, 0)


def test_the_kept_pages_are_bounded(page_cache, moving_clock):
    page_cache.PAGE_CACHE_LOCAL_BYTES = 400
    page = (200, [], b"x" * 100)
    for key in ("a", "b", "c", "d", "e"):
        local.put(key, "t1", page)
    assert local.held() == (4, 400)  # the oldest went first
    assert local.get("a", "t1", 1.0) is None and local.get("e", "t1", 1.0) == page
    local.put("big", "t1", (200, [], b"x" * 101))  # over a quarter of the budget: never copied
    assert local.get("big", "t1", 1.0) is None and local.held() == (4, 400)
    local.put("e", "t1", (200, [], b"y" * 50))  # replaced, not counted twice
    assert local.held() == (4, 350)
    assert local.get("e", "t2", 1.0) is None  # another generation
    moving_clock[0] += 1.0
    assert local.get("e", "t1", 1.0) is None  # older than the recheck time
    page_cache.PAGE_CACHE_LOCAL_BYTES = 0
    local.clear()
    local.put("a", "t1", page)
    assert local.held() == (0, 0)
