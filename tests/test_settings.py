"""Settings: read from NEWSDESK_* variables, each one documented in the README."""

from pathlib import Path

import pytest

from indexer.config import ENVIRONMENT, Settings
from tests.shared_data import PROJECT


def test_every_setting_is_documented() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for variable, _ in ENVIRONMENT.values():
        assert f"`{variable}`" in readme, f"{variable} is not in the README"


def test_defaults_need_nothing(tmp_path: Path) -> None:
    settings = Settings.from_env({"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert settings.backend == "embedded"
    assert settings.embedded_index_path == tmp_path / "xdg" / "newsdesk" / "index"


def test_reads_each_variable(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "NEWSDESK_BACKEND": "elasticsearch",
            "NEWSDESK_DATA_DIR": str(tmp_path),
            "NEWSDESK_INDEX_PATH": str(tmp_path / "idx"),
            "NEWSDESK_ELASTICSEARCH_URL": "http://127.0.0.1:9999",
            "NEWSDESK_INDEX_NAME": "news",
            "NEWSDESK_SPACY_MODEL": "en_core_web_md",
            "NEWSDESK_NER": "0",
            "NEWSDESK_WORKERS": "2",
        }
    )
    assert settings == Settings(
        backend="elasticsearch",
        data_dir=tmp_path,
        index_path=tmp_path / "idx",
        elasticsearch_url="http://127.0.0.1:9999",
        index_name="news",
        spacy_model="en_core_web_md",
        ner=False,
        workers=2,
    )


def test_refuses_an_unknown_backend() -> None:
    with pytest.raises(ValueError, match="embedded or elasticsearch"):
        Settings.from_env({"NEWSDESK_BACKEND": "solr"})


def test_defaults_are_the_same_with_or_without_the_environment(tmp_path: Path) -> None:
    assert Settings.from_env({"NEWSDESK_DATA_DIR": str(tmp_path)}) == Settings(data_dir=tmp_path)
