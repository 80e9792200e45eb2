"""The checklists as paper: print media in real Chromium, and the PDFs `make pdf` writes from it."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import real_catalog
from img_red_flags.model.addresses import PAPERS
from macros.checklists import sheet_questions
from tools.checklist_pdfs import page_count, serve_as, write_pdfs

pytestmark = pytest.mark.browser

SHEETS = list(real_catalog().sheets)
QUESTION_SHEETS = [
    s for s in SHEETS if any(p["kind"] == "questions" for p in real_catalog().sheets[s]["parts"])
]


def squash(text: str) -> str:
    """PDF text with all whitespace removed: line breaks in a PDF fall wherever the paper put them."""
    return re.sub(r"\s+", "", text)


PUBLIC = "https://guide.example/img-red-flags/"  # stands in for SITE_URL; never contacted (see serve_as)


@pytest.fixture(scope="session")
def pdfs(site, browser, tmp_path_factory):
    """`make pdf` on a copy of the built site (the shared build stays as `make build` leaves it)."""
    from pypdf import PdfReader

    copy = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(site, copy)
    written = write_pdfs(browser, PUBLIC, copy, SHEETS)
    pages = {
        (s, paper): [p.extract_text() for p in PdfReader(path).pages]
        for s, papers in written.items()
        for paper, path in papers.items()
    }
    return {"site": copy, "written": written, "pages": pages}


# ---- On screen ------------------------------------------------------------------------------------------


def test_print_button_is_visible_and_opens_the_print_dialog(page):
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    for sheet_id in SHEETS:
        page.goto(f"checklists/{sheet_id}/")
        button = page.get_by_role("button", name="Print this sheet")
        assert button.is_visible(), sheet_id
        button.click()
    assert page.evaluate("window.__printed") == 1  # the counter restarts with each page load


def test_index_links_to_every_sheet(page, catalog):
    page.goto("checklists/")
    for sheet in catalog.sheets.values():
        page.get_by_role("link", name=sheet["title"]).first.click()
        assert page.locator("h1").inner_text().startswith(sheet["title"])
        page.go_back()


@pytest.mark.parametrize("width", [360, 390])
def test_no_sheet_scrolls_sideways_on_a_small_phone(browser, server, width):
    from support import guarded_page

    with guarded_page(browser, server, viewport={"width": width, "height": 800}, is_mobile=True) as page:
        wide = {}
        for sheet_id in SHEETS:
            page.goto(f"checklists/{sheet_id}/")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                wide[sheet_id] = scroll
        assert not wide, wide  # ask-fellows was 366 px wide at 360 (a long field label that would not wrap)


# ---- With print media emulated ---------------------------------------------------------------------------

VISIBLE = (
    "el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); "
    "return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; }"
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_media_hides_chrome_and_shows_boxes_lines_and_folded_content(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("checklists/ask-gme/")
    page.emulate_media(media="print", color_scheme=scheme)
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        "[data-sheet-print]",
        ".headerlink",
    ):
        assert not any(page.locator(chrome).evaluate_all(f"els => els.map({VISIBLE})")), chrome
    box = page.locator(".sheet-item .sheet-box").first
    assert box.evaluate(VISIBLE)
    style = box.evaluate(
        "el => { const s = getComputedStyle(el); return [s.borderTopWidth, s.borderTopColor]; }"
    )
    assert float(style[0].rstrip("px")) >= 1 and style[1] == "rgb(0, 0, 0)"  # black on white paper
    line = page.locator(".sheet-lines .sheet-line").first
    assert (
        line.evaluate(VISIBLE)
        and line.evaluate("el => parseFloat(getComputedStyle(el).borderBottomWidth)") >= 1
    )
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    folded = page.locator("details").first
    assert folded.get_attribute("open") is None  # still folded: no script opened it
    assert folded.locator("li").first.evaluate(VISIBLE)


def test_links_that_matter_print_their_address(page):
    page.goto("checklists/after-contact/")
    page.emulate_media(media="print")
    link = page.locator("a[href$='red-flags/#weak-visa-support']")
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    # served from this machine, the address stays site-relative (a loopback address means nothing on paper)
    assert after == '" (red-flags/#weak-visa-support)"'


def test_footer_line_goes_on_every_printed_page(page, catalog):
    page.goto("checklists/ask-leadership/")
    footer = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--sheet-footer')")
    assert "checklists/ask-leadership/" in footer and catalog.meta["version"] in footer


# ---- The PDFs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("sheet_id", SHEETS)
def test_pdf_fits_its_page_limit(pdfs, catalog, sheet_id, paper):
    count = page_count(pdfs["written"][sheet_id][paper])
    assert 1 <= count <= catalog.sheets[sheet_id]["max_pages"] <= 4


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("sheet_id", SHEETS)
def test_pdf_every_page_has_the_footer_line(pdfs, catalog, sheet_id, paper):
    pages = pdfs["pages"][(sheet_id, paper)]
    footer = squash(
        f"checklists/{sheet_id}/ · Data version {catalog.meta['version']}, {catalog.meta['updated']}"
    )
    for number, text in enumerate(pages, 1):
        assert footer in squash(text), (sheet_id, paper, number)
        assert squash(f"Page {number} of {len(pages)}") in squash(text)


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("sheet_id", QUESTION_SHEETS)
def test_pdf_has_every_question_each_whole_on_one_page(pdfs, catalog, sheet_id, paper):
    pages = [squash(t) for t in pdfs["pages"][(sheet_id, paper)]]
    questions = sheet_questions(catalog, sheet_id)
    audiences = {p["audience"] for p in catalog.sheets[sheet_id]["parts"] if p["kind"] == "questions"}
    assert {q["id"] for q in questions} == {
        q["id"] for q in catalog.questions.values() if audiences & set(q["ask"])
    }
    tick = squash(next(p for p in catalog.sheets[sheet_id]["parts"] if p["kind"] == "questions")["ticks"][0])
    for number, text in enumerate(pages, 1):
        on_page = [q["id"] for q in questions if squash(q["text"]) in text]
        # each item ends with its ticks: a question split from its answer lines leaves the counts unequal
        assert len(on_page) == text.count(tick), (sheet_id, paper, number)
    for q in questions:
        assert sum(squash(q["text"]) in text for text in pages) == 1, q["id"]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_pdf_prints_folded_guidance_and_research_items_whole(pdfs, catalog, paper):
    ask = "".join(squash(t) for t in pdfs["pages"][("ask-gme", paper)])
    assert squash("evasion is information too") in ask  # inside a folded block on screen
    pages = [squash(t) for t in pdfs["pages"][("before-interview", paper)]]
    public = next(s for s in catalog.page("investigation")["sections"] if s["id"] == "public-data")
    for item in public["items"]:
        holding = [n for n, text in enumerate(pages) if squash(item["title"]) in text]
        assert len(holding) == 1 and all(squash(p) in pages[holding[0]] for p in item["points"]), item["id"]


def test_pdf_links_show_on_the_sheet_once_the_pdfs_exist(browser, pdfs):
    context = browser.new_context(base_url=PUBLIC)
    serve_as(context, PUBLIC, pdfs["site"])
    try:
        page = context.new_page()
        for sheet_id in SHEETS:
            page.goto(f"checklists/{sheet_id}/")
            for name in PAPERS.values():
                link = page.get_by_role("link", name=name, exact=True)
                assert link.is_visible(), (sheet_id, name)
                start = page.evaluate(
                    "async (url) => (await (await fetch(url)).text()).slice(0, 5)",
                    link.evaluate("el => el.href"),
                )
                assert start == "%PDF-", (sheet_id, name)
    finally:
        context.close()


def test_links_in_the_pdfs_go_to_the_public_site(pdfs):
    from pypdf import PdfReader

    uris = {
        sheet_id: [
            annot.get_object()["/A"]["/URI"]
            for paper in papers.values()
            for pdf_page in PdfReader(paper).pages
            for annot in pdf_page.get("/Annots", [])
            if "/URI" in annot.get_object().get("/A", {})
        ]
        for sheet_id, papers in pdfs["written"].items()
    }
    assert sum(map(len, uris.values())) >= len(SHEETS)
    stray = {s: [u for u in found if not u.startswith(PUBLIC)] for s, found in uris.items()}
    assert not any(stray.values()), stray


# ---- Help that survives print: the already-in sheet and the pocket card ---------------------------------


def _contacts(catalog) -> list[dict]:
    section = next(s for s in catalog.page("already_in")["sections"] if s["id"] == "independent-help")
    return [i for i in section["items"] if i.get("contact")]


def _first_steps_leads(catalog) -> list[str]:
    from macros.checklists import bold_leads

    body = next(s for s in catalog.page("already_in")["sections"] if s["id"] == "first-steps")["body"]
    return [lead for group in bold_leads(body, "first-steps") for lead in group["leads"]]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_already_in_pdf_carries_the_first_steps_and_every_independent_contact(pdfs, catalog, paper):
    text = "".join(squash(t) for t in pdfs["pages"][("already-in", paper)])
    for lead in _first_steps_leads(catalog):  # the do and the do-not lines
        assert squash(lead) in text, lead
    contacts = _contacts(catalog)
    assert {c["id"] for c in contacts} >= {
        "ecfmg-as-sponsor",
        "acgme-ombudsperson-office",
        "state-j1-helpline",
    }
    for item in contacts:
        assert squash(item["title"]) in text, item["id"]
        if phone := item["contact"].get("phone"):
            assert squash(phone) in text, item["id"]
    assert "1-866-283-9090" in text and squash("call or text 988") in text
    assert 2 <= len(pdfs["pages"][("already-in", paper)]) <= catalog.sheets["already-in"]["max_pages"]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_pocket_card_pdf_is_eight_fronts_then_eight_backs(pdfs, catalog, paper):
    from macros.checklists import CARDS_PER_PAGE

    front, back = (squash(t) for t in pdfs["pages"][("pocket-card", paper)])  # exactly two pages
    for lead in _first_steps_leads(catalog):
        assert front.count(squash(lead)) == CARDS_PER_PAGE, lead
        assert squash(lead) not in back
    for item in _contacts(catalog):
        assert back.count(squash(item["title"])) == CARDS_PER_PAGE, item["id"]
        if phone := item["contact"].get("phone"):
            assert back.count(squash(phone)) >= CARDS_PER_PAGE, item["id"]
    assert back.count(squash(PUBLIC + "already-in-one/")) == CARDS_PER_PAGE  # the guide's address


def test_pocket_card_prints_at_bank_card_size_with_cut_lines(page):
    page.goto("checklists/pocket-card/")
    page.emulate_media(media="print")
    cards = page.locator(".card")
    assert cards.count() == 16
    sizes = cards.evaluate_all(
        "els => els.map(el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);"
        " return [Math.round(r.width / 96 * 25.4), Math.round(r.height / 96 * 25.4), s.outlineStyle]; })"
    )
    assert all(size == [85, 55, "dashed"] for size in sizes), sizes
    # On screen only one front and one back show; the copies are hidden from screen readers.
    page.emulate_media(media="screen")
    assert page.locator(".card:visible").count() == 2
    assert page.locator(".card[aria-hidden='true']").count() == 14


def test_no_pdf_holds_a_file_address(pdfs):
    for sheet_id, papers in pdfs["written"].items():
        for path in papers.values():
            assert b"file:" not in path.read_bytes(), (sheet_id, path.name)


def _print_from_file(browser, folder, page_path: str, out) -> bytes:
    """Print a page of a copy opened from file:// to PDF, as a reader's browser would; its bytes."""
    context = browser.new_context()
    elsewhere: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:", "about:"))
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    try:
        page = context.new_page()
        page.goto((folder / page_path).as_uri())
        page.pdf(path=out, format="A4")
        # After printing, the links lead into the copy again.
        assert page.locator("a[href]").first.evaluate("el => el.href").startswith("file:")
    finally:
        context.close()
    assert not elsewhere
    return out.read_bytes()


