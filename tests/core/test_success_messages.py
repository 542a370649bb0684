"""A success message is SuccessMessageMixin's `success_message`, not a form_valid override."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def is_message_call(node):
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == "messages"
    )


def is_super_form_valid(node):
    return (
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "form_valid"
        and isinstance(node.value.func.value, ast.Call)
        and getattr(node.value.func.value.func, "id", "") == "super"
    )


def message_only_overrides(source):
    """form_valid methods that add a message and hand on to super(), nothing else."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == "form_valid":
            body = [statement for statement in node.body if not isinstance(statement, ast.Pass)]
            if len(body) == 2 and is_message_call(body[0]) and is_super_form_valid(body[1]):
                found.append(node.lineno)
    return found


def test_no_form_valid_only_adds_a_message():
    views = [
        path
        for path in ROOT.glob("*/**/*.py")
        if "views" in path.stem or path.parent.name == "views"
        if not {".venv", "tests", "node_modules"} & set(path.parts)
    ]
    assert len(views) > 20
    offending = {
        str(path.relative_to(ROOT)): lines
        for path in views
        if (lines := message_only_overrides(path.read_text(encoding="utf-8")))
    }
    assert offending == {}


def test_the_check_finds_such_an_override():
    source = """
class View:
    def form_valid(self, form):
        messages.success(self.request, _("Opgeslagen."))
        return super().form_valid(form)
"""
    assert message_only_overrides(source) == [3]


def form_valid_messages(source):
    """form_valid methods that add a message themselves (any messages.* call in them)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == "form_valid":
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and getattr(inner.func.value, "id", "") == "messages"
                ):
                    found.append(node.lineno)
                    break
    return found


def test_a_form_valid_that_does_real_work_leaves_the_message_to_the_mixin():
    """A view whose save is a service call implements perform() on core's ServiceFormMixin,
    which adds success_message; only that mixin's form_valid adds a message."""
    offending = {
        str(path.relative_to(ROOT)): lines
        for path in ROOT.glob("*/**/*.py")
        if not {".venv", "tests", "node_modules", "migrations"} & set(path.parts)
        if (lines := form_valid_messages(path.read_text(encoding="utf-8")))
    }
    assert set(offending) == {"core/forms.py"}, offending
    assert form_valid_messages(
        "def form_valid(self, form):\n    if x:\n        messages.success(r, 'Klaar.')\n"
    ) == [1]
