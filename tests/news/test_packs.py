"""Language packs are data: a folder of TOML files whose keys the schema validates on load.

A pack with an unknown file, section or key, a missing key or a value of the wrong type fails with the file,
the key and the problem; every key of the schema is read by the engine; and adding a language touches no
file outside its folder (shown with a throwaway pack copied from English and renamed).
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from allied.model import Document, ReferenceDataError
from allied.news import lexicon, schema
from allied.news.lexicon import LANG_DIR, lexicons, load_pack, supported_languages
from allied.news.pipeline import Pipeline


@pytest.mark.parametrize("lang", supported_languages())
def test_every_pack_holds_exactly_the_schema(lang: str) -> None:
    folder = LANG_DIR / lang
    assert sorted(p.name for p in folder.glob("*.toml")) == sorted(schema.FILES)
    pack = lexicons()[lang]
    for section, keys in schema.SECTIONS.items():
        assert set(pack.data[section]) == set(keys) or section in schema.FREE


def _copy(tmp_path: Path, lang: str = "en", as_lang: str = "xx") -> Path:
    folder = tmp_path / as_lang
    shutil.copytree(LANG_DIR / lang, folder)
    pack = folder / "pack.toml"
    pack.write_text(pack.read_text(encoding="utf-8").replace(f'language = "{lang}"', f'language = "{as_lang}"'))
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("grammar.toml", "[markers]\n", "[markers]\nfutrue = []\n", "markers.futrue: unknown key; allowed in"),
        ("grammar.toml", "[markers]\n", "[marker]\n", "marker: unknown section"),
        ("pack.toml", "cased = true", 'cased = "yes"', "pack.cased: 'yes' is not a valid flag value"),
        ("names.toml", '"U.S." = "USA"', '"U.S." = "usa"', "states.U.S.: 'usa' is not a valid iso3 value"),
        ("topics.toml", "alliance = [", "alliances = [", "topics.alliances: unknown topic"),
        ("pack.toml", 'segmenter = ""', 'segmenter = "mecab"', "pack.segmenter: 'mecab'; allowed"),
        ("pack.toml", "spaced = true\n", "", "pack.spaced: missing"),
        ("dates.toml", "[dates]", "[dates", "not valid TOML"),
    ],
)
def test_a_broken_pack_names_the_file_the_key_and_the_problem(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    with pytest.raises(ReferenceDataError, match=message.replace(".", r"\.").replace("(", r"\(")) as err:
        load_pack(folder)
    assert file in str(err.value)


def test_a_pack_without_a_file_or_with_a_stray_one_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "topics.toml").unlink()
    with pytest.raises(ReferenceDataError, match="topics.toml.*missing"):
        load_pack(folder)
    folder = _copy(tmp_path, as_lang="yy")
    (folder / "extra.toml").write_text("", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="extra.toml.*unknown file"):
        load_pack(folder)


def test_the_folder_name_is_the_language(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    folder.rename(tmp_path / "zz")
    with pytest.raises(ReferenceDataError, match="'xx' does not match the folder 'zz'"):
        load_pack(tmp_path / "zz")


def test_every_schema_key_is_read_by_the_engine(fixtures: Path) -> None:
    """No key is dead weight: each one is looked up by name in the engine's code, and running the pipeline
    over the fixtures reads the keys every document needs."""
    engine = [p for p in Path(lexicon.__file__).parent.glob("*.py") if p.name != "schema.py"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in engine)
    unread = [
        f"{s}.{k}"
        for s, keys in schema.SECTIONS.items()
        for k in keys
        if not re.search(rf"[\"']{k}[\"']", source) and (s, k) not in {("pack", "language"), ("pack", "name")}
    ]
    assert unread == []
    lexicon.ACCESSED.clear()
    pipe = Pipeline()
    for lang in supported_languages():
        for path in sorted(fixtures.glob(f"*_{lang}.txt")):
            pipe.run(Document(name=path.stem, text=path.read_text(encoding="utf-8"), language=lang))
    assert {("triggers", "visit"), ("markers", "future"), ("pledges", "cues"), ("topics", "*")} <= lexicon.ACCESSED


def test_a_new_language_is_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A throwaway pack ('xx', English words) in a copy of lang/ is found, read and used by the pipeline."""
    langs = tmp_path / "lang"
    shutil.copytree(LANG_DIR, langs)
    _copy(langs, "en", "xx")
    monkeypatch.setattr(lexicon, "LANG_DIR", langs)
    lexicons.cache_clear()
    try:
        assert "xx" in supported_languages()
        text = "Visit\nU.S. Defense Secretary Pete Hegseth will visit Seoul on Nov. 4, 2025, the Pentagon said."
        doc = Pipeline().run(Document(name="t", text=text, language="xx"))
        assert doc.ok, doc.reason or doc.error
        assert [(e.type, e.place.name if e.place else None) for e in doc.events if e.type == "visit"] == [
            ("visit", "Seoul")
        ]
    finally:
        lexicons.cache_clear()


def test_pack_files_are_plain_toml() -> None:
    for path in LANG_DIR.glob("*/*.toml"):
        with open(path, "rb") as fh:
            assert isinstance(tomllib.load(fh), dict)


def test_a_word_list_s_matches_do_not_change_when_a_caller_extends_them() -> None:
    """The matches of a word list are memoised per text: a caller that adds another list's matches to what it
    got back ('found += ...') must not make the first list match where it does not (a German 'will' read as a
    commitment only after a negation check had run on the sentence)."""
    lex = lexicons()["en"]
    text = "Spain will spend 2% of GDP on defence."
    cues = lex.find("pledges", "cues", text)
    before = [m.group() for m in cues]
    cues += lex.find("pledges", "modal", text)
    assert [m.group() for m in lex.find("pledges", "cues", text)] == before
