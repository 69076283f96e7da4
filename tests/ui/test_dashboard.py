"""The dashboard's pages and states, run with Streamlit's AppTest on the real parser and
gazetteer (the map's JavaScript needs a browser: see tests/e2e)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import pytest
from streamlit.testing.v1 import AppTest

import geo
from corpus.article import Article
from geo.model import ParseResult
from tests.ui.conftest import ROOT, place_id_named
from ui import state
from ui.maps.layers import LAYERS

TIMEOUT = 180


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_of(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def map_args(at: AppTest) -> dict[str, Any]:
    """The arguments the page sent to the map component (base map script, layers, view)."""
    (component,) = at.get("component_instance")
    return dict(json.loads(component.proto.json_args))


def excerpt_panel(at: AppTest) -> str:
    return next(
        (str(h.proto.body) for h in at.get("html") if "np-place-details" in h.proto.body), ""
    )


def test_first_article_loads(first_result: ParseResult) -> None:
    at = run_app()
    assert "Russia starts withdrawing peacekeepers from Karabakh" in html_of(at)
    assert at.query_params["article"] == "karabakh-peacekeepers-withdrawal"
    table = at.dataframe[0].value
    assert set(table["gazetteer id"]) == {ap.place.id for ap in first_result.places}
    assert table.loc[table["place"] == "Khankendi", "mentions"].item() >= 1
    args = map_args(at)
    assert "place_id" in args["feature_group"]
    assert [at.toggle(key=state.layer_key(name)).value for name in LAYERS] == [True] * len(LAYERS)
    assert at.toggle(key=state.DEMONYMS).value is False
    assert "demonyms" not in at.query_params
    assert "Click a place" in html_of(at)


def test_query_params_restore_the_view(first_result: ParseResult) -> None:
    khankendi = place_id_named(first_result, "Khankendi")
    at = run_app(
        {
            "article": "karabakh-peacekeepers-withdrawal",
            "place": khankendi,
            "layers": "settlements,corridors",
        }
    )
    panel = excerpt_panel(at)
    assert f'data-place="{khankendi}"' in panel
    assert "<mark>Khankendi</mark>" in panel
    toggles = {t.key: t.value for t in at.toggle}
    assert toggles == {
        state.layer_key("countries"): False,
        state.layer_key("districts"): False,
        state.layer_key("physical"): False,
        state.layer_key("corridors"): True,
        state.layer_key("settlements"): True,
        state.DEMONYMS: False,
    }
    # the URL still says the same after the run; the map was asked to move to the place
    assert at.query_params["place"] == khankendi
    args = map_args(at)
    assert args["center"] is not None
    assert args["center"][0] == pytest.approx(
        next(ap.place.lat for ap in first_result.places if ap.place.id == khankendi), abs=0.01
    )


@pytest.mark.parametrize("layer", ["districts", "countries", "corridors", "settlements"])
def test_layer_toggle_removes_the_layer_and_updates_the_url(
    first_result: ParseResult, layer: str
) -> None:
    at = run_app()
    in_layer = [
        ap.place.id for ap in first_result.places if str(ap.place.kind) in _KINDS_OF_LAYER[layer]
    ]
    assert in_layer, f"the first article has places in the {layer} layer"
    before = map_args(at)["feature_group"]
    assert all(pid in before for pid in in_layer)
    at.toggle(key=state.layer_key(layer)).set_value(False).run()
    after = map_args(at)["feature_group"]
    assert not any(f'"place_id": "{pid}"' in after for pid in in_layer)
    assert layer not in at.query_params["layers"].split(",")
    # the base map (and so the map in the browser) is the same: only the layers changed
    at2 = run_app()
    assert map_args(at2)["script"] == map_args(at)["script"]


_KINDS_OF_LAYER = {
    "districts": {"admin1", "admin2", "district", "region"},
    "countries": {"country", "continent"},
    "corridors": {"corridor"},
    "settlements": {"settlement", "physical", "facility"},
}


def test_reader_choice_selects_the_place_and_moves_the_map(first_result: ParseResult) -> None:
    shusha = place_id_named(first_result, "Shusha", "Shushi", "Şuşa")
    at = run_app()
    assert map_args(at)["center"] is None
    at.pills(key=state.READER_PICK).set_value(shusha).run()
    assert at.query_params["place"] == shusha
    assert f'data-place="{shusha}"' in excerpt_panel(at)
    args = map_args(at)
    assert args["center"] is not None and args["zoom"] is not None
    assert "np-selection" in args["feature_group"]


def test_table_lists_places_and_unplaced_mentions(articles_dir: Callable[..., Path]) -> None:
    articles_dir(
        travel__txt="---\ntitle: Travels\n---\nThe delegation travelled from Qwertyville to "
        "Blorptown on Monday after talks in Paris.\n"
    )
    at = run_app()
    places = at.dataframe[0].value
    assert "Paris" in set(places["place"])
    unplaced = at.dataframe[1].value
    assert {"Qwertyville", "Blorptown"} <= set(unplaced["mention"])
    assert any("Mentions not placed" in m.value for m in at.markdown)


def reader_html(at: AppTest) -> str:
    return next(str(h.proto.body) for h in at.get("html") if "np-reader" in h.proto.body)


_LINK = re.compile(r'<a class="np-place [^"]*" href="([^"]*)" target="_self"[^>]*>([^<]*)</a>')


def reader_links(at: AppTest) -> list[tuple[dict[str, list[str]], str]]:
    """The reader's place links: (the parsed query of the href, the text shown)."""
    out = []
    for href, text in _LINK.findall(reader_html(at)):
        raw = html.unescape(href)
        assert raw.startswith("?")
        out.append((parse_qs(raw[1:], strict_parsing=True), text))
    return out


