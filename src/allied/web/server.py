"""Running the dashboard: uvicorn with time limits, one or more worker processes.

Every worker reads the store through ``allied.store.reader`` (its own in-memory copy, refreshed when the
file changes), so any number of workers read while one ``allied ingest`` or ``allied data import`` writes.

A connection must send its request headers within ``HEADER_SECONDS`` of opening (or of its previous
answer), an idle kept-alive connection is closed after ``IDLE_SECONDS``, and a body must keep coming (see
``allied.web.guard``): slow clients cannot hold the server's connections.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from allied.model import InputError

HEADER_SECONDS = 10.0
IDLE_SECONDS = 5
MAX_CONNECTIONS = 1000  # per worker; past it uvicorn answers 503
ENV_DB, ENV_HOST = "ALLIED_SERVE_DB", "ALLIED_SERVE_HOST"


class Protocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol with a deadline for the request line and headers (408, then closed)."""

    header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.header_timer is None:
            self.header_timer = self.loop.call_later(HEADER_SECONDS, self._too_slow)

    def _disarm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _too_slow(self) -> None:
        # Timers run before the loop polls the sockets (libuv: uvloop's order), so on a loop stalled past the
        # deadline the request may be waiting in the socket unread: look once more after that poll (closing
        # with unread bytes resets the connection of a client that did nothing wrong).
        self.header_timer = self.loop.call_later(0.001, self._too_slow_still)

    def _too_slow_still(self) -> None:
        self.header_timer = None
        if self.transport.is_closing():
            return
        body = b'{"error":{"type":"SlowRequest","message":"the request headers did not arrive in time"}}'
        self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                             b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n" + body)
        self.transport.close()


def warm(db: str | Path | None) -> None:
    """Load what the first new questions of a worker would otherwise load on its event loop: each figures
    source's columns (``allied.figures.frame``), the country layers, land mask and gazetteer of the
    obligations engine. Run in a thread at a worker's start; a failure here only leaves the loading to the
    first request (which then says what is wrong)."""
    import allied

    try:
        for source in ("sipri", "nato", "worldbank"):
            allied.burden_report("NATO", source=source, db=db)
        allied.burden_path("USA", 3.5, 2100, source="sipri", db=db)
        allied.obligations({"attacker": "RUS", "target": "EST", "place": "Tallinn", "date": "2024-01-01"})
    except Exception:  # noqa: S110 - the request that needs it reports the problem
        pass


def _warmed(app: FastAPI, db: str | Path | None) -> FastAPI:
    import threading

    threading.Thread(target=warm, args=(db,), name="allied-warm", daemon=True).start()
    return app


def app_from_env() -> FastAPI:
    """The app of one worker process (uvicorn's factory): store and address come from the parent; its
    figures and geography are loaded in a thread as it starts (``warm``)."""
    from allied.web.app import create_app

    db = os.environ.get(ENV_DB) or None
    return _warmed(create_app(db, host=os.environ.get(ENV_HOST) or None), db)


def run(db: str | Path | None, host: str, port: int, workers: int = 1) -> None:
    """Serve the dashboard on ``host:port`` with ``workers`` processes (blocks until stopped)."""
    import uvicorn

    if not 1 <= workers <= 64:
        raise InputError("workers", str(workers), "a number of server processes from 1 to 64")
    options = {"host": host, "port": port, "log_level": "warning", "http": Protocol,
               "timeout_keep_alive": IDLE_SECONDS, "limit_concurrency": MAX_CONNECTIONS,
               "timeout_graceful_shutdown": 5}
    if workers == 1:
        from allied.web.app import create_app

        uvicorn.run(_warmed(create_app(db, host=host), db), **options)  # type: ignore[arg-type]
        return
    os.environ[ENV_DB] = str(db) if db is not None else ""
    os.environ[ENV_HOST] = host
    uvicorn.run("allied.web.server:app_from_env", factory=True, workers=workers, **options)  # type: ignore[arg-type]
