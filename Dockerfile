# Newsdesk's web app and indexer in one image; docker-compose.yml runs it against Elasticsearch.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    NEWSDESK_DATA_DIR=/data

# Müller's English-Russian dictionary (indexer/naming/dictionary.py): optional, it lets an
# organisation typed in English find Russian articles ("European Commission": Еврокомиссия).
RUN apt-get update \
    && apt-get install -y --no-install-recommends mueller7-dict \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY indexer ./indexer
COPY webapp ./webapp
COPY newsdesk ./newsdesk
COPY mappings ./mappings
# Editable, so the backend finds mappings/articles.json beside the package as in a checkout.
RUN pip install -e . \
    && useradd --system --uid 10001 --home-dir /data newsdesk \
    && mkdir -p /data \
    && chown newsdesk /data

USER newsdesk
EXPOSE 5000
CMD ["newsdesk", "serve", "--host", "0.0.0.0", "--port", "5000"]
