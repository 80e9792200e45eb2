"""Give every HTML page a Content-Security-Policy that lets it load nothing from any other site.

The policy is a ``<meta http-equiv>`` tag (static hosts such as GitHub Pages cannot set headers), put
first in ``<head>`` so it governs everything after it. Material writes a few small inline scripts into
each page (localStorage helpers, the palette restore); rather than allowing 'unsafe-inline', each one is
allowed by its SHA-256, computed here from the HTML as written, so a script injected by bad data or a
bad template is refused by the browser. ``<script type="application/json">`` is data, not code, and
needs no hash.

This runs last over every written ``.html`` file (404.html and redirect pages included), so nothing a
generator, plugin or template writes can escape it. Material has no CSP support of its own.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from pathlib import Path

from ..html_reader import Document, parse, select, text

# Only the site's own files. Images also from data: (Material's CSS icons are data: SVG masks), which
# cannot reach another site. Styles need no inline allowance: Material sets styles through the CSSOM;
# Zensical's one <style> (its search dialog's) is allowed by its hash (see runtime_styles).
POLICY = (
    "default-src 'self'; script-src {scripts}; style-src {styles}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
MARKER = '<meta http-equiv="Content-Security-Policy"'

# Where the policy goes is a place in the text as written, which a parsed tree does not keep: a regex.
CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
# Script types a browser runs; anything else (application/json, ...) is inert data.
EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def _document(page: str | Document) -> Document:
    return parse(page) if isinstance(page, str) else page


def _scripts(page: str | Document) -> list[tuple[dict[str, str | None], str]]:
    """(attributes, text) of every <script> (in <template> content too)."""
    return [(e.attributes, text(e)) for e in select(_document(page), "script")]


def inline_scripts(page: str | Document) -> list[str]:
    """The text of every inline script the browser would execute: read as the browser
    reads it (its line breaks normalised to LF), since that text is what the browser hashes."""
    return [
        code
        for attrs, code in _scripts(page)
        if "src" not in attrs and (attrs.get("type") or "").strip().lower() in EXECUTABLE
    ]


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(
    page: str | Document, extra_hashes: tuple[str, ...] = (), style_hashes: tuple[str, ...] = ()
) -> str:
    hashes = sorted({script_hash(s) for s in inline_scripts(page)} | set(extra_hashes))
    styles = sorted(set(style_hashes))
    return POLICY.format(scripts=" ".join(["'self'", *hashes]), styles=" ".join(["'self'", *styles]))


def add_policy(
    html: str,
    extra_hashes: tuple[str, ...] = (),
    style_hashes: tuple[str, ...] = (),
    document: Document | None = None,
) -> str:
    """``html`` with the policy as the first element after ``<meta charset>`` (or ``<head>``);
    ``document``: ``html`` already parsed."""
    if MARKER in html:
        raise ValueError("page already has a Content-Security-Policy; remove it from the template")
    policy = policy_for(html if document is None else document, extra_hashes, style_hashes)
    tag = f'{MARKER} content="{policy}">'
    anchor = CHARSET.search(html) or re.search(r"<head\b[^>]*>", html, re.IGNORECASE)
    if anchor is None:
        raise ValueError("page has no <head>; cannot place a Content-Security-Policy")
    return f"{html[: anchor.end()]}\n    {tag}{html[anchor.end() :]}"


# ---- The offline copy's search worker ----------------------------------------------------------------
# From file:// browsers refuse Web Workers, so the offline copy loads Material's iframe-worker shim, which
# runs the search worker in a hidden iframe whose first script it writes inline at run time. That script
# is fixed by the shim's source and the page's worker URL, so its hash is computed here from both rather
# than opening the policy with 'unsafe-inline'.
SHIM = re.compile(r"iframe-worker.*\.js$")


def _function_source(source: str, name: str) -> str:
    """The text of ``function name(...){...}`` in minified ``source`` (what Function.toString gives)."""
    start = source.index(f"function {name}(")
    depth = 0
    for end in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            return source[start : end + 1]
    raise ValueError(f"unbalanced braces in function {name}")


def iframe_worker_script(shim_source: str, worker_url: str) -> str:
    """The inline script iframe-worker writes into its iframe for ``worker_url``."""
    template = re.search(r"document\.write\(`(.*?)`\)", shim_source, re.DOTALL)
    if template is None:
        raise ValueError("iframe-worker shim changed: no document.write template; update postbuild/csp.py")
    script = re.search(r"<script>(.*?)<\\?/script>", template.group(1), re.DOTALL)
    if script is None:
        raise ValueError("iframe-worker shim changed: no inline script; update postbuild/csp.py")
    inline = script.group(1)
    # ${name} is one of the shim's functions (written out as its source) or the worker URL.
    return re.sub(
        r"\$\{(\w+)\}",
        lambda m: (
            _function_source(shim_source, m.group(1))
            if f"function {m.group(1)}(" in shim_source
            else worker_url
        ),
        inline,
    )


def _script_src(document: Document, contains: str, pattern: re.Pattern) -> str | None:
    """The address of the first script the page loads whose address holds ``contains`` and matches
    ``pattern`` (the CSS selector does the quick part)."""
    found = (e.attributes.get("src") or "" for e in document.css(f'script[src*="{contains}"]'))
    return next((src for src in found if pattern.search(src)), None)


def runtime_scripts(document: Document, page: Path, site_dir: Path) -> list[str]:
    """Inline scripts this page will create while it runs (only the offline copy's search worker)."""
    shim = _script_src(document, "iframe-worker", SHIM)
    config = document.css_first('script#__config[type="application/json"]')
    if shim is None or config is None:
        return []
    url = shim  # relative, or from the site root on 404.html
    source = (site_dir / url.lstrip("/") if url.startswith("/") else page.parent / url).read_text(
        encoding="utf-8"
    )
    return [iframe_worker_script(source, json.loads(text(config))["search"])]


# ---- Zensical's search dialog ------------------------------------------------------------------------
# Zensical's bundle draws its search dialog in a shadow root and styles it with one <style> element whose
# text is a string literal of the bundle (0.0.73: `o.appendChild(C("style",{},Tc.toString()))`). Without
# its hash the browser refuses it and search works unstyled. The hash is computed from the bundle the
# page loads, so an upgrade that changes the styles changes the hash with it; one that changes how the
# style is made fails the build here (and tests/browser/test_zensical.py sees any CSP violation).
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
SHADOW_STYLE = re.compile(r'attachShadow\(\{mode:"open"\}\);.{0,80}?\("style",\{\},(\w+)\.toString\(\)\)')
JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
JS_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def js_string(literal: str) -> str:
    """The value of a JavaScript string literal's body (quotes removed)."""

    def one(match):
        code = match.group(1)
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:].strip("{}"), 16))
        return JS_SIMPLE.get(code, "" if code == "\n" else code)

    return JS_ESCAPE.sub(one, literal)


