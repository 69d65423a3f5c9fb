"""Hypothesis strategies for hostile news articles: sentences the engine reads (ministers, places, dates,
amounts, written here) mixed with what an attacker or a broken crawler puts in them."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from tests.hostile.conftest import PAYLOADS

NEWS = (
    "Defence Minister Richard Marles met Japanese Defense Minister Shinjiro Koizumi in Tokyo on March 4, 2026. ",
    "U.S. Defense Secretary Pete Hegseth will visit Manila next week. ",
    "Bundesverteidigungsminister Boris Pistorius reist am Montag nach Vilnius. ",
    "Japan plans to raise its defense budget to 2 percent of GDP by 2027. ",
    "Germany pledged 3.5 % of GDP by 2035 and 500 billion euros for the Bundeswehr. ",
    "Marles and Koizumi held talks on the sidelines of the Shangri-La Dialogue in Singapore. ",
    "The ministers signed an agreement on 31 February 2026 in Canberra. ",
    "On 2026-13-45 the minister flew to Atlantis. ",
)
WEIRD = (
    "9" * 400, "1e309", "-0", "NaN", "Infinity", "0x1p-1074", "2026-02-30", "31.12.99999", "\u0000", "\x7f\x1b[31m",
    "\ufeff", "\u200b" * 50, "e\u0301" * 30, "Ｍａｒｌｅｓ", "مارلز", "马尔斯", "마일스", "\U0001f4a3" * 10,
    "Koizumi " * 200, "Tokyo, " * 150, "in in in in on on on at at ", ". . . . . ? ! ;", "(((((((((((", "\r\n\r\n",
    "a" * 3000, "https://" + "x" * 500 + ".example/", "file:///etc/passwd", "../../../../etc/passwd",
)
FRAGMENT = st.one_of(
    st.sampled_from(NEWS), st.sampled_from(PAYLOADS), st.sampled_from(WEIRD), st.text(max_size=60),
)
BODY = st.lists(FRAGMENT, min_size=0, max_size=25).map("".join)
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(PAYLOADS), st.sampled_from(WEIRD), st.text(max_size=30),
    st.sampled_from(["2026-03-04", "2026-03-04T09:00:00Z", "de", "en", "ko", "xx", "javascript:alert(1)",
                     "https://news.example/a"]),
)
JSONISH = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6),
                                                                                          inner, max_size=3),
                       max_leaves=8)
META = st.fixed_dictionaries({}, optional={k: JSONISH for k in ("title", "published", "language", "url", "outlet",
                                                                "id", "text")})


def encode(text: str) -> bytes:
    """UTF-8, keeping lone surrogates as the broken bytes a careless writer leaves."""
    return text.encode("utf-8", "surrogatepass")


@st.composite
def txt_article(draw: st.DrawFn) -> tuple[bytes, bytes | None]:
    """A .txt article (title on line 1) and maybe its NAME.json sidecar, either possibly broken."""
    text = draw(st.text(max_size=80)) + "\n\n" + draw(BODY)
    data = encode(text)
    if draw(st.booleans()):
        data = draw(st.sampled_from([b"", b"\xff\xfe", b"\x00", b"\xef\xbb\xbf"])) + data
    sidecar = None
    if draw(st.booleans()):
        sidecar = encode(json.dumps(draw(META))) if draw(st.booleans()) else draw(st.binary(max_size=60))
    return data, sidecar


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    title = draw(FRAGMENT)
    body = draw(st.lists(BODY.map(lambda b: f"<p>{b}</p>"), max_size=6))
    head = draw(st.lists(st.sampled_from([
        "<meta name='date' content='2026-03-04'>", "<meta property='og:url' content='javascript:alert(1)'>",
        "<link rel='canonical' href='javascript:window.__pwned=1'>", "<meta name='date' content='99999-99-99'>",
        "<base href='https://attacker.example/'>", "<meta charset='x-unknown'>", "<script>alert(1)</script>",
        "<html lang='xx-<b>'>", "<time datetime='2026-02-30'>",
    ]), max_size=4))
    tail = draw(st.sampled_from(["</article></body></html>", "", "<", "<!--", "<![CDATA[", "</html>" * 3]))
    return encode(f"<!DOCTYPE html><html><head><title>{title}</title>{''.join(head)}</head><body><article>"
                  f"<h1>{title}</h1>{''.join(body)}{tail}")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        choice = draw(st.integers(0, 4))
        if choice == 0:
            rec = {**draw(META), "text": draw(st.text(max_size=40)) + "\n\n" + draw(BODY)}
            lines.append(encode(json.dumps(rec, ensure_ascii=draw(st.booleans()))))
        elif choice == 1:
            lines.append(encode(json.dumps(draw(JSONISH))))
        elif choice == 2:
            lines.append(b"[" * draw(st.integers(10, 5000)) + b"]" * draw(st.integers(0, 10)))
        elif choice == 3:
            lines.append(b'{"text": ' + b"9" * draw(st.integers(1, 6000)) + b"}")
        else:
            lines.append(draw(st.binary(max_size=80)))
    return b"\n".join(lines)


@st.composite
def feed(draw: st.DrawFn) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        items.append(
            f"<item><title>{draw(FRAGMENT)}</title><link>{draw(st.sampled_from(PAYLOADS + ('https://x.example/1',)))}"
            f"</link><pubDate>{draw(st.sampled_from(['Wed, 04 Mar 2026 09:00:00 GMT', 'yesterday', '', '9' * 40]))}"
            f"</pubDate><description><![CDATA[{draw(BODY)}]]></description></item>")
    doctype = draw(st.sampled_from(["", "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>"
                                        "<!ENTITY c '&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;'>]>",
                                    "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"]))
    entity = draw(st.sampled_from(["", "&d;", "&x;"]))
    return encode(f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>T{entity}</title>"
                  f"{''.join(items)}</channel></rss>")


def warc(pages: list[tuple[str, bytes]]) -> bytes:
    """A WARC/1.0 file of HTTP responses (URL, HTML body) as a crawler writes it."""
    out = []
    for i, (url, body) in enumerate(pages):
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                f"WARC-Date: 2026-06-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
        out.append(encode(head) + http + b"\r\n\r\n")
    return b"".join(out)


@st.composite
def warc_file(draw: st.DrawFn) -> bytes:
    pages = draw(st.lists(st.tuples(st.sampled_from(["https://news.example/a", "javascript:alert(1)", "", "x" * 300,
                                                     "https://news.example/\r\nX-Injected: 1"]), html_page()),
                          max_size=3))
    data = warc(pages)
    cut = draw(st.integers(0, max(len(data) - 1, 0))) if data and draw(st.booleans()) else len(data)
    return data[:cut]
