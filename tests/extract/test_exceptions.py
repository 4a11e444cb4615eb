"""The extract error hierarchy: one root, context in every message, picklable, transient or not."""

from __future__ import annotations

import pickle

import pytest
import requests

import extract.exceptions as ex

URL = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"


def test_public_names_are_exactly_the_exported_ones():
    defined = {
        n
        for n, v in vars(ex).items()
        if not n.startswith("_") and getattr(v, "__module__", "") == ex.__name__
    }
    assert set(ex.__all__) == defined


@pytest.mark.parametrize(
    "exc",
    [
        ex.RobotsDisallowed("hkpf_csc_en", URL, "robots.txt refuses it"),
        ex.NotFound("hkpf_csc_en", URL, "HTTP 410: gone", status=410),
        ex.OffCatalogueHost("hkpf_csc_en", URL, "redirected", target="https://evil.example.org/"),
        ex.BodyTooLarge("hkpf_csc_en", URL, "too big", status=200),
        ex.TransientFetchError("hkpf_csc_en", URL, "gave up", attempts=5, last_error="HTTP 503", status=503),
        ex.DecodeFailed("hkpf_csc_en", URL, "not valid utf-8", encoding="utf-8"),
    ],
)
def test_every_fetch_error_names_source_and_url_and_survives_pickling(exc):
    assert isinstance(exc, ex.FetchError) and isinstance(exc, ex.ExtractError)
    assert str(exc).startswith(f"[hkpf_csc_en] {URL}: ")
    clone = pickle.loads(pickle.dumps(exc))
    assert type(clone) is type(exc) and str(clone) == str(exc) and clone.__dict__ == exc.__dict__


def test_is_transient():
    assert ex.is_transient(ex.TransientFetchError("s", URL, "gave up"))
    assert ex.is_transient(requests.ConnectionError("reset"))
    assert ex.is_transient(requests.ReadTimeout("slow"))
    for permanent in (
        ex.NotFound("s", URL, "gone"),
        ex.RobotsDisallowed("s", URL, "no"),
        ex.OffCatalogueHost("s", URL, "off"),
        ex.ArchiveCorrupt("bad"),
        ValueError("x"),
    ):
        assert not ex.is_transient(permanent)
