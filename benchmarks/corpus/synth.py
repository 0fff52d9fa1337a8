#!/usr/bin/env python3
"""Large synthetic corpora for the corpus benchmarks, written here from our own word lists.

Everything is fictional: the towns, people, outlets (``.example`` domains) and stories are
made up; only the CAMEO codes and Goldstein values (facts) are real. Two products:

* ``write_articles(folder, n)``: files as people paste or save them, messy the way
  ``examples/*.txt`` are: hard-wrapped lines, bylines and datelines, "Read more" and
  "Follow us" lines, bare and repeated URLs, words hyphenated across a line break, a
  share of HTML pages with navigation and footers, a JSON Lines feed, and wire copies
  that other outlets repost with small edits (near-duplicates). For end-to-end runs.
* ``synthetic_record(i)``: a finished record (an ``Article`` with quotes, entities,
  events and places) for filling a store directly, without the NLP stages. For query
  latency on stores of any size.

    python benchmarks/corpus/synth.py OUT_DIR --articles 500 [--seed 1]

The same seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import textwrap
from datetime import date, timedelta
from pathlib import Path

TOWNS = [
    ("Skarvik", "NOR", 69.71, 19.02), ("Nordhamn", "NOR", 70.66, 23.68), ("Kalvøy", "NOR", 68.43, 15.41),
    ("Brennvik", "NOR", 70.07, 29.74), ("Polyarnoye Bay", "RUS", 69.20, 33.45), ("Severnoye", "RUS", 69.07, 33.42),
    ("Kandalov", "RUS", 67.15, 32.41), ("Rautajärvi", "FIN", 68.66, 27.54), ("Kemiranta", "FIN", 65.73, 24.56),
    ("Ishavn", "NOR", 78.22, 15.65), ("Lumivaara", "FIN", 66.50, 25.73), ("Tundrovo", "RUS", 68.97, 33.08),
]
#: Fictional people: (name, country code, office words as an article writes them).
PEOPLE = [
    ("Ingrid Solvang", "NOR", "Foreign Minister"), ("Bjørn Aaberg", "NOR", "Fisheries Minister"),
    ("Tove Ramstad", "NOR", "Prime Minister"), ("Eskil Norheim", "NOR", "coast guard commander"),
    ("Marit Fjeldstad", "NOR", "mayor"), ("Oleg Varlamov", "RUS", "Foreign Minister"),
    ("Yelena Kostrova", "RUS", "ministry spokeswoman"), ("Dmitri Zhuravin", "RUS", "Defence Minister"),
    ("Anatoly Gusev", "RUS", "fleet commander"), ("Sanna Kivelä", "FIN", "President"),
    ("Petri Halonen", "FIN", "Foreign Minister"), ("Helga Lund", "NOR", "union leader"),
    ("Arvid Strand", "NOR", "shipowner"), ("Nadia Orlova", "RUS", "analyst"),
    ("Claire Dumont", "FRA", "European Commission spokeswoman"), ("Gareth Holloway", "GBR", "ambassador"),
]
COUNTRY_WORDS = {"NOR": ("Norway", "Norwegian", "Oslo"), "RUS": ("Russia", "Russian", "Moscow"), "FIN": ("Finland", "Finnish", "Helsinki"),
                 "FRA": ("France", "French", "Paris"), "GBR": ("Britain", "British", "London")}
OUTLETS = [
    ("Polar Courier", "polarcourier.example"), ("Northern Ledger", "northern-ledger.example"), ("Barents Wire", "barentswire.example"),
    ("Fjord Post", "fjordpost.example"), ("Arctic Bulletin", "arcticbulletin.example"), ("Tundra Times", "tundratimes.example"),
]
TOPICS = ["the cod quota", "the inspection regime", "the new patrol schedule", "the winter catch", "the harbour fees",
          "fuel prices", "the fisheries commission", "the maritime boundary", "the detained crew", "the seal census",
          "the ferry route", "the ice forecast", "the radar station", "the research voyage"]
#: (verb phrase, CAMEO code, Goldstein, quad class): codes and scores as CAMEO publishes them.
ACTIONS = [
    ("accused {t} of breaking the agreement on", "112", -2.0, 3), ("agreed to hold talks with {t} about", "036", 4.0, 1),
    ("detained a trawler from {t} near", "173", -5.0, 4), ("promised aid to {t} for", "051", 3.4, 2),
    ("criticised {t} over", "111", -2.0, 3), ("met officials from {t} to discuss", "040", 1.0, 1),
    ("threatened {t} with sanctions over", "130", -4.4, 3), ("praised {t} for its work on", "051", 3.4, 2),
]
FILLER = [
    "Boats from {town} stayed in port for a third day as the wind rose to gale force along the coast.",
    "Local crews said the season had started late and that prices at the quay were lower than a year ago.",
    "The harbour office in {town} said it expected more vessels to arrive before the weekend.",
    "Officials did not give a date for the next round of inspections, but said the rules would not change.",
    "Fishermen in {town} said they had heard about the plans on the radio before anyone called them.",
    "The council will publish its report on {topic} at the end of the month, a spokesman added.",
    "Researchers on board the survey ship counted fewer young fish than in any season since the survey began.",
    "Shipping agents said insurance costs for the route had risen since the winter storms.",
    "A cooperative in {town} said it would keep buying at the old price until the talks were over.",
    "The regional airport reopened after snow had closed the runway for most of the morning.",
]
BOILERPLATE = ["Read more: {title}", "Follow us on X: https://x.example/{handle}", "Share this article", "Related: {title}",
               "Advertisement", "Sign up for our morning newsletter", "All rights reserved."]
CUES = ["said", "told reporters", "said in a statement", "told the {outlet}", "wrote on social media"]

# Made-up place and vessel names from syllables, thousands of them, so that a corpus has rare
# words as real news does (a small village, one trawler) and not only the few towns above.
_FIRST = ["Var", "Kir", "Hammer", "Lyng", "Svart", "Mals", "Olde", "Brei", "Tana", "Nyk", "Sor", "Vest", "Berle", "Ham",
          "Kjøl", "Laks", "Ørn", "Rein", "Sild", "Torsk", "Kval", "Måke", "Stein", "Fjell"]
_SECOND = ["vik", "fjord", "nes", "havn", "øy", "dal", "sund", "våg", "strand", "berg", "holm", "elv", "bukta", "lia", "mo"]
_VESSEL = ["Polarstjerne", "Nordkyn", "Havbris", "Kapitan Rudin", "Severnoye Siyanie", "Havørn", "Skarven", "Ishavet", "Brattholm"]


def minor_town(i: int) -> str:
    """The i-th made-up village (24 × 15 syllable pairs, numbered past those)."""
    pairs = len(_FIRST) * len(_SECOND)
    base = _FIRST[i % len(_FIRST)] + _SECOND[(i // len(_FIRST)) % len(_SECOND)]
    return base if i < pairs else f"{base} {('Nord', 'Sør', 'Øst', 'Vest', 'Ytre', 'Indre')[(i // pairs) % 6]}"


MINOR_TOWNS = 2000


def vessel(i: int) -> str:
    return f"{_VESSEL[i % len(_VESSEL)]} {i % 97 + 1}"


def _rng(*parts: object) -> random.Random:
    return random.Random(hashlib.sha256(repr(parts).encode()).digest())


def story(i: int, seed: int = 1) -> dict:
    """The facts of story `i`: who did what to whom, when, where, and what people said."""
    rng = _rng("story", seed, i)
    town, country, lat, lon = rng.choice(TOWNS)
    village = minor_town(rng.randrange(MINOR_TOWNS))
    boat = vessel(rng.randrange(5000))
    first = rng.choice(PEOPLE)
    actor_country = first[1]
    target = rng.choice([c for c in COUNTRY_WORDS if c != actor_country])
    # The second speaker answers for the target country when the cast has someone from it.
    answering = [p for p in PEOPLE if p[1] == target] or [p for p in PEOPLE if p != first]
    second = rng.choice(answering)
    speakers = [first, second, rng.choice([p for p in PEOPLE if p not in (first, second)])]
    verb, code, goldstein, quad = rng.choice(ACTIONS)
    topic = rng.choice(TOPICS)
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(730))
    outlet = rng.choice(OUTLETS)
    title = f"{COUNTRY_WORDS[actor_country][0]} {verb.split()[0]} {COUNTRY_WORDS[target][0]} over {topic.removeprefix('the ')}"
    return {"i": i, "rng": rng, "town": town, "village": village, "boat": boat, "country": country, "lat": lat, "lon": lon, "speakers": speakers,
            "actor": actor_country, "target": target, "verb": verb, "code": code, "goldstein": goldstein, "quad": quad,
            "topic": topic, "day": day, "outlet": outlet, "title": title[0].upper() + title[1:]}


def _quote(rng: random.Random, topic: str, town: str) -> str:
    openings = ["We will not accept", "Nobody in {town} wants", "There is no reason to fear", "We are ready to discuss",
                "It is too early to judge", "The government has made its position on", "Our crews deserve clarity about"]
    return f"{rng.choice(openings).format(town=town)} {topic}, and we will say so at every meeting"


def paragraphs(s: dict) -> list[str]:
    rng, town, topic = s["rng"], s["town"], s["topic"]
    (name0, c0, office0), (name1, c1, office1), (name2, _, office2) = s["speakers"]
    actor_words, target_words = COUNTRY_WORDS[s["actor"]], COUNTRY_WORDS[s["target"]]
    weekday = s["day"].strftime("%A")
    verb = s["verb"].format(t=target_words[0])
    out = [
        f"{town.upper()}, {s['day'].strftime('%B')} {s['day'].day} ({s['outlet'][0]}) - {actor_words[1]} {office0} {name0} "
        f"on {weekday} {verb} {topic}, officials in {town} said.",
        f'"{_quote(rng, topic, town)}," {name0} {rng.choice(CUES).format(outlet=s["outlet"][0])}.',
        f"{target_words[1]} {office1} {name1} rejected the claim. \"{_quote(rng, topic, target_words[2])}.\" "
        f"{name1.split()[-1]} said the matter would be raised in {target_words[2]} next week.",
    ]
    out.append(f"The trawler {s['boat']}, registered in {s['village']}, was among the boats waiting for news, its skipper said.")
    for _ in range(rng.randint(3, 6)):
        out.append(" ".join(rng.choice(FILLER).format(town=rng.choice([town, s["village"], rng.choice(TOWNS)[0]]), topic=rng.choice(TOPICS))
                            for _ in range(rng.randint(2, 4))))
    out.append(f"{name2}, a {office2} in {town}, said that {topic} would decide how many boats go out this winter. "
               f"\"{_quote(rng, topic, town)}.\"")
    rng.shuffle(out[3:-1])
    return out


def messy_text(s: dict, copy_of: int | None = None) -> str:
    """One article as a paste: title, byline, hard-wrapped paragraphs, links and boilerplate lines."""
    rng = _rng("mess", s["i"], copy_of)
    outlet, domain = s["outlet"]
    slug = "-".join(s["title"].lower().split()[:8])
    url = f"https://www.{domain}/{s['day'].isoformat().replace('-', '/')}/{slug}"
    width = rng.choice([68, 72, 76, 80, None])  # None: one line per paragraph, as pasted from a page
    lines = [s["title"], f"By {rng.choice(PEOPLE)[0]}", url if rng.random() < 0.6 else ""]
    for n, paragraph in enumerate(paragraphs(s)):
        if width:
            wrapped = textwrap.wrap(paragraph, width, break_on_hyphens=False)
            if rng.random() < 0.3 and len(wrapped) > 1:  # a word hyphenated across the line break
                first, rest = wrapped[0], wrapped[1]
                word = rest.split()[0]
                if len(word) > 7:
                    wrapped[0], wrapped[1] = f"{first} {word[:4]}-", f"{word[4:]}{rest[len(word):]}"
            lines.append("\n".join(wrapped))
        else:
            lines.append(paragraph)
        if n == 2 and rng.random() < 0.5:
            lines.append(rng.choice(BOILERPLATE).format(title=rng.choice(TOPICS).capitalize(), handle=domain.split(".")[0]))
        if n == 3 and rng.random() < 0.3:
            lines.append(f"https://video.{domain}/watch?v={rng.randrange(10**8):08d}\nhttps://video.{domain}/watch?v={rng.randrange(10**8):08d}")
    lines.append(f"Follow us on X: https://x.example/{domain.split('.')[0]}")
    lines.append(f"Original url: {url}")
    separator = "\n\n" if width else "\n"
    return separator.join(line for line in lines if line) + "\n"


def html_page(s: dict) -> str:
    outlet, domain = s["outlet"]
    body = "\n".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>" for p in paragraphs(s))
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/><title>{s["title"]} | {outlet}</title>\n'
        f'<meta property="og:site_name" content="{outlet}"/><meta property="article:published_time" content="{s["day"].isoformat()}T08:00:00Z"/>\n'
        f'<link rel="canonical" href="https://www.{domain}/news/{s["i"]}"/></head>\n<body>\n'
        f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/fisheries">Fisheries</a> <a href="/login">Sign in</a></nav>\n'
        f'<article><h1>{s["title"]}</h1><div class="byline">By {PEOPLE[s["i"] % len(PEOPLE)][0]}</div>\n{body}\n</article>\n'
        f'<aside><h3>Most read</h3><ul><li><a href="/a">{TOPICS[0].capitalize()}</a></li><li><a href="/b">{TOPICS[1].capitalize()}</a></li></ul></aside>\n'
        f'<footer>© {outlet}. <a href="/privacy">Privacy</a> <a href="/cookies">Cookies</a></footer>\n</body></html>\n'
    )


def write_articles(folder: str | Path, n: int, seed: int = 1, html_share: float = 0.12, feed_share: float = 0.05,
                   wire_copy_share: float = 0.08) -> dict:
    """Write `n` documents under `folder` (text files, HTML pages and one JSON Lines feed); returns what was written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = _rng("plan", seed, n)
    counts = {"txt": 0, "html": 0, "jsonl": 0, "wire_copies": 0}
    feed: list[str] = []
    for i in range(n):
        s = story(i, seed)
        roll = rng.random()
        if roll < wire_copy_share and i > 0:
            # Another outlet reposts an earlier story with a light edit: a near-duplicate.
            original = story(rng.randrange(i), seed)
            original["outlet"] = s["outlet"]
            text = messy_text(original, copy_of=i).replace(" said.", " said on the record.", 1)
            (folder / f"{i:06d}_wire.txt").write_text(text, encoding="utf-8")
            counts["wire_copies"] += 1
            counts["txt"] += 1
        elif roll < wire_copy_share + html_share:
            (folder / f"{i:06d}.html").write_text(html_page(s), encoding="utf-8")
            counts["html"] += 1
        elif roll < wire_copy_share + html_share + feed_share:
            feed.append(json.dumps({"url": f"https://www.{s['outlet'][1]}/feed/{i}", "date": s["day"].isoformat(),
                                    "title": s["title"], "text": "\n\n".join(paragraphs(s))}, ensure_ascii=False))
            counts["jsonl"] += 1
        else:
            (folder / f"{i:06d}.txt").write_text(messy_text(s), encoding="utf-8")
            counts["txt"] += 1
    if feed:
        (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    return counts


# -- finished records, for filling a store directly ---------------------------------------


def synthetic_record(i: int, seed: int = 1):
    """Story `i` as a finished `Article`: clean text, entities, quotes with speakers, events and places."""
    from eventwire.model import Actor, Article, Entity, Event, InputInfo, Outlet, Place, Quote, Span, Speaker

    s = story(i, seed)
    text = "\n\n".join(paragraphs(s))
    starts, at = [], 0
    for paragraph in text.split("\n\n"):
        starts.append((at, at + len(paragraph)))
        at += len(paragraph) + 2
    entities, quotes = [], []
    for n, (name, country, office) in enumerate(s["speakers"]):
        where = text.find(name)
        if where < 0:
            where = text.find(name.split()[-1])
            shown = name.split()[-1]
        else:
            shown = name
        if where < 0:
            continue
        span = Span(where, where + len(shown), shown)
        entities.append(Entity(f"E{n + 1}", name, "person", office, [span]))
        quote_start = text.find('"', where - 200 if where > 200 else 0)
        if quote_start >= 0:
            quote_end = text.find('"', quote_start + 1)
            if quote_end > quote_start:
                said = text[quote_start + 1 : quote_end]
                quotes.append(Quote(said, quote_start + 1, quote_end, "direct", None, Speaker(f"E{n + 1}", shown, office, "person", span)))
    events = []
    first_sentence_end = text.find(".") + 1
    actor_text = COUNTRY_WORDS[s["actor"]][1]
    target_text = COUNTRY_WORDS[s["target"]][0]
    t_at = text.find(target_text)
    verb_word = s["verb"].split()[0]
    v_at = max(text.find(verb_word), 0)
    place = Place(s["town"], text.find(s["town"]), text.find(s["town"]) + len(s["town"]), geonames_id=900000 + TOWNS.index(
        next(t for t in TOWNS if t[0] == s["town"])), country=s["country"], admin1="00", lat=s["lat"], lon=s["lon"], kind="city")
    for k in range(1 + i % 3):  # one to three mentions of the story's event
        events.append(Event(
            source=Actor(s["actor"] + "GOV", COUNTRY_WORDS[s["actor"]][0], actor_text, text.find(actor_text), text.find(actor_text) + len(actor_text), source="role-in-text"),
            target=Actor(s["target"], target_text, target_text, t_at, t_at + len(target_text), source="country") if t_at >= 0 else None,
            code=s["code"], root=s["code"][:2], goldstein=s["goldstein"], quad_class=s["quad"], plover=None, date=None,
            sentence=(0, first_sentence_end), evidence=Span(v_at, v_at + len(verb_word), text[v_at : v_at + len(verb_word)]),
            confidence=0.8, rule="synthetic", location=place if k == 0 else None, location_basis="sentence" if k == 0 else "none",
        ))
    outlet, domain = s["outlet"]
    return Article(
        id=hashlib.sha256(f"synthetic-{seed}-{i}".encode()).hexdigest()[:20],
        title=s["title"], url=f"https://www.{domain}/news/{i}", outlet=Outlet(domain, outlet),
        published=s["day"].isoformat(), language="en", content_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
        text=text, paragraphs=starts, entities=entities, quotes=quotes, events=events, places=[place],
        input=InputInfo(f"synthetic/{i:06d}.txt"), provenance={"eventwire": "synthetic", "model": None},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the articles to")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = write_articles(args.out, args.articles, args.seed)
    print(json.dumps({"folder": args.out, "articles": args.articles, **counts}))


if __name__ == "__main__":
    main()