@pytest.mark.parametrize("sheet_id", ["already-in", "pocket-card"])
def test_printing_from_a_file_copy_writes_no_file_address(browser, site, tmp_path, sheet_id):
    """Built without SITE_URL, a copy opened from disk prints no address from the disk."""
    data = _print_from_file(browser, site, f"checklists/{sheet_id}/index.html", tmp_path / "out.pdf")
    assert b"file:" not in data


# At a domain's root: a SITE_URL with a path fails the build today (postbuild/csp.py reads the 404 page's
# root-absolute bundle address without the path), a bug of its own.
PUBLIC_ROOT = "https://guide.example/"


@pytest.fixture(scope="module")
def offline_with_site_url(tmp_path_factory):
    """The offline copy (mkdocs.offline.yml) built with SITE_URL, as `make publish` builds it."""
    import os

    from tools.build_offline import build_offline_site

    target = tmp_path_factory.mktemp("offline-public") / "site"
    before = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = PUBLIC_ROOT
    try:
        build_offline_site(target)
    finally:
        if before is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = before
    return target


def test_offline_copy_prints_the_public_address_and_a_qr_code(browser, offline_with_site_url, tmp_path):
    from pypdf import PdfReader

    folder = offline_with_site_url
    html = (folder / "checklists" / "already-in.html").read_text(encoding="utf-8")
    assert 'class="sheet-qr__code"' in html and "<svg" in html  # built in, no request
    data = _print_from_file(browser, folder, "checklists/already-in.html", tmp_path / "out.pdf")
    assert b"file:" not in data
    text = squash("".join(p.extract_text() for p in PdfReader(tmp_path / "out.pdf").pages))
    assert squash(PUBLIC_ROOT + "checklists/already-in/") in text  # the footer: the public address
    uris = [
        annot.get_object()["/A"]["/URI"]
        for pdf_page in PdfReader(tmp_path / "out.pdf").pages
        for annot in pdf_page.get("/Annots", [])
        if "/URI" in annot.get_object().get("/A", {})
    ]
    assert all(u.startswith(("https://", "http://")) for u in uris), uris
