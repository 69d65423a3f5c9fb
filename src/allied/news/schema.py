"""The schema of a language pack: every file, section and key the engine reads, with its type.

A language pack is a folder ``news/lang/<iso>/`` of TOML files. Each file holds the sections listed for it in
``FILES``; each section holds exactly the keys of ``SECTIONS`` (free-keyed tables such as ``states`` or
``titles`` validate their values instead). A file, section or key that is not in the schema is an error on
load, and so is a value of the wrong type: a misspelt key never silently does nothing. Every key of the
schema is read by the engine (a test runs the pipeline and checks that each one was looked up).
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of value
WORDS = "words"  # list of phrases ("word*" continues a word, "*word" ends one, " * " skips up to 12 words)
FLAG = "flag"  # bool
TEXT = "text"  # str
ISO3 = "iso3"  # table: phrase -> ISO 3166-1 alpha-3 code
CLASS = "class"  # table: phrase -> one of TITLE_CLASSES
DAYS = "days"  # table: phrase -> integer day offset
WORD_TABLE = "word_table"  # table: key -> WORDS
TEXT_TABLE = "text_table"  # table: phrase -> str
SPENDING = "spending"  # list of [phrase, what]
ISO3_TABLE = "iso3_table"  # table: phrase -> ISO 3166-1 alpha-3 code (inside a section)
CODES_TABLE = "codes_table"  # table: phrase -> non-empty list of ISO 4217 currency codes


@dataclass(frozen=True)
class Key:
    kind: str
    doc: str
    required: bool = True


TITLE_CLASSES = ("defense", "military", "head", "foreign", "minister", "official", "counterpart")
PLEDGE_WHATS = (
    "defense spending",
    "defense budget",
    "core defense spending",
    "defense-related spending",
    "additional defense spending",
)
SEGMENTERS = ("", "kiwi", "sudachi", "jieba")

# GUIDELINES §6 topics: the closed vocabulary a pack's [topics] table may use as keys.
TOPICS = (
    "defense spending", "collective defense", "alliance", "deterrence", "extended deterrence", "North Korea",
    "China", "Taiwan", "South China Sea", "Russia", "Ukraine", "combined defense posture", "combat readiness",
    "regional security cooperation", "trilateral security cooperation", "defense trade", "information sharing",
    "shipbuilding/MRO", "nuclear-powered submarines", "wartime operational control",
    "USFK role/strategic flexibility", "force posture", "defense industrial cooperation",
    "defense science and technology", "cybersecurity", "space", "missile defense", "maritime security",
    "military communication channels", "war legacy", "security documents", "defense buildup",
    "command and control", "training and exercises", "peacekeeping", "nuclear non-proliferation",
    "international law", "ASEAN centrality", "Timor-Leste", "AUKUS", "counter-terrorism", "Indo-Pacific focus",
    "defense agreement", "defense cooperation",
)  # fmt: skip

SECTIONS: dict[str, dict[str, Key]] = {
    "pack": {
        "language": Key(TEXT, "ISO 639-1 code; must equal the folder name"),
        "name": Key(TEXT, "the language's English name"),
        "cldr_locale": Key(TEXT, "the Unicode CLDR locale (babel) whose month and weekday names the text uses"),
        "script": Key(TEXT, "the writing system: latin | hangul | kana (with Chinese characters) | han"),
        "cased": Key(FLAG, "names are capitalised in this script (false for scripts without case)"),
        "spaced": Key(FLAG, "words are separated by spaces (false for Chinese and Japanese)"),
        "pro_drop": Key(
            FLAG, "a finite verb needs no subject word ('se reunió con', 'spotkał się z'): the subject is the one told"
        ),
        "last_tense": Key(
            FLAG, "a time with no tense in its own clause takes that of the sentence's last tense word, its main "
            "verb ('防衛省は28日、…来月…開くと発表した': announced), not of the nearest (Japanese)"
        ),
        "segmenter": Key(TEXT, "morphological analyser that finds word boundaries: '' | kiwi | sudachi | jieba"),
        "han_variants": Key(FLAG, "Chinese characters match in simplified and traditional form (lists are simplified)"),
        "names_only_capitalised": Key(FLAG, "a capitalised word before a place name makes it part of a longer name"),
        "lowercase_demonyms": Key(FLAG, "adjectives of states are written in lower case (German 'südkoreanisch')"),
        "inflection_suffixes": Key(
            WORDS,
            "endings tried on the words of a name when the bare form is unknown; 'ie>a' replaces the ending "
            "('Warszawie' is 'Warszawa', 'Borisem Pistoriusem' is 'Boris Pistorius')",
        ),
        "genitive_s": Key(FLAG, "a name + 's' is a genitive (German 'Südkoreas')"),
        "qualifier_after_noun": Key(
            FLAG,
            "a state's adjective or genitive may follow the title or ministry it qualifies, also inside the "
            "title ('ministre français des Armées', 'ministro della Difesa italiano', 'minister obrony Ukrainy')",
        ),
        "numerals": Key(DAYS, "digits written as characters (一 = 1, 十 = 10), read positionally in dates"),
    },
    "states": {},  # free keys: phrase -> ISO3
    "demonyms": {},  # free keys: adjective -> ISO3
    "titles": {},  # free keys: title -> class
    "topics": {},  # free keys: tag of TOPICS -> words
    "alliance": {
        "words": Key(WORDS, "words naming the allies collectively; NATO where the text names NATO"),
        "nato": Key(WORDS, "the alliance's own name and abbreviation in this language ('NATO', 'OTAN')"),
    },
    "ministries": {
        "defense": Key(WORDS, "generic phrases for a state's defense ministry"),
        "generic": Key(WORDS, "'the ministry', 'the department'"),
        "department": Key(WORDS, "words for a department headed by a secretary (not a minister)"),
    },
    "names": {
        "ignore_aliases": Key(WORDS, "reference aliases that are ordinary words in this language"),
        "honorifics": Key(WORDS, "titles written before a name and not part of it (Gen., Adm., Mr.)"),
        "name_suffixes": Key(WORDS, "parts after a name that are not part of it (Jr., III, 氏, 씨)"),
        "title_after_name": Key(FLAG, "a title follows the name it qualifies ('신원식 국방부 장관', '小泉防衛相')"),
        "state_abbreviations": Key(
            ISO3_TABLE,
            "one-character short forms of states that join into compounds ('한미일', '日米豪', '中美')",
        ),
        "compound_joiners": Key(WORDS, "marks between the parts of a country compound ('한·미')"),
        "not_compounds": Key(WORDS, "words that begin like a country compound and are none ('中美洲')"),
    },
    "anaphora": {
        "demonstrative": Key(WORDS, "a sentence opening with these refers to what the previous one told"),
        "person": Key(WORDS, "pronouns and definite descriptions of the current traveller"),
        "possessive": Key(WORDS, "possessive pronouns"),
        "pair": Key(WORDS, "'the two sides': the last pair of officials"),
        "forum": Key(WORDS, "'the meeting', 'der Gipfel': the last multilateral forum"),
        "summit": Key(WORDS, "words for a summit: the summit of the organisation the text names"),
        "talks": Key(WORDS, "'their talks': the last meeting"),
        "state": Key(WORDS, "'it', 'the country', 'we' as a subject: the state the previous sentence is about"),
    },
    "markers": {
        "articles": Key(WORDS, "articles and determiners that may stand before a name"),
        "conjunctions": Key(WORDS, "'and', 'or': words that join two names in a list"),
        "determiners": Key(WORDS, "possessive determiners before a noun ('his', 'their', 'seinem')"),
        "comitative": Key(WORDS, "'with': introduces a counterpart"),
        "topic": Key(WORDS, "'on', 'about': after talks, a state named after it is their subject, not a stop"),
        "joint_talks": Key(WORDS, "talks of all the states told together ('trilateral'): one meeting"),
        "sidelines": Key(WORDS, "'on the sidelines of', 'am Rande': the forum named after it hosts the meeting"),
        "contrast": Key(WORDS, "'but', 'although': words that cut a clause"),
        "stop_intro": Key(WORDS, "sentence openings that introduce a trip stop by its place ('In', 'At')"),
        "after_place": Key(WORDS, "words that may follow a state used as a place (else it is an adjective)"),
        "genitive_articles": Key(WORDS, "a state after these (not after a preposition) is a genitive complement"),
        "dateline_end": Key(WORDS, "what separates a dateline ('PANAMA CITY —') from the first sentence"),
        "genitive_clitic": Key(WORDS, "a clitic after a name marking a possessor ('s, ’s)"),
        "genitive_prepositions": Key(
            WORDS,
            "'of', 'de', 'di': a state after a title or ministry and these is its state "
            "('ministro de Defensa de España')",
        ),
        "vague": Key(WORDS, "vague past references ('last week'): a past event told so is background"),
        "locative": Key(WORDS, "prepositions before a place"),
        "city_nouns": Key(WORDS, "words for a city that a city's name may follow ('the capital', 'Hauptstadt')"),
        "future": Key(WORDS, "future tense and plans"),
        "headline_future": Key(WORDS, "a headline's words for a plan ('X to meet Y') where a body says 'will'"),
        "past": Key(WORDS, "past tense"),
        "hedge": Key(WORDS, "hedges and invitations: not an asserted event"),
        "negation": Key(WORDS, "negations"),
        "cancelled": Key(WORDS, "called off"),
        "attribution": Key(WORDS, "'according to': a source, not an event"),
        "not_destination": Key(WORDS, "a place right after these is not a destination"),
        "nested": Key(WORDS, "words that tie a place to the one before it ('Camp Humphreys in South Korea')"),
        "subordinators": Key(WORDS, "words that open a subordinate clause wherever they stand"),
        "clause_break": Key(WORDS, "after a comma, words that open a subordinate clause"),
        "before": Key(WORDS, "'ahead of': the event named after it is a reference"),
        "after": Key(WORDS, "'after': the event named after it is a reference"),
        "purpose": Key(WORDS, "'for talks', 'to attend': the purpose of a trip"),
        "agenda_lead": Key(WORDS, "sentence openings that say more about the last event"),
    },
    "triggers": {
        "visit": Key(WORDS, "visiting and travelling"),
        "arrival": Key(WORDS, "arriving"),
        "presence": Key(WORDS, "'was in'"),
        "meeting": Key(WORDS, "talks, meetings, calls"),
        "defense_meeting": Key(WORDS, "meeting words naming defence talks ('2+2', 'defense talks'): defence content"),
        "attend": Key(WORDS, "attending a gathering"),
        "convene": Key(WORDS, "a gathering opens, convenes, is held"),
        "gathering": Key(
            WORDS, "a multilateral gathering described, not named ('vertice dei ministri della Difesa'): a forum"
        ),
        "announce": Key(WORDS, "announcing verbs"),
        "communication": Key(WORDS, "releases, statements, speeches"),
        "say": Key(WORDS, "verbs of saying (an announcement only with a date)"),
        "statement": Key(WORDS, "remarks to reporters, press conferences"),
        "duration": Key(WORDS, "trip lengths as 'phrase:days' ('two-day:2')"),
    },
    "dates": {
        "relative_days": Key(DAYS, "'today' = 0, 'tomorrow' = 1"),
        "year_prefixes": Key(WORDS, "written right before a year and part of it ('FY' in 'FY2026'), case as written"),
        "relative_event": Key(
            DAYS, "days counted from the day told just before, not from the reference day ('la veille' = -1)"
        ),
        "weekday_future": Key(WORDS, "'next' before a weekday"),
        "weekday_past": Key(WORDS, "'last' before a weekday"),
        "weekday_on": Key(WORDS, "'on', 'am' before a weekday"),
        "weekday_future_after": Key(WORDS, "'next' after a weekday ('mardi prochain', 'martes próximo')"),
        "weekday_past_after": Key(WORDS, "'last' after a weekday ('mardi dernier', 'martedì scorso')"),
        "weekday_aliases": Key(DAYS, "inflected weekday names CLDR does not give ('środę' = 2; Monday = 0)"),
        "month_joiners": Key(WORDS, "words between day, month and year ('de' in '4 de noviembre de 2025')"),
        "range": Key(WORDS, "words and dashes between the two ends of a range"),
        "next_year": Key(WORDS, "'next year'"),
        "this_year": Key(WORDS, "'this year'"),
        "year_by": Key(WORDS, "'by', 'until' before a target year"),
        "month_prepositions": Key(WORDS, "'in', 'since' before a month name: a month-level reference"),
        "month_aliases": Key(DAYS, "extra abbreviations of month names ('sept' = 9)"),
        "day_first": Key(FLAG, "dates are written day before month ('3. November', '3 novembre')"),
        "day_suffix": Key(TEXT, "what follows the day number ('.' in German)"),
        "year_first": Key(FLAG, "dates are written year, month, day ('2024年11月4日', '2024년 11월 4일')"),
        "year_suffix": Key(TEXT, "what follows the year number in a year-first date ('年', '년')"),
        "month_suffix": Key(TEXT, "what follows the month number in a year-first date ('月', '월')"),
        "bare_day": Key(FLAG, "a day number with its suffix alone ('28일', '１日') is a day near the reference day"),
        "next_week": Key(WORDS, "'next week': the days of the week after the reference day's"),
        "relative_years": Key(DAYS, "year words before a month and day, as an offset ('去年' = -1, '내년' = 1)"),
        "relative_months": Key(DAYS, "month words before a bare day, as an offset ('다음달' = 1, '先月' = -1)"),
        "this_week": Key(WORDS, "'this week': the days of the reference day's week"),
    },
    "pledges": {
        "spending": Key(SPENDING, "spending phrases and what they name"),
        "cues": Key(WORDS, "commitment words ('pledged', 'plans'): a plan even without a figure"),
        "ceiling": Key(WORDS, "'up to' before a figure: a share at most, not an increase"),
        "modal": Key(WORDS, "future and intent words ('will', 'soll'): a pledge only with a figure"),
        "demand": Key(WORDS, "demands on others: not a pledge"),
        "current": Key(WORDS, "current or past levels: not a pledge"),
        "increase": Key(WORDS, "a percentage with these is an increase"),
        "gdp": Key(WORDS, "'of GDP'"),
        "percent": Key(WORDS, "percent signs and words"),
        "restatement": Key(WORDS, "'8.2 percent, or 5.05 trillion won': the second figure restates the first"),
        "scales": Key(TEXT_TABLE, "scale words -> trillion | billion | million"),
        "currencies": Key(TEXT_TABLE, "currency words and signs -> ISO 4217 code"),
        "decimal_comma": Key(FLAG, "the decimal separator is a comma"),
        "multipliers": Key(DAYS, "multiplier words inside a number (조 = 10^12, 億 = 10^8): '66조 2천947억 원'"),
        "gdp_before": Key(FLAG, "the GDP phrase stands before the percentage ('GDP 대비 3.5%', 'GDP比2%')"),
        "year_after": Key(WORDS, "words after a target or budget year ('年度', '년까지', '年までに')"),
        "part": Key(WORDS, "'of which', '예산 중': the figures after it are a part of the budget, not a pledge"),
        "government": Key(
            WORDS, "'the government', 'cabinet' as a pledger: that of the first official the article names; a "
            "state's adjective before one names the pledger ('The South Korean government')"
        ),
        "organs": Key(
            ISO3_TABLE, "institutions whose name alone tells their state in this language's press ('Bundesregierung', "
            "'Bundeswehr'): the pledger when the sentence names no state"
        ),
        "conversion_currencies": Key(
            WORDS, "ISO 4217 codes this press quotes any state's amounts in ('US$40 billion' for Taiwan's budget): "
            "they name no pledger; another national currency names its issuing state (KRW -> KOR)"
        ),
        "text2num": Key(TEXT, "language code text2num reads number words in ('' where it has none)"),
        "baseline": Key(WORDS, "'from' before a baseline figure ('from 2 % to 5 %' pledges only the 5 %)"),
        "target": Key(WORDS, "'to' between a baseline figure and its target"),
        "fiscal_year": Key(WORDS, "'current fiscal year': the budget year, which ends in the month named after it"),
        "through": Key(WORDS, "'through', 'until' before the month a fiscal year ends in"),
        "previous": Key(WORDS, "'up from', 'compared to' right before a figure: the level before, not a pledge"),
        "past": Key(WORDS, "'spent', 'last year' in a figure's own clause: a level reached, not a pledge"),
        "own_time": Key(WORDS, "'over the next decade': a time with no year; no year is carried to the figure"),
        "booking": Key(
            WORDS,
            "words that book or request an amount in a budget ('計上', 'requested'): an amount a defense ministry "
            "books is a budget figure even where no spending phrase names it",
        ),
        "fiscal_year_ends": Key(
            DAYS,
            "fiscal-year words whose year ends in a fixed month when the text names none, with that month "
            "('今年度' = 3: the Japanese 年度 runs April to March, GUIDELINES §7)",
        ),
        "refusal": Key(
            WORDS, "'refused to', 'ruled out', 'failing to': with markers.negation, right before or after the first "
            "commitment or modal word, no pledge",
        ),
        "aid": Key(WORDS, "'military aid', 'lend': money for another state is aid, not a pledge (GUIDELINES §9)"),
        "forecast": Key(
            WORDS, "'projected', 'estimated' in a figure's clause before it: an estimate of spending, not a commitment"
        ),
        "comparison": Key(WORDS, "'well above', 'short of' before a standard's figure: what a pledge is compared with"),
        "standards": Key(
            WORDS, "'target', 'guideline', 'benchmark': a standard; the alliance owning one after the verb ('to meet "
            "NATO's 2 % target') is not the pledger"
        ),
        "other_budget": Key(
            WORDS, "'national budget', 'entire annual budget' in an amount's noun phrase: the whole budget defence "
            "is a part of, no pledge"
        ),
        "whole": Key(
            WORDS, "'includes', 'of which' between two amounts: the first is the whole budget, the second defence's"
        ),
        "praise": Key(WORDS, "'praised', 'applauded' before a state and the spending phrase: that state pledges"),
        "question": Key(WORDS, "'whether' up to four words before the first commitment word: a question, no pledge"),
        "anaphora": Key(
            WORDS, "'the pledge', 'the budget plan' opening a sentence: it goes on about the pledge told just before"
        ),
        "forecasters": Key(
            WORDS, "'analysts', 'according to experts' anywhere in a sentence (not in a conversion's parentheses): "
            "its figures are others' estimates"
        ),
        "shared_currencies": Key(
            CODES_TABLE, "a currency word several states use ('crowns', '$') -> its ISO 4217 codes, the default "
            "first: the pledging state's own currency when it is one of them"
        ),
    },
}

FILES: dict[str, tuple[str, ...]] = {
    "pack.toml": ("pack",),
    "names.toml": ("states", "demonyms", "titles", "alliance", "ministries", "names"),
    "grammar.toml": ("anaphora", "markers"),
    "events.toml": ("triggers",),
    "dates.toml": ("dates",),
    "topics.toml": ("topics",),
    "pledges.toml": ("pledges",),
}
FREE = {"states": ISO3, "demonyms": ISO3, "titles": CLASS, "topics": WORD_TABLE}
SCALES = ("trillion", "billion", "million")
