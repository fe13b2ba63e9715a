"""Tools for developing Newsdesk (test and benchmark harnesses); not part of the product."""
