"""Counters of the shared rate limiter (see home/ratelimit.py).

One row per scope, hashed key and fixed time window. Keys are HMACs, so no raw
IP address or e-mail address is ever stored here.
"""

from django.db import models


class RateLimitCounter(models.Model):
    scope = models.CharField("Область", max_length=64)
    key_hash = models.CharField("Хеш ключа", max_length=64)
    window_seconds = models.PositiveIntegerField("Длина окна, с")
    window_start = models.DateTimeField("Начало окна")
    expires_at = models.DateTimeField("Окно закрывается", db_index=True)
    count = models.PositiveIntegerField("Счётчик", default=0)

    class Meta:
        verbose_name = "счётчик ограничения частоты"
        verbose_name_plural = "счётчики ограничения частоты"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key_hash", "window_seconds", "window_start"],
                name="home_ratelimit_one_row_per_window",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key_hash[:8]}… {self.window_start:%Y-%m-%d %H:%M:%S}: {self.count}"
