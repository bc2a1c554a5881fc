"""Fixtures: the example site built once by the real forge binary, served over http on
loopback under a subpath (as GitHub Pages does) and opened from file://, and a fresh
headless Chromium per test."""
import shutil
import tempfile
from pathlib import Path

import pytest

import harness


@pytest.fixture(scope="session")
def built_site() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="forge-example-")) / "Output"
    result = harness.build_site(folder)
    assert result.returncode == 0, result.stderr
    yield folder
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def http_root(built_site) -> str:
    server = harness.StaticServer(built_site)
    yield server.url
    server.close()


@pytest.fixture(params=["file", "http"])
def site_root(request, built_site, http_root) -> str:
    """The site root URL, ending in "/": once from file://, once over http under /forge-site/."""
    if request.param == "file":
        return built_site.as_uri() + "/"
    return http_root


@pytest.fixture
def driver():
    browser = harness.make_driver()
    yield browser
    harness.quit_driver(browser)
