"""The fixture site server other tests rely on: mapping, headers files, conditional requests, request log."""

from __future__ import annotations

import requests

from extract.catalogue import ALLOWED_HOSTS
from extract.urlmap import map_url, parse_url_map
from tests.extract.conftest import write
from tests.site_server import FIXTURE_SITE_ROOT

POLICE = "www.police.gov.hk"


def get(site, canonical: str, **headers) -> requests.Response:
    return requests.get(map_url(canonical, site.url_map), headers=headers, timeout=5)


def test_every_catalogue_host_is_mapped_to_the_local_server(tmp_site, site_dir):
    (site_dir / "extra.example.hk").mkdir()
    url_map = tmp_site.url_map
    assert set(ALLOWED_HOSTS) | {"extra.example.hk"} == set(url_map)
    assert all(base.startswith("http://127.0.0.1:") for base in url_map.values())
    assert parse_url_map(tmp_site.url_map_setting) == url_map


def test_files_are_served_with_headers_files(tmp_site, site_dir):
    write(
        site_dir,
        f"{POLICE}/info/doc/crime_details.csv",
        "年份".encode("big5"),
        {"Content-Type": "text/csv; charset=big5"},
    )
    r = get(tmp_site, f"https://{POLICE}/info/doc/crime_details.csv")
    assert r.status_code == 200 and r.content == "年份".encode("big5")
    assert r.headers["Content-Type"] == "text/csv; charset=big5" and r.headers["ETag"].startswith('"')
    assert get(tmp_site, f"https://{POLICE}/info/doc/crime_details.csv.headers.json").status_code == 404


def test_missing_files_and_robots_are_404(tmp_site):
    assert get(tmp_site, f"https://{POLICE}/robots.txt").status_code == 404
    assert get(tmp_site, "https://rthk.hk/anything").status_code == 404


def test_etag_and_last_modified_give_304(tmp_site, site_dir):
    lm = "Tue, 01 Jul 2025 00:00:00 GMT"
    write(site_dir, f"{POLICE}/a.html", "<p>a</p>", {"Last-Modified": lm})
    etag = get(tmp_site, f"https://{POLICE}/a.html").headers["ETag"]
    assert get(tmp_site, f"https://{POLICE}/a.html", **{"If-None-Match": etag}).status_code == 304
    assert get(tmp_site, f"https://{POLICE}/a.html", **{"If-None-Match": '"other"'}).status_code == 200
    assert get(tmp_site, f"https://{POLICE}/a.html", **{"If-Modified-Since": lm}).status_code == 304
    old = "Mon, 30 Jun 2025 00:00:00 GMT"
    assert get(tmp_site, f"https://{POLICE}/a.html", **{"If-Modified-Since": old}).status_code == 200


def test_index_query_status_and_traversal(tmp_site, site_dir):
    write(site_dir, f"{POLICE}/dir/index.html", "<p>index</p>")
    write(site_dir, "data.gov.hk/api/package_show?id=x", "{}")
    write(site_dir, f"{POLICE}/old.html", "", {"Status": 301, "Location": "/www.info.gov.hk/new.htm"})
    write(site_dir, "secret.txt", "outside any host")
    assert get(tmp_site, f"https://{POLICE}/dir/").text == "<p>index</p>"
    assert get(tmp_site, "https://data.gov.hk/api/package_show?id=x").text == "{}"
    moved = requests.get(
        map_url(f"https://{POLICE}/old.html", tmp_site.url_map), allow_redirects=False, timeout=5
    )
    assert moved.status_code == 301 and moved.headers["Location"] == "/www.info.gov.hk/new.htm"
    assert get(tmp_site, f"https://{POLICE}/../secret.txt").status_code == 404


def test_requests_are_logged_with_canonical_paths_and_headers(tmp_site, site_dir):
    write(site_dir, f"{POLICE}/a.html", "<p>a</p>")
    get(tmp_site, f"https://{POLICE}/a.html?x=1", **{"User-Agent": "probe (+https://example.org)"})
    record = tmp_site.requests[-1]
    assert (record.method, record.host, record.path, record.status) == ("GET", POLICE, "/a.html?x=1", 200)
    assert record.headers["User-Agent"] == "probe (+https://example.org)"
    assert tmp_site.requested(POLICE) == ["/a.html?x=1"]


def test_session_fixture_site_serves_the_repository_fixtures(fixture_site):
    assert fixture_site.root == FIXTURE_SITE_ROOT and fixture_site.requests == []
    assert get(fixture_site, "https://www.scmp.com/robots.txt").status_code in (200, 404)
    assert fixture_site.requests[-1].host == "www.scmp.com"
