"""A cheap HTTP/1.1 load generator for bench_web.py: one kept-alive connection per client on asyncio streams
(uvloop where installed), requests written as bytes, answers parsed by Content-Length. It shares the machine's
cores with the server it measures, so it does as little per request as it can (aiohttp's client spent about
as much CPU per request as the server's cheapest answers); its own CPU time is reported beside the server's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlencode

TIMEOUT = 120.0


@dataclass
class Ask:
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None

    def encode(self, host: str) -> bytes:
        target = self.path + ("?" + urlencode(self.params) if self.params else "")
        if self.form is None:
            return f"{self.method} {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        body = urlencode(self.form).encode()
        return (f"{self.method} {target} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded"
                f"\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class Connection:
    """One kept-alive connection, opened again after the server closes it or an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port, self.name = host, port, f"{host}:{port}"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, ask: Ask) -> Reply:
        try:
            async with asyncio.timeout(TIMEOUT):
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                assert self.reader is not None
                self.writer.write(ask.encode(self.name))
                reply = await self._read(self.reader)
        except BaseException:
            self.close()
            raise
        if reply.headers.get("connection", "").lower() == "close":
            self.close()
        return reply

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> Reply:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = {}
        for line in head[1:]:
            name, sep, value = line.partition(":")
            if sep:
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            await reader.readuntil(b"\r\n")
            body = b"".join(parts)
        else:
            body = await reader.read()
        return Reply(status, headers, body)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def run(main: object) -> object:
    """Run a coroutine on uvloop where installed (the cheaper loop), else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)  # type: ignore[arg-type]
    return uvloop.run(main)  # type: ignore[arg-type]
