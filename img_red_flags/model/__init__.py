"""The site model: what the guide is (catalog, entries) and where each part of it lives (addresses)."""
