"""Every recommendation has a short title of at most 40 characters, and the CLI's catalogue carries it."""

from __future__ import annotations

import json
import subprocess
import sys

from lbp_core._short_titles import SHORT_TITLE_MAX, SHORT_TITLES
from lbp_core.guideline import RECOMMENDATIONS


def test_every_recommendation_has_one_short_title_and_no_other_is_kept() -> None:
    assert set(SHORT_TITLES) == {rec.id for rec in RECOMMENDATIONS}


def test_short_titles_are_short_and_tell_the_actions_apart() -> None:
    for rec in RECOMMENDATIONS:
        assert 0 < len(rec.short_title) <= SHORT_TITLE_MAX, rec.id
        assert rec.short_title.strip() == rec.short_title, rec.id
    assert len({rec.short_title for rec in RECOMMENDATIONS}) == len(RECOMMENDATIONS)


def test_the_cli_lists_each_short_title() -> None:
    out = subprocess.run([sys.executable, "-m", "lbp_core", "recommendations"], capture_output=True,
                         text=True, check=True).stdout
    printed = {rec["id"]: rec["short_title"] for rec in json.loads(out)["recommendations"]}
    assert printed == {rec.id: rec.short_title for rec in RECOMMENDATIONS}
