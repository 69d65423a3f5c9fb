"""Generated news for the ingest tests and ``bench/bench_ingest.py``: meetings of defence ministers (texts
written here, in English and German, from a template) mixed with unrelated pages (weather, sport, markets),
as a real archive is mostly unrelated. Deterministic for a seed; every text is different.

The names are those of the reference (``officials.toml``) for ministers in office on the dates drawn.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# (name, surname, English title, German title) of ministers whose term (officials.toml) covers 2026-01..2026-05
MINISTERS = (
    ("Pete Hegseth", "Hegseth", "U.S. Defense Secretary", "US-Verteidigungsminister"),
    ("Shinjiro Koizumi", "Koizumi", "Japanese Defense Minister", "der japanische Verteidigungsminister"),
    ("Richard Marles", "Marles", "Australian Defence Minister", "der australische Verteidigungsminister"),
    ("Boris Pistorius", "Pistorius", "German Defence Minister", "Bundesverteidigungsminister"),
    ("Guido Crosetto", "Crosetto", "Italian Defence Minister", "der italienische Verteidigungsminister"),
    ("Judith Collins", "Collins", "New Zealand Defence Minister", "die neuseeländische Verteidigungsministerin"),
    ("Gilberto Teodoro Jr.", "Teodoro", "Philippine Defense Secretary", "der philippinische Verteidigungsminister"),
)
CITIES = ("Tokyo", "Canberra", "Berlin", "Rome", "Manila")
TOPICS = ("air defence", "shipbuilding", "joint exercises", "missile defence", "regional security")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni")
FILLER = (
    "harbour",
    "orchard",
    "teacher",
    "bridge",
    "festival",
    "concert",
    "garden",
    "library",
    "bakery",
    "museum",
    "tram",
    "river",
    "market",
    "village",
    "school",
    "theatre",
    "painter",
    "island",
    "valley",
    "meadow",
)
TEAMS = ("Rovers", "United", "Athletic", "City", "Wanderers", "Albion", "Rangers", "Olympic")


@dataclass(frozen=True)
class Page:
    """One generated article: its text (title on line 1), URL, publication day and language."""

    url: str
    text: str
    published: dt.date
    language: str
    related: bool

    def html(self) -> str:
        title, _, body = self.text.partition("\n")
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
        return (
            f"<!DOCTYPE html><html lang='{self.language}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{self.published.isoformat()}'></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
            f"{paras}</article><footer>Copyright The Example Times</footer></body></html>"
        )

    def record(self) -> dict[str, object]:
        title, _, body = self.text.partition("\n")
        return {
            "id": self.url.rsplit("/", 1)[-1],
            "title": title,
            "text": body,
            "published": self.published.isoformat(),
            "url": self.url,
            "language": self.language,
        }


def _tag(i: int) -> str:
    """``i`` in letters (numbers in unrelated pages would be read as dates or forum names)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[r]
        if not i:
            return "ref " + out


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(n))


def _related(rng: random.Random, i: int) -> Page:
    a, b = rng.sample(MINISTERS, 2)
    city = rng.choice(CITIES)
    day = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(120))
    published = day + dt.timedelta(days=rng.randrange(3))
    topic = rng.choice(TOPICS)
    tail = _words(rng, 8)
    if rng.random() < 0.7:
        text = (
            f"{a[1]} and {b[1]} hold talks in {city}\n"
            f"{a[2]} {a[0]} met {b[2]} {b[0]} in {city} on {day:%B} {day.day}, {day.year}. "
            f"The two ministers discussed {topic}.\n"
            f"Reporters noted the {tail} (item {i}).\n"
        )
        lang = "en"
    else:
        text = (
            f"{a[1]} trifft {b[1]} in {city}\n"
            f"{a[3][0].upper()}{a[3][1:]} {a[0]} traf am {day.day}. {MONTHS_DE[day.month - 1]} {day.year} "
            f"in {city} {b[3].replace('der ', 'den ').replace('die ', 'die ')} {b[0]}.\n"
            f"Beobachter erwähnten {tail} (Nr. {i}).\n"
        )
        lang = "de"
    return Page(f"https://news.example.org/{lang}/{i:06d}", text, published, lang, True)


def _unrelated(rng: random.Random, i: int) -> Page:
    day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(150))
    kind = rng.randrange(3)
    if kind == 0:
        h, a = rng.sample(TEAMS, 2)
        text = (
            f"{h} beat {a} at home\n"
            f"The {h} scored twice after the break as the {a} tired. Fans filled the {_words(rng, 6)}.\n"
            f"The next match is on Saturday (report {_words(rng, 3)} {_tag(i)}).\n"
        )
    elif kind == 1:
        text = (
            f"Rain and wind expected over the weekend\n"
            f"Forecasters expect heavy rain near the {_words(rng, 5)}. "
            f"Temperatures stay mild by the {_words(rng, 2)}.\n"
            f"Ferries may be delayed (bulletin {_words(rng, 3)} {_tag(i)}).\n"
        )
    else:
        text = (
            f"Shares close higher as bakeries report strong sales\n"
            f"The index rose as the {_words(rng, 6)} traded briskly.\n"
            f"Analysts expect a quiet week (note {_words(rng, 3)} {_tag(i)}).\n"
        )
    return Page(f"https://news.example.org/misc/{i:06d}", text, day, "en", False)


def pages(n: int, related_share: float = 0.1, seed: int = 14) -> Iterator[Page]:
    """``n`` pages, about ``related_share`` of them about defence ministers' meetings."""
    rng = random.Random(seed)
    for i in range(n):
        yield _related(rng, i) if rng.random() < related_share else _unrelated(rng, i)


def write_jsonl(path: Path, items: Iterator[Page]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for p in items:
            fh.write(json.dumps(p.record(), ensure_ascii=False) + "\n")
    return path


def warc_record(p: Page, fetched: str = "2026-06-01T00:00:00Z") -> bytes:
    """A WARC/1.0 response record holding the page's HTTP response (HTML)."""
    body = p.html().encode("utf-8")
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{hashlib.md5(p.url.encode()).hexdigest()}>\r\n"
        f"WARC-Target-URI: {p.url}\r\nWARC-Date: {fetched}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def write_warc(path: Path, items: Iterator[Page]) -> Path:
    """A ``.warc.gz`` with one gzip member per record (as Common Crawl writes them), or a plain ``.warc``."""
    with open(path, "wb") as fh:
        for p in items:
            rec = warc_record(p)
            if path.suffix == ".gz":
                buf = io.BytesIO()
                with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
                    gz.write(rec)
                fh.write(buf.getvalue())
            else:
                fh.write(rec)
    return path