def test_place_names_in_the_reader_are_links_to_their_place(first_result: ParseResult) -> None:
    at = run_app({"layers": "settlements,corridors", "demonyms": "1"})
    links = reader_links(at)
    placed = [
        r
        for r in geo.parse(first_result.text, config=geo.GeoparserConfig(demonyms=True)).resolutions
        if r.place
    ]
    assert len(links) == len(placed)
    khankendi = place_id_named(first_result, "Khankendi")
    query = next(q for q, t in links if t == "Khankendi")
    assert query == {
        "article": ["karabakh-peacekeepers-withdrawal"],
        "place": [khankendi],
        "layers": ["corridors,settlements"],  # the order of LAYERS
        "demonyms": ["1"],
    }
    # the id is percent-encoded in the link ("geonames:123" -> "geonames%3A123")
    assert f"place={quote(khankendi, safe='')}" in reader_html(at)
    assert ":" not in khankendi or f"place={khankendi}" not in reader_html(at)
    # unplaced names stay plain highlights
    assert all("np-unplaced" not in h for h in _LINK.findall(reader_html(at)))
    # following the link selects the place and asks the map to move there
    at2 = run_app({k: v[0] for k, v in query.items()})
    assert f'data-place="{khankendi}"' in excerpt_panel(at2)
    assert map_args(at2)["center"] is not None
    assert at2.toggle(key=state.layer_key("districts")).value is False
    assert at2.toggle(key=state.DEMONYMS).value is True
    # the new map starts at the place (a move asked during its opening fit would be dropped)
    # and keeps that base view, so a later choice does not rebuild it
    script = map_args(at2)["script"]
    assert script != map_args(at)["script"]
    shusha = place_id_named(first_result, "Shusha", "Shushi", "Şuşa")
    at2.pills(key=state.READER_PICK).set_value(shusha).run()
    assert map_args(at2)["script"] == script


