"""The appeal queue from an officer's browser: log in to the admin, filter the
overdue appeals, open one, extend its deadline, record an answer.

Every screen of ours is checked with axe-core (WCAG 2.1 A/AA) and photographed
to tests/output/screenshots/queue-*.png. axe is scoped to the queue's own
markup (the dashboard panel, the listing's table, the appeal card and the
action forms: the containers `#appeal-queue-*` and `#listing-results`); the
Wagtail admin chrome around them (sidebar, header, filter drawer) is Wagtail's
own and is not ours to fix. Fixtures put the data in the database before the
browser starts; the test body keeps away from the ORM.
"""

import os
from datetime import timedelta
from types import SimpleNamespace

import pytest

from tests.browser.helpers import AXE_JS, WCAG_TAGS, format_violations, save_screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def queue_data(site_pages):
    """An officer with a password, an overdue appeal assigned to them, and one that is not overdue."""
    from django.utils import timezone

    from appeals_form.factories import AddresseeFactory, TopicFactory
    from appeals_form.models import Appeal
    from tests.appeals.queue_helpers import APPEALS, PASSWORD, appeal_in, make_user

    officer = make_user("ivanova.officer", APPEALS, first_name="Ирина", last_name="Иванова")
    today = timezone.localdate()
    overdue = appeal_in(
        Appeal.Status.IN_WORK,
        executor=officer,
        due_date=today - timedelta(days=4),
        surname="Просроченко",
        text="Во дворе дома 7 не вывозят мусор третью неделю.",
        email="prosrochenko@example.ru",
    )
    fresh = appeal_in(Appeal.Status.IN_WORK, executor=officer, due_date=today + timedelta(days=20), surname="Свежева")
    # Long words as the demo register has them: they decide how narrow the listing's columns can get.
    appeal_in(
        Appeal.Status.IN_WORK,
        executor=officer,
        due_date=today - timedelta(days=30),
        surname="Константинопольская",
        topic=TopicFactory(title="Торговля, рынки, нестационарные торговые объекты"),
        addressee=AddresseeFactory(name="Управление жилищно-коммунального хозяйства"),
    )
    answered = appeal_in(
        Appeal.Status.ANSWERED, executor=officer, due_date=today - timedelta(days=40), surname="Ответова"
    )
    return SimpleNamespace(
        base=site_pages.base,
        username=officer.username,
        password=PASSWORD,
        overdue_number=overdue.number,
        overdue_id=overdue.pk,
        fresh_number=fresh.number,
        fresh_id=fresh.pk,
        answered_number=answered.number,
    )


@pytest.fixture
def officer_page(queue_data, context):
    """A browser tab, opened only after queue_data is in the database."""
    return context.new_page()


