"""What keeps other web pages and slow or greedy clients out of the dashboard.

- **Host**: only requests naming this server (loopback names, plus the ``--host`` it was started with) are
  answered, so a page that rebinds its own domain name to 127.0.0.1 (DNS rebinding) gets nothing.
- **Cross-site writes**: a POST the browser marks as ``Sec-Fetch-Site: cross-site`` / ``same-site``, or
  (from a browser without that header) whose ``Origin`` is another site or ``null``, is refused, so no
  other page can post articles. Scripts and curl send neither header and are answered.
- **Slow bodies**: a request body that stalls for ``BODY_IDLE`` seconds or takes longer than ``BODY_TOTAL``
  is answered 408 (slow headers and idle connections are timed out by ``allied.web.server``).
- **Heavy work**: briefs not memoised yet run at most ``Gate.limit`` at a time; a few more may wait for a
  slot, the rest are told to retry (503 with ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allied.model import AlliedError, InputError
from allied.web import errors

LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")
BODY_IDLE = 10.0  # seconds a request body may stall between two chunks
BODY_TOTAL = 60.0  # seconds a whole request body may take
SAFE = ("GET", "HEAD", "OPTIONS")


class SlowRequest(InputError):
    """A request body that arrived too slowly (408)."""

    status = 408


class Busy(AlliedError):
    """Too much heavy work at once: the client is told to retry (503 with Retry-After)."""

    status = 503

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def allowed_hosts(host: str | None, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a request may give in its Host header: loopback, the address bound, and on a wildcard
    bind (0.0.0.0, ::) this machine's own names and addresses."""
    names = {*LOOPBACK, *(h.lower() for h in extra)}
    bound = (host or "127.0.0.1").strip().strip("[]").lower()
    if bound in WILDCARDS:
        names.update(_own_names())
    else:
        names.add(bound)
    return frozenset(names)


def _own_names() -> set[str]:
    names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            names.add(str(info[4][0]).lower())
    except OSError:
        pass
    return names


def host_of(value: str) -> str:
    """The name in a Host header or an Origin, without port or brackets, lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


class Guard:
    """Plain ASGI middleware: Host check, cross-site POST check and the body deadline."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        hosts = [v for k, v in scope["headers"] if k.lower() == b"host"]
        refusal = self._refusal(scope["method"], headers) if len(hosts) < 2 else (400, InputError(
            "Host", f"{len(hosts)} Host headers", "exactly one Host header (RFC 9112 section 3.2)"))
        if refusal is not None:
            status, exc = refusal
            response = scope["app"].state.reply(Request(scope), status, errors.body_of(exc))
            await response(scope, receive, send)
            return
        if scope["method"] in SAFE:
            await self.app(scope, receive, send)
            return
        await self.app(scope, _deadline(receive), send)

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, AlliedError] | None:
        host = host_of(headers.get("host", ""))
        if host not in self.hosts:
            return 400, InputError("Host", headers.get("host", ""),
                                   "this dashboard's own address: " + ", ".join(sorted(self.hosts))
                                   + " (start it with --host NAME to answer to NAME)")
        if method in SAFE:
            return None
        site = headers.get("sec-fetch-site", "").lower()
        if site in ("same-origin", "none"):  # the browser's own word: this dashboard's page, or the user
            return None
        if site:
            return 403, _Forbidden("Sec-Fetch-Site", site, "same-origin: post from this dashboard's own pages")
        origin = headers.get("origin")  # a browser without Sec-Fetch-*, or a script
        if origin is not None and not _same_origin(origin, headers.get("host", "")):
            return 403, _Forbidden("Origin", origin, "this dashboard's own address (no other site may post here)")
        return None


def _same_origin(origin: str, host: str) -> bool:
    """Whether ``origin`` is the address the request was sent to ('null', from sandboxed frames and
    file: pages, is not)."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    default = ":443" if parts.scheme == "https" else ":80"
    return parts.netloc.lower().removesuffix(default) == host.strip().lower().removesuffix(default)


class _Forbidden(InputError):
    status = 403


def _deadline(receive: Receive) -> Receive:
    """``receive`` with the body deadline: each chunk within BODY_IDLE s, all of it within BODY_TOTAL s."""
    loop = asyncio.get_running_loop()
    end = loop.time() + BODY_TOTAL

    async def timed() -> Message:
        left = min(BODY_IDLE, end - loop.time())
        try:
            return await asyncio.wait_for(receive(), timeout=max(left, 0.001))
        except TimeoutError:
            raise SlowRequest("request body", "too slow",
                              f"a body sent within {BODY_TOTAL:.0f} s, never stalling {BODY_IDLE:.0f} s") from None

    return timed


class Gate:
    """At most ``limit`` heavy computations at once in this worker; up to ``queue`` more wait (at most
    ``wait`` seconds); beyond that the request is told to retry."""

    def __init__(self, limit: int = 2, queue: int = 8, wait: float = 20.0) -> None:
        self.limit, self.queue, self.wait = limit, queue, wait
        self._slots = asyncio.Semaphore(limit)
        self._waiting = 0

    @asynccontextmanager
    async def slot(self, what: str) -> AsyncIterator[None]:
        if self._slots.locked():
            if self._waiting >= self.queue:
                raise Busy(f"the dashboard is making {self.limit} {what}s and {self._waiting} more are waiting; "
                           "retry in a few seconds")
            self._waiting += 1
            try:
                await asyncio.wait_for(self._slots.acquire(), timeout=self.wait)
            except TimeoutError:
                raise Busy(f"no {what} could start within {self.wait:.0f} s (the dashboard is busy); "
                           "retry in a few seconds") from None
            finally:
                self._waiting -= 1
        else:
            await self._slots.acquire()  # free: taken at once
        try:
            yield
        finally:
            self._slots.release()
