from django.contrib import admin

from core.admin import VersionedHistoryAdmin, VersionedTabularInline

from .models import (
    BenchmarkFigure,
    BenchmarkSource,
    BudgetLine,
    BudgetProduct,
    ProductBudget,
    RecordedFigure,
    SavingsTarget,
    StaffPosition,
)


class ProductBudgetInline(VersionedTabularInline):
    model = ProductBudget
    extra = 0
    fields = ["year", "amount", "source"]


@admin.register(BudgetProduct)
class BudgetProductAdmin(VersionedHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [ProductBudgetInline]


@admin.register(ProductBudget)
class ProductBudgetAdmin(VersionedHistoryAdmin):
    list_display = ["product", "year", "amount", "source"]
    list_filter = ["year", "product"]
    search_fields = ["product__name", "source"]
    list_select_related = ["product"]


@admin.register(BudgetLine)
class BudgetLineAdmin(VersionedHistoryAdmin):
    list_display = ["name", "product", "year", "category", "recurrence", "basis", "amount"]
    list_filter = ["year", "product", "category", "recurrence", "basis"]
    search_fields = ["name", "note"]
    list_select_related = ["product"]
    autocomplete_fields = ["network"]


@admin.register(StaffPosition)
class StaffPositionAdmin(VersionedHistoryAdmin):
    list_display = ["title", "fte", "yearly_cost", "recurrence", "is_indicative", "proposal"]
    list_filter = ["recurrence", "is_indicative"]
    search_fields = ["title", "indicative_note"]
    list_select_related = ["proposal"]


@admin.register(SavingsTarget)
class SavingsTargetAdmin(VersionedHistoryAdmin):
    list_display = ["name", "amount", "status", "withdrawn_from_year"]
    list_filter = ["status"]
    search_fields = ["name", "savings_round", "note"]
    filter_horizontal = ["products"]


@admin.register(RecordedFigure)
class RecordedFigureAdmin(VersionedHistoryAdmin):
    list_display = ["kind", "year", "amount", "source"]
    list_filter = ["kind", "year"]
    search_fields = ["source", "note"]


class BenchmarkFigureInline(VersionedTabularInline):
    model = BenchmarkFigure
    extra = 0
    fields = ["table", "measure", "size_class", "reference_year", "band", "printed", "value"]


@admin.register(BenchmarkSource)
class BenchmarkSourceAdmin(VersionedHistoryAdmin):
    list_display = ["title", "publisher", "year"]
    search_fields = ["title", "publisher", "note"]
    inlines = [BenchmarkFigureInline]


@admin.register(BenchmarkFigure)
class BenchmarkFigureAdmin(VersionedHistoryAdmin):
    list_display = ["table", "measure", "size_class", "reference_year", "band", "printed", "value"]
    list_filter = ["table", "measure", "size_class", "reference_year"]
    search_fields = ["band", "printed"]
    list_select_related = ["source"]
