"""The access log and the record of erasures."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import ListView

from core.lists import PaginationMixin

from ..filters import AccessLogFilter
from ..models import (
    AccessLog,
    ErasureRecord,
)
from .base import ContactListMixin


class AccessLogListView(PermissionRequiredMixin, ContactListMixin, ListView):
    permission_required = "contacts.view_accesslog"
    model = AccessLog
    filterset_class = AccessLogFilter
    template_name = "contacts/accesslog_list.html"

    def get_base_queryset(self):
        return AccessLog.objects.select_related("user", "person", "person__organisation")


class ErasureListView(PermissionRequiredMixin, PaginationMixin, ListView):
    permission_required = "contacts.view_erasurerecord"
    model = ErasureRecord
    template_name = "contacts/erasurerecord_list.html"
    paginate_by = 50

    def get_queryset(self):
        return ErasureRecord.objects.select_related("erased_by")
