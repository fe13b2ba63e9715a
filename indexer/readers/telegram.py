"""JSON exports (.json): Telegram Desktop's `result.json` and plain arrays of messages.

A Desktop export is `{"name", "id", "messages": [...]}`; each message's `text` is a string or
a list of strings and `{type, text, href}` pieces, `date_unixtime` is UTC (newer exports) and
`date` local time without an offset. A plain array holds `{message_id, text, date, channel}`.
A saved JSON Feed goes to the feed reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.errors import ReadError
from indexer.ids import stable_id
from indexer.model import Article, Failure
from indexer.readers.feed import read_feed
from indexer.readers.json_depth import depth_reason, too_deep
from indexer.readers.limits import current_budget
from indexer.readers.streams import read_capped

_BARE_LINK = re.compile(r"(?:https?://|www\.)\S+")
# Service messages (joins, pinned posts) carry no text worth indexing.
_MESSAGE_TYPES = ("message", None)
_KEPT_KEYS = ("category", "views", "forwarded_from", "reply_to_message_id", "edited")
# A channel's whole history is one file: large channels export tens of MB of JSON, and the
# parsed form takes several times that in memory, so stop well before that hurts.
MAX_EXPORT_BYTES = 256 * 1024 * 1024


def _plain_text(text: Any) -> str:
    """A message's text: entity pieces joined, a link shown with its target."""
    if isinstance(text, str):
        return text
    if not isinstance(text, list):
        return ""
    parts = []
    for piece in text:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict):
            parts.append(str(piece.get("text", "")))  # a text_link's target goes to links
    return "".join(parts)


def _prose(text: str) -> tuple[str, list[str]]:
    """The text without lines that are only a link, and those links.

    A bare link is not prose: on short posts its Latin letters outweigh the sentence and
    the post is taken for English.
    """
    kept, links = [], []
    for line in text.splitlines():
        if _BARE_LINK.fullmatch(line.strip()):
            links.append(line.strip())
        else:
            kept.append(line)
    return "\n".join(kept).strip(), links


def _links(message: dict[str, Any]) -> list[str]:
    pieces = message.get("text_entities") or message.get("text")
    if not isinstance(pieces, list):
        return []
    links = []
    for piece in pieces:
        if isinstance(piece, dict) and piece.get("type") in ("link", "text_link"):
            target = piece.get("href") or piece.get("text")
            if isinstance(target, str) and target.startswith(("http://", "https://")):
                links.append(target)
    return links


def _published(message: dict[str, Any]) -> str | None:
    stamp = message.get("date_unixtime")
    if isinstance(stamp, str | int) and str(stamp).isdigit():
        return datetime.fromtimestamp(int(stamp), UTC).isoformat()
    value = message.get("date")
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _title(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip()
    return first[:200] or None


def _article(
    message: dict[str, Any], channel: str | None, channel_id: str, where: str
) -> Article | Failure | None:
    if message.get("type") not in _MESSAGE_TYPES:
        return None
    number = message.get("id", message.get("message_id"))
    text, bare_links = _prose(_plain_text(message.get("text")))
    if not text:
        return None  # photos and stickers without a caption, a post that is only a link
    if number is None:
        return Failure(where, "message without an id")
    published = _published(message)
    metadata = {key: message[key] for key in _KEPT_KEYS if key in message}
    metadata.update({"telegram_message_id": number, "group": channel or channel_id})
    links = list(dict.fromkeys(_links(message) + bare_links))
    if links:
        metadata["links"] = links
    return Article(
        id=stable_id("telegram", channel_id, str(number)),
        path=f"{where}#{number}",
        source=channel,
        title=_title(text),
        text=text,
        published_at=published,
        published_at_source="input" if published else None,
        metadata=metadata,
    )


def _messages(data: Any, path: Path) -> tuple[list[Any], str | None, str]:
    """The message list, the channel name and a stable channel key."""
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        name = data.get("name") if isinstance(data.get("name"), str) else None
        return data["messages"], name, str(data.get("id") or name or path.stem)
    if isinstance(data, list) and all(isinstance(m, dict) for m in data[:50]):
        first = data[0] if data else {}
        name = first.get("channel") if isinstance(first.get("channel"), str) else None
        sender = first.get("sender_id") or first.get("channel_id")
        return data, name, str(sender or name or path.stem)
    raise ReadError("not a Telegram export: expected {messages: [...]} or an array of messages")


def read_json(path: Path) -> Iterator[Article | Failure]:
    """A Telegram export (one article per text message) or a saved JSON Feed."""
    raw = read_capped(path, MAX_EXPORT_BYTES, "split the export")
    depth = current_budget().limits.json_depth
    if too_deep(raw, depth):
        raise ReadError(depth_reason(depth))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ReadError(f"not UTF-8 JSON: {error.reason}") from error
    except json.JSONDecodeError as error:
        raise ReadError(f"invalid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise ReadError(depth_reason(depth)) from error
    if isinstance(data, dict) and "jsonfeed.org" in str(data.get("version")):
        yield from read_feed(path)
        return
    try:
        messages, channel, channel_id = _messages(data, path)
    except ReadError as error:  # other JSON (a manifest, a config): not ours to read
        yield Failure(str(path), error.message, skip=True)
        return
    for message in messages:
        if not isinstance(message, dict):
            yield Failure(str(path), "a message that is not a JSON object")
            continue
        own = message.get("channel")
        name = channel or (own if isinstance(own, str) else None)
        item = _article(message, name, channel_id, str(path))
        if item is not None:
            yield item
