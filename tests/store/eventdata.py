"""Articles with events we build by hand: the event stage does not fill any yet."""

from __future__ import annotations

import hashlib

from eventwire.model import Actor, Article, Event, InputInfo, Outlet, Place, Plover, Span

# (sentence, source (code, name), target (code, name) or None, CAMEO code, Goldstein, quad class, event date)
SENTENCES = {
    "accuse": ("Norway's government accused Russia of overfishing in the Barents Sea.", ("NORGOV", "Norway"), ("RUS", "Russia"), "112", -2.0, 3),
    "talks": ("Norway's government agreed to hold talks with Russia in Helsinki.", ("NORGOV", "Norway"), ("RUS", "Russia"), "036", 4.0, 1),
    "detain": ("The Russian coast guard detained a Norwegian trawler near Svalbard.", ("RUSMIL", "Russian coast guard"), ("NOR", "Norway"), "173", -5.0, 4),
    "aid": ("The European Union promised support to the fishing towns of Finnmark.", ("EUR", "European Union"), ("NOR", "Norway"), "051", 3.4, 2),
}

VARDO = Place("Vardø", 0, 0, geonames_id=777019, country="NOR", admin1="20", lat=70.37, lon=31.11, kind="city")


def event_article(article_id: str, outlet: str | None, published: str, keys: list[str], dates: dict[int, str] | None = None,
                  located: bool = False) -> Article:
    """An article whose paragraphs are the given sentences, one event each (a paragraph per sentence)."""
    paragraphs, events, text = [], [], ""
    for i, key in enumerate(keys):
        sentence, (scode, sname), target, code, goldstein, quad = SENTENCES[key]
        if text:
            text += "\n\n"
        start = len(text)
        text += sentence
        end = len(text)
        paragraphs.append((start, end))
        first_word = sentence.split()[0]
        verb_at = start + len(sentence.split()[0]) + 1 + len(sentence.split()[1]) + 1
        verb = sentence[verb_at - start :].split()[0]
        tcode, tname = target
        tstart = text.index(tname.split()[0], start) if tname.split()[0] in sentence else start
        events.append(
            Event(
                source=Actor(scode, sname, first_word, start, start + len(first_word), source="dictionary"),
                target=Actor(tcode, tname, text[tstart : tstart + len(tname.split()[0])], tstart, tstart + len(tname.split()[0]), source="dictionary"),
                code=code,
                root=code[:2],
                goldstein=goldstein,
                quad_class=quad,
                plover=Plover("ACCUSE") if code.startswith("11") else None,  # Plover(None, None) does not round-trip (see report)
                date=(dates or {}).get(i),
                sentence=(start, end),
                evidence=Span(verb_at, verb_at + len(verb), verb),
                confidence=0.9,
                rule=f"test-{key}",
                location=VARDO if located else None,
                location_basis="sentence" if located else "none",
            )
        )
    return Article(
        id=article_id,
        title=f"Story {article_id}",
        url=f"https://{outlet or 'unknown.example'}/{article_id}",
        outlet=Outlet(outlet, outlet.split(".")[0].title() if outlet else None),
        published=published,
        content_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
        text=text,
        paragraphs=paragraphs,
        events=events,
        input=InputInfo(f"/in/{article_id}.txt"),
        provenance={"eventwire": "test", "model": None},
    )
