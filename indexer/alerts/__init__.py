"""Saved searches and alerts: what counts as new for a search, and sending it exactly once."""
