"""E-mail confirmation codes.

Personal data is kept to a minimum: the address is stored only as an HMAC
(for look-ups and limits) and the code only as an HMAC bound to the row. The
mail itself is sent by a task whose arguments are encrypted (identity/crypto.py).
Expired rows are deleted by ``manage.py prune_email_codes``.
"""

from django.db import models


class EmailCode(models.Model):
    email_hash = models.CharField("Хеш адреса", max_length=64, db_index=True)
    salt = models.CharField("Соль", max_length=32)
    code_hash = models.CharField("Хеш кода", max_length=64)
    created_at = models.DateTimeField("Отправлен", db_index=True)
    expires_at = models.DateTimeField("Действует до", db_index=True)
    attempts = models.PositiveSmallIntegerField("Попыток ввода", default=0)
    confirmed_at = models.DateTimeField("Подтверждён", null=True, blank=True)

    class Meta:
        verbose_name = "код подтверждения"
        verbose_name_plural = "коды подтверждения"

    def __str__(self) -> str:
        return f"Код № {self.pk} от {self.created_at:%d.%m.%Y %H:%M}"
