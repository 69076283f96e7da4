"""The corrections log: concurrent writers lose nothing, undo works, corrections apply."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest

from corpus.corrections import (
    Correction,
    CorrectionStore,
    PlaceRef,
    active_corrections,
    apply_corrections,
    find_occurrences,
)
from gazetteer.model import Kind, Place
from geo.model import ArticlePlace, Candidate, Excerpt, Mention, ParseResult, Resolution

TEXT = "Fighting near Shusha.\n\nRefugees reached Goris, then Yerevan.\n\nJordan spoke."
SHUSHA = Place("t:shusha", "Shusha", Kind.SETTLEMENT, "AZ", ("Azerbaijan",), 39.76, 46.75)
SHUSHI = Place("t:shushi-am", "Shushi", Kind.SETTLEMENT, "AM", ("Armenia",), 40.0, 45.0)
GORIS = Place("t:goris", "Goris", Kind.SETTLEMENT, "AM", ("Armenia", "Syunik"), 39.51, 46.34)
YEREVAN = Place("t:yerevan", "Yerevan", Kind.SETTLEMENT, "AM", ("Armenia",), 40.18, 44.51)
JORDAN = Place("t:jordan", "Jordan", Kind.COUNTRY, "JO", (), 31.0, 36.0)


def _res(text: str, place: Place | None, conf: float, *alts: Place) -> Resolution:
    start = TEXT.index(text)
    m = Mention(start, start + len(text), text, "ner:GPE")
    return Resolution(m, place, conf, tuple(Candidate(a, 0.3) for a in alts))


def parse_result() -> ParseResult:
    resolutions = (
        _res("Shusha", SHUSHI, 0.6, SHUSHA),
        _res("Goris", GORIS, 0.9),
        _res("Jordan", JORDAN, 0.5),
    )
    places = tuple(ArticlePlace(r.place, (r,)) for r in resolutions if r.place)
    excerpts = tuple(Excerpt(r.mention, 0, 1, 0, 1) for r in resolutions)
    return ParseResult(TEXT, resolutions, places, excerpts, focus=("t:goris",), meta={"x": 1})


def _mention(result: ParseResult, text: str) -> Mention:
    return next(r.mention for r in result.resolutions if r.mention.text == text)


def test_choose_not_place_and_add_rebuild_the_result() -> None:
    result = parse_result()
    yerevan_at = TEXT.index("Yerevan")
    fixes = [
        Correction.choose(TEXT, _mention(result, "Shusha"), SHUSHA),
        Correction.not_place(TEXT, _mention(result, "Jordan")),
        Correction.add(TEXT, yerevan_at, yerevan_at + 7, "Yerevan", YEREVAN),
    ]
    fixed = apply_corrections(result, fixes)
    assert [(r.mention.text, r.place.id if r.place else None) for r in fixed.resolutions] == [
        ("Shusha", "t:shusha"),
        ("Goris", "t:goris"),
        ("Yerevan", "t:yerevan"),
    ]
    shusha = fixed.resolutions[0]
    assert shusha.confidence == 1.0
    assert [a.place.id for a in shusha.alternatives] == ["t:shushi-am"]  # the old choice
    assert [p.place.id for p in fixed.places] == ["t:shusha", "t:goris", "t:yerevan"]
    assert fixed.resolutions[2].mention.source == "correction"
    added = fixed.excerpts[2]
    assert (
        TEXT[added.sentence_start : added.sentence_end] == "Refugees reached Goris, then Yerevan."
    )
    assert TEXT[added.paragraph_start : added.paragraph_end] == (
        "Refugees reached Goris, then Yerevan."
    )
    assert fixed.excerpts[1] == result.excerpts[1]  # the parser's own excerpts are kept
    assert fixed.focus == ("t:goris",) and fixed.meta["corrections_applied"] == 3
    assert fixed.meta["x"] == 1


@pytest.mark.parametrize(
    ("correction", "why"),
    [
        (Correction("not_place", "0" * 16, 14, 20, "Shusha"), "another article"),
        (Correction("not_place", "", 15, 21, "Shusha"), "offsets moved"),
        (Correction("not_place", "", 14, 20, "Shush"), "text differs"),
    ],
)
def test_corrections_of_other_texts_are_ignored(correction: Correction, why: str) -> None:
    from dataclasses import replace

    from corpus.article import content_hash

    if correction.article == "":
        correction = replace(correction, article=content_hash(TEXT))
    result = parse_result()
    assert apply_corrections(result, [correction]) is result, why


def test_later_correction_of_a_mention_wins_and_undo_restores() -> None:
    result = parse_result()
    m = _mention(result, "Shusha")
    first = Correction.not_place(TEXT, m)
    second = Correction.choose(TEXT, m, SHUSHA)
    assert apply_corrections(result, [first, second]).resolutions[0].place == SHUSHA
    undo = Correction("undo", first.article, target=second.id)
    assert [
        r.mention.text for r in apply_corrections(result, [first, second, undo]).resolutions
    ] == ["Goris", "Jordan"]


def test_add_refuses_text_not_at_offsets() -> None:
    with pytest.raises(ValueError, match="not at"):
        Correction.add(TEXT, 0, 5, "Goris", GORIS)


def test_chosen_place_comes_from_gazetteer_then_alternatives_then_snapshot() -> None:
    class Gaz:
        def get(self, place_id: str) -> Place | None:
            return SHUSHA if place_id == "t:shusha" else None

    result = parse_result()
    c = Correction.choose(TEXT, _mention(result, "Shusha"), SHUSHA)
    snap = Correction(
        "choose",
        c.article,
        c.start,
        c.end,
        c.text,
        PlaceRef("t:gone", "Gone", "settlement", None, 1.0, 2.0),
    )
    assert apply_corrections(result, [c], gazetteer=Gaz()).resolutions[0].place is SHUSHA
    assert apply_corrections(result, [c]).resolutions[0].place is SHUSHA  # the alternative
    gone = apply_corrections(result, [snap]).resolutions[0].place
    assert gone is not None and (gone.id, gone.lat, gone.lon) == ("t:gone", 1.0, 2.0)


def test_log_survives_reopening_and_undo(tmp_path: Path) -> None:
    path = tmp_path / "var" / "corrections.jsonl"
    result = parse_result()
    a = CorrectionStore(path).append(Correction.not_place(TEXT, _mention(result, "Jordan")))[0]
    b = CorrectionStore(path).append(Correction.choose(TEXT, _mention(result, "Shusha"), SHUSHA))[0]
    again = CorrectionStore(path)
    assert [c.id for c in again.for_text(TEXT)] == [a.id, b.id]
    again.undo(a.id)
    assert [c.id for c in CorrectionStore(path).for_text(TEXT)] == [b.id]
    restored = CorrectionStore(path).for_text(TEXT)[0]
    assert restored == b and restored.place == PlaceRef.of(SHUSHA)
    assert CorrectionStore(path).compact() == 1
    assert len(path.read_text().splitlines()) == 1
    assert CorrectionStore(tmp_path / "none.jsonl").active() == []
    with pytest.raises(KeyError):
        again.undo("no-such-id")


def test_torn_and_corrupt_lines_are_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    store = CorrectionStore(path)
    store.append(Correction("not_place", "h1", 0, 1, "A"))
    with open(path, "ab") as fh:
        fh.write(b'{"action": "not_place", "article": "h1", "sta')  # a crash mid-line
    store.append(Correction("not_place", "h1", 2, 3, "B"))
    with open(path, "ab") as fh:
        fh.write(b"\xff\xfe garbage\n")
    assert [c.text for c in store.active()] == ["A", "B"]
    assert len(store.problems) == 2


# --- two writers at once --------------------------------------------------------------------

PER_WRITER = 150


def _write_many(path: str, writer: str, n: int) -> None:
    store = CorrectionStore(path)
    for i in range(n):
        store.append(Correction("not_place", f"article-{writer}", i, i + 1, f"{writer}-{i}" * 5))


def _threads_in_process(path: str, writer: str) -> None:
    threads = [
        threading.Thread(target=_write_many, args=(path, f"{writer}.{t}", PER_WRITER))
        for t in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _check_all_there(path: Path, writers: list[str]) -> None:
    entries = CorrectionStore(path).entries()
    assert CorrectionStore(path).problems == []
    assert len(entries) == len(writers) * PER_WRITER
    assert len({c.id for c in entries}) == len(entries)
    for w in writers:
        mine = [c.start for c in entries if c.article == f"article-{w}"]
        assert mine == list(range(PER_WRITER)), w  # every entry, in each writer's order


def test_two_threads_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "corrections.jsonl"
    threads = [
        threading.Thread(target=_write_many, args=(str(path), w, PER_WRITER)) for w in ("a", "b")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _check_all_there(path, ["a", "b"])


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_two_processes_with_threads_writing_at_once_lose_nothing(
    tmp_path: Path, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "corrections.jsonl"
    # Spawned children re-run __main__; in a session that ran Streamlit's AppTest it is a
    # deleted temporary script. The writers need nothing from it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx: Any = multiprocessing.get_context(method)
    procs = [ctx.Process(target=_threads_in_process, args=(str(path), w)) for w in ("p", "q")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    _check_all_there(path, ["p.0", "p.1", "q.0", "q.1"])


def test_active_corrections_filters_by_article() -> None:
    a = Correction("not_place", "h1", 0, 1, "A")
    b = Correction("not_place", "h2", 0, 1, "B")
    assert active_corrections([a, b], "h2") == [b]


def test_find_occurrences_whole_words_only() -> None:
    assert find_occurrences("Goris, Gorisян, pre-Goris.", "Goris") == [(0, 5), (20, 25)]
    assert find_occurrences("anything", "  ") == []


def test_added_name_replaces_an_unplaced_mention_but_not_a_placed_one() -> None:
    text = "Rain in Xyzabad and Goris."
    unplaced = Resolution(Mention(8, 15, "Xyzabad", "ner:GPE"), None, 0.0)
    goris = Resolution(Mention(20, 25, "Goris", "ner:GPE"), GORIS, 0.9)
    result = ParseResult(text, (unplaced, goris), (ArticlePlace(GORIS, (goris,)),), ())
    wider = Correction.add(text, 8, 15, "Xyzabad", YEREVAN)
    over_goris = Correction.add(text, 20, 25, "Goris", YEREVAN)
    fixed = apply_corrections(result, [wider])
    assert [(r.mention.text, r.place.id if r.place else None) for r in fixed.resolutions] == [
        ("Xyzabad", "t:yerevan"),
        ("Goris", "t:goris"),
    ]
    inner = Correction("add", wider.article, 9, 12, "yza", PlaceRef.of(YEREVAN))
    swapped = apply_corrections(result, [inner])
    assert [r.mention.text for r in swapped.resolutions] == ["yza", "Goris"]
    kept = apply_corrections(result, [over_goris])
    assert kept.resolutions[1].place == YEREVAN  # same offsets: it acts as a "choose"
