"""The count under every admin list, in Russian (``templates/wagtailadmin/shared/pagination_nav.html``).

Wagtail writes «{count} {verbose_name_plural}»: «5 Обращения», «21 Должностные лица», «2 Изображения».
A list whose paginator names its noun's three forms (``count_forms``: one, few, many) counts with them
(«21 обращение», «5 выгрузок персональных данных»); any other list puts its plural name first, which
reads right with every number: «Должностные лица: 21».
"""

from django import template
from django.utils.text import capfirst

from home.textformat import counted, grouped

register = template.Library()


@register.simple_tag
def items_count(paginator) -> str:
    forms = getattr(paginator, "count_forms", None)
    if forms:
        return counted(paginator.count, *forms)
    name = getattr(paginator, "verbose_name_plural", None)
    if name is None:  # Django's own paginator (a few of Wagtail's views): no count, as in Wagtail's template
        return ""
    return f"{capfirst(name)}: {grouped(paginator.count)}"
