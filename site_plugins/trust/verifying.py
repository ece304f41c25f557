"""Which tests verify which recommendation, read from the test files at build time, without running them.

Tests declare ``@pytest.mark.verifies("rec-id", ...)`` on a test function or class, in a module's
``pytestmark``, or on one parameter set (``pytest.param(..., id="x", marks=pytest.mark.verifies(...))``).
This module reads those declarations with ``ast``: no test module is imported and no test is run, so any
build of the site lists the tests behind every recommendation.

A mark's arguments may be computed, e.g. ``*(rec.id for rec in RECOMMENDATIONS)``: the expression is
evaluated with what the test module imports from ``lbp_core`` and the module-level constants built from it,
and with a stand-in for ``pytest``. Anything else (fixtures, strategies, other test helpers) is opaque; a
``verifies`` declaration that needs it fails the build, naming the file and line, rather than being left out.
``tests/test_traceability.py`` checks that this reading gives exactly what pytest sees.
"""

from __future__ import annotations

import ast
import builtins
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["VerifyingTest", "VerifiesError", "collect", "matches"]


@dataclass(frozen=True, order=True)
class VerifyingTest:
    """A test function (every item pytest makes of it) or one parameter set of it, and what it verifies."""

    nodeid: str
    """pytest's node id without parameters ("tests/test_rules.py::test_x"), or with the parameter set's
    id when the mark is on that set alone ("tests/test_worked_cases.py::test_worked_case[acute-plain]")."""
    recommendations: tuple[str, ...]
    """The recommendation IDs it declares, sorted."""
    per_parameter: bool = False
    """True when the mark is on one parameter set (``nodeid`` then ends with its id in brackets)."""


class VerifiesError(ValueError):
    """A ``verifies`` declaration that cannot be read without running the tests."""


def matches(test: VerifyingTest, nodeid: str) -> bool:
    """Whether pytest's item ``nodeid`` is (one of the items of) ``test``. Other parameters (pytest-playwright
    adds the browser's name) may come before or after a parameter set's id.

    >>> matches(VerifyingTest("t.py::f", ("a",)), "t.py::f[chromium-x]")
    True
    >>> matches(VerifyingTest("t.py::f[x]", ("a",), True), "t.py::f[chromium-x]")
    True
    >>> matches(VerifyingTest("t.py::f", ("a",)), "t.py::fg")
    False
    """
    if not test.per_parameter:
        return nodeid == test.nodeid or nodeid.startswith(test.nodeid + "[")
    base, _, own = test.nodeid[:-1].partition("[")
    if not nodeid.startswith(base + "[") or not nodeid.endswith("]"):
        return False
    ids = nodeid[len(base) + 1:-1]
    return ids == own or ids.endswith("-" + own) or ids.startswith(own + "-")


class _Unknown(Exception):
    """A value that only running the tests would give."""


