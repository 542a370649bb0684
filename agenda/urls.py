from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, options, views
from .sitemaps import SITEMAPS

app_name = "agenda"

urlpatterns = [
    path("agenda/", views.EventListView.as_view(), name="event-list"),
    path(
        "agenda/archief/",
        views.EventArchiveView.as_view(),
        name="event-archive",
    ),
    path(
        "agenda/insluiten/",
        views.embeddable(views.EventEmbedView.as_view()),
        name="event-embed",
    ),
    path(
        "agenda/filterkeuzes/<str:field>/",
        options.EventFilterOptions.as_view(),
        name="event-filter-options",
    ),
    path("agenda/feed.ics", views.calendar_feed, name="calendar-feed"),
    path("agenda/feed.rss", feeds.rss_feed, name="rss-feed"),
    path("agenda/feed.atom", feeds.atom_feed, name="atom-feed"),
    path(
        "agenda/sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "agenda/sitemap.xml"},
        name="sitemap",
    ),
    path("agenda/beheer/", views.EventManageListView.as_view(), name="event-manage-list"),
    path(
        "agenda/beheer/vertalingen/", views.TranslationListView.as_view(), name="translation-list"
    ),
    path("agenda/beheer/nieuw/", views.EventFormView.as_view(), name="event-create"),
    path(
        "agenda/beheer/keuzes/<str:field>/",
        options.EventFormOptions.as_view(),
        name="event-form-options",
    ),
    path("partners/", views.PartnerListView.as_view(), name="partner-list"),
    path(
        "agenda/<slug:slug>/",
        views.EventDetailView.as_view(),
        name="event-detail",
    ),
    path("agenda/<slug:slug>/agenda.ics", views.event_calendar, name="event-ics"),
    path("agenda/<slug:slug>/bewerken/", views.EventFormView.as_view(), name="event-update"),
    path("agenda/<slug:slug>/publiceren/", views.publish, name="event-publish"),
    path("agenda/<slug:slug>/depubliceren/", views.unpublish, name="event-unpublish"),
]
