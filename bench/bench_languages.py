"""Geoparser speed per language: articles per second end to end against that language's bare
recogniser, on the same texts, in the same process.

The texts are the test articles of each language (``articles/{ru,az,hy}-*.txt``; English: the
English articles), repeated to about :data:`TARGET` texts. The bare recogniser is what finds
the names before anything is looked up:

- ru: slovnet NER alone (``geo.languages.russian.load().entities``);
- az, hy: the capitalised-run scanner alone (``geo.languages.morphology.capitalised_runs``);
- en: the installed spaCy model with tok2vec and ner only (as ``bench_geoparser``).

Each language runs in its own fresh process (models loaded before the clock starts), so that
"first pass" means cold look-up caches: ours is timed first, over texts it has never seen,
then the bare recogniser; then both again, best of :data:`ROUNDS` (warm caches). The test
articles are repeated, so after the first copy of each the caches of that first pass are
warm too: the figure is a first pass over a small, repetitive corpus, not over unseen news.
Printed: both rates and their ratio (ours / bare). No limit is set: for az and hy the bare
scanner is a regular expression, so the ratio says what recognition, look-up and resolution
cost over scanning, not how close to a neural baseline we are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ru", "az", "hy", "en")
TARGET = 200
ROUNDS = 2


def texts(lang: str) -> tuple[list[str], int]:
    """About :data:`TARGET` texts of ``lang`` from the articles folder, and how many distinct
    articles they repeat."""
    from corpus.ingest import load_corpus

    articles = load_corpus(ROOT / "articles").articles
    if lang == "en":
        own = [a.text for a in articles if (a.language or "en") == "en"
               and not Path(a.id).name.startswith(("ru-", "az-", "hy-", "mixed-"))]
    else:
        own = [a.text for a in articles if a.language == lang]
    if not own:
        raise SystemExit(f"no {lang} article in articles/")
    return (own * (TARGET // len(own) + 1))[:TARGET], len(own)


def rate(run: Callable[[], int]) -> float:
    started = time.perf_counter()
    n = run()
    return n / (time.perf_counter() - started)


def bare_for(lang: str) -> tuple[str, Callable[[list[str]], int]]:
    if lang == "ru":
        from geo.languages import russian

        ner = russian.load()
        return "slovnet NER", lambda docs: sum(1 for t in docs if ner.entities(t) is not None)
    if lang in ("az", "hy"):
        from geo.languages.morphology import capitalised_runs

        return "capitalised runs", lambda docs: sum(
            1 for t in docs if capitalised_runs(t, lang) is not None
        )
    import spacy

    from geo import nlp as nlp_mod

    package = nlp_mod.available_pipelines()[0]
    nlp = spacy.load(package, exclude=list(nlp_mod.EXCLUDED))
    for pipe in list(nlp.pipe_names):
        if pipe not in ("tok2vec", "ner"):
            nlp.remove_pipe(pipe)
    return "spaCy NER", lambda docs: sum(1 for _ in nlp.pipe(docs, batch_size=32))


#: A sentence per language parsed before the clock starts, so that lazily loaded models and
#: tables are in memory; it names no place of the test articles.
_WARM_UP = {
    "ru": "Вчера в Новосибирске прошёл фестиваль.",
    "az": "Dünən Naxçıvanda festival keçirildi.",
    "hy": "Երեկ Գյումրիում փառատոն է անցկացվել։",
    "en": "A festival was held in Leeds yesterday.",
}


def child(lang: str) -> dict[str, object]:
    from geo import Geoparser
    from geo import nlp as nlp_mod
    from geo.pipeline import default_gazetteer

    docs, distinct = texts(lang)
    bare_name, bare = bare_for(lang)
    eng = Geoparser(nlp_mod.load(nlp_mod.available_pipelines()[0]),
                    gazetteer=default_gazetteer())
    eng.parse(_WARM_UP[lang])
    bare([_WARM_UP[lang]])

    def ours() -> int:
        return sum(1 for _ in eng.parse_many(docs, batch_size=32, n_process=1))

    cold = rate(ours)
    cold_bare = rate(lambda: bare(docs))
    warm = warm_bare = 0.0
    for _ in range(ROUNDS):
        warm_bare = max(warm_bare, rate(lambda: bare(docs)))
        warm = max(warm, rate(ours))
    return {
        "lang": lang, "texts": len(docs), "distinct": distinct,
        "words": sum(len(t.split()) for t in docs), "bare": bare_name,
        "cold": cold, "cold_bare": cold_bare, "warm": warm, "warm_bare": warm_bare,
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1])))
        return 0
    # the index is built (when missing or stale) before any child times anything
    subprocess.run([sys.executable, "-c", "import gazetteer; gazetteer.open()"], check=True,
                   cwd=ROOT)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          "one process per language, one worker each")
    for lang in LANGS:
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_languages", "--child", lang],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        r = json.loads(out)
        print(
            f"{lang}: {r['texts']} texts ({r['distinct']} articles repeated, {r['words']:,} "
            f"words) | first pass (cold caches): ours {r['cold']:7.1f}/s vs "
            f"{r['bare']} {r['cold_bare']:8.1f}/s = ratio {r['cold'] / r['cold_bare']:.3f} | "
            f"warm: ours {r['warm']:7.1f}/s vs {r['warm_bare']:8.1f}/s = ratio "
            f"{r['warm'] / r['warm_bare']:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