def test_reader_links_escape_the_text_and_the_url(
    articles_dir: Callable[..., Path], gaz: object
) -> None:
    body = (
        "He said \"meet me in Baku\" <script>alert('x')</script> & left for Yerevan.\n\n"
        '<a href="javascript:alert(1)">Tbilisi</a> was next.'
    )
    articles_dir(**{'a&b c"d__txt': f"---\ntitle: Quotes\n---\n{body}"})
    at = run_app()
    page = reader_html(at)
    assert "<script>" not in page and 'javascript:alert(1)">' not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&quot;meet me in" in page and " &amp; left" in page
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in page
    links = reader_links(at)
    texts = {t for _, t in links}
    assert {"Baku", "Yerevan"} <= texts
    parsed = geo.parse(body, gazetteer=gaz)
    baku = place_id_named(parsed, "Baku")
    query = next(q for q, t in links if t == "Baku")
    # the file name (the article id) has a quote, an ampersand and a space: all encoded
    assert query == {"article": ['a&b c"d'], "place": [baku]}
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(re.fullmatch(r"\?[A-Za-z0-9%._~=&;-]*", h) for h in hrefs), hrefs


XSS_TITLE = "<script>alert('title')</script> Talks in Baku"
XSS_BODY = (
    "Officials met in Baku <img src=x onerror=alert('body')> on Monday.\n\n"
    "<script>alert('script')</script> Delegates later flew to Yerevan and Tbilisi."
)


def test_article_text_is_escaped_everywhere(articles_dir: Callable[..., Path], gaz: object) -> None:
    articles_dir(
        evil__txt=f"---\ntitle: {XSS_TITLE}\nsource: <b>Wire</b> [x](http://example.org)\n"
        f"---\n{XSS_BODY}"
    )
    at = run_app()
    page = html_of(at)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#x27;body&#x27;)&gt;" in page
    assert "<script>" not in page and "<img" not in page
    # Markdown elements get the text with its markup neutralised
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any("](http" in text for text in shown)
    # the passage of a selected place is escaped too, its mention marked
    baku = place_id_named(geo.parse(XSS_BODY, gazetteer=gaz), "Baku")
    at.pills(key=state.READER_PICK).set_value(baku).run()
    panel = excerpt_panel(at)
    assert "<mark>Baku</mark> &lt;img src=x onerror=alert(&#x27;body&#x27;)&gt;" in panel
    assert "<img" not in panel


def test_bad_files_are_reported_and_skipped(articles_dir: Callable[..., Path]) -> None:
    articles_dir(
        good__txt="---\ntitle: A good one\n---\nTroops left Baku for Yerevan.\n",
        binary__txt=b"\x00\x01\x02\x03 not text",
        broken__txt="---\ntitle: never closed\nbody without a closing fence\n",
    )
    at = run_app()
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "binary" in warnings
    assert "broken" in warnings
    assert at.sidebar.selectbox[0].options == ["A good one"]
    assert "Baku" in set(at.dataframe[0].value["place"])


def test_empty_article_says_so(articles_dir: Callable[..., Path]) -> None:
    articles_dir(empty__txt="---\ntitle: Nothing here\n---\n   \n")
    at = run_app()
    shown = [w.value.replace("\\", "") for w in at.sidebar.warning]
    assert any("empty.txt" in text and "no article text" in text for text in shown)
    assert any("No readable article" in i.value for i in at.info)
    assert not at.get("component_instance")


def test_parse_warnings_are_shown(articles_dir: Callable[..., Path]) -> None:
    articles_dir(
        de__txt="---\ntitle: Deutsch\n---\nDas ist ein deutscher Artikel über Berlin und "
        "München, die Stadt ist schön und groß, und die Leute sind sehr freundlich.\n"
    )
    at = run_app()
    # the parser names the language it does not read (geo.pipeline's warning)
    assert any("language de is not supported" in w.value for w in at.warning)


def test_unknown_place_in_url_is_reported() -> None:
    at = run_app({"article": "karabakh-peacekeepers-withdrawal", "place": "nowhere:1"})
    assert any("not among this article" in w.value for w in at.warning)
    assert "place" not in at.query_params


def test_unknown_article_in_url_falls_back_to_the_first() -> None:
    at = run_app({"article": "no-such-article"})
    assert any("not in the folder" in w.value for w in at.warning)
    assert at.query_params["article"] == "karabakh-peacekeepers-withdrawal"


