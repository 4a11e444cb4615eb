"""Prefect retries a source task only when its failures were transient (issue 5)."""

from __future__ import annotations

import pytest
from werkzeug import Response

from extract.archive import RawArchive
from extract.http import PoliteClient
from flows.pipeline import collect_source_task

pytestmark = pytest.mark.prefect

HKCERT_PATH = "/datagovhk/monthly_incident_report_en.json"
BODY = '[{"Year": 2022, "Type": "Total", "Count": 8393}]'


def _client(tmp_path, httpserver) -> PoliteClient:
    base = httpserver.url_for("/").rstrip("/")
    return PoliteClient(
        RawArchive(tmp_path / "raw"), url_map={"www.hkcert.org": base}, min_interval=0.0, max_retries=0
    )


def test_a_transient_failure_is_retried_by_the_task(tmp_path, httpserver, prefect_harness):
    httpserver.expect_request("/robots.txt").respond_with_response(Response(status=404))
    httpserver.expect_oneshot_request(HKCERT_PATH).respond_with_response(Response("busy", status=503))
    httpserver.expect_request(HKCERT_PATH).respond_with_data(BODY, content_type="application/json")
    task = collect_source_task.with_options(retry_delay_seconds=0, retry_jitter_factor=None)
    batch = task(_client(tmp_path, httpserver), "hkcert_incidents_monthly")
    assert batch.report.failures == []
    assert [o["value"] for o in batch.parsed[0].result.observations] == [8393]
    assert len([r for r, _ in httpserver.log if r.path == HKCERT_PATH]) == 2


def test_a_permanent_failure_is_not_retried(tmp_path, httpserver, prefect_harness):
    httpserver.expect_request("/robots.txt").respond_with_response(Response(status=404))
    httpserver.expect_request(HKCERT_PATH).respond_with_response(Response("gone", status=404))
    task = collect_source_task.with_options(retry_delay_seconds=0, retry_jitter_factor=None)
    batch = task(_client(tmp_path, httpserver), "hkcert_incidents_monthly")
    assert batch.report.failures[0].kind == "NotFound" and not batch.report.failures[0].transient
    hits = [r for r, _ in httpserver.log if r.path == HKCERT_PATH]
    assert len(hits) == 1


def test_a_host_that_does_not_resolve_is_not_retried_by_the_task(tmp_path, monkeypatch, prefect_harness):
    """Offline, a name will not resolve a minute later either: one lookup, no task retry (issue 12)."""
    import socket

    lookups: list[str] = []
    real = socket.getaddrinfo

    def no_dns(host, *args, **kwargs):
        if not (isinstance(host, str) and host.endswith(".invalid")):
            return real(host, *args, **kwargs)  # the Prefect API on 127.0.0.1
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    client = PoliteClient(
        RawArchive(tmp_path / "raw"),
        url_map={"www.hkcert.org": "http://hkcert-offline.invalid:8080"},
        min_interval=0.0,
        max_retries=4,
    )
    task = collect_source_task.with_options(retry_delay_seconds=0, retry_jitter_factor=None)
    batch = task(client, "hkcert_incidents_monthly")
    [failure] = batch.report.failures
    assert (failure.kind, failure.transient, failure.retry_in_run) == ("HostUnresolved", True, False)
    assert lookups == ["hkcert-offline.invalid"]  # robots.txt once: no client retry, no task retry
