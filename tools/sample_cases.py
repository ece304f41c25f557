"""The fixed, seeded set of cases for golden comparisons (kept in the core: ``lbp_core.golden``)."""

from __future__ import annotations

from lbp_core.golden import golden_cases

__all__ = ["golden_cases"]
