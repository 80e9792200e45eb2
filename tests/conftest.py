"""Shared fixtures: the real catalog, a strict build of the site, and a real Chromium.

Browser tests use Debian's chromium through Playwright (never a downloaded browser). Outside CI a
missing browser skips them with the reason; under CI=true it fails the run, because a skipped browser
test is a test that does not exist. The same goes for Zensical's venv (.venv-zensical, made by `make
test`): a test marked ``both_generators`` runs once on MkDocs' build and once on Zensical's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages (validation, macros, tools) as the build sees them

from img_red_flags.model.catalog import load  # noqa: E402
from img_red_flags.validation.catalog import DATA_DIR  # noqa: E402
from tools import chromium  # noqa: E402
from tools.bench_serve import copy_project  # noqa: E402, F401 - the tests' project copy, as the bench's
from tools.build_site import build_into  # noqa: E402

SOURCE = ROOT.parent / "shared" / "source" / "guide.txt"


def require(condition: bool, reason: str) -> None:
    """Skip when something outside the repo is missing; under CI that is a failure instead."""
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: required)")
        pytest.skip(reason)


def real_catalog():
    """The real guide's catalog, validated once per test session: img_red_flags.model.catalog keeps it
    until a data file changes. Tests that only read the real data use this, never load_catalog()."""
    return load(DATA_DIR)


@pytest.fixture(scope="session")
def catalog():
    return real_catalog()


GENERATORS = ("mkdocs", "zensical")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "both_generators: runs on the MkDocs build and on the Zensical build "
        "(the `site` fixture is each in turn)",
    )


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("both_generators") and "site" in metafunc.fixturenames:
        metafunc.parametrize("site", GENERATORS, indirect=True)


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory) -> Path:
    """The site built strictly from the real data, once per test session."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    target = tmp_path_factory.mktemp("build") / "site"
    build_into(target, str(ROOT / "mkdocs.yml"))
    return target


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The same site built by Zensical (`make build-zensical`), once per test session."""
    from tools.build_site import ZENSICAL_VENV

    require(
        (ROOT / ZENSICAL_VENV / "bin" / "zensical").exists(),
        f"no {ZENSICAL_VENV}/ (make build-zensical creates it)",
    )
    target = tmp_path_factory.mktemp("build-zensical") / "site"
    build_into(target, str(ROOT / "mkdocs.yml"), generator="zensical")
    return target


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The MkDocs build; in a ``both_generators`` test, each build in turn."""
    return request.getfixturevalue(f"{getattr(request, 'param', 'mkdocs')}_site")


def page_files(site: Path) -> list[Path]:
    """Every content page of the site (not the 404 page, theme partials or redirect pages)."""
    from tools.page_weight import pages

    return sorted(pages(site))


@pytest.fixture(scope="session")
def server(site):
    """The built site over HTTP on a free loopback port: base URL ending in '/'."""
    with chromium.serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    require(chromium.available(), f"no Chromium at {chromium.CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


FAILURES = ROOT / "build" / "test-reports" / "failures"  # kept by CI as an artifact (.ci/run)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome on the test, so a fixture can tell that its test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def keep_failure(request, page) -> None:
    """A failed browser test leaves a full-page screenshot and the page's HTML in build/test-reports/."""
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or page.is_closed():
        return
    FAILURES.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.nodeid)[-150:]
    try:
        page.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
        (FAILURES / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # a crashed page must not hide the test's own failure
        print(f"no failure screenshot for {request.node.nodeid}: {error}")


@pytest.fixture
def page(request, browser, server):
    """A fresh browser context and page; every request to another origin fails the test."""
    context = browser.new_context(base_url=server)
    offsite: list[str] = []

    def guard(route):
        if route.request.url.startswith(server) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    keep_failure(request, page)
    context.close()
    assert not offsite, f"requests left the site: {offsite}"
