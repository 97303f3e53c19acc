"""What each search backend's index was last built with (see home/searchindex.py)."""

from django.db import models


class SearchIndexState(models.Model):
    backend = models.CharField("Поисковый индекс", max_length=100, unique=True)
    fingerprint = models.CharField("Отпечаток настроек поиска", max_length=64)
    built_at = models.DateTimeField("Перестроен", auto_now=True)

    class Meta:
        verbose_name = "состояние поискового индекса"
        verbose_name_plural = "состояния поисковых индексов"

    def __str__(self) -> str:
        return f"{self.backend}: {self.fingerprint}"
