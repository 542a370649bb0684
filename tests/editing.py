"""Load an edit form the way a browser does, to post it back with changes.

Edit forms carry the version of the record they were loaded with (core.forms); a test that
edits a record loads the form first, as a person does.
"""

from django import forms

from core.forms import VERSION_FIELD


def form_values(form):
    """What a browser sends back for an unchanged form: every field as rendered."""
    data = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        widget = getattr(widget, "widget", widget)  # the admin wraps related-object widgets
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif getattr(widget, "allow_multiple_selected", False):
            data[bound.html_name] = [str(item) for item in value or []]
        elif isinstance(widget, forms.widgets.ChoiceWidget):
            data[bound.html_name] = "" if value is None else str(value)
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = widget.format_value(value) or ""
    return data


def loaded(client, url, **changes):
    """The form at url as loaded now, with changes: the data a person would post."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    context = response.context
    form = context["adminform"].form if "adminform" in context else context["form"]
    data = form_values(form)
    for inline in context.get("inline_admin_formsets", []):
        data.update(form_values(inline.formset.management_form))
        for row in inline.formset.forms:
            data.update(form_values(row))
    data.update(changes)
    return data


def version(client, url):
    """The hidden version of the form at url, to send with data built by a test."""
    return {VERSION_FIELD: loaded(client, url)[VERSION_FIELD]}


def race_two_saves(bound_form, first_value, second_value):
    """Two threads save the same record at once, each in its own transaction; the first holds
    its row lock while the second checks. ``bound_form(value)`` returns the form bound to a
    fresh copy of the record with that value. Returns {"first": valid, "second": valid}."""
    import threading

    from django.db import close_old_connections, transaction

    first_checked, results = threading.Event(), {}

    def save(name, value, pause):
        try:
            with transaction.atomic():
                form = bound_form(value)
                valid = form.is_valid()
                if name == "first":
                    first_checked.set()
                    pause.wait(2)  # the second checks while this one holds the row lock
                if valid:
                    form.save()
                results[name] = valid
        finally:
            close_old_connections()

    pause = threading.Event()
    first = threading.Thread(target=save, args=("first", first_value, pause))
    second = threading.Thread(target=save, args=("second", second_value, threading.Event()))
    first.start()
    first_checked.wait(5)
    second.start()
    second.join(0.5)
    pause.set()
    first.join(10)
    second.join(10)
    return results
