"""The site model: what the guide is (the catalog, its entries) and where each part lives (addresses).

- ``catalog.load()``: the validated catalog of a data folder, cached;
- ``addresses.Addresses``: where every page and entry lives, in both URL styles;
- ``entries.entries()``: every linkable entry (red flags, questions, FAQs) with its names and preview text;
- ``text.plain()``: entry text as plain text;
- ``open_data``: the catalog as JSON and CSV.

Its modules import ``validation`` but ``validation`` imports only ``addresses``, ``changes``, ``entries`` and ``text``
(leaves with no import of ``catalog``), so neither package has an import cycle.
"""
