"""Browser tests: JupyterLab and Voila in headless Chromium (Debian's package), driven by Playwright.

Never `playwright install`: the browser is /usr/bin/chromium. run.py installs it when it is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import servers

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Quiet on a closed network: no background requests, no GPU, no sandbox (tests may run as root).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    reason = os.environ.get("COURSE_SKIP_BROWSER") or (None if CHROMIUM.exists() else f"{CHROMIUM} is missing")
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args():
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def course_workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    return servers.make_workspace(base), base


@pytest.fixture(scope="session")
def lab(course_workspace):
    workspace, base = course_workspace
    server = servers.start_lab(workspace, base / "lab")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila(course_workspace):
    workspace, base = course_workspace
    server = servers.start_voila(workspace, base / "voila")
    yield server
    server.stop()


@pytest.fixture
def screenshot(request):
    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path
    return take
