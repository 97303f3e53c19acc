"""The kinds and statuses of acts."""

from django.db import models

from regulations import naming


class Kind(models.TextChoices):
    FEDERAL_LAW = naming.FEDERAL_LAW, "Федеральный закон"
    REGIONAL_LAW = naming.REGIONAL_LAW, "Закон субъекта РФ"
    RESOLUTION = naming.RESOLUTION, "Постановление"
    ORDER = naming.ORDER, "Распоряжение"
    REGULATION = naming.REGULATION, "Регламент"


class Status(models.TextChoices):
    IN_FORCE = "in_force", "Действует"
    AMENDED = "amended", "Действует в редакции изменений"
    REPEALED = "repealed", "Утратил силу"


# Statuses of an act that is in force, in whichever wording.
CURRENT_STATUSES = (Status.IN_FORCE, Status.AMENDED)
