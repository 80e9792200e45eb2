"""Material's search loads when a reader first opens it, and its box never puts the words in an address.

Material 9.8.2 is in maintenance mode and has no setting for either, so this patches what it wrote, at the
edge, as search_worker.py does; each patch names the exact text it replaces and fails the build when that
text is missing (a Material upgrade must be checked by hand, not half-patched).

1. Lazy search (issue 19, for readers on slow links). Material's bundle starts its search worker and, on
   a hosted site, fetches the whole search index on every page view, for readers who never search. From
   file:// it already waits until search is opened; the bundle is made to do the same everywhere, and
   its worker is created on the first message Material sends it, which Material sends only once the
   index has loaded (search_loading.js). Both still come from the site itself: the CSP is unchanged.
2. No words in an address (issue 17). The search box is a form field named ``query``, and Enter where
   Material finds nothing to open submits the form: the page reloaded as ``?query=<words>``, which
   reaches the history and the host's logs. search_loading.js stops the form from being sent; and
   without the name, a form submitted before the scripts have run (a slow link) carries nothing.
   (The other way words reached addresses, ``search.highlight``'s ``?h=``, is left out in mkdocs.yml.)

A site without Material's bundle (Zensical) is left alone: its search is its own.
"""

from __future__ import annotations

from pathlib import Path

LAZY_WORKER = Path(__file__).with_name("search_loading.js")
BUNDLES = "assets/javascripts"
MARKER = "img_red_flags/postbuild/search_loading.py"  # in search_loading.js's first line: patched once only
# Material 9.8.2's bundle: the index is loaded at once unless the page is a file:// one, and the search
# worker is created when the search component starts.
EAGER_INDEX = 'L($(location.protocol!=="file:"),Je("search"))'
ON_OPEN_INDEX = 'Je("search")'
EAGER_WORKER = "function Mn(e,t=new Worker(e))"
LAZY_WORKER_CALL = "function Mn(e,t=imgRedFlagsLazyWorker(e))"
NAMED_BOX = 'class="md-search__input" name="query"'
UNNAMED_BOX = 'class="md-search__input"'


def _patch_bundle(site) -> list[str]:
    bundles = sorted((site.dir / BUNDLES).glob("bundle.*.min.js"))
    if len(bundles) != 1:
        return [f"search loading: expected one Material bundle in {BUNDLES}, found {len(bundles)}"]
    source = bundles[0].read_text(encoding="utf-8")
    if MARKER in source:
        return []
    problems = [
        f"search loading: {bundles[0].name} no longer holds {text!r} (Material changed: check by hand)"
        for text in (EAGER_INDEX, EAGER_WORKER)
        if source.count(text) != 1
    ]
    if problems:
        return problems
    source = source.replace(EAGER_INDEX, ON_OPEN_INDEX).replace(EAGER_WORKER, LAZY_WORKER_CALL)
    bundles[0].write_text(f"{source.rstrip()}\n{LAZY_WORKER.read_text(encoding='utf-8')}", encoding="utf-8")
    return []


def _unname_search_box(site) -> list[str]:
    for page in site.html_pages():
        html = site.html.text(page)
        if NAMED_BOX in html:
            site.html.write(page, html.replace(NAMED_BOX, UNNAMED_BOX))
    return []


def write(site) -> list[str]:
    if not (site.dir / "search" / "search_index.json").exists():
        return []  # not Material's search (Zensical): nothing to patch
    return _patch_bundle(site) + _unname_search_box(site)
