"""Fuzzing every parser of transform/parsers/ with damaged real documents (issue 12).

Each example takes a real document of the demo snapshot or the fixtures, damages it (cuts, doubled
slices, junk, changed digits) or replaces it by an adversarial one (repeated 50 times, a 200 KB
field, CR-only lines, deep nesting, 400-digit numbers, `{"result": null}`, year 99999...), and
parses it. A parser may refuse a document only with the project's own errors (TransformError or
ExtractError, each naming the URL); every example must finish within the hypothesis deadline of
10 s; and what it returns, once validated, holds no absurd value.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robust.fuzz import PROJECT_ERRORS, absurd_values, damaged, seeds
from transform.categories import KNOWN_CATEGORIES
from transform.exceptions import ValidationFailed
from transform.parsers import PARSERS, get_parser
from transform.validate import validate_article_figures, validate_observations

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("CYBERSTATS_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    derandomize=os.environ.get("CI") == "true",  # CI: the same inputs every run; locally: new ones
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
SEEDS = defaultdict(list)
for seed in seeds():
    SEEDS[seed.parser].append(seed)


def test_every_registered_parser_has_seeds():
    assert set(SEEDS) == set(PARSERS)


def check_accepted(result) -> None:
    """What a parser returned: once validated, no absurd value is left."""
    for rows, validate in (
        (result.observations, lambda r: validate_observations(r, known_categories=KNOWN_CATEGORIES)),
        (result.article_figures, validate_article_figures),
    ):
        try:
            table = validate(rows)
        except ValidationFailed:
            continue  # refused: nothing of it would load
        assert absurd_values(table.to_pylist()) == []


@pytest.mark.parametrize("parser", sorted(PARSERS))
@FUZZ
@given(data=st.data())
def test_parsers_raise_only_project_errors_and_accept_no_absurd_value(parser, data):
    seed = data.draw(st.sampled_from(SEEDS[parser]), label="seed")
    body = data.draw(damaged(seed.body, parser), label="body")
    try:
        result = get_parser(parser)(seed.with_body(body))
    except PROJECT_ERRORS as exc:
        assert seed.url in str(exc) or "archive" in str(exc), f"error names no URL: {exc}"
        return
    check_accepted(result)
