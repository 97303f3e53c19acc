"""The officer's forms, one per action. They only collect input; the rules are in workflow."""

from django import forms
from django.conf import settings
from django.utils import timezone
from wagtail.admin.widgets import AdminPageChooser

from appeals_form import attachments, deadlines, selectors
from appeals_form.models import Appeal, PublishedAnswerPage
from appeals_form.workflow import complaints, dates
from appeals_form.workflow.actions import REPEATED_NEEDS_NOTE

from . import kept_files
from .filters import officer_label

TEXT_MAX_LENGTH = 20_000
NOTE_MAX_LENGTH = 2_000


def note_field(help_text: str = "Видна только сотрудникам.") -> forms.CharField:
    """The officer's note of an action: seen by staff only (the history's private note)."""
    return forms.CharField(
        label="Служебная отметка",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return officer_label(obj)


class AppealActionForm(forms.Form):
    def __init__(self, *args, appeal: Appeal, **kwargs):
        self.appeal = appeal
        super().__init__(*args, **kwargs)


class AssignForm(AppealActionForm):
    """Department and executor, pre-filled from the routing rule; a pick against the rule must be confirmed."""

    department = forms.ModelChoiceField(
        label="Ответственное подразделение",
        queryset=selectors.department_choices(),
        required=False,
        empty_label="— не менять —",
        help_text="Орган или структурное подразделение, которое готовит ответ.",
    )
    executor = OfficerChoiceField(
        label="Исполнитель",
        queryset=selectors.appeals_officers(),
        required=False,
        empty_label="— не менять —",
        help_text="Сотрудник отдела по работе с обращениями, который ведёт обращение.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = selectors.department_choices()
        self.fields["executor"].queryset = selectors.appeals_officers()
        self.rule = selectors.routing_rule_for(self.appeal)
        rule = self.rule
        self.initial.setdefault("department", self.appeal.department_id or (rule.department_id if rule else None))
        self.initial.setdefault("executor", self.appeal.executor_id or (rule.executor_id if rule else None))
        if rule is not None:
            self.fields["confirm_deviation"] = forms.BooleanField(
                label="Назначить не по правилу распределения",
                required=False,
                help_text=f"Правило: {rule.condition_label} → {rule.outcome_label}. "
                "Отметьте, если выбор сознательно отличается от правила.",
            )
            self.fields["deviation_reason"] = forms.CharField(
                label="Почему не по правилу",
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Необязательно. Попадёт в историю обращения.",
            )

    def deviations(self, cleaned) -> list[str]:
        """What the pick changes against the rule (a value kept from before is no deviation)."""
        rule, appeal = self.rule, self.appeal
        if rule is None:
            return []
        found = []
        department, executor = cleaned.get("department"), cleaned.get("executor")
        if rule.department_id and department and department.pk not in (rule.department_id, appeal.department_id):
            found.append(f"подразделение «{department.name}» вместо «{rule.department.name}»")
        if rule.executor_id and executor and executor.pk not in (rule.executor_id, appeal.executor_id):
            found.append(f"исполнитель {officer_label(executor)} вместо {officer_label(rule.executor)}")
        return found

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("department") and not cleaned.get("executor") and not self.errors:
            raise forms.ValidationError("Выберите подразделение или исполнителя.")
        department = cleaned.get("department")
        refused = department and complaints.forbidden_addressee_refusal(
            self.appeal, department.name, sending="передать на рассмотрение в"
        )
        if refused:
            self.add_error("department", refused.message)
        self.deviation = self.deviations(cleaned)
        if self.deviation and not cleaned.get("confirm_deviation"):
            self.add_error(
                "confirm_deviation",
                "Выбор отличается от правила распределения: " + "; ".join(self.deviation) + ". "
                "Проверьте выбор; если он верен, отметьте это поле и сохраните ещё раз.",
            )
        return cleaned


class RedirectForm(AppealActionForm):
    body = forms.CharField(
        label="Орган, в который направляется обращение",
        max_length=255,
        help_text="Полное наименование органа или должностного лица, в компетенцию которого входит вопрос.",
        error_messages={"required": "Укажите орган, в который направлено обращение."},
    )
    redirected_on = forms.DateField(
        label="Дата направления",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Укажите дату направления.", "invalid": "Введите дату в формате ДД.ММ.ГГГГ."},
    )
    note = note_field("Видна только сотрудникам, например исходящий номер сопроводительного письма.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("redirected_on", timezone.localdate())
        limit = dates.redirect_deadline(self.appeal.registered_at)
        self.fields["redirected_on"].help_text = (
            f"Срок направления по компетенции — {settings.APPEALS_REDIRECT_DAYS} дней со дня регистрации: "
            f"до {limit:%d.%m.%Y} включительно."
        )
        if self.appeal.kind == Appeal.Kind.COMPLAINT and self.appeal.complaint_against:
            self.fields[
                "body"
            ].help_text += (
                f" Жалоба подана на «{self.appeal.complaint_against}»: направить её туда нельзя (ч. 6 ст. 8 59-ФЗ)."
            )

    def clean_body(self):
        body = self.cleaned_data["body"]
        refused = complaints.forbidden_addressee_refusal(self.appeal, body, sending="направить на рассмотрение в")
        if refused:
            raise forms.ValidationError(refused.message, code=refused.code)
        return body


class ExtendForm(AppealActionForm):
    days = forms.IntegerField(
        label="Продлить на, календарных дней",
        min_value=1,
        max_value=settings.APPEALS_MAX_EXTENSION_DAYS,
        error_messages={
            "required": "Укажите, на сколько дней продлить срок.",
            "min_value": "Срок продлевается хотя бы на 1 день.",
            "max_value": f"Срок продлевается не более чем на {settings.APPEALS_MAX_EXTENSION_DAYS} дней.",
        },
    )
    reason = forms.CharField(
        label="Основание продления",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Например: направлен запрос в другой орган (ч. 2 ст. 10 59-ФЗ).",
        error_messages={"required": "Укажите основание продления срока."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        maximum = settings.APPEALS_MAX_EXTENSION_DAYS
        self.initial.setdefault("days", maximum)
        longest = deadlines.extended_due_date(self.appeal.due_date, maximum)
        self.fields["days"].help_text = (
            f"Один раз, не более чем на {maximum} дней. Новый срок считается от текущего "
            f"({self.appeal.due_date:%d.%m.%Y}) и переносится с нерабочего дня; "
            f"при продлении на {maximum} дней — до {longest:%d.%m.%Y}."
        )


class AnswerForm(AppealActionForm):
    result = forms.ChoiceField(
        label="Результат рассмотрения (ССТУ.РФ)",
        choices=[(value, Appeal.Result(value).label) for value in Appeal.ANSWER_RESULTS],
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите результат рассмотрения."},
    )
    text = forms.CharField(
        label="Текст ответа",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Будет направлен заявителю по электронной почте. Нужен текст, файл или и то и другое.",
    )
    file = forms.FileField(
        label="Файл ответа",
        required=False,
        help_text="Подписанный ответ, например PDF. Хранится закрыто и приложится к письму заявителю.",
    )
    site_visit = forms.BooleanField(label="Рассмотрено с выездом на место", required=False)
    # The signed token of a file chosen before the form came back with an error (kept_files).
    kept_file = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = kept_files.kept(self.data.get("kept_file", ""), appeal_id=self.appeal.pk) if self.is_bound else None
        if self.kept is not None:
            self._show_kept(self.kept)

    def _show_kept(self, staged) -> None:
        text = (
            f"Приложен файл «{staged.original_name}» ({attachments.human_size(staged.size)}): он сохранён, "
            "выбирать его снова не нужно. Чтобы заменить его, выберите другой файл."
        )
        self.fields["file"].help_text = text
        self["file"].help_text = text  # the bound field copied the hint when the form was cleaned

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file"):
            kept_files.discard(self.kept)  # a new choice replaces the kept file
            self.kept = None
        has_file = cleaned.get("file") or self.kept
        if not (cleaned.get("text") or "").strip() and not has_file and not self.errors:
            raise forms.ValidationError("Введите текст ответа или приложите файл ответа.")
        return cleaned

    def keep_file(self) -> None:
        """On an error, stage the file just chosen so that the form shown again carries it."""
        upload = self.files.get("file")
        if not upload or self.has_error("file"):
            return
        staged, token, refused = kept_files.keep(upload, appeal_id=self.appeal.pk)
        if refused:
            self.add_error("file", refused)
            return
        self.kept = staged
        self.data = self.data.copy()
        self.data["kept_file"] = token
        self._show_kept(staged)

    def answer_file(self) -> tuple[str, bytes | None]:
        """The answer's file as (name, content): the one chosen now, else the kept one, else ("", None)."""
        upload = self.cleaned_data.get("file")
        if upload:
            upload.seek(0)
            # One byte over the limit is enough for the check to refuse it.
            return upload.name, upload.read(settings.APPEALS_MAX_FILE_SIZE + 1)
        if self.kept is not None:
            return self.kept.original_name, kept_files.read(self.kept)
        return "", None


class NoAnswerForm(AppealActionForm):
    reason = forms.ChoiceField(
        label="Основание",
        choices=Appeal.NoAnswerReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите основание."},
        help_text="Заявитель получит уведомление, кроме анонимного обращения (ему некуда ответить).",
    )
    note = note_field(
        "Видна только сотрудникам. Для ч. 5 ст. 11 обязательна: прежние обращения заявителя по этому "
        "вопросу, даты ответов по существу и кто принял решение о прекращении переписки."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if self.appeal.names_applicant_and_reply_address:
            # Not anonymous (the applicant's surname and a reply address are there): that ground is not offered.
            field.choices = [c for c in field.choices if c[0] != Appeal.NoAnswerReason.ANONYMOUS]
            field.help_text = "Заявитель получит уведомление."
        returnable = complaints.return_refusal(self.appeal) is None
        if not returnable:
            # Art. 8 part 6: only a complaint whose subject is recorded can be returned.
            field.choices = [c for c in field.choices if c[0] not in Appeal.COMPLAINT_ONLY_NO_ANSWER_REASONS]
        week, other = (
            dates.no_answer_notice_deadline(
                reason=reason, registered_at=self.appeal.registered_at, due_date=self.appeal.due_date
            )
            for reason in (Appeal.NoAnswerReason.UNREADABLE, Appeal.NoAnswerReason.OBSCENE)
        )
        field.help_text += (
            f" По ч. 2, 4 и 4.1 ст. 11 уведомить нужно в течение {settings.APPEALS_UNREADABLE_NOTICE_DAYS} дней "
            f"со дня регистрации — до {week:%d.%m.%Y}; по остальным — до {other:%d.%m.%Y}."
        )
        if returnable:
            back = dates.no_answer_notice_deadline(
                reason=Appeal.NoAnswerReason.COMPLAINT_RETURNED,
                registered_at=self.appeal.registered_at,
                due_date=self.appeal.due_date,
            )
            field.help_text += (
                f" Жалобу на «{self.appeal.complaint_against}» по ч. 6 ст. 8 возвращают в срок направления "
                f"по компетенции — до {back:%d.%m.%Y}."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Appeal.NoAnswerReason.REPEATED and not (cleaned.get("note") or "").strip():
            self.add_error("note", REPEATED_NEEDS_NOTE)
        return cleaned


class CloseForm(AppealActionForm):
    note = note_field()


NOT_ON_SITE = (
    "Эту страницу нельзя указать: нужна открытая жителям страница сайта с ответом — не главная, не черновик, "
    "не страница неопубликованного или закрытого раздела. Выберите другую страницу или введите адрес."
)


ANSWERS_SECTION_HELP = "Страница раздела опубликованных ответов с ответом на вопрос обращения."


def _page_chooser(*target_models) -> AdminPageChooser:
    """Wagtail's page chooser (a modal of the tree and its search), of these page types (any page without)."""
    return AdminPageChooser(
        target_models=target_models or None, can_choose_root=False, show_edit_link=False, show_clear_link=True
    )


class PublishedAnswerForm(AppealActionForm):
    """59-ФЗ art. 11 part 5.1: a page of the portal, or an address elsewhere on the official site."""

    page = forms.ModelChoiceField(
        label="Страница портала с ответом",
        queryset=Appeal.objects.none(),  # the pages, read per form (``public()`` reads the restrictions)
        required=False,
        # Wagtail's page chooser (a modal of the tree and its search): a drop-down of every page did not
        # scale. It needs JavaScript, as the admin does; the address field below works without it.
        widget=_page_chooser(),
        error_messages={"invalid_choice": NOT_ON_SITE},
        help_text="Опубликованная страница, на которой размещён ответ на вопрос обращения.",
    )
    url = forms.CharField(
        label="Или адрес страницы на официальном сайте",
        required=False,
        max_length=500,
        help_text="Если ответ размещён не на портале, а в другом разделе официального сайта: полный адрес, "
        "начиная с https://.",
        widget=forms.URLInput(attrs={"inputmode": "url", "spellcheck": "false", "autocomplete": "off"}),
    )
    note = note_field("Видна только сотрудникам, например чьим решением ответ признан опубликованным.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = selectors.published_answer_pages()
        if selectors.has_published_answers():
            # The chooser opens in the section of published answers and offers its answers; a page elsewhere
            # on the site is still accepted, by its address below.
            self.fields["page"].widget = _page_chooser(PublishedAnswerPage)
            self.fields["page"].help_text = ANSWERS_SECTION_HELP
        limit = min(dates.published_answer_deadline(self.appeal.registered_at), self.appeal.due_date)
        self.fields["page"].help_text += (
            f" Адрес сообщается в течение {settings.APPEALS_PUBLISHED_ANSWER_NOTICE_DAYS} дней со дня регистрации — "
            f"до {limit:%d.%m.%Y} включительно; позже обращение будет отмечено как рассмотренное с нарушением срока."
        )

    def clean(self):
        cleaned = super().clean()
        page, url = cleaned.get("page"), (cleaned.get("url") or "").strip()
        page_url = (page.get_full_url() or "") if page is not None else ""
        if page is not None and not page_url:
            self.add_error("page", "У этой страницы нет адреса на сайте: выберите другую страницу или введите адрес.")
        elif page is not None and url and url != page_url:
            self.add_error("url", "Выберите страницу портала или введите адрес — что-то одно.")
        elif page is None and not url and not self.errors:
            raise forms.ValidationError("Выберите страницу с ответом или введите её адрес.")
        self.published = (page_url, page.title) if page is not None else (url, "")
        return cleaned


class ComplaintAgainstForm(AppealActionForm):
    """59-ФЗ art. 8 part 6: whose decision or action the complaint is about."""

    name = forms.CharField(
        label="Орган или должностное лицо, чьё решение или действие (бездействие) обжалуется",
        max_length=255,
        help_text="Выберите из списка адресатов или введите наименование. Жалобу нельзя будет направить или передать "
        "на рассмотрение тому, на кого она подана (ч. 6 ст. 8 Федерального закона № 59-ФЗ).",
        error_messages={"required": "Укажите орган или должностное лицо, чьё решение или действие обжалуется."},
        widget=forms.TextInput(attrs={"list": "complaint-subject-names", "autocomplete": "off"}),
    )
    note = note_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("name", self.appeal.complaint_against)
        self.datalist = selectors.complaint_subject_names()
