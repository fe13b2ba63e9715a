"""Fault injection: broken, hostile and odd inputs, generated at test time, against real ingest."""
