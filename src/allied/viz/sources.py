"""How the faces show where a fact comes from, and the words they use for treaties and strengths.

A source string in the reference data is a list of parts separated by ``;`` (the project's compiled notes,
then the texts they were read from). The faces cite primary sources first: a treaty series, a government,
parliament or organization page, any other retrieved web text (an ``http(s)`` address), and then the
compiled notes. Links are only ever ``http(s)``: any other scheme (``javascript:``, ``data:``) is shown as
text, never as a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from allied.reference import load

# treaties.md, the paragraph under its title: what the two markers in a source mean.
MARKERS: dict[str, str] = {
    "[V]": "wording read in a retrieved source",
    "[M]": "wording that follows the standard text but was not read in a retrieved source: check it before "
           "quoting it",
}
MARKERS_SOURCE = "shared/reference/treaties.md, introduction"

# treaties.md section 0, "Strength scale": the strengths in words, strongest first.
STRENGTH_LABELS: dict[str, str] = {
    "automatic_assistance": "shall assist (automatic assistance)",
    "assist_as_deemed_necessary": "assists with the action it deems necessary",
    "act_per_constitutional_processes": "acts per its constitutional processes",
    "consult": "consults",
}
STRENGTH_MEANINGS: dict[str, str] = {
    "automatic_assistance": "the text says the party shall assist, with no 'deems necessary' or "
                            "'constitutional processes' hedge",
    "assist_as_deemed_necessary": "an attack on one counts as an attack on all; each party assists with the "
                                  "action it deems necessary",
    "act_per_constitutional_processes": "the party would act to meet the common danger in accordance with its "
                                        "constitutional processes",
    "consult": "the parties consult",
}
STRENGTHS_SOURCE = "shared/reference/treaties.md section 0, strength scale"

_PRIMARY = re.compile(r"treaty series|unts|\.gov\b|\.gov/|\.int\b|\.int/|un\.org|nato\.int|europa\.eu|"
                      r"legislation|statengeneraal|laws-markdown|consolidated text|official", re.I)
_URL = re.compile(r"https?://[^\s;,)]+", re.I)


@dataclass(frozen=True, slots=True)
class SourcePart:
    """One part of a source: its text and, when it holds an http(s) address, that address."""

    text: str
    url: str | None
    primary: bool


def safe_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) address, otherwise None (never a live ``javascript:`` link)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in text for c in "\"'<> \n\t"):
        return None
    return text


def source_parts(source: str | None) -> list[SourcePart]:
    """The parts of a source, primary sources first, then retrieved web texts, then compiled notes; the
    order inside each group is the order the data gives."""
    parts = [p.strip() for p in re.split(r"\s;\s|;\s|\s;", source or "") if p.strip()]
    found = []
    for p in parts:
        match = _URL.search(p)
        url = safe_url(match.group(0)) if match else None
        found.append(SourcePart(p, url, bool(_PRIMARY.search(p))))
    rank = {id(p): (0 if p.primary else 1 if p.url else 2) for p in found}
    return sorted(found, key=lambda p: rank[id(p)])


def cite(source: str | None) -> str:
    """A source as one line of text, primary sources first ('' when there is none)."""
    return "; ".join(p.text for p in source_parts(source))


def markers_in(*sources: str | None) -> list[str]:
    """The [V]/[M] markers that occur in ``sources``, in the legend's order."""
    text = " ".join(s or "" for s in sources)
    # '[V]', '[M]', and the mixed forms the notes use ('[M; Russian 1992 text V]')
    marks = {g for m in re.finditer(r"\[([MV])\b|\b([MV])\]", text) for g in m.groups() if g}
    return [m for m in MARKERS if m[1] in marks]


def strength_label(strength: str | None) -> str:
    return STRENGTH_LABELS.get(strength or "", (strength or "").replace("_", " "))


def treaty_name(treaty_id: str) -> str:
    """A treaty's name from the reference model ('North Atlantic Treaty'), or its id when it is unknown."""
    treaty = load().treaties.get(treaty_id)
    return treaty.name if treaty is not None else treaty_id


def clause_source(treaty_id: str, article: str | None) -> str:
    """The source of a treaty's clause (or, when no clause matches, of the treaty) in the reference model."""
    treaty = load().treaties.get(treaty_id)
    if treaty is None:
        return ""
    for clause in treaty.clauses:
        if clause.article == article:
            return clause.source
    return treaty.source
