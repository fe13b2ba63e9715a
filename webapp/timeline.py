"""The date histogram as SVG bar geometry; each bar links to its own date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from indexer.search.base import Bucket, SearchRequest
from webapp import links

SLOT_WIDTH = 10  # viewBox units per bar; the SVG is stretched to the page width
GAP_RATIO = 0.2  # share of a slot left empty between bars, so bars read as separate
CHART_HEIGHT = 100  # viewBox units; the CSS height decides the drawn height
MIN_BAR_HEIGHT = 1.5  # a bucket with a few articles must stay visible next to a tall one
# With fewer bars than this, bars keep the width they would have among this many, so
# three buckets do not become three slabs across the page.
MIN_SLOTS = 16
_LABELS = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


@dataclass(frozen=True)
class Bar:
    """One bucket drawn: geometry in viewBox units and the range it narrows to."""

    slot_x: float  # the whole slot is clickable, however thin the bar
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str
    date_from: date
    date_to: date
    url: str


@dataclass(frozen=True)
class Timeline:
    """Everything the template needs to draw the chart and its axis labels."""

    bars: list[Bar]
    interval: str
    max_count: int
    width: int
    height: int
    slot_width: int
    base_url: str  # the search without dates, for the brushing script to add them to

    @property
    def first_label(self) -> str:
        """Label of the first bar."""
        return self.bars[0].label if self.bars else ""

    @property
    def last_label(self) -> str:
        """Label of the last bar."""
        return self.bars[-1].label if self.bars else ""

    @property
    def bars_markup(self) -> Markup:
        """Every bar as SVG links. Written here, not in the template: a year of days is 365
        bars of seven values each, and rendering them through Jinja cost more than the search.
        Only the label and the URL are text; the rest are numbers and ISO dates."""
        parts = []
        for bar in self.bars:
            label, url = escape(bar.label), escape(bar.url)
            noun = "article" if bar.count == 1 else "articles"
            parts.append(
                f'<a href="{url}" class="bar" data-from="{bar.date_from.isoformat()}"'
                f' data-to="{bar.date_to.isoformat()}" aria-label="{label}: {bar.count}">'
                f"<title>{label}: {bar.count:,} {noun}</title>"
                f'<rect class="slot" x="{bar.slot_x}" y="0" width="{self.slot_width}"'
                f' height="{self.height}"/>'
                f'<rect class="fill" x="{bar.x}" y="{bar.y}" width="{bar.width}"'
                f' height="{bar.height}"/></a>'
            )
        return Markup("\n".join(parts))

    @property
    def middle_label(self) -> str:
        """Label of the middle bar, when there are enough bars for one."""
        return self.bars[len(self.bars) // 2].label if len(self.bars) > 4 else ""


def _bucket_end(start: date, interval: str) -> date:
    if interval == "day":
        return start
    if interval == "week":
        return start + timedelta(days=6)
    if interval == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(start.year, 12, 31)


def _label(start: date, interval: str) -> str:
    text = start.strftime(_LABELS.get(interval, "%d %b %Y"))
    return text.lstrip("0") if interval in ("day", "week") else text


def build_timeline(buckets: list[Bucket], interval: str, req: SearchRequest) -> Timeline:
    """Bars for the histogram; each bar's range is clipped to the dates already chosen."""
    max_count = max((b.count for b in buckets), default=0)
    bar_width = SLOT_WIDTH * (1 - GAP_RATIO) * min(1.0, len(buckets) / MIN_SLOTS)
    url_over = links.search_url_factory(req)
    bars = []
    for position, bucket in enumerate(buckets):
        start = date.fromisoformat(bucket.date)
        date_from = max(start, req.date_from) if req.date_from else start
        end = _bucket_end(start, interval)
        date_to = min(end, req.date_to) if req.date_to else end
        if date_from > date_to:
            # Buckets use each article's local date, the date filter UTC days; near
            # midnight a bucket can fall just outside the range. Link the whole bucket.
            date_from, date_to = start, end
        height = 0.0
        if bucket.count and max_count:
            height = max(MIN_BAR_HEIGHT, CHART_HEIGHT * bucket.count / max_count)
        bars.append(
            Bar(
                slot_x=position * SLOT_WIDTH,
                x=position * SLOT_WIDTH + (SLOT_WIDTH - bar_width) / 2,
                y=CHART_HEIGHT - height,
                width=bar_width,
                height=height,
                count=bucket.count,
                label=_label(start, interval),
                date_from=date_from,
                date_to=date_to,
                url=url_over(date_from, date_to),
            )
        )
    return Timeline(
        bars=bars,
        interval=interval,
        max_count=max_count,
        width=max(1, len(bars)) * SLOT_WIDTH,
        height=CHART_HEIGHT,
        slot_width=SLOT_WIDTH,
        base_url=links.search_url(links.dated(req, None, None)),
    )
