"""Subscriptions to the timeline and what was sent to whom."""
