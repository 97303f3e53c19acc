"""Downloads of the applicant's attachments and of the answer file.

Streamed from the private storage by permission-checked views only, as
attachments (never shown inline), with ``nosniff`` and ``no-store``; every
download is recorded in the appeal's history with the officer and the time.
"""

from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.views import View

from appeals_form.models import Appeal, Attachment
from appeals_form.workflow import records

from .access import AppealPermissionMixin, private_response

GENERIC_TYPE = "application/octet-stream"


def _stream(*, name: str, filename: str, content_type: str):
    storage = storages["private"]
    if not name or not storage.exists(name):
        raise Http404("Файл не найден")
    response = FileResponse(
        storage.open(name, "rb"), as_attachment=True, filename=filename, content_type=content_type or GENERIC_TYPE
    )
    return private_response(response)


class AttachmentDownloadView(AppealPermissionMixin, View):
    lookup_model = Attachment

    def get_lookup_queryset(self):
        return Attachment.objects.select_related("appeal")

    def get(self, request, *args, **kwargs):
        attachment = self.object
        response = _stream(
            name=attachment.file.name, filename=attachment.original_name, content_type=attachment.content_type
        )
        records.record_attachment_download(attachment=attachment, actor=request.user)
        return response


class AnswerFileDownloadView(AppealPermissionMixin, View):
    lookup_model = Appeal

    def get(self, request, *args, **kwargs):
        appeal = self.object
        if not appeal.answer_file:
            raise Http404("Файла ответа нет")
        response = _stream(
            name=appeal.answer_file.name,
            filename=appeal.answer_file_name or "otvet",
            content_type=appeal.answer_file_type,
        )
        records.record_answer_download(appeal=appeal, actor=request.user)
        return response
