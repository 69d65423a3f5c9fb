"""`allied data update`: fetch the current official files from their publishers and import them.

World Bank indicators come from the WDI API's bulk download (a .zip holding the official wide CSV); the
SIPRI workbook is found by its link on SIPRI's database page. Every file is downloaded before anything is
imported, so a machine that is offline — or a publisher that cannot be reached — changes nothing. NATO's
tables, ATOP and COW NMC are published under file names that change with each edition: download them
by hand and use `allied data import`. ``$ALLIED_UPDATE_MIRROR`` (e.g. https://mirror.example.org)
replaces the publishers' host for organisations that mirror these files.
"""

from __future__ import annotations

import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import duckdb

from allied.figures.importing import import_file
from allied.model import AlliedError

WORLD_BANK = "https://api.worldbank.org/v2/en/indicator/{code}?downloadformat=csv"
WB_INDICATORS = ("NY.GDP.MKTP.CD", "SP.POP.TOTL", "MS.MIL.XPND.GD.ZS")
SIPRI_PAGE = "https://www.sipri.org/databases/milex"
SIPRI_LINK = re.compile(r"""href=["']([^"']*SIPRI-Milex-data[^"']*\.xlsx)["']""", re.I)
TIMEOUT = 20
MANUAL = ("NATO tables, ATOP and COW NMC are not fetched automatically (their file names change with each "
          "edition): download them from nato.int, atopdata.org and correlatesofwar.org and run "
          "`allied data import`")


class OfflineError(AlliedError):
    """The publishers cannot be reached; nothing was changed."""


def update(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="allied-update-") as tmp:
        files = _download_all(Path(tmp))
        results = [import_file(con, kind, path) for kind, path in files]
    return [*results, {"dataset": "-", "kind": "-", "note": MANUAL}]


def _download_all(folder: Path) -> list[tuple[str, Path]]:
    files = []
    for code in WB_INDICATORS:
        target = folder / f"API_{code}.zip"
        _fetch(WORLD_BANK.format(code=code), target)
        files.append(("worldbank", target))
    page = _fetch(SIPRI_PAGE, None).decode("utf-8", "replace")
    link = SIPRI_LINK.search(page)
    if link is None:
        raise AlliedError(f"no SIPRI Milex workbook link found on {SIPRI_PAGE}; nothing was changed")
    url = urllib.parse.urljoin(SIPRI_PAGE, link.group(1))
    target = folder / Path(urllib.parse.urlparse(url).path).name
    _fetch(url, target)
    files.append(("sipri", target))
    return files


def _mirrored(url: str) -> str:
    mirror = os.environ.get("ALLIED_UPDATE_MIRROR", "").rstrip("/")
    if not mirror:
        return url
    parts = urllib.parse.urlparse(url)
    return mirror + parts.path + (f"?{parts.query}" if parts.query else "")


def _fetch(url: str, target: Path | None) -> bytes:
    url = _mirrored(url)
    request = urllib.request.Request(url, headers={"User-Agent": "allied (data update)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body: bytes = response.read()
    except urllib.error.HTTPError as exc:
        raise AlliedError(f"{url} answered HTTP {exc.code}; nothing was changed") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OfflineError(f"this machine is offline or cannot reach {urllib.parse.urlparse(url).netloc} "
                           f"({reason}); nothing was changed") from None
    if target is not None:
        target.write_bytes(body)
    return body
