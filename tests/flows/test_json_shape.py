"""flows.json_shape: one `{"columns", "rows"}` shape, counts and whole money as int, percentages as float."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from flows.json_shape import dumps, normalise_record, records_table, table


def test_rows_follow_the_columns_and_extras_sit_beside_them():
    shaped = table(["period_label", "value"], [("2023-H1", 15637.0)], sample="sample data")
    assert shaped == {
        "columns": ["period_label", "value"],
        "rows": [["2023-H1", 15637]],
        "sample": "sample data",
    }


@pytest.mark.parametrize(
    ("row", "key", "expected"),
    [
        ({"unit": "count", "value": 15637.0}, "value", 15637),
        ({"unit": "HKD", "value": 2030000000.0}, "value", 2030000000),
        ({"unit": "HKD", "value": 2035000000.5}, "value", 2035000000.5),  # not whole: stays a float
        ({"unit": "percent", "value": 28.0}, "value", 28.0),  # a percentage stays a float
        ({"unit": "count", "change_pct": 47.0}, "change_pct", 47.0),
        ({"unit": "count", "published_change_pct": 28.0}, "published_change_pct", 28.0),
        ({"metric": "detection_rate", "overall_detection_rate": 35.0}, "overall_detection_rate", 35.0),
        ({"unit": "count", "change_abs": -5610.0}, "change_abs", -5610),
        ({"unit": "percent", "change_abs": 2.0}, "change_abs", 2.0),
        ({"n": Decimal("12")}, "n", 12),
        ({"flag": True}, "flag", True),  # a bool is not a number to convert
        ({"value": None}, "value", None),
    ],
)
def test_numbers_are_typed_as_readers_expect(row, key, expected):
    got = normalise_record(row)[key]
    assert got == expected and type(got) is type(expected)


def test_a_list_column_is_normalised_element_by_element():
    assert normalise_record({"unit": "count", "conflicting_values": [43016.0]}) == {
        "unit": "count",
        "conflicting_values": [43016],
    }


def test_records_table_puts_the_named_columns_first_and_keeps_every_other_key():
    shaped = records_table([{"b": 1, "a": 2}, {"c": 3}], columns=("a",))
    assert shaped["columns"] == ["a", "b", "c"]
    assert shaped["rows"] == [[2, 1, None], [None, None, 3]]


def test_extras_cannot_replace_the_table():
    with pytest.raises(ValueError, match="rows"):
        table(["a"], [], rows=[])


def test_dates_and_times_print_as_iso_text():
    text = dumps(table(["d", "t"], [(date(2023, 6, 30), datetime(2024, 8, 9, 10, tzinfo=UTC))]))
    assert json.loads(text)["rows"] == [["2023-06-30", "2024-08-09T10:00:00+00:00"]]
