"""The evaluator: every binding form followed to its value, across modules; cycles end
in Unknown. Driven through real summaries of small sources."""

from __future__ import annotations

from fastlint.filepass import summarize
from fastlint.project.evaluate import Evaluator
from fastlint.project.modules import ModuleIndex
from fastlint.project.symbols import Resolver
from fastlint.project.values import evaluate_status, evaluate_strings, evaluate_text
from fastlint.summary import Const, Name


def _evaluator(files: dict[str, str]) -> Evaluator:
    summaries = {path: summarize(text.encode(), path) for path, text in files.items()}
    return Evaluator(Resolver(summaries, ModuleIndex.build(summaries)))


def _text(files: dict[str, str], name: str, module: str = "main.py", scope: str = "") -> str:
    text = evaluate_text(_evaluator(files), module, Name(name), scope)
    return text.value if text.known else f"unknown {text.value}"


def test_literals_names_and_concatenation_across_modules() -> None:
    files = {
        "settings.py": 'API = "/api"\nVERSION = API + "/v1"\n',
        "main.py": "from settings import VERSION\nprefix = VERSION\n",
    }
    assert _text(files, "prefix") == "/api/v1"


def test_tuple_unpacking_walrus_and_with_bindings() -> None:
    files = {
        "main.py": (
            'a, b = "/a", "/b"\n'
            '[c, d] = ["/c", "/d"]\n'
            'if (e := "/e"):\n    pass\n'
            "with open('x') as f:\n    pass\n"
            "first, *rest = make()\n"
        )
    }
    assert [_text(files, n) for n in "abcde"] == ["/a", "/b", "/c", "/d", "/e"]
    assert _text(files, "f").startswith("unknown")
    assert _text(files, "first").startswith("unknown")


def test_parameters_follow_every_call_site_and_defaults() -> None:
    files = {
        "lib.py": (
            'def make(prefix, tags=("default",)):\n    return prefix\n'
            "def one(path):\n    return path\n"
        ),
        "main.py": (
            "from lib import make, one\n"
            'make("/x", tags=["t"])\n'
            'make(prefix="/y")\n'
            'r = one("/only")\n'
        ),
    }
    evaluator = _evaluator(files)
    values = evaluator.values("lib.py", Name("prefix"), "make")
    assert sorted(v.expr.value for v in values.items if isinstance(v.expr, Const)) == ["/x", "/y"]
    tags = evaluator.values("lib.py", Name("tags"), "make")
    assert len(tags.items) == 2  # ["t"] from one caller, the default from the other
    assert _text(files, "r") == "/only"  # a call into a project function: its return


def test_self_attributes_and_factory_returns() -> None:
    files = {
        "main.py": (
            "class Service:\n"
            "    def __init__(self):\n"
            '        self.base = "/svc"\n'
            "    def path(self):\n"
            "        return self.base\n"
            "def build():\n"
            "    local = Service().path\n"
            '    return "/built"\n'
            "made = build()\n"
        )
    }
    evaluator = _evaluator(files)
    assert evaluate_text(evaluator, "main.py", Name("made")).value == "/built"
    from fastlint.summary import Attribute

    inner = evaluate_text(evaluator, "main.py", Attribute(Name("self"), "base"), "Service.path")
    assert (inner.value, inner.known) == ("/svc", True)


def test_cycles_end_in_unknown() -> None:
    files = {"main.py": "A = B\nB = A\nC = C\ndef f():\n    return f()\nD = f()\n"}
    evaluator = _evaluator(files)
    for name in "ABCD":
        values = evaluator.values("main.py", Name(name), "")
        assert values.items == () and values.unknown is not None, name
    assert evaluate_status(evaluator, "main.py", Name("A")) is None


def test_status_codes_and_tag_lists() -> None:
    files = {
        "main.py": (
            "from fastapi import status\n"
            "from http import HTTPStatus\n"
            "CREATED = status.HTTP_201_CREATED\n"
            "GONE = HTTPStatus.NO_CONTENT\n"
            'TAGS = ["a"] + ["b"]\n'
        )
    }
    evaluator = _evaluator(files)
    assert evaluate_status(evaluator, "main.py", Name("CREATED")) == 201
    assert evaluate_status(evaluator, "main.py", Name("GONE")) == 204
    assert evaluate_strings(evaluator, "main.py", Name("TAGS")) == ["a", "b"]


def test_app_settings_read_the_constructor_or_fastapi_defaults() -> None:
    files = {
        "main.py": (
            "from fastapi import FastAPI\n"
            'app = FastAPI(docs_url="/api/docs")\n'
            "docs = app.docs_url\n"
            "redirect = app.swagger_ui_oauth2_redirect_url\n"
            "other = app.title\n"
        )
    }
    assert _text(files, "docs") == "/api/docs"
    assert _text(files, "redirect") == "/docs/oauth2-redirect"
    assert _text(files, "other").startswith("unknown")


def test_static_and_class_methods_have_no_self() -> None:
    files = {
        "main.py": (
            "class Service:\n"
            "    def __init__(self):\n"
            '        self.base = "/svc"\n'
            "    @staticmethod\n"
            "    def make(self):\n"
            "        return self.base\n"
            "    def path(self):\n"
            "        return self.base\n"
        )
    }
    from fastlint.summary import Attribute

    evaluator = _evaluator(files)
    base = Attribute(Name("self"), "base")
    assert evaluate_text(evaluator, "main.py", base, "Service.path").value == "/svc"
    assert not evaluate_text(evaluator, "main.py", base, "Service.make").known