@functools.cache
def shadow_styles(bundle: Path) -> tuple[str, ...]:
    """The text of every <style> a bundle puts into a shadow root (empty for Material's bundle)."""
    source = bundle.read_text(encoding="utf-8")
    out = []
    for name in SHADOW_STYLE.findall(source):
        literal = re.search(rf"\b{name}=(['\"`])((?:(?!\1)[^\\]|\\.)*)\1", source, re.DOTALL)
        if literal is None:
            raise ValueError(
                f"{bundle.name}: no string literal {name} for its search dialog's style; "
                "update postbuild/csp.py"
            )
        out.append(js_string(literal.group(2)))
    if not out and 'attachShadow({mode:"open"})' in source:
        raise ValueError(
            f"{bundle.name} opens a shadow root but no style of it was found; update postbuild/csp.py"
        )
    return tuple(out)


def runtime_styles(document: Document, page: Path, site_dir: Path) -> list[str]:
    """Inline styles this page's scripts will create while it runs (Zensical's search dialog)."""
    url = _script_src(document, "assets/javascripts/bundle.", BUNDLE)
    if url is None:
        return []
    path = site_dir / url.lstrip("/") if url.startswith("/") else page.parent / url
    return list(shadow_styles(path.resolve()))


def write(site) -> list[str]:
    shadow_styles.cache_clear()
    for path in site.html_pages():
        # Hash and write the text exactly as written (HtmlFiles reads it without newline translation).
        html, document = site.html.text(path), site.html.document(path)
        extra = tuple(script_hash(s) for s in runtime_scripts(document, path, site.dir))
        try:
            styles = tuple(script_hash(s) for s in runtime_styles(document, path, site.dir))
        except ValueError as error:
            return [f"csp: {error}"]
        site.html.write(path, add_policy(html, extra, styles, document))
    return []
