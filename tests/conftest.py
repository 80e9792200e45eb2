"""Shared fixtures: the real catalog, a strict build of the site, and a real Chromium.

Browser tests use Debian's chromium through Playwright (never a downloaded browser). Outside CI a
missing browser skips them with the reason; under CI=true it fails the run, because a skipped browser
test is a test that does not exist.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages (validation, macros, tools) as the build sees them

from tools import chromium  # noqa: E402
from tools.build_site import build_into  # noqa: E402
from img_red_flags.validation import load_catalog  # noqa: E402

SOURCE = ROOT.parent / "shared" / "source" / "guide.txt"


def require(condition: bool, reason: str) -> None:
    """Skip when something outside the repo is missing; under CI that is a failure instead."""
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: required)")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built strictly from the real data, once per test session."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    target = tmp_path_factory.mktemp("build") / "site"
    build_into(target, str(ROOT / "mkdocs.yml"))
    return target


def copy_project(into: Path) -> Path:
    """A copy of the project (sources only: no venv, builds, git or tests) to break and build in tests."""
    project = into / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "tests", "__pycache__", ".site.*", "build", "node_modules"))
    return project


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


@pytest.fixture
def page(browser, server):
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
    context.close()
    assert not offsite, f"requests left the site: {offsite}"
