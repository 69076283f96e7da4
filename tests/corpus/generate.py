"""Short articles generated from templates with real place names (for batch tests and the
benchmark): deterministic for a given count and seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

# (city, country) pairs: well-known places any English gazetteer knows.
PLACES = [
    ("Baku", "Azerbaijan"),
    ("Ganja", "Azerbaijan"),
    ("Tbilisi", "Georgia"),
    ("Yerevan", "Armenia"),
    ("Gyumri", "Armenia"),
    ("Ankara", "Turkey"),
    ("Istanbul", "Turkey"),
    ("Tehran", "Iran"),
    ("Cairo", "Egypt"),
    ("Nairobi", "Kenya"),
    ("Lagos", "Nigeria"),
    ("Lima", "Peru"),
    ("Bogota", "Colombia"),
    ("Santiago", "Chile"),
    ("Madrid", "Spain"),
    ("Lisbon", "Portugal"),
    ("Warsaw", "Poland"),
    ("Prague", "Czechia"),
    ("Vienna", "Austria"),
    ("Budapest", "Hungary"),
    ("Helsinki", "Finland"),
    ("Oslo", "Norway"),
    ("Stockholm", "Sweden"),
    ("Dublin", "Ireland"),
    ("Hanoi", "Vietnam"),
    ("Manila", "Philippines"),
    ("Jakarta", "Indonesia"),
    ("Seoul", "South Korea"),
    ("Osaka", "Japan"),
    ("Karachi", "Pakistan"),
    ("Dhaka", "Bangladesh"),
    ("Kathmandu", "Nepal"),
    ("Tashkent", "Uzbekistan"),
    ("Almaty", "Kazakhstan"),
    ("Minsk", "Belarus"),
    ("Kyiv", "Ukraine"),
    ("Odesa", "Ukraine"),
    ("Riga", "Latvia"),
    ("Vilnius", "Lithuania"),
    ("Tallinn", "Estonia"),
]
TEMPLATES = [
    "Officials in {city} said on {day} that talks with {city2} would resume next week.\n\n"
    "The government of {country} welcomed the move.",
    "Heavy rain closed roads around {city}, {country}, on {day}.\n\n"
    "Trains to {city2} were cancelled and schools stayed shut.",
    "A trade delegation from {city2} arrived in {city} on {day}.\n\n"
    "Ministers from {country} and {country2} signed three agreements.",
    "Prices for bread rose in {city} this week, traders said.\n\n"
    "Farmers in {country} blamed the drought; imports from {country2} rose.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["Harbour Post", "Caucasus Daily", "Nile Report", "Baltic Wire"]


def generate(n: int, *, seed: int = 7) -> list[dict[str, str]]:
    """``n`` articles as dicts {id, title, text, source, published}, all texts distinct."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        city, country = PLACES[rng.randrange(len(PLACES))]
        city2, country2 = PLACES[rng.randrange(len(PLACES))]
        text = TEMPLATES[i % len(TEMPLATES)].format(
            city=city, country=country, city2=city2, country2=country2, day=rng.choice(DAYS)
        )
        text += f"\n\nReport number {i}."  # every body distinct, so no duplicates
        month, day = 1 + i % 12, 1 + (i * 7) % 28
        out.append(
            {
                "id": f"gen-{i:05d}",
                "title": f"News from {city} ({i})",
                "text": text,
                "source": SOURCES[i % len(SOURCES)],
                "published": f"2024-{month:02d}-{day:02d}",
                "city": city,
            }
        )
    return out


def write_folder(
    folder: Path, n: int, *, jsonl_share: int = 5, seed: int = 7
) -> list[dict[str, str]]:
    """Write ``n`` generated articles: every ``jsonl_share``-th one into one .jsonl file, the
    others as .txt files with a front-matter header. Returns the articles."""
    folder.mkdir(parents=True, exist_ok=True)
    items = generate(n, seed=seed)
    lines = []
    for i, a in enumerate(items):
        if jsonl_share and i % jsonl_share == 0:
            lines.append(
                json.dumps({k: a[k] for k in ("id", "title", "text", "source", "published")})
            )
            a["article_id"] = f"feed/{a['id']}"
            continue
        header = (
            f"---\ntitle: {a['title']}\nsource: {a['source']}\npublished: {a['published']}\n---\n"
        )
        (folder / f"{a['id']}.txt").write_text(header + a["text"], encoding="utf-8")
        a["article_id"] = a["id"]
    if lines:
        (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return items