def test_choosing_another_article_resets_the_place(
    articles_dir: Callable[..., Path], gaz: object
) -> None:
    first = "Troops left Baku for Yerevan on Monday."
    articles_dir(
        a__txt=f"---\ntitle: A first one\nsource: Wire\npublished: 2024-01-02\n---\n{first}\n",
        b__txt="---\ntitle: B second one\n---\nTalks were held in Tbilisi and Paris.\n",
    )
    baku = place_id_named(geo.parse(first, gazetteer=gaz), "Baku")
    at = run_app({"article": "a", "place": baku})
    assert at.query_params["place"] == baku
    box = at.sidebar.selectbox(key=state.ARTICLE)
    assert box.options == ["A first one — Wire · 2024-01-02", "B second one"]
    box.set_value("b").run()
    assert at.query_params["article"] == "b"
    assert "place" not in at.query_params
    assert "Tbilisi" in set(at.dataframe[0].value["place"])
    assert "Click a place" in html_of(at)


def _mentions_of(at: AppTest, place: str) -> int:
    table = at.dataframe[0].value
    return int(table.loc[table["place"] == place, "mentions"].item())


def test_adjectives_count_as_their_country_when_asked(
    first_result: ParseResult, first_article: Article
) -> None:
    russia = place_id_named(first_result, "Russia")
    names_only = sum(1 for r in first_result.resolutions if r.place and r.place.id == russia)
    at = run_app({"article": "karabakh-peacekeepers-withdrawal", "place": russia})
    assert _mentions_of(at, "Russia") == names_only == 7  # the gold: "Russian ..." is no place
    assert "<mark>Russia</mark>" in excerpt_panel(at)
    assert "<mark>Russian</mark>" not in excerpt_panel(at)

    at.toggle(key=state.DEMONYMS).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _mentions_of(at, "Russia") > names_only
    # the adjective is a mention like the others: in the passages, the reader and the map
    assert "<mark>Russian</mark>" in excerpt_panel(at)
    assert f'data-place="{russia}">Russian</a>' in html_of(at)
    assert '"text": "Russian"' in map_args(at)["feature_group"]
    assert at.query_params["demonyms"] == "1"
    assert at.query_params["place"] == russia
    # corrections (and exports) work on the result shown, adjectives included
    fix = at.selectbox(key=f"np_fix_mention_{first_article.content_hash}")
    assert any(label.startswith("Russian (at ") for label in fix.options)

    at.toggle(key=state.DEMONYMS).set_value(False).run()
    assert _mentions_of(at, "Russia") == names_only
    assert "<mark>Russian</mark>" not in excerpt_panel(at)
    assert '"text": "Russian"' not in map_args(at)["feature_group"]
    assert "demonyms" not in at.query_params


def test_adjectives_setting_comes_from_the_url() -> None:
    at = run_app({"demonyms": "1"})
    assert at.toggle(key=state.DEMONYMS).value is True
    assert _mentions_of(at, "Russia") > 7


def test_turning_adjectives_off_drops_a_country_named_only_by_one(
    articles_dir: Callable[..., Path], gaz: object
) -> None:
    text = "Turkish troops arrived in Baku on Monday."
    articles_dir(a__txt=f"---\ntitle: Troops\n---\n{text}\n")
    turkey = place_id_named(
        geo.parse(text, config=geo.GeoparserConfig(demonyms=True), gazetteer=gaz), "Turkey"
    )
    at = run_app({"article": "a", "demonyms": "1", "place": turkey})
    assert f'data-place="{turkey}"' in excerpt_panel(at)
    at.toggle(key=state.DEMONYMS).set_value(False).run()
    assert "Turkey" not in set(at.dataframe[0].value["place"])
    assert "place" not in at.query_params
    # the reader asked for it: no warning about a place missing from the article
    assert not any("not among this article" in w.value for w in at.warning)
