"""A small dated demo corpus with a stance shift built in, written by the project.

150 short articles over three years (2019-2021), three outlets and six source
countries. Each sentence names one target in a template whose stance is known, so
the corpus comes with its own reference labels. The built-in shift: coverage of
Russia turns hostile from July 2020 on (before: mostly neutral or supportive);
Ukraine turns more supportive at the same time; China and the United States stay
mixed. The notebooks and the trend tests run on it.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SHIFT_DATE = date(2020, 7, 1)
TARGETS = {"Russia": "Russia", "China": "China", "United States": "the United States",
           "Ukraine": "Ukraine"}
OUTLETS = ["Global Wire", "Daily Ledger", "Policy Review"]
SOURCES = ["USA", "CHN", "RUS", "UKR", "FRA", "IND"]

TEMPLATES: dict[str, list[str]] = {
    "hostile": [
        "Officials condemned {t} for the cyberattack on the grid.",
        "Diplomats accused {t} of violating the ceasefire.",
        "The ministry announced new sanctions against {t}.",
        "Lawmakers called {t} a threat to regional security.",
        "Critics said {t} had failed to honour the agreement.",
    ],
    "supportive": [
        "Officials praised {t} for its help during the floods.",
        "The two governments signed a partnership agreement with {t}.",
        "Diplomats thanked {t} for its generous aid.",
        "The minister called {t} a reliable partner.",
        "Leaders welcomed the offer from {t} to mediate.",
    ],
    "neutral": [
        "A delegation from {t} will arrive on Monday.",
        "The report on trade with {t} will be published next week.",
        "Talks with {t} are scheduled for the spring.",
        "The census in {t} counted more people than expected.",
        "A spokesman said the meeting with {t} lasted two hours.",
    ],
}


def _stance_weights(target: str, day: date) -> dict[str, float]:
    after = day >= SHIFT_DATE
    if target == "Russia":
        return {"hostile": 0.75, "neutral": 0.15, "supportive": 0.10} if after else \
            {"hostile": 0.15, "neutral": 0.45, "supportive": 0.40}
    if target == "Ukraine":
        return {"hostile": 0.10, "neutral": 0.30, "supportive": 0.60} if after else \
            {"hostile": 0.20, "neutral": 0.50, "supportive": 0.30}
    return {"hostile": 0.33, "neutral": 0.34, "supportive": 0.33}


def build(n_articles: int = 150, seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(articles, reference rows): articles have id, date, outlet, source_country, text."""
    rng = random.Random(seed)
    start, days = date(2019, 1, 1), (date(2021, 12, 31) - date(2019, 1, 1)).days
    articles, rows = [], []
    for i in range(n_articles):
        day = start + timedelta(days=round(i * days / (n_articles - 1)))
        sentences, refs = [], []
        for target in rng.sample(list(TARGETS), k=rng.choice([2, 3, 4])):
            w = _stance_weights(target, day)
            label = rng.choices(list(w), weights=list(w.values()))[0]
            sentences.append(rng.choice(TEMPLATES[label]).format(t=TARGETS[target]))
            refs.append((len(sentences) - 1, target, label))
        art = {"id": f"demo-{i:03d}", "date": day.isoformat(), "outlet": OUTLETS[i % 3],
               "source_country": SOURCES[i % 6], "text": " ".join(sentences)}
        articles.append(art)
        rows += [{"article_id": art["id"], "sentence_index": k, "target": t, "label": lab,
                  "date": art["date"], "outlet": art["outlet"],
                  "source_country": art["source_country"]} for k, t, lab in refs]
    return articles, rows


def write(folder: str | Path, n_articles: int = 150, seed: int = 7) -> tuple[Path, Path]:
    """Write ``demo_corpus.jsonl`` (articles) and ``demo_corpus_labels.jsonl`` (reference rows)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    articles, rows = build(n_articles, seed)
    paths = (folder / "demo_corpus.jsonl", folder / "demo_corpus_labels.jsonl")
    for path, items in zip(paths, (articles, rows), strict=True):
        path.write_text("".join(json.dumps(x) + "\n" for x in items), encoding="utf-8")
    return paths
