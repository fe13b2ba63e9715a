"""Feeds and sitemaps as lists of items: RSS, Atom, JSON Feed (parse.py), sitemaps."""
