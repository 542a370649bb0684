from django import template
from django.utils import timezone

from ..models import Mandate

register = template.Library()


@register.inclusion_tag("representation/includes/network_mandates.html", takes_context=True)
def network_mandates(context, network):
    """Who represents the municipality in this network: the current mandates, names where public."""
    user = context["request"].user
    mandates = list(
        Mandate.objects.visible_to(user)
        .current(timezone.localdate())
        .filter(network=network)
        .select_related("holder")
    )
    for mandate in mandates:
        mandate.holder_name = mandate.holder.public_name(user) if mandate.holder else ""
    return {"mandates": mandates, "network": network, "municipality": context.get("municipality")}
