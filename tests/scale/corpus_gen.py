"""Small generated articles for the scale tests: our own sentences, hard-wrapped like a paste."""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path

_PLACES = ["Tromso", "Bodo", "Hammerfest", "Kirkenes", "Vardo", "Alta", "Narvik", "Honningsvag"]
_PEOPLE = ["Ingrid Solberg", "Pavel Orlov", "Marte Lind", "Oleg Sidorov", "Kari Nygaard", "Arne Berg"]
_TOPICS = ["the cod quota", "the harbour fees", "the new ferry route", "the fish plant", "the coastal radar", "the ice forecast"]


def article_text(i: int) -> str:
    rng = random.Random(i)
    place, person, topic = rng.choice(_PLACES), rng.choice(_PEOPLE), rng.choice(_TOPICS)
    paragraphs = [
        f"{place.upper()} - Officials in {place} said on day {i} that talks about {topic} would go on next week.",
        f'"We are not there yet, but we are closer than before," {person} told reporters after a meeting on {topic}.',
        " ".join(f"Local boat owners asked for clear rules on {rng.choice(_TOPICS)} before the season starts in {rng.choice(_PLACES)}." for _ in range(rng.randint(2, 5))),
        f"Read more: What {topic} means for {place}",
        f"The council of {place} will publish its plan for {topic} by the end of the month, a spokesman added.",
    ]
    return "\n\n".join(textwrap.fill(p, 68) for p in paragraphs) + "\n"


def write_folder(root: Path, n: int = 50) -> Path:
    """`n` articles in nested folders, plus a feed with blank lines, a bad line and an empty text."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root / f"batch{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:03d}_article.txt").write_text(article_text(i), encoding="utf-8")
    lines = []
    for i in range(n, n + 9):
        lines.append(json.dumps({"id": f"gen-{i}", "url": f"https://north.example/news/{i}", "date": "2026-03-05", "text": article_text(i)}))
        if i % 4 == 0:
            lines.append("")  # blank lines must not shift the line numbers of the records after them
    lines.insert(3, "{not json")
    lines.insert(6, json.dumps({"text": "   "}))
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "empty.txt").write_text("\n\n", encoding="utf-8")
    return root
