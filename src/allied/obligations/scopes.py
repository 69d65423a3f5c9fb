"""The geographic scopes of treaties.toml as predicates: does an attack of this kind at this place on this
target fall under the clause? Each answers None (no), ('match', reason) or ('contested', reason)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allied.model import Attack, Treaty, Where
from allied.obligations.geodata import Geography
from allied.reference import Reference

Verdict = tuple[str, str] | None
ON_LAND_KINDS = ("territory", "forces")


@dataclass(frozen=True)
class Ctx:
    attack: Attack
    target: str
    where: Where
    treaty: Treaty
    parties: frozenset[str]
    ref: Reference
    geo: Geography

    def name(self, code: str) -> str:
        state = self.ref.states.get(code)
        return state.name if state else code

    @property
    def on_target_territory(self) -> bool:
        t = self.where.territory
        return self.target in (t.sovereign, t.administrator)

    @property
    def place(self) -> str:
        t = self.where.territory
        label = self.attack.place or t.name
        return f" ({label})" if label else ""

    def thing(self) -> str:
        return {"territory": "territory", "vessel": "public vessels", "aircraft": "aircraft",
                "forces": "armed forces"}[self.attack.kind]


def anywhere(c: Ctx) -> Verdict:
    return "match", f"an attack on {c.name(c.target)}{c.place}; the clause has no geographic limit"


def _nato_territory(c: Ctx, state: str) -> str:
    """Which Art. 6(i) category a point of ``state``'s territory falls in, or ''."""
    regions, at_sea = c.where.regions, c.where.at_sea
    names, label = c.geo.named.get("nato_art6", (frozenset(), ""))
    if c.where.territory.name in names:
        return label
    if state == "TUR":
        return "the territory of Turkey"
    if "europe" in regions:
        return f"the territory of {c.name(state)} in Europe"
    if "north_america" in regions:
        return f"the territory of {c.name(state)} in North America"
    if "north_atlantic" in regions and not at_sea:
        return (f"an island under the jurisdiction of {c.name(state)} in the North Atlantic area north of the "
                "Tropic of Cancer")
    return ""


def nato_art6(c: Ctx) -> Verdict:
    t = c.where.territory
    if c.attack.kind == "territory":
        what = _nato_territory(c, c.target) if c.on_target_territory else ""
        return ("match", f"an armed attack on {what}{c.place} (Art. 6(i))") if what else None
    holder = t.sovereign if t.sovereign in c.parties else ""
    what = _nato_territory(c, holder) if holder else ""
    if what:
        return "match", (f"an armed attack on the {c.thing()} of {c.name(c.target)} in or over {what}{c.place} "
                         "(Art. 6(ii))")
    for region, label in (("mediterranean", "the Mediterranean Sea"),
                          ("north_atlantic", "the North Atlantic area north of the Tropic of Cancer")):
        if region in c.where.regions and (c.where.at_sea or c.attack.kind == "aircraft") and t.status == "sea":
            return "match", f"an armed attack on the {c.thing()} of {c.name(c.target)} in or over {label} (Art. 6(ii))"
    return None


def pacific(c: Ctx) -> Verdict:
    if "pacific" not in c.where.regions:
        return None
    if c.attack.kind == "territory" and not c.on_target_territory:
        return None
    return "match", f"{c.name(c.target)} is attacked in the Pacific{c.place}"


def japan_security(c: Ctx) -> Verdict:
    if c.target != "JPN":
        return None
    return "match", f"an attack on Japan{c.place}: the security of Japan is threatened"


def us_rok_art3(c: Ctx) -> Verdict:
    t = c.where.territory
    if "pacific" not in c.where.regions or t.administrator != c.target:
        return None
    return "match", (f"an armed attack in the Pacific area on {c.name(c.target)} in territory under its "
                     f"administrative control{c.place}")


def us_jpn_art5(c: Ctx) -> Verdict:
    if c.where.territory.administrator != "JPN":
        return None
    return "match", (f"an armed attack on the {c.thing()} of {c.name(c.target)} in the territories under the "
                     f"administration of Japan{c.place}")


def _pacific_treaty(c: Ctx, south_china_sea: Verdict) -> Verdict:
    t = c.where.territory
    if c.attack.kind == "territory":
        if not c.on_target_territory:
            return None
        if t.metropolitan and t.sovereign == c.target:
            return "match", f"an armed attack on the metropolitan territory of {c.name(c.target)}{c.place}"
        if "pacific" in c.where.regions:
            return "match", (f"an armed attack on an island territory under the jurisdiction of "
                             f"{c.name(c.target)} in the Pacific{c.place}")
        return None
    if "pacific" not in c.where.regions:
        return None
    if "south_china_sea" in c.where.regions and south_china_sea is not None:
        return south_china_sea
    return "match", f"an armed attack on the {c.thing()} of {c.name(c.target)} in the Pacific{c.place}"


