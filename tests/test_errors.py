"""One error root for the project, and the typed failure record a run report keeps (issue 12)."""

from __future__ import annotations

import pickle

import pytest

import extract.exceptions as ex
import warehouse.exceptions as wx
from flows.reports import SourceReport
from transform.exceptions import CyberstatsError, Failure, LayoutChanged, TransformError
from transform.parquet_store import StoreError

URL = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"


@pytest.mark.parametrize(
    "error",
    [ex.ExtractError, ex.FetchError, ex.ArchiveCorrupt, TransformError, StoreError, wx.WarehouseError],
)
def test_every_project_error_derives_from_the_one_root(error):
    assert issubclass(error, CyberstatsError)


def test_the_flow_retry_signal_is_under_the_root_too():
    from flows.pipeline import TransientSourceFailure

    assert issubclass(TransientSourceFailure, CyberstatsError)


def test_a_report_records_a_project_error_with_source_stage_and_url():
    report = SourceReport("hkpf_csc_en")
    report.fail(LayoutChanged(URL, "a table", "none"), stage="parse", url=URL)
    [failure] = report.failures
    assert (failure.source_id, failure.stage, failure.url, failure.kind) == (
        "hkpf_csc_en",
        "parse",
        URL,
        "LayoutChanged",
    )
    assert (
        str(failure)
        == f"hkpf_csc_en [parse] {URL}: LayoutChanged: layout changed at {URL}: expected a table; found none"
    )
    assert not failure.transient and report.transient_failures == 0
    assert pickle.loads(pickle.dumps(failure)) == failure  # reports travel through Prefect and Dask


def test_a_foreign_error_is_marked_unexpected_and_its_text_bounded():
    failure = Failure.from_exception(RecursionError("x" * 10_000), source_id="s", stage="parse", url=URL)
    assert failure.kind == "RecursionError" and failure.message.startswith("unexpected error")
    assert len(failure.message) < 400


def test_transient_and_retry_in_run_come_from_the_error():
    report = SourceReport("hkcert_incidents_monthly")
    report.fail(ex.HostUnresolved("hkcert_incidents_monthly", URL, "no DNS"), stage="fetch", url=URL)
    report.fail(ex.TransientFetchError("hkcert_incidents_monthly", URL, "503"), stage="fetch", url=URL)
    assert [(f.transient, f.retry_in_run) for f in report.failures] == [(True, False), (True, True)]
    assert report.transient_failures == 2 and report.failed_urls("fetch") == {URL}
