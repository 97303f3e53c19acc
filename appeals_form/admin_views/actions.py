"""The officer's action screens: a form per action, the service does the rest.

An action not allowed from the appeal's status is refused with the state
machine's Russian message, both when the form is opened and (under the row
lock) when it is sent.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from appeals_form import selectors, workflow
from appeals_form.workflow import Action, TransitionRefused
from appeals_form.workflow.actions import postal_copy_reminder
from home.textformat import no_break

from . import forms, kept_files
from .access import INDEX_URL_NAME, AppealPermissionMixin, detail_url


class AppealActionView(AppealPermissionMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "change"
    template_name = "appeals_form/admin/action.html"
    header_icon = "mail"
    action: Action
    submit_label = "Сохранить"
    intro = ""

    def get(self, request, *args, **kwargs):
        return self._refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # Checked again by the service under the row lock; this spares the
        # officer a form that cannot succeed.
        return self._refused() or super().post(request, *args, **kwargs)

    def _refused(self):
        refused = workflow.refusal(self.object, self.action)
        if refused is None:
            return None
        messages.error(self.request, no_break(refused.message))
        return redirect(detail_url(self.object))

    def get_page_title(self):
        return no_break(f"{self.action.label}: обращение № {self.object.number}")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": "Обращения граждан"},
            {"url": detail_url(self.object), "label": no_break(f"№ {self.object.number}")},
            {"url": "", "label": self.action.label},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "appeal": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "appeal": self.object,
                "action": self.action,
                "submit_label": self.submit_label,
                "intro": self.get_intro(),
                "detail_url": detail_url(self.object),
            }
        )
        return context

    def get_intro(self) -> str:
        reminder = postal_copy_reminder(self.object, self.action)
        return f"{self.intro} {reminder}".strip()

    def perform(self, form) -> workflow.ActionResult:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except TransitionRefused as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, no_break(self.get_success_message(result)))
        for warning in result.warnings:
            messages.warning(self.request, no_break(warning))
        return redirect(detail_url(result.appeal))

    def get_success_message(self, result) -> str:
        raise NotImplementedError


class AssignView(AppealActionView):
    action = Action.ASSIGN
    form_class = forms.AssignForm
    submit_label = "Назначить"
    intro = "Новое обращение после назначения переходит в статус «На рассмотрении»."

    def perform(self, form):
        return workflow.assign_appeal(
            appeal=self.object,
            actor=self.request.user,
            department=form.cleaned_data.get("department"),
            executor=form.cleaned_data.get("executor"),
            rule=form.rule,
            deviation=form.deviation,
            note=form.cleaned_data.get("deviation_reason", ""),
        )

    def get_intro(self) -> str:
        form_rule = selectors.routing_rule_for(self.object)
        if form_rule is None:
            return f"{self.intro} Правила распределения для этой темы и адресата нет."
        return (
            f"{self.intro} Поля заполнены по правилу распределения: "
            f"{form_rule.condition_label} → {form_rule.outcome_label}."
        )

    def get_success_message(self, result):
        return f"Обращение № {result.appeal.number} назначено. Статус: «{result.appeal.get_status_display()}»."


class RedirectView(AppealActionView):
    action = Action.REDIRECT
    form_class = forms.RedirectForm
    submit_label = "Направить по компетенции"
    intro = (
        "Заявитель получит уведомление о переадресации по электронной почте (ч. 3 ст. 8 Федерального закона № 59-ФЗ)."
    )

    def perform(self, form):
        data = form.cleaned_data
        return workflow.redirect_appeal(
            appeal=self.object,
            actor=self.request.user,
            body=data["body"],
            redirected_on=data["redirected_on"],
            note=data.get("note", ""),
        )

    def get_success_message(self, result):
        return f"Обращение № {result.appeal.number} направлено по компетенции: {result.appeal.redirected_to}."


class ExtendView(AppealActionView):
    action = Action.EXTEND
    form_class = forms.ExtendForm
    submit_label = "Продлить срок"
    intro = "Срок продлевается один раз. Заявитель получит уведомление с новым сроком."

    def perform(self, form):
        return workflow.extend_deadline(
            appeal=self.object,
            actor=self.request.user,
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, result):
        return (
            f"Срок рассмотрения обращения № {result.appeal.number} продлён "
            f"до {result.appeal.due_date:%d.%m.%Y}. Заявителю направлено уведомление."
        )


class AnswerView(AppealActionView):
    action = Action.ANSWER
    form_class = forms.AnswerForm
    submit_label = "Записать ответ"
    intro = (
        "Ответ будет направлен заявителю по электронной почте. Если ответ даётся после срока, "
        "обращение будет отмечено как рассмотренное с нарушением срока."
    )

    def perform(self, form):
        data = form.cleaned_data
        file_name, file_data = form.answer_file()
        result = workflow.record_answer(
            appeal=self.object,
            actor=self.request.user,
            result=data["result"],
            text=data.get("text", ""),
            file_name=file_name,
            file_data=file_data,
            site_visit=data.get("site_visit", False),
        )
        kept_files.discard(form.kept)  # the answer holds its own copy
        return result

    def form_invalid(self, form):
        form.keep_file()
        return super().form_invalid(form)

    def get_success_message(self, result):
        return (
            f"Ответ на обращение № {result.appeal.number} записан "
            f"(результат: {result.appeal.get_result_display()}). Заявителю направлено письмо."
        )


class NoAnswerView(AppealActionView):
    action = Action.LEAVE_WITHOUT_ANSWER
    form_class = forms.NoAnswerForm
    submit_label = "Оставить без ответа"
    intro = "Основания — статья 11 Федерального закона № 59-ФЗ, для жалобы также часть 6 статьи 8."

    def perform(self, form):
        return workflow.leave_without_answer(
            appeal=self.object,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data.get("note", ""),
        )

    def get_success_message(self, result):
        return (
            f"Обращение № {result.appeal.number} оставлено без ответа: {result.appeal.get_no_answer_reason_display()}."
        )


class PublishedAnswerView(AppealActionView):
    action = Action.PUBLISHED_ANSWER
    form_class = forms.PublishedAnswerForm
    submit_label = "Сообщить адрес заявителю"
    intro = (
        "Если ответ на вопрос обращения уже размещён на официальном сайте (ответ на обращения, затрагивающие "
        "интересы неопределённого круга лиц, ч. 4 ст. 10), заявителю сообщается адрес страницы с ответом "
        "(ч. 5.1 ст. 11 Федерального закона № 59-ФЗ). Обращение будет считаться рассмотренным: статус «Дан ответ». "
        "Обращение, в котором обжалуется судебное решение, при этом не возвращается."
    )

    def perform(self, form):
        url, title = form.published
        return workflow.tell_published_answer(
            appeal=self.object, actor=self.request.user, url=url, title=title, note=form.cleaned_data.get("note", "")
        )

    def get_success_message(self, result):
        return (
            f"Заявителю по обращению № {result.appeal.number} сообщён адрес опубликованного ответа "
            f"(результат: {result.appeal.get_result_display()})."
        )


class ComplaintAgainstView(AppealActionView):
    action = Action.COMPLAINT_AGAINST
    form_class = forms.ComplaintAgainstForm
    submit_label = "Сохранить"
    intro = (
        "Жалобу запрещается направлять на рассмотрение в орган или должностному лицу, решение или действие "
        "(бездействие) которых обжалуется (ч. 6 ст. 8 Федерального закона № 59-ФЗ). Заявителю ничего не отправляется."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datalist"] = {"id": "complaint-subject-names", "options": context["form"].datalist}
        return context

    def perform(self, form):
        data = form.cleaned_data
        return workflow.record_complaint_against(
            appeal=self.object, actor=self.request.user, name=data["name"], note=data.get("note", "")
        )

    def get_success_message(self, result):
        return f"Жалоба № {result.appeal.number}: обжалуются решение или действие «{result.appeal.complaint_against}»."


class CloseView(AppealActionView):
    action = Action.CLOSE
    form_class = forms.CloseForm
    submit_label = "Завершить рассмотрение"
    intro = "После завершения действия с обращением больше недоступны."

    def perform(self, form):
        return workflow.close_appeal(
            appeal=self.object, actor=self.request.user, note=form.cleaned_data.get("note", "")
        )

    def get_success_message(self, result):
        return f"Рассмотрение обращения № {result.appeal.number} завершено."
