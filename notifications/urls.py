from django.urls import path

from . import feeds, views

app_name = "notifications"

urlpatterns = [
    path("wijzigingen/", views.TimelineView.as_view(), name="timeline"),
    path("wijzigingen/feed.rss", feeds.TimelineFeed(), name="timeline-rss"),
    path("wijzigingen/feed.atom", feeds.AtomTimelineFeed(), name="timeline-atom"),
]