def anzus_art5(c: Ctx) -> Verdict:
    return _pacific_treaty(c, ("contested", "whether the South China Sea counts as 'the Pacific' for ANZUS is "
                                            "not settled (treaties.md section 4)"))


def us_phl_art5(c: Ctx) -> Verdict:
    said = [s for s in c.geo.statements if s["treaty"] == "US_PHL_MDT" and s["start"] <= c.attack.date
            and s["region"] in c.where.regions and c.attack.kind in s["kinds"]]
    if not said:
        return _pacific_treaty(c, ("contested", "whether the South China Sea counts as 'the Pacific' is not "
                                                "settled in the reference before the US statement of 1 Mar 2019 "
                                                "(treaties.md section 5)"))
    latest = max(said, key=lambda s: s["start"])
    return _pacific_treaty(c, ("match", f"an armed attack on the {c.thing()} of {c.name(c.target)} in the "
                                        f"South China Sea, part of the Pacific by the US statement of "
                                        f"{latest['start']}: '{latest['quote']}' ({latest['source']})"))


def rio_art3_3(c: Ctx) -> Verdict:
    if "rio_art4" in c.where.regions:
        return "match", f"an armed attack on {c.name(c.target)} within the region described in Art. 4{c.place}"
    sovereign = c.where.territory.sovereign
    if sovereign and sovereign in c.parties:
        return "match", (f"an armed attack on {c.name(c.target)} within the territory of an American State "
                         f"({c.name(sovereign)}){c.place}")
    return None


def rio_art6(c: Ctx) -> Verdict:
    if rio_art3_3(c) is not None:
        return None
    return "match", (f"an attack on {c.name(c.target)} outside the Art. 3(3) areas{c.place}: "
                     "the Organ of Consultation meets")


def eu_territory(c: Ctx) -> Verdict:
    t = c.where.territory
    if c.attack.kind != "territory" or t.sovereign != c.target:
        return None
    if t.eu == "outermost":
        return "match", f"armed aggression on the territory of {c.name(c.target)} in an outermost region{c.place}"
    if t.eu in ("oct", "unknown"):
        return "contested", (f"{t.name} is an overseas country or territory of {c.name(c.target)}; whether Art. 42(7) "
                             "covers it is debated (treaties.md section 10)")
    return "match", f"armed aggression on the territory of {c.name(c.target)}{c.place}"


def seacdt_art8(c: Ctx) -> Verdict:
    t = c.where.territory
    if c.attack.kind == "territory" and not c.on_target_territory:
        return None
    if t.sovereign and t.sovereign in c.geo.asian_parties and t.sovereign in c.parties:
        return "match", (f"an armed attack on {c.name(c.target)} in the treaty area (the entire territory of "
                         f"{c.name(t.sovereign)}, an Asian Party){c.place}")
    if "seacdt_core" in c.where.regions:
        return "match", f"an armed attack on {c.name(c.target)} in the treaty area of Art. VIII{c.place}"
    if "seacdt_area" in c.where.regions:
        return "contested", (f"the point{c.place} lies at the vague edge of 'the general area' of Art. VIII, whose "
                             "bounds the treaty does not draw (only 21 30'N is exact)")
    return None


def us_roc_art6(c: Ctx) -> Verdict:
    t = c.where.territory
    if c.attack.kind != "territory" or not c.on_target_territory:
        return None
    if c.target == "TWN":
        names, label = c.geo.named.get("us_roc_art6", (frozenset(), ""))
        if t.name not in names:
            return None  # Art. VI names the islands: Kinmen and Matsu were never added
        return "match", f"an armed attack on {label} ({t.name}), the territories of the Republic of China{c.place}"
    if "west_pacific" in c.where.regions and not (t.metropolitan and t.sovereign == c.target):
        return "match", (f"an armed attack in the West Pacific Area on an island territory under the jurisdiction "
                         f"of {c.name(c.target)}{c.place}")
    return None


SCOPES: dict[str, Callable[[Ctx], Verdict]] = {
    "anywhere": anywhere, "nato_art6": nato_art6, "pacific": pacific, "japan_security": japan_security,
    "us_rok_art3": us_rok_art3, "us_jpn_art5": us_jpn_art5, "anzus_art5": anzus_art5,
    "us_phl_art5": us_phl_art5, "rio_art3_3": rio_art3_3, "rio_art6": rio_art6, "eu_territory": eu_territory,
    "seacdt_art8": seacdt_art8, "us_roc_art6": us_roc_art6,
}


def verdict(scope_ids: tuple[str, ...], c: Ctx) -> Verdict:
    """The first matching scope of a clause; a contested answer only if none matches outright."""
    contested: Verdict = None
    for sid in scope_ids:
        answer = SCOPES[sid](c)
        if answer and answer[0] == "match":
            return answer
        contested = contested or answer
    return contested
