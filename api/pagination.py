"""Pages with next and previous links; a page beyond the last one is bad input (400)."""

from django.core.paginator import InvalidPage
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_LIMIT = 100


class Pages(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "limit"
    page_size = 20
    max_page_size = MAX_LIMIT

    def paginate_queryset(self, queryset, request, view=None):
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        number = request.query_params.get(self.page_query_param) or 1
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise ValidationError(
                {"page": [f"Pagina {number} bestaat niet; er zijn {paginator.num_pages} pagina's."]}
            ) from None
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Paginanummer, vanaf 1; een pagina na de laatste geeft 400.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Aantal per pagina, 1 tot en met {MAX_LIMIT} (standaard 20).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
        ]

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["required"] = ["count", "next", "previous", "results"]
        return schema