def run_axe_on(page, selectors: list[str]) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async ([selectors, tags]) => {
            const include = selectors.filter((s) => document.querySelector(s)).map((s) => [s]);
            if (!include.length) { throw new Error('nothing to check: ' + selectors.join(', ')); }
            const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
            const result = await axe.run({include}, options);
            return result.violations;
        }""",
        [selectors, WCAG_TAGS],
    )


# The part of an element that an ancestor cuts off without letting it scroll: the name of that ancestor, or null.
CLIPPED_BY = """(selector) => {
    const right = document.querySelector(selector).getBoundingClientRect().right;
    for (let node = document.querySelector(selector).parentElement; node; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowX;
        if (overflow === "auto" || overflow === "scroll") return null;
        if ((overflow === "hidden" || overflow === "clip") && right > node.getBoundingClientRect().right + 0.5) {
            return `${node.tagName.toLowerCase()}.${[...node.classList].join(".")}`;
        }
    }
    return null;
}"""


# Text that an ancestor cuts off without letting it scroll (Wagtail's content area clips what
# overflows): the appeal card at 375 px lost its table columns and the end of long values.
CLIPPED_TEXT = """(selector) => {
    const found = [];
    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        if (!node.textContent.trim() || node.parentElement.closest(".visually-hidden, [hidden]")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (!rects.length) continue;
        const right = Math.max(...rects.map((r) => r.right));
        for (let el = node.parentElement; el; el = el.parentElement) {
            const overflow = getComputedStyle(el).overflowX;
            if (overflow === "auto" || overflow === "scroll") break;
            if ((overflow === "hidden" || overflow === "clip" || el === document.documentElement)
                    && right > Math.min(el.getBoundingClientRect().right, window.innerWidth) + 0.5) {
                found.push(node.textContent.trim().slice(0, 40));
                break;
            }
        }
    }
    return [...new Set(found)].slice(0, 10);
}"""


# Every «№» whose next visible character stands on another line: the card's title read «Обращение №» on one
# line and «ОГ-2026-803186» on the next at 375 px.
NUMBER_SIGN_APART = """(selector) => {
    const nodes = [];
    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) nodes.push(node);
    const top = (node, at) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        return rects.length ? rects[0].top : null;
    };
    const apart = [];
    nodes.forEach((node, index) => {
        for (let at = node.textContent.indexOf("№"); at !== -1; at = node.textContent.indexOf("№", at + 1)) {
            let next = index, offset = at + 1;
            while (next < nodes.length) {
                const text = nodes[next].textContent;
                while (offset < text.length && /\\s/.test(text[offset])) offset++;
                if (offset < text.length) break;
                next++;
                offset = 0;
            }
            if (next >= nodes.length) continue;
            const sign = top(node, at), after = top(nodes[next], offset);
            if (sign !== null && after !== null && Math.abs(sign - after) > 2) {
                apart.push(node.textContent.trim().slice(0, 40));
            }
        }
    });
    return apart;
}"""


def assert_nothing_clipped_at_375(page, name: str, selector: str) -> None:
    """At 375 px every text of ``selector`` is on the screen or in a box that scrolls sideways, and no «№»
    ends a line without its number."""
    page.set_viewport_size({"width": 375, "height": 812})
    # Wagtail's sidebar slides away on a narrow screen: measure once it has (mid-slide it still takes 200 px).
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    save_screenshot(page, f"queue-{name}-375")
    clipped = page.evaluate(CLIPPED_TEXT, selector)
    apart = page.evaluate(NUMBER_SIGN_APART, selector)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not clipped, f"{name} at 375 px cuts off: {clipped}"
    assert not apart, f"{name} at 375 px breaks a line after «№»: {apart}"


def check(page, name: str, selectors: list[str]) -> None:
    # After a click on a link the next screen may still be on its way: wait for it, not for a time.
    expect(page.locator(", ".join(selectors)).first).to_be_attached()
    save_screenshot(page, f"queue-{name}")
    violations = run_axe_on(page, selectors)
    assert not violations, f"{name}:\n{format_violations(violations)}"


def test_officer_filters_overdue_opens_extends_and_answers(queue_data, officer_page):
    page = officer_page
    data = queue_data

    # Log in with username and password.
    page.goto(data.base + "/admin/login/")
    page.fill("input[name=username]", data.username)
    page.fill("input[name=password]", data.password)
    page.click("button[type=submit]")
    expect(page.locator("#appeal-queue-panel")).to_be_visible()
    check(page, "1-dashboard", ["#appeal-queue-panel"])

    # The queue from the menu: the appeals still to be answered, not the answered one of the earliest deadline.
    page.locator("#wagtail-sidebar").get_by_role("link", name="Обращения", exact=True).click()
    expect(page.get_by_role("link", name=data.fresh_number)).to_be_visible()
    expect(page.get_by_role("link", name=data.answered_number)).to_have_count(0)
    # At 1280 px with the menu open every column is on the screen (the deadline column was cut off).
    assert page.evaluate(CLIPPED_BY, "#listing-results table") is None
    assert page.evaluate("document.querySelector('#listing-results table').getBoundingClientRect().right") <= 1280
    expect(page.locator("#listing-results")).to_contain_text("просрочено на")
    check(page, "2-listing", ["#listing-results"])
    page.get_by_role("button", name="Показать фильтры").click()
    page.get_by_role("button", name="Просроченные").click()
    page.get_by_label("Только просроченные (срок истёк, ответа нет)").check()
    expect(page.get_by_role("link", name=data.fresh_number)).to_have_count(0)
    expect(page.get_by_role("link", name=data.overdue_number)).to_be_visible()
    assert "overdue=1" in page.url
    page.get_by_role("button", name="Показать фильтры").click()  # close the drawer
    check(page, "3-overdue", ["#listing-results"])

    # Open the overdue appeal.
    page.get_by_role("link", name=data.overdue_number).click()
    expect(page.locator("#appeal-queue-detail")).to_contain_text("Просроченко")
    expect(page.locator("#appeal-queue-detail")).to_contain_text("просрочено на")
    check(page, "4-detail", ["#appeal-queue-detail"])
    # The card's sections (the appeal, the applicant, the identification) keep their values in one column.
    value_lefts = "els => [...new Set(els.map((el) => Math.round(el.getBoundingClientRect().left)))]"
    assert len(page.eval_on_selector_all("#appeal-queue-detail .appeal-queue__facts dd", value_lefts)) == 1

    # An expired deadline is not offered an extension, and the card says why.
    expect(page.get_by_role("link", name="Продлить срок рассмотрения")).to_have_count(0)
    expect(page.locator("#appeal-queue-detail")).to_contain_text("продлить можно только срок, который ещё не истёк")
    assert_nothing_clipped_at_375(page, "4-detail", "#appeal-queue-detail")

    # Extend a running deadline: first a mistake, then right.
    page.goto(f"{data.base}/admin/appeals/{data.fresh_id}/")
    page.get_by_role("link", name="Продлить срок рассмотрения").click()
    check(page, "5-extend-form", ["#appeal-queue-action"])
    page.get_by_label("Продлить на, календарных дней").fill("45")
    page.get_by_role("button", name="Продлить срок").click()
    expect(page.locator("#appeal-form-errors")).to_be_visible()
    check(page, "6-extend-errors", ["#appeal-queue-action"])
    page.get_by_label("Продлить на, календарных дней").fill("30")
    page.get_by_label("Основание продления").fill("Направлен запрос в управляющую компанию")
    page.get_by_role("button", name="Продлить срок").click()
    expect(page.locator(".messages")).to_contain_text("продлён до")
    expect(page.locator("#appeal-queue-detail")).to_contain_text("прежний срок")
    check(page, "7-extended", ["#appeal-queue-detail"])
    assert_nothing_clipped_at_375(page, "7-extended", "#appeal-queue-detail")

    # Back to the overdue appeal: record the answer (late: the card says so).
    page.get_by_role("link", name="← Ко всем обращениям").click()
    page.get_by_role("link", name=data.overdue_number).click()
    page.get_by_role("link", name="Записать ответ").click()
    page.get_by_label("Разъяснено").check()
    page.get_by_label("Текст ответа").fill("Вывоз мусора восстановлен, график согласован с перевозчиком.")
    page.get_by_label("Рассмотрено с выездом на место").check()
    check(page, "8-answer-form", ["#appeal-queue-action"])
    page.get_by_role("button", name="Записать ответ").click()
    expect(page.locator(".messages")).to_contain_text("записан")
    detail = page.locator("#appeal-queue-detail")
    expect(detail).to_contain_text("Дан ответ")
    expect(detail).to_contain_text("Разъяснено; рассмотрено с выездом на место")
    expect(detail.get_by_role("link", name="Завершить рассмотрение")).to_be_visible()
    check(page, "9-answered", ["#appeal-queue-detail"])
