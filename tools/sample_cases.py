"""A fixed, seeded set of cases for golden comparisons: the worked cases plus generated valid and bad ones."""

from __future__ import annotations

import random
from typing import Any

from lbp_core.case import FIELD_SPECS
from lbp_core.worked_cases import WORKED_CASES

BOOLEAN_FIELDS = [name for name, spec in FIELD_SPECS.items() if spec.kind == "boolean"]
THRESHOLD_WEEKS = [0, 1.9, 2, 3.9, 4, 5.9, 6, 11.9, 12, 520]
BAD_VALUES: list[Any] = [-1, 521, "8", None, [], {}, True, 2.5, "<script>alert(1)</script>", "∞"]


def golden_cases(count: int = 400, seed: int = 2026) -> list[Any]:
    rng = random.Random(seed)
    cases: list[Any] = [wc.case for wc in WORKED_CASES]
    for i in range(count):
        duration = rng.choice(THRESHOLD_WEEKS + [round(rng.uniform(0, 520), 2)])
        case: dict[str, Any] = {"duration_weeks": duration}
        for name in rng.sample(BOOLEAN_FIELDS, rng.randint(0, len(BOOLEAN_FIELDS))):
            case[name] = rng.random() < 0.6
        if rng.random() < 0.5:
            case["conservative_care_weeks"] = round(rng.uniform(0, duration), 1)
        if rng.random() < 0.5:
            case["age_years"] = rng.randint(0, 120)
        if i % 10 == 0:
            case[rng.choice(list(FIELD_SPECS) + ["unknown_field"])] = rng.choice(BAD_VALUES)
        cases.append(case)
    cases += [[], "not an object", 42, None]
    return cases
