"""An `Article` as table rows, and the rows back as the record `Article.to_dict()` gives.

The round trip is exact (a test holds it to that), so an export from the store
is the same JSON that `eventwire process` writes.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Article, field_names

#: Record fields kept together in `articles.metadata`; the others have columns or tables.
METADATA_FIELDS = ("title_source", "url_source", "published_source", "authors", "authors_source", "paragraphs", "input", "provenance")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_row(record: dict[str, Any]) -> dict[str, Any]:
    """The `articles` row of a record (the JSON form, so tuples are already lists)."""
    return {
        "id": record["id"],
        "schema_version": record["schema_version"],
        "title": record["title"],
        "url": record["url"],
        "canonical_url": record["canonical_url"],
        "outlet_domain": record["outlet"]["domain"],
        "outlet_name": record["outlet"]["name"],
        "published": record["published"],
        "language": record["language"],
        "content_hash": record["content_hash"],
        "text": record["text"],
        "input_path": record["input"]["path"],
        "input_index": record["input"]["index"],
        "metadata": dumps({name: record[name] for name in METADATA_FIELDS}),
        "removals": dumps(record["removals"]),
        "source_map": dumps(record["source_map"]),
        "raw": record["raw"],
    }


def link_rows(record: dict[str, Any]) -> list[tuple]:
    return [
        (i, link["url"], link["kind"], link["context"], int(link["repaired"]), link["count"], link["raw_start"], link["raw_end"])
        for i, link in enumerate(record["links"])
    ]


def warning_rows(record: dict[str, Any]) -> list[tuple]:
    return [(i, w["code"], w["message"]) for i, w in enumerate(record["warnings"])]


def entity_rows(record: dict[str, Any]) -> list[tuple]:
    return [(e["id"], e["name"], e["type"], e["role"], dumps(e["mentions"])) for e in record["entities"]]


def quote_rows(record: dict[str, Any]) -> list[tuple]:
    rows = []
    for i, q in enumerate(record["quotes"]):
        speaker = q["speaker"] or {}
        rows.append(
            (
                i, q["text"], q["start"], q["end"], q["kind"], _json_or_none(q["cue"]),
                speaker.get("name"), speaker.get("role"), speaker.get("type"), speaker.get("entity_id"),
                _json_or_none(speaker.get("mention")),
            )
        )
    return rows


def event_row(index: int, event: dict[str, Any]) -> tuple:
    plover = event["plover"] or {}
    sentence = event["sentence"]
    evidence = event["evidence"]
    return (
        index, event["code"], event["root"], event["goldstein"], event["quad_class"], plover.get("type"), plover.get("mode"),
        event["date"], sentence[0], sentence[1], evidence["start"], evidence["end"], evidence["text"],
        event["modality"], event["confidence"], event["rule"], _json_or_none(event["location"]), event["location_basis"],
    )


def actor_row(role: str, actor: dict[str, Any]) -> tuple:
    return (role, actor["code"], actor["name"], actor["text"], actor["start"], actor["end"], actor["entity_id"], actor["source"])


def place_rows(record: dict[str, Any]) -> list[tuple]:
    return [
        (i, p["name"], p["start"], p["end"], p["geonames_id"], p["country"], p["admin1"], p["lat"], p["lon"], p["kind"], int(p["metonymic"]))
        for i, p in enumerate(record["places"])
    ]


def _json_or_none(value: Any) -> str | None:
    return None if value is None else dumps(value)


def _loads_or_none(value: str | None) -> Any:
    return None if value is None else json.loads(value)


# Reading back: each function takes sqlite3.Row objects of its table.


def assemble(article: Any, links: list, warnings: list, entities: list, quotes: list, events: list[tuple[Any, list]], places: list) -> dict[str, Any]:
    """The record of one stored article, fields in the order of `Article`."""
    metadata = json.loads(article["metadata"])
    values = {
        "schema_version": article["schema_version"],
        "id": article["id"],
        "title": article["title"],
        "url": article["url"],
        "canonical_url": article["canonical_url"],
        "outlet": {"domain": article["outlet_domain"], "name": article["outlet_name"]},
        "published": article["published"],
        "language": article["language"],
        "content_hash": article["content_hash"],
        "text": article["text"],
        "links": [_link(r) for r in links],
        "warnings": [{"code": r["code"], "message": r["message"]} for r in warnings],
        "entities": [_entity(r) for r in entities],
        "quotes": [_quote(r) for r in quotes],
        "events": [_event(r, actors) for r, actors in events],
        "places": [_place(r) for r in places],
        "removals": json.loads(article["removals"]),
        "source_map": json.loads(article["source_map"]),
        "raw": article["raw"],
        **metadata,
    }
    return {name: values[name] for name in field_names(Article)}


def _link(r: Any) -> dict[str, Any]:
    return {
        "url": r["url"], "kind": r["kind"], "context": r["context"], "repaired": bool(r["repaired"]),
        "count": r["count"], "raw_start": r["raw_start"], "raw_end": r["raw_end"],
    }


def _entity(r: Any) -> dict[str, Any]:
    return {"id": r["entity_id"], "name": r["name"], "type": r["type"], "role": r["role"], "mentions": json.loads(r["mentions"])}


def _quote(r: Any) -> dict[str, Any]:
    speaker = None
    if r["speaker_type"] is not None:
        speaker = {
            "entity_id": r["speaker_entity_id"], "name": r["speaker_name"], "role": r["speaker_role"],
            "type": r["speaker_type"], "mention": _loads_or_none(r["speaker_mention"]),
        }
    return {"text": r["text"], "start": r["start"], "end": r["end"], "kind": r["kind"], "cue": _loads_or_none(r["cue"]), "speaker": speaker}


def _actor(r: Any) -> dict[str, Any]:
    return {
        "code": r["code"], "name": r["name"], "text": r["text"], "start": r["start"], "end": r["end"],
        "entity_id": r["entity_id"], "source": r["resolved_by"],
    }


def _event(r: Any, actors: list) -> dict[str, Any]:
    by_role = {a["role"]: _actor(a) for a in actors}
    plover = None if r["plover_type"] is None and r["plover_mode"] is None else {"type": r["plover_type"], "mode": r["plover_mode"]}
    return {
        "source": by_role["source"], "target": by_role.get("target"), "code": r["code"], "root": r["root"],
        "goldstein": r["goldstein"], "quad_class": r["quad_class"], "plover": plover, "date": r["date"],
        "sentence": [r["sentence_start"], r["sentence_end"]],
        "evidence": {"start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence_text"]},
        "modality": r["modality"], "confidence": r["confidence"], "rule": r["rule"],
        "location": _loads_or_none(r["location"]), "location_basis": r["location_basis"],
    }


def _place(r: Any) -> dict[str, Any]:
    return {
        "name": r["name"], "start": r["start"], "end": r["end"], "geonames_id": r["geonames_id"], "country": r["country"],
        "admin1": r["admin1"], "lat": r["lat"], "lon": r["lon"], "kind": r["kind"], "metonymic": bool(r["metonymic"]),
    }
