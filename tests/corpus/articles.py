"""Ten short articles in mixed formats, written for these tests, and a few bad files.

``write_mixed_corpus(folder)`` writes them and returns the expected article ids with a place
name each article mentions.
"""

from __future__ import annotations

import json
from pathlib import Path

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>{title} | Example Wire</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Example Wire">
<meta name="date" content="{date}">
<link rel="canonical" href="https://wire.example/{slug}">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{para1}</p>
<p>{para2}</p>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>
"""


def txt(title: str, source: str, date: str, body: str) -> str:
    return f"---\ntitle: {title}\nsource: {source}\npublished: {date}\n---\n{body}\n"


def write_mixed_corpus(folder: Path) -> dict[str, str]:
    """Write 10 articles (3 .txt, 2 .md, 2 .html, 3 in one .jsonl); return {id: a place}."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    texts = [
        (
            "ferry-baku",
            "Ferry service resumes across the Caspian",
            "Harbour Post",
            "2024-01-05",
            "A ferry left Baku for Aktau on Monday after storms closed the Caspian crossing.\n\n"
            "Officials in Kazakhstan said cargo traffic would double by spring.",
            "Baku",
        ),
        (
            "tbilisi-rally",
            "Rally in Tbilisi draws thousands",
            "Caucasus Daily",
            "2024-01-12",
            "Thousands marched through Tbilisi on Saturday.\n\n"
            "Smaller protests were reported in Batumi and Kutaisi, Georgia.",
            "Tbilisi",
        ),
        (
            "yerevan-budget",
            "Armenia passes its budget",
            "Caucasus Daily",
            "2024-02-02",
            "The parliament in Yerevan approved the budget.\n\n"
            "Spending on roads to Gyumri and Vanadzor rises by a fifth.",
            "Yerevan",
        ),
    ]
    for stem, title, source, date, body, place in texts:
        (folder / f"{stem}.txt").write_text(txt(title, source, date, body), encoding="utf-8")
        expected[stem] = place
    mds = [
        (
            "istanbul-port",
            "Istanbul port expands",
            "Bosporus Times",
            "2024-02-20",
            "The port of Istanbul will add two berths.\n\nShips bound for Odesa wait offshore.",
            "Istanbul",
        ),
        (
            "tehran-talks",
            "Talks in Tehran",
            "Harbour Post",
            "2024-03-01",
            "Delegations met in Tehran to discuss gas supplies.\n\n"
            "A pipeline from Tabriz is under review.",
            "Tehran",
        ),
    ]
    for stem, title, source, date, body, place in mds:
        (folder / f"{stem}.md").write_text(txt(title, source, date, body), encoding="utf-8")
        expected[stem] = place
    pages = [
        (
            "ganja-floods",
            "Floods hit Ganja",
            "2024-03-10",
            "Heavy rain flooded streets in Ganja, the second city of Azerbaijan, on Sunday.",
            "Rescue teams from Baku reached Mingachevir by evening.",
            "Ganja",
        ),
        (
            "moscow-summit",
            "Summit opens in Moscow",
            "2024-03-15",
            "Leaders arrived in Moscow for a two-day summit on regional trade.",
            "Delegates from Minsk and Astana joined the talks on Friday.",
            "Moscow",
        ),
    ]
    for stem, title, date, p1, p2, place in pages:
        html = HTML_PAGE.format(title=title, date=date, slug=stem, para1=p1, para2=p2)
        (folder / f"{stem}.html").write_text(html, encoding="utf-8")
        expected[stem] = place
    lines = [
        {
            "id": "a1",
            "title": "Drought in Cairo",
            "source": "Nile Report",
            "published": "2024-04-01",
            "text": "Farmers near Cairo and Alexandria ask for help.",
        },
        {
            "id": "a2",
            "title": "Rail link to Ankara",
            "source": "Bosporus Times",
            "published": "2024-04-03",
            "text": "A new rail link joins Ankara and Konya in Turkey.",
        },
        {
            "id": "a3",
            "title": "Heat in Athens",
            "source": "Nile Report",
            "date": "2024-04-09",
            "text": "Athens closed the Acropolis as heat hit Greece.",
        },
    ]
    (folder / "wire.jsonl").write_text(
        "\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8"
    )
    for line, place in zip(lines, ["Cairo", "Ankara", "Athens"], strict=True):
        expected[f"wire/{line['id']}"] = place
    return expected
