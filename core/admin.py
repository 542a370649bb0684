from django.contrib import admin

from .models import Municipality, Signatory


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    fields = ["role", "title", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "official_name", "city", "phone"]
    search_fields = ["name", "official_name"]
    inlines = [SignatoryInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "official_name", "portal_name", "adjective"]}),
        (
            "Adres",
            {
                "fields": [
                    "visiting_address",
                    "postal_address",
                    "postal_code",
                    "city",
                    "phone",
                    "email",
                    "website",
                ]
            },
        ),
        ("Huisstijl", {"fields": ["logo", "colour_primary", "colour_accent"]}),
        ("Raad en teksten", {"fields": ["agenda_body", "meeting_body", "description"]}),
    ]
