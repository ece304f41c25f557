"""Fingerprints of what a recommendation says and does: its statement, stance, citations and calculator rule.

A published recommendation must never change without a changelog entry (an educator's link would show
other advice without saying so). Each recommendation's fingerprint is committed in
``lbp_core/fingerprints.json``; :mod:`lbp_core.changelog` compares it with the content and the rules as
they are now.

The rule's part hashes the code that decides whether the rule fires and what it says, not only its
plain-language ``when`` (a change to the code whose ``when`` was not updated is exactly the drift to
catch): the rule function, every helper function it calls and every constant it reads in ``lbp_core``
(thresholds such as ``CHRONIC_FROM_WEEKS`` included), the :class:`~lbp_core._findings.Findings`
properties it uses (for a field computed in ``Findings.of``, only the code that computes it), its ``when``
text and its red-flag and work-up flags. Each function's code is hashed as its syntax tree, without
docstrings, in a form that is the same on every Python from 3.11, so comments, docstrings and formatting
do not count. Not covered: the engine's handling of all rules alike (triage, order, holding treatment
back for a red flag or in pregnancy) and the inputs' labels; the worked cases and the exhaustive and
property tests guard those. Build-time only: it reads source files, which the browser's engine never
does.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import inspect
import json
import textwrap
import types
from collections.abc import Callable, Iterator
from typing import Any

from lbp_core._findings import Findings
from lbp_core._rules import RULES, Rule
from lbp_core.model import Recommendation

__all__ = ["PARTS", "fingerprint", "rule_code"]

PARTS = ("statement", "stance", "citations", "rule")
"""What a fingerprint covers; a change to any of them needs a changelog entry."""

_CONSTANTS = (str, int, float, bool, type(None))
_FINDINGS_FIELDS = frozenset(f.name for f in dataclasses.fields(Findings)) - {"case"}


def fingerprint(rec: Recommendation) -> dict[str, Any]:
    """The recommendation's fingerprint: stance and citations as they are, statement and rule hashed.

    >>> from lbp_core.guideline import recommendation
    >>> sorted(fingerprint(recommendation("self-care-heat")))
    ['citations', 'rule', 'stance', 'statement']
    >>> fingerprint(recommendation("self-care-heat"))["citations"]
    ['3', '2']
    """
    rules = [r for r in RULES if r.rec == rec.id]
    return {
        "statement": _digest(json.dumps([rec.clinician, rec.patient], ensure_ascii=False)),
        "stance": rec.stance,
        "citations": list(rec.citations),
        "rule": _digest("\n".join(rule_code(r) for r in rules)) if rules else None,
    }


def rule_code(rule: Rule) -> str:
    """The normalised text the rule's part hashes: flags, ``when``, then each function and constant the
    rule reaches, sorted by name."""
    reached: dict[str, str] = {}
    _reach(rule.apply, reached)
    head = f"rule {rule.rec} red_flag={rule.red_flag} work_up={rule.work_up}\nwhen {rule.when}"
    return "\n".join([head, *(reached[name] for name in sorted(reached))])


def _reach(function: Callable[..., Any], reached: dict[str, str]) -> None:
    """Add ``function``'s code to ``reached`` and, recursively, everything it reads in lbp_core."""
    name = f"{function.__module__}.{function.__qualname__}"
    if name in reached:
        return
    reached[name] = f"def {name}\n{_normalised(function)}"
    code = function.__code__
    module_globals = function.__globals__
    for word in _names(code):
        if word in module_globals:
            _reach_value(f"{function.__module__}.{word}", module_globals[word], reached)
        if word in _FINDINGS_FIELDS:
            _reach_field(word, reached)
        member = inspect.getattr_static(Findings, word, None)
        if isinstance(member, property) and member.fget is not None:
            _reach(member.fget, reached)
        elif isinstance(member, (classmethod, staticmethod)):
            _reach(member.__func__, reached)
        elif isinstance(member, types.FunctionType):
            _reach(member, reached)


def _reach_field(field: str, reached: dict[str, str]) -> None:
    """Add the code of ``Findings.of`` that computes ``field``: its argument to ``cls(...)`` and each
    statement before it that assigns a name that argument reads (so a rule reading the phase does not
    change when a red flag's definition does). Any other shape of ``of``: the whole of it."""
    of = Findings.of.__func__  # type: ignore[attr-defined]
    name = f"{of.__module__}.Findings.of:{field}"
    if name in reached:
        return
    function = ast.parse(textwrap.dedent(inspect.getsource(of))).body[0]
    body = function.body if isinstance(function, ast.FunctionDef) else []
    call = body[-1].value if body and isinstance(body[-1], ast.Return) else None
    values = [k.value for k in call.keywords if k.arg == field] if isinstance(call, ast.Call) else []
    if len(values) != 1:
        _reach(of, reached)
        return
    parts: list[ast.AST] = [values[0]]
    wanted = {node.id for node in ast.walk(values[0]) if isinstance(node, ast.Name)}
    for statement in body[:-1]:
        assigned = {node.id for node in ast.walk(statement)
                    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
        if assigned & wanted:
            parts.append(statement)
    reached[name] = f"field {name}\n" + "\n".join(_tree_text(part) for part in parts)
    for part in parts:
        for node in ast.walk(part):
            if isinstance(node, ast.Name) and node.id in of.__globals__:
                _reach_value(f"{of.__module__}.{node.id}", of.__globals__[node.id], reached)


def _reach_value(name: str, value: Any, reached: dict[str, str]) -> None:
    if isinstance(value, types.FunctionType) and value.__module__.startswith("lbp_core"):
        _reach(value, reached)
    elif _is_constant(value):
        reached.setdefault(name, f"const {name} = {value!r}")


def _is_constant(value: Any) -> bool:
    if isinstance(value, _CONSTANTS):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(_is_constant(item) for item in value)
    return False


def _names(code: types.CodeType) -> Iterator[str]:
    """Every global and attribute name the code (and code nested in it) uses."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names(const)


def _normalised(function: Callable[..., Any]) -> str:
    """The function's syntax tree, without comments, docstrings or layout, in a form that is the same
    on every Python version from 3.11 (fields that are empty or absent, like 3.12's ``type_params``,
    are left out)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return _tree_text(tree)


def _tree_text(node: Any) -> str:
    if isinstance(node, ast.AST):
        fields = [f"{name}={_tree_text(value)}" for name, value in ast.iter_fields(node)
                  if value is not None and value != [] and name not in ("type_comment", "kind")]
        return f"{type(node).__name__}({', '.join(fields)})"
    if isinstance(node, list):
        return "[" + ", ".join(_tree_text(item) for item in node) + "]"
    return repr(node)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
