"""The guide's own model, independent of any site generator.

The flow, in the order a build runs it:

    data/*.yaml -> validation/ (load with line numbers, schema, rules) -> model/ (the catalog, the
    addresses of pages and entries, plain text, open data) -> macros/ (outside this package: render
    entries into pages) -> docs/ pages -> postbuild/ (CSP, short addresses, search terms, open data
    over a built folder) -> site/

Only ``macros/`` and the command-line tools import this package; it imports nothing of theirs.
"""