class _Opaque:
    """Stands for a name the reader does not evaluate (an import from outside ``lbp_core``, a helper)."""

    def __getattr__(self, name: str) -> Any:
        raise _Unknown(name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise _Unknown("call")

    def __iter__(self) -> Any:
        raise _Unknown("iteration")


@dataclass(frozen=True)
class _Mark:
    name: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()

    def __call__(self, *args: Any, **kwargs: Any) -> _Mark:
        return _Mark(self.name, self.args + args, self.kwargs + tuple(kwargs.items()))


@dataclass(frozen=True)
class _Param:
    values: tuple[Any, ...]
    id: str | None
    marks: tuple[_Mark, ...]


class _MarkGenerator:
    def __getattr__(self, name: str) -> _Mark:
        return _Mark(name)


class _Pytest(_Opaque):
    """What test modules use of pytest at import time, as far as marks are concerned."""

    mark = _MarkGenerator()

    @staticmethod
    def param(*values: Any, id: str | None = None, marks: Any = ()) -> _Param:  # noqa: A002 (pytest's name)
        return _Param(values, id, tuple(marks) if isinstance(marks, (list, tuple)) else (marks,))


# What a mark's arguments may use besides lbp_core: pure functions on data.
_BUILTINS = {name: getattr(builtins, name)
             for name in ("sorted", "set", "frozenset", "list", "tuple", "dict", "len", "range", "enumerate",
                          "zip", "any", "all", "str", "int", "float", "bool", "min", "max", "map", "filter",
                          "reversed", "isinstance")}


def _mentions_verifies(node: ast.AST) -> bool:
    return any(isinstance(sub, ast.Attribute) and sub.attr == "verifies"
               or isinstance(sub, ast.Name) and sub.id == "verifies" for sub in ast.walk(node))


class _Module:
    """One test module, read top to bottom like the interpreter would, without running any test."""

    def __init__(self, path: Path, relative: str) -> None:
        self.path = path
        self.relative = relative
        self.namespace: dict[str, Any] = {"__builtins__": _BUILTINS}

    def where(self, node: ast.AST) -> str:
        return f"{self.relative}:{getattr(node, 'lineno', 0)}"

    def evaluate(self, node: ast.expr) -> Any:
        code = compile(ast.Expression(body=node), str(self.path), "eval")
        try:
            return eval(code, self.namespace)  # noqa: S307 (the project's own test files, lbp_core names only)
        except _Unknown:
            raise
        except Exception as error:  # a name left opaque, or an operation on it
            raise _Unknown(str(error)) from error

    def bind(self, statement: ast.stmt) -> None:
        """Run an import or a constant assignment into the namespace; whatever cannot be is opaque."""
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                top = alias.name.split(".")[0]
                name = alias.asname or top
                if alias.name == "pytest":
                    self.namespace[name] = _Pytest()
                elif top == "lbp_core":
                    module = importlib.import_module(alias.name if alias.asname else top)
                    self.namespace[name] = module
                else:
                    self.namespace[name] = _Opaque()
        elif isinstance(statement, ast.ImportFrom):
            module_name = statement.module or ""
            for alias in statement.names:
                name = alias.asname or alias.name
                if module_name.split(".")[0] == "lbp_core" and statement.level == 0:
                    module = importlib.import_module(module_name)
                    self.namespace[name] = getattr(module, alias.name, None) or importlib.import_module(
                        f"{module_name}.{alias.name}")
                elif module_name == "pytest":
                    self.namespace[name] = getattr(_Pytest(), alias.name, _Opaque()) if alias.name in (
                        "mark", "param") else _Opaque()
                elif module_name != "__future__":
                    self.namespace[name] = _Opaque()
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            try:
                value = self.evaluate(statement.value)
            except _Unknown:
                value = _Opaque()
            for target in targets:
                if isinstance(target, ast.Name):
                    self.namespace[target.id] = value
                elif isinstance(target, ast.Tuple):
                    for element in target.elts:
                        if isinstance(element, ast.Name):
                            self.namespace[element.id] = _Opaque()
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.namespace[statement.name] = _Opaque()

    def marks(self, node: ast.expr) -> list[_Mark]:
        """The marks a decorator or ``pytestmark`` value gives; [] for anything else (``@given``, ...)."""
        try:
            value = self.evaluate(node)
        except _Unknown as unknown:
            if _mentions_verifies(node):
                raise VerifiesError(f"{self.where(node)}: the recommendations this test verifies must be "
                                    f"readable without running the tests ({unknown})") from None
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [mark for mark in values if isinstance(mark, _Mark)]

    def tests(self, body: Iterable[ast.stmt], prefix: str, inherited: list[_Mark]) -> list[VerifyingTest]:
        found: list[VerifyingTest] = []
        for statement in body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name.startswith("test"):
                marks = inherited + [mark for decorator in statement.decorator_list
                                     for mark in self.marks(decorator)]
                found += self.function(statement, f"{prefix}::{statement.name}", marks)
            elif isinstance(statement, ast.ClassDef) and statement.name.startswith("Test"):
                marks = inherited + [mark for decorator in statement.decorator_list
                                     for mark in self.marks(decorator)]
                for inner in statement.body:
                    if isinstance(inner, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == "pytestmark" for t in inner.targets):
                        marks += self.marks(inner.value)
                found += self.tests(statement.body, f"{prefix}::{statement.name}", marks)
            elif isinstance(statement, ast.ClassDef):
                self.bind(statement)
        return found

    def function(self, node: ast.AST, nodeid: str, marks: list[_Mark]) -> list[VerifyingTest]:
        own = sorted({str(rec) for mark in marks if mark.name == "verifies" for rec in mark.args})
        found = [VerifyingTest(nodeid, tuple(own))] if own else []
        parametrizations = [mark for mark in marks if mark.name == "parametrize"]
        for mark in parametrizations:
            values = mark.args[1] if len(mark.args) > 1 else dict(mark.kwargs).get("argvalues", ())
            for value in values if isinstance(values, (list, tuple)) else ():
                if not isinstance(value, _Param):
                    continue
                recs = sorted({str(rec) for param_mark in value.marks if param_mark.name == "verifies"
                               for rec in param_mark.args})
                if not recs:
                    continue
                if value.id is None or len(parametrizations) > 1:
                    raise VerifiesError(f"{self.where(node)}: a parameter set that verifies {recs} needs its "
                                        "own id, in the test's only parametrize")
                found.append(VerifyingTest(f"{nodeid}[{value.id}]", tuple(recs), per_parameter=True))
        return found

    def read(self) -> list[VerifyingTest]:
        tree = ast.parse(self.path.read_text(encoding="utf-8"), filename=str(self.path))
        module_marks: list[_Mark] = []
        for statement in tree.body:
            if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.bind(statement)
            elif not statement.name.startswith(("test", "Test")):
                self.bind(statement)
            if isinstance(statement, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "pytestmark" for target in statement.targets):
                module_marks = self.marks(statement.value)
        tests_here = [s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        return self.tests(tests_here, self.relative, module_marks)


def collect(root: Path, tests_dir: str | Path = "tests") -> list[VerifyingTest]:
    """Every test under ``root / tests_dir`` (pytest's ``test_*.py`` and ``*_test.py`` files) that declares
    the recommendations it verifies, sorted by node id. Node ids are relative to ``root``, as pytest's are
    when run from there (relative to the folder holding ``tests_dir`` if that is outside ``root``)."""
    folder = root / tests_dir
    base = root if folder.resolve().is_relative_to(root.resolve()) else folder.parent
    found: list[VerifyingTest] = []
    for path in sorted(folder.rglob("*.py")):
        if not (path.name.startswith("test_") or path.name.endswith("_test.py")):
            continue
        if any(part in ("__pycache__", "node_modules") for part in path.parts):
            continue
        relative = path.resolve().relative_to(base.resolve()).as_posix()
        found += _Module(path, relative).read()
    return sorted(found)
