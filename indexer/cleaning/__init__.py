"""Cleaning: HTML and text pages to article body, boilerplate and page metadata."""
