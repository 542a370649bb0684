from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Programme, Project


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "first_year", "last_year", "family"]
    list_filter = ["family"]
    search_fields = ["name"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "programme", "role", "status", "deadline", "is_example"]
    list_filter = ["status", "role", "programme", "is_example", "visibility"]
    search_fields = ["title", "acronym", "description", "call"]
    list_select_related = ["programme"]
    filter_horizontal = ["partners", "efforts", "networks", "themes"]
    readonly_fields = ["is_example"]
