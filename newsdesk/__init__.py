"""The `newsdesk` command line, above both the indexer and the web app."""
