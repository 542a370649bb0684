"""The portal's roles: which permissions each group holds.

The groups themselves are created by a migration; their permissions are synced after every
migrate, so that a model added by a later app gets its permissions without a new data migration.
Apps extend ROLE_PERMISSIONS with their own entries.
"""

from django.apps import apps as global_apps

from .constants import Role

VIEW = ("view",)
EDIT = ("view", "add", "change", "delete")

DOMAIN_APPS = (
    "networks",
    "proposals",
    "partnercity",
    "budget",
    "results",
    "projects",
    "representation",
)

# role -> {(app_label, model_name or "*"): actions}
ROLE_PERMISSIONS = {
    Role.COUNCIL_MEMBER: {(app, "*"): VIEW for app in DOMAIN_APPS},
    Role.ACCOUNT_MANAGER: {
        **{(app, "*"): VIEW for app in DOMAIN_APPS},
        ("contacts", "*"): EDIT,
        ("agenda", "*"): EDIT,
        # The plan cycle: drafting plans, their efforts and recording results (issue 14).
        ("networks", "effort"): EDIT,
        ("results", "*"): EDIT,
        ("results", "workplan"): (*EDIT, "adopt", "export"),
        ("projects", "*"): EDIT,
        ("representation", "*"): EDIT,
    },
    Role.CLERK: {
        **{(app, "*"): VIEW for app in DOMAIN_APPS},
        ("proposals", "*"): EDIT,
        # The griffie exports and downloads the council PDFs (proposals.DocumentExport).
        ("proposals", "documentexport"): (*EDIT, "export"),
        # ... and the yearly report to the council (issue 14).
        ("results", "workplan"): ("view", "export"),
        # The griffie records the council's decisions (issue 13).
        ("proposals", "decision"): (*EDIT, "record"),
    },
    Role.FINANCE: {
        **{(app, "*"): VIEW for app in DOMAIN_APPS},
        ("budget", "*"): EDIT,
    },
    Role.COMMUNICATIONS: {
        **{(app, "*"): VIEW for app in DOMAIN_APPS},
        ("agenda", "*"): EDIT,
    },
}

# The other roles see organisations and the EU-grant expertise of colleagues (proposal 3), never
# the people, interactions or opportunities of the contact registry: those are the
# accountmanager's (personal data under the AVG).
CONTACTS_READ = {
    ("contacts", model): VIEW
    for model in ("organisation", "department", "colleague", "grantprogramme", "grantexpertise")
}
for _role in (Role.COUNCIL_MEMBER, Role.CLERK, Role.FINANCE, Role.COMMUNICATIONS):
    ROLE_PERMISSIONS[_role].update(CONTACTS_READ)


def permission_codenames(app_label, model_name, actions, apps=global_apps):
    """Yield the codenames for the actions on one model or every model of an app."""
    try:
        app_config = apps.get_app_config(app_label)
    except LookupError:
        return
    for model in app_config.get_models():
        name = model._meta.model_name
        if model_name not in ("*", name):
            continue
        for action in actions:
            yield f"{action}_{name}"


def sync_role_permissions(sender=None, apps=global_apps, using="default", **kwargs):
    """Give each role group exactly the permissions ROLE_PERMISSIONS names."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        wanted = set()  # a permission two grants name once: set() would "add" it again
        for (app_label, model_name), actions in grants.items():
            codenames = list(permission_codenames(app_label, model_name, actions))
            wanted.update(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
        group.permissions.set(wanted)


def last_app_with_models():
    """The app whose post_migrate comes last: it is sent only for apps with a models module
    (the api app has none)."""
    return [app for app in global_apps.get_app_configs() if app.models_module is not None][-1]


def sync_role_permissions_after_migrate(sender, using="default", **kwargs):
    """Sync once per migrate, after the last app's permissions have been created."""
    if sender is last_app_with_models():
        sync_role_permissions(using=using)
