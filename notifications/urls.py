from django.urls import path

from . import feeds, views

app_name = "notifications"

urlpatterns = [
    path("wijzigingen/", views.TimelineView.as_view(), name="timeline"),
    path("wijzigingen/feed.rss", feeds.TimelineFeed(), name="timeline-rss"),
    path("wijzigingen/feed.atom", feeds.AtomTimelineFeed(), name="timeline-atom"),
    path(
        "wijzigingen/abonnementen/",
        views.SubscriptionListView.as_view(),
        name="subscription-list",
    ),
    path(
        "wijzigingen/abonnementen/<int:pk>/verwijderen/",
        views.subscription_delete,
        name="subscription-delete",
    ),
    path(
        "wijzigingen/abonnementen/alles-verwijderen/",
        views.subscription_delete_all,
        name="subscription-delete-all",
    ),
    path(
        "wijzigingen/abonnementen/mijn-gegevens.json",
        views.subscription_data,
        name="subscription-data",
    ),
    path("wijzigingen/aanmelden/", views.PublicSubscribeView.as_view(), name="subscribe"),
    path("wijzigingen/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("wijzigingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
