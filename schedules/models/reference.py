"""Public reference data of the schedules: places, officials, their reception rules and exceptions, event topics."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from home.translit import latin_slug
from home.workdays import is_working_day

from .fields import WeekdaysField, WeeksOfMonthField


def default_slot_minutes() -> int:
    return settings.SCHEDULES_SLOT_MINUTES


def default_places() -> int:
    return settings.SCHEDULES_PLACES_PER_SESSION


def transliterate_slug(text: str) -> str:
    return latin_slug(text, max_length=80, fallback="official")


class Place(models.Model):
    """Where receptions are held."""

    title = models.CharField("Название", max_length=255, help_text="Например: Администрация городского округа.")
    address = models.CharField("Адрес", max_length=255)
    room = models.CharField("Кабинет, зал", max_length=100, blank=True)
    directions = models.TextField("Как добраться", blank=True)
    accessibility = models.TextField(
        "Доступность",
        blank=True,
        help_text="Пандус, лифт, вход для маломобильных граждан, помощь сотрудника.",
    )
    map_url = models.URLField("Ссылка на карту", blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("address"),
        FieldPanel("room"),
        FieldPanel("directions"),
        FieldPanel("accessibility"),
        FieldPanel("map_url"),
    ]

    class Meta:
        verbose_name = "Место приёма"
        verbose_name_plural = "Места приёма"
        ordering = ["title", "address"]

    def __str__(self) -> str:
        return f"{self.title}, {self.full_address}"

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.room}" if self.room else self.address


class EventTopic(models.Model):
    """A topic of thematic receptions and other events (a managed list)."""

    title = models.CharField("Тема", max_length=255, unique=True)
    order = models.PositiveIntegerField("Порядок", default=0)

    panels = [FieldPanel("title"), FieldPanel("order")]

    class Meta:
        verbose_name = "Тема мероприятий"
        verbose_name_plural = "Темы мероприятий"
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Official(ClusterableModel):
    """An official who receives residents in person."""

    surname = models.CharField("Фамилия", max_length=100)
    first_name = models.CharField("Имя", max_length=100)
    patronymic = models.CharField("Отчество", max_length=100, blank=True)
    position = models.CharField("Должность", max_length=255)
    department = models.CharField(
        "Направление / подразделение",
        max_length=255,
        blank=True,
        help_text="По нему жители фильтруют график: например «Жилищно-коммунальное хозяйство».",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Фотография",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        "Альтернативный текст фотографии", max_length=255, blank=True, help_text="Например: «Фотография И. И. Иванова»."
    )
    order = models.PositiveIntegerField("Порядок", default=0, help_text="Меньше — выше в графике.")
    slug = models.SlugField(
        "Адрес страницы",
        max_length=100,
        unique=True,
        blank=True,
        help_text="Латиницей; если пусто, будет составлен из фамилии.",
    )
    is_active = models.BooleanField("Показывать в графике", default=True)
    is_demo = models.BooleanField("Демонстрационные данные", default=False, editable=False)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("surname"), FieldPanel("first_name"), FieldPanel("patronymic")]),
                FieldPanel("position"),
                FieldPanel("department"),
                FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
                FieldRowPanel([FieldPanel("order"), FieldPanel("slug"), FieldPanel("is_active")]),
            ],
            heading="Должностное лицо",
        ),
        InlinePanel("rules", heading="Правила приёма", label="Правило", min_num=0),
        InlinePanel(
            "absences",
            heading="Отпуск, болезнь, командировка, замещение",
            label="Период отсутствия",
            help_text="Приёмы в эти дни отменяются или их ведёт замещающий; записавшимся на отменённые "
            "приёмы придёт письмо.",
        ),
        InlinePanel(
            "exceptions",
            heading="Исключения одного дня: отмена, перенос, другое место",
            label="Исключение",
        ),
    ]

    class Meta:
        verbose_name = "Должностное лицо"
        verbose_name_plural = "Должностные лица"
        ordering = ["order", "surname", "first_name"]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.position}"

    @property
    @admin.display(description="ФИО")  # the admin listing's column heading (it read «Full name»)
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.first_name, self.patronymic) if part)

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt:
            raise ValidationError({"photo_alt": "Опишите фотографию: текст прочитают программы экранного доступа."})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = transliterate_slug(f"{self.surname} {self.first_name}")
            slug, n = base, 2
            while Official.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)


class ReceptionRule(Orderable):
    """A recurring reception: weekdays, weeks of the month, time, place."""

    class SignupMode(models.TextChoices):
        SLOTS = "slots", "по времени (интервалы)"
        PLACES = "places", "по количеству мест"

    official = ParentalKey(Official, related_name="rules", on_delete=models.CASCADE)
    weekdays = WeekdaysField("Дни недели", blank=False)
    weeks = WeeksOfMonthField(
        "Недели месяца",
        help_text="Ничего не отмечено — каждую неделю. «Последняя» — последний такой день месяца.",
    )
    time_from = models.TimeField("Начало")
    time_to = models.TimeField("Окончание")
    place = models.ForeignKey(Place, verbose_name="Место", on_delete=models.PROTECT, related_name="+")
    phone = models.CharField("Телефон для записи", max_length=64, blank=True)
    online_signup = models.BooleanField("Запись через сайт", default=False)
    signup_mode = models.CharField(
        "Как записывать", max_length=10, choices=SignupMode.choices, default=SignupMode.SLOTS
    )
    slot_minutes = models.PositiveSmallIntegerField(
        "Длина интервала, минут", default=default_slot_minutes, help_text="При записи по времени."
    )
    places = models.PositiveSmallIntegerField(
        "Мест на приём", default=default_places, help_text="При записи по количеству мест."
    )
    valid_from = models.DateField("Действует с", null=True, blank=True)
    valid_to = models.DateField("Действует по", null=True, blank=True)
    notes = models.CharField("Примечание", max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("weekdays"), FieldPanel("weeks")]),
        FieldRowPanel([FieldPanel("time_from"), FieldPanel("time_to")]),
        FieldPanel("place"),
        FieldPanel("phone"),
        FieldRowPanel([FieldPanel("online_signup"), FieldPanel("signup_mode")]),
        FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("places")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Правило приёма"
        verbose_name_plural = "Правила приёма"

    def __str__(self) -> str:
        from schedules.rules import describe_rule

        return describe_rule(self)

    def clean(self):
        super().clean()
        errors = {}
        if self.time_from and self.time_to and self.time_to <= self.time_from:
            errors["time_to"] = "Окончание приёма должно быть позже начала."
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "Дата окончания раньше даты начала."
        if self.signup_mode == self.SignupMode.SLOTS and not self.slot_minutes:
            errors["slot_minutes"] = "Укажите длину интервала."
        if self.signup_mode == self.SignupMode.PLACES and not self.places:
            errors["places"] = "Укажите количество мест."
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


class ReceptionException(Orderable):
    """One reception of an official cancelled or moved to another day or time."""

    class Action(models.TextChoices):
        CANCELLED = "cancelled", "отменён"
        MOVED = "moved", "перенесён"
        PLACE = "place", "проводится в другом месте"

    official = ParentalKey(Official, related_name="exceptions", on_delete=models.CASCADE)
    date = models.DateField("Дата приёма по графику")
    action = models.CharField("Что происходит", max_length=10, choices=Action.choices, default=Action.CANCELLED)
    new_date = models.DateField("Новая дата", null=True, blank=True, help_text="Для переноса.")
    new_time_from = models.TimeField("Новое время начала", null=True, blank=True)
    new_time_to = models.TimeField("Новое время окончания", null=True, blank=True)
    new_place = models.ForeignKey(
        Place, verbose_name="Новое место", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField("Причина", max_length=255)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("new_date"), FieldPanel("new_time_from"), FieldPanel("new_time_to")]),
        FieldPanel("new_place"),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Исключение из графика"
        verbose_name_plural = "Исключения из графика"

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.get_action_display()}"

    def clean(self):
        super().clean()
        if self.action == self.Action.PLACE and not self.new_place_id:
            raise ValidationError({"new_place": "Укажите, где пройдёт приём в этот день."})
        if self.action == self.Action.PLACE and bool(self.new_time_from) != bool(self.new_time_to):
            raise ValidationError({"new_time_to": "Укажите и начало, и окончание нового времени."})
        if self.action == self.Action.MOVED:
            if not self.new_date:
                raise ValidationError({"new_date": "Укажите новую дату приёма."})
            if not is_working_day(self.new_date):
                raise ValidationError({"new_date": "Новая дата — нерабочий день по производственному календарю."})
            if bool(self.new_time_from) != bool(self.new_time_to):
                raise ValidationError({"new_time_to": "Укажите и начало, и окончание нового времени."})
            if self.new_time_from and self.new_time_to and self.new_time_to <= self.new_time_from:
                raise ValidationError({"new_time_to": "Окончание приёма должно быть позже начала."})


class Absence(Orderable):
    """An official away for a period (vacation, sick leave, business trip), perhaps replaced by a deputy.

    Every reception of the official in the period is cancelled, or, with a
    deputy, held by the deputy at the usual time and place.
    """

    class Kind(models.TextChoices):
        VACATION = "vacation", "отпуск"
        SICK_LEAVE = "sick_leave", "болезнь"
        TRIP = "trip", "командировка"
        OTHER = "other", "другое"

    official = ParentalKey(Official, related_name="absences", on_delete=models.CASCADE)
    kind = models.CharField("Причина", max_length=16, choices=Kind.choices, default=Kind.VACATION)
    date_from = models.DateField("С")
    date_to = models.DateField("По", help_text="Включительно.")
    deputy = models.ForeignKey(
        Official,
        verbose_name="Приём ведёт (замещающий)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Пусто — приёмы в эти дни отменяются.",
    )
    note = models.CharField(
        "Примечание для жителей", max_length=255, blank=True, help_text="Например: «Запись по телефону 8 (495) …»."
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date_from"), FieldPanel("date_to")]),
        FieldPanel("deputy"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Период отсутствия"
        verbose_name_plural = "Периоды отсутствия"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} с {self.date_from:%d.%m.%Y} по {self.date_to:%d.%m.%Y}"

    def covers(self, day: date) -> bool:
        return self.date_from <= day <= self.date_to

    @property
    def period_text(self) -> str:
        return f"с {self.date_from:%d.%m.%Y} по {self.date_to:%d.%m.%Y}"

    def clean(self):
        super().clean()
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": "Дата окончания раньше даты начала."})
        if self.deputy_id and self.deputy_id == self.official_id:
            raise ValidationError({"deputy": "Должностное лицо не может замещать само себя."})
