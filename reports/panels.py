"""The editor's warning panel: typed figures that disagree with the computed ones.

Shown at the top of a report's edit page and computed from the content being
edited (the latest revision, the draft included). It never blocks saving or
publishing: the public page always shows the computed figures.
"""

from __future__ import annotations

from wagtail.admin.panels import Panel


class DiscrepanciesPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Проверка расчётов")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "discrepancies"

    class BoundPanel(Panel.BoundPanel):
        template_name = "reports/admin/discrepancies_panel.html"

        def get_context_data(self, parent_context=None):
            from reports import kinds

            context = super().get_context_data(parent_context)
            body = getattr(self.instance, "body", None)
            context["discrepancies"] = kinds.discrepancies(body) if body is not None else []
            context["has_tables"] = any(True for _ in kinds.table_blocks(body)) if body is not None else False
            return context
