"""Print every worksheet to PDF, on US Letter and on A4, into the built site, and link the PDFs.

The PDFs are what a reader gets from the browser's own Print: Debian's headless Chromium prints each
sheet page through print.css (``make pdf`` runs this after ``make build``). One browser, one tab, all
sheets. A sheet that needs more pages than its ``max_pages`` in data/checklists.yaml fails the run.
A sheet's page has an empty, hidden place for its download links; this writes the links there once its
PDFs exist, so no copy of the site (the offline zip included) links to PDFs it does not hold.

Usage: python tools/checklist_pdfs.py [SITE_DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from markupsafe import escape  # noqa: E402

from img_red_flags.model.addresses import PAPERS, Addresses, sheet_source  # noqa: E402
from img_red_flags.postbuild import detect_addresses, served_file  # noqa: E402
from tools import chromium  # noqa: E402

FORMATS = {"letter": "Letter", "a4": "A4"}  # Playwright's names for the papers in PAPERS
PDF_LINKS = '<span class="sheet-pdfs" data-sheet-pdfs hidden></span>'  # macros/templates/checklist.md.j2


def write_pdfs(browser, base_url: str, site_dir: Path, sheet_ids: list[str]) -> dict[str, dict[str, Path]]:
    """Print each sheet of ``site_dir``, as if at ``base_url``, on every paper; return {sheet: {paper: pdf}}."""
    addresses = detect_addresses(site_dir, None)
    written: dict[str, dict[str, Path]] = {}
    context = browser.new_context()
    serve_as(context, base_url, site_dir.resolve())
    try:
        page = context.new_page()
        for sheet_id in sheet_ids:
            page.goto(base_url + addresses.page(sheet_source(sheet_id)), wait_until="load")
            written[sheet_id] = {}
            for paper in PAPERS:
                path = site_dir / addresses.pdf(sheet_id, paper)
                path.parent.mkdir(parents=True, exist_ok=True)
                # No margins here: print.css's @page margins apply, as when a reader prints.
                page.pdf(path=path, format=FORMATS[paper], tagged=True, outline=True)
                fix_dates(path)
                written[sheet_id][paper] = path
            _link(site_dir, addresses, sheet_id)
    finally:
        context.close()
    return written


def fix_dates(path: Path) -> None:
    """Stamp the PDF with the build's SOURCE_DATE_EPOCH instead of the clock, so builds are identical.

    Chromium writes /CreationDate and /ModDate as "D:YYYYMMDDHHmmSS+00'00'"; the replacement has the
    same length, so the PDF's cross-reference offsets stay valid.
    """
    from tools.build_site import source_date_epoch

    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(int(source_date_epoch(ROOT)))).encode()
    data = re.sub(
        rb"/(CreationDate|ModDate) \(D:\d{14}", lambda m: b"/" + m.group(1) + b" (" + stamp, path.read_bytes()
    )
    path.write_bytes(data)


def _link(site_dir: Path, addresses: Addresses, sheet_id: str) -> None:
    """Write the sheet's PDF download links into its page."""
    url = addresses.page(sheet_source(sheet_id))
    html = served_file(site_dir, url)
    text = html.read_text(encoding="utf-8")
    if PDF_LINKS not in text:
        raise RuntimeError(f"{html}: no place for the PDF links ('{PDF_LINKS}')")
    links = " · ".join(
        f'<a href="{escape(Addresses.relative(addresses.pdf(sheet_id, paper), url))}" download>'
        f"{escape(name)}</a>"
        for paper, name in PAPERS.items()
    )
    html.write_text(
        text.replace(PDF_LINKS, f'<span class="sheet-pdfs" data-sheet-pdfs>Download as PDF: {links}</span>'),
        encoding="utf-8",
    )


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


LOCAL_ORIGIN = "http://localhost/"  # when site_url is unset: fixed, so PDFs do not depend on a port


def serve_as(context, origin: str, site_dir: Path) -> None:
    """Answer every request under ``origin`` from the built files in ``site_dir``.

    Chromium writes link targets into the PDF as absolute URLs of the page's own origin. Printing the
    pages *at the site's public address* (no server involved) makes those links point where readers can
    follow them, and keeps the PDFs identical from build to build.
    """

    def fulfil(route):
        path = urllib.parse.unquote(urllib.parse.urlsplit(route.request.url).path)
        relative = path[len(urllib.parse.urlsplit(origin).path) :]
        target = (site_dir / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.is_relative_to(site_dir):
            route.fulfill(path=target)
        else:
            route.fulfill(status=404, body="not found")

    context.route(origin + "**", fulfil)
    # Anything else (another origin) is refused: the sheets must not need it.
    context.route(lambda url: not url.startswith(origin), lambda route: route.abort())


def site_url() -> str:
    """The deployed address from mkdocs.yml (SITE_URL), with a trailing slash, or LOCAL_ORIGIN."""
    from img_red_flags.postbuild.config import read_settings  # the one reader of the build settings

    url = read_settings(ROOT / "mkdocs.yml").site_url or LOCAL_ORIGIN
    return url if url.endswith("/") else url + "/"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site")
    args = parser.parse_args(argv)
    site_dir = Path(args.site_dir).resolve()
    if not (site_dir / "checklists").is_dir():
        print(f"No built site in {args.site_dir}/: run `make build` first.", file=sys.stderr)
        return 1
    if not chromium.available():
        print(f"No Chromium at {chromium.CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    from img_red_flags.validation import load_catalog

    sheets = load_catalog().sheets

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        written = write_pdfs(browser, site_url(), site_dir, list(sheets))
        browser.close()

    too_long = []
    for sheet_id, papers in written.items():
        counts = {paper: page_count(path) for paper, path in papers.items()}
        limit = sheets[sheet_id]["max_pages"]
        print(
            f"{sheet_id:18} "
            + "  ".join(f"{paper}: {n} page{'s' * (n != 1)}" for paper, n in counts.items())
            + f"  (limit {limit})"
        )
        too_long += [f"{sheet_id} ({paper}: {n} > {limit})" for paper, n in counts.items() if n > limit]
    if too_long:
        print("Over the page limit in data/checklists.yaml: " + ", ".join(too_long), file=sys.stderr)
        return 1
    print(f"PDFs written under {site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
