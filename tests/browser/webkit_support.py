"""WebKit (the engine of every iPhone browser) for the smoke suite: Debian's WebKitGTK, driven through its
WebDriver (webkit2gtk-driver: WebKitWebDriver, which runs WebKitGTK's MiniBrowser) by Selenium, on a
virtual X display (Xvfb) this module starts and stops itself.

MiniBrowser's window cannot be narrower than its toolbar (about 450 px), so a page is opened in an
iframe of phone width inside a blank page: media queries and layout then see 390 px, as on a phone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = next(
    (p for p in Path("/usr/lib").glob("*/webkit2gtk-4.1/MiniBrowser")),
    Path("/usr/lib/webkit2gtk-4.1/MiniBrowser"),
)
TIMEOUT = 60  # seconds a condition may take on a busy machine; the waits end as soon as it holds


def missing() -> str | None:
    """Why WebKit cannot run here, or None."""
    if not DRIVER.exists() or not MINIBROWSER.exists():
        return "no WebKitWebDriver/MiniBrowser (apt-get install webkit2gtk-driver)"
    if not shutil.which("Xvfb"):
        return "no Xvfb (apt-get install xvfb)"
    return None


@contextlib.contextmanager
def display():
    """A virtual X display for the browser: Xvfb picks a free display number and reports it."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as reported:
            number = reported.readline().strip()  # blocks until Xvfb is ready to take clients
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


@contextlib.contextmanager
def webkit():
    """A Selenium session in WebKitGTK's MiniBrowser on its own virtual display."""
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.service import Service

    with display() as number:
        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        service = Service(executable_path=str(DRIVER), env={**os.environ, "DISPLAY": number})
        driver = webdriver.WebKitGTK(options=options, service=service)
        driver.set_page_load_timeout(TIMEOUT)
        driver.set_script_timeout(TIMEOUT)
        try:
            yield driver
        finally:
            driver.quit()


def wait(driver, script: str, *args, message: str = ""):
    """Wait until ``script`` (a JavaScript expression's body: ``return ...``) returns a truthy value."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script(script, *args), message)


def open_at_width(driver, url: str, width: int = 390, height: int = 844) -> None:
    """Open ``url`` in an iframe of ``width`` px and switch into it, once its page has loaded."""
    driver.switch_to.default_content()
    driver.get("about:blank")
    driver.execute_script(
        "const f = document.createElement('iframe');"
        "f.id = 'phone'; f.style.cssText = `width:${arguments[1]}px;height:${arguments[2]}px;border:0`;"
        "document.body.style.margin = 0; f.src = arguments[0]; document.body.append(f);",
        url,
        width,
        height,
    )
    # The blank page and the site are of different origins: wait from inside the frame, which follows
    # its browsing context as it navigates.
    driver.switch_to.frame(driver.find_element("id", "phone"))
    wait(
        driver,
        "return document.readyState === 'complete' && location.href.split('#')[0] === arguments[0].split('#')[0];",
        url,
        message=f"{url} did not load",
    )


# Errors thrown after this is installed (by a click, a search, a reload's scripts) are kept in the page.
CATCH_ERRORS = (
    "window.__errors = window.__errors || [];"
    "window.addEventListener('error', e => window.__errors.push(String(e.message)));"
    "window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));"
)
