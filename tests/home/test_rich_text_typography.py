"""Rich text an editor typed keeps «№ 2», «от 02.05.2006» and «с 5» on one line, as the site's own text does.

On a 375 px phone «Федеральный закон от 02.05.2006 № 59-ФЗ» broke after «№» or after «59-» in editors'
paragraphs, while the same words in the site's own templates did not (``home.textformat.no_break``).
Wagtail writes every rich text through ``wagtailcore/shared/richtext.html``; the project's copy applies
the rule to the text between tags (``home.textformat.no_break_html``).
"""

import re

import pytest
from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.templatetags.wagtailcore_tags import richtext

from home.textformat import no_break_html

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (
            "<p>Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке»</p>",
            f'<p>Федеральный закон от{NBSP}02.05.2006 <span class="keep-whole">№{NBSP}59-ФЗ</span>'
            f" «О{NBSP}порядке»</p>",
        ),
        (
            "<p>Закон № 164/2006-ОЗ, ст. 13.</p>",
            f'<p>Закон <span class="keep-whole">№{NBSP}164/2006-ОЗ</span>, ст.{NBSP}13.</p>',
        ),
        # Sentence punctuation after the number stays outside the kept box.
        ("<p>Кабинет № 2.</p>", f'<p>Кабинет <span class="keep-whole">№{NBSP}2</span>.</p>'),
        # Tags and attributes stay as they are; the link's words follow the rule.
        (
            '<p><a href="/doc/a b/" title="с 5 до 6">в 5 часов</a></p>',
            f'<p><a href="/doc/a b/" title="с 5 до 6">в{NBSP}5 часов</a></p>',
        ),
        # Entities stay entities.
        ("<p>в 2026 году &amp; с 5</p>", f"<p>в{NBSP}2026 году &amp; с{NBSP}5</p>"),
        # Already kept: nothing doubled.
        (f"<p>№{NBSP}5</p>", f'<p><span class="keep-whole">№{NBSP}5</span></p>'),
        ("", ""),
    ],
)
def test_the_words_between_tags_follow_the_house_rule(typed, shown):
    assert no_break_html(typed) == shown


@pytest.mark.parametrize("tag", ["code", "pre", "script", "style", "textarea"])
def test_verbatim_text_is_left_as_typed(tag):
    typed = f'<p>в 5</p><{tag} class="x">var a = "в 5 № 2";</{tag}><p>в 5</p>'
    assert no_break_html(typed) == f'<p>в{NBSP}5</p><{tag} class="x">var a = "в 5 № 2";</{tag}><p>в{NBSP}5</p>'


def test_a_self_closing_tag_does_not_start_verbatim_text():
    assert no_break_html("<code/>в 5") == f"<code/>в{NBSP}5"


def test_every_way_wagtail_writes_rich_text_goes_through_the_rule():
    source = "<p>Приём в кабинете № 12 с 9:00</p>"
    expected = f'<span class="keep-whole">№{NBSP}12</span> с{NBSP}9:00'
    assert expected in richtext(source)  # {{ page.intro|richtext }}
    assert expected in str(RichText(source))  # a RichTextField's value in a template
    block = blocks.RichTextBlock()
    assert expected in block.render(block.to_python(source))  # a StreamField paragraph
    # What an editor searches for is the words as typed: the search index reads the source, not the HTML.
    assert "№ 12" in block.get_searchable_content(block.to_python(source))[0]


_BREAKABLE = re.compile(r"(?:№|\bот) \d")


def _visible_text(html: str) -> str:
    """The page's own content (``<main>``: not the tab's title), without scripts and styles, tags as line ends."""
    html = html.split("<main", 1)[-1].split("</main>", 1)[0]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", "\n", html)


@pytest.mark.django_db
def test_no_demo_page_lets_a_line_break_after_a_number_sign(demo_site, client):
    """Every live demo page: no «№ 59» or «от 02.05.2006» whose space a phone may break at."""
    pages = Page.objects.descendant_of(demo_site.root_page, inclusive=True).live().public().specific()
    checked = found = 0
    for page in pages:
        response = client.get(page.url, HTTP_HOST=demo_site.hostname)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        text = _visible_text(response.content.decode())
        checked += 1
        found += text.count(f"№{NBSP}")
        assert not _BREAKABLE.findall(text), (page.url, _BREAKABLE.findall(text)[:3])
    assert checked > 10
    assert found > 5  # the demo's laws and rooms are there, kept whole
