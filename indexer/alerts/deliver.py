"""Sending an alert: as JSON to a webhook, or as an e-mail through an SMTP server."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Protocol

import httpx

from indexer.config import Settings
from indexer.errors import NewsdeskError

TIMEOUT_S = 30.0  # one delivery; a receiver slower than this is retried on the next run
SNIPPET_CHARS = 300


class DeliveryError(NewsdeskError):
    """A destination refused or did not answer; the message stays queued for the next run."""

    status = 502


@dataclass(frozen=True)
class AlertMessage:
    """One saved search's new articles; `message_id` is the same when a message is re-sent."""

    message_id: str
    search_name: str
    search_url: str
    articles: list[dict[str, Any]]  # id, title, url, source, published_at, link, snippet

    def subject(self) -> str:
        """The e-mail subject line."""
        count = len(self.articles)
        noun = "article" if count == 1 else "articles"
        return f"Newsdesk: {count} new {noun} for “{self.search_name}”"

    def text(self) -> str:
        """The plain-text body."""
        lines = [f"{self.subject()}\n", f"Saved search: {self.search_url}\n"]
        for article in self.articles:
            lines.append(f"* {article['title'] or '(no title)'}")
            meta = " · ".join(filter(None, (article["source"], article["published_at"])))
            if meta:
                lines.append(f"  {meta}")
            lines.append(f"  {article['link']}")
            if article["url"]:
                lines.append(f"  original: {article['url']}")
            lines.append("")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The webhook's JSON body."""
        return {
            "message_id": self.message_id,
            "search": {"name": self.search_name, "url": self.search_url},
            "articles": self.articles,
        }


class Sender(Protocol):
    """Somewhere alerts go."""

    def send(self, message: AlertMessage) -> None:
        """Deliver one message or raise DeliveryError."""


class WebhookSender:
    """POSTs the message as JSON; the Idempotency-Key lets a receiver drop a repeat."""

    def __init__(self, url: str) -> None:
        self.url = url

    def send(self, message: AlertMessage) -> None:
        """POST the message; anything but a 2xx answer is a DeliveryError."""
        try:
            response = httpx.post(
                self.url,
                json=message.to_json(),
                headers={"Idempotency-Key": message.message_id},
                timeout=TIMEOUT_S,
                trust_env=False,
            )
        except httpx.HTTPError as error:
            raise DeliveryError(f"webhook {self.url}: {error}") from error
        if not response.is_success:
            raise DeliveryError(f"webhook {self.url}: HTTP {response.status_code}")


class EmailSender:
    """Mails the message through the configured SMTP server (Message-ID stable on re-sends)."""

    def __init__(self, settings: Settings, recipients: list[str]) -> None:
        self.settings = settings
        self.recipients = recipients

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.smtp_security == "ssl":
            context = ssl.create_default_context()
            return smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=TIMEOUT_S, context=context)
        server = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT_S)
        if s.smtp_security == "starttls":
            server.starttls(context=ssl.create_default_context())
        return server

    def send(self, message: AlertMessage) -> None:
        """Send one e-mail to every recipient; a refusal or a dropped line is a DeliveryError."""
        email = EmailMessage()
        email["Subject"] = message.subject()
        email["From"] = self.settings.smtp_from
        email["To"] = ", ".join(self.recipients)
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = f"<{message.message_id}@newsdesk>"
        email.set_content(message.text())
        try:
            with self._connect() as server:
                if self.settings.smtp_user:
                    server.login(self.settings.smtp_user, self.settings.smtp_password or "")
                server.send_message(email)
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"e-mail via {self.settings.smtp_host}: {error}") from error


def senders(settings: Settings) -> list[Sender]:
    """The destinations the settings name; empty when none is configured."""
    found: list[Sender] = []
    if settings.alert_webhook:
        found.append(WebhookSender(settings.alert_webhook))
    if settings.alert_email:
        recipients = [a.strip() for a in settings.alert_email.split(",") if a.strip()]
        found.append(EmailSender(settings, recipients))
    return found
