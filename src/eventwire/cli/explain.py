"""`eventwire explain FILE`: why each event was coded the way it was, for an analyst to audit.

For every event of every document: the sentence, the lexicon row or pattern that fired, how
the code was reached, the modality decision, the date, and for source and target the mention,
how the parse led to it and how the actor tables resolved it (table, row, office holder and the
dates of the office). The events are exactly those of `eventwire process --stages events`:
the same coder runs, through ``eventwire.events.explain_events``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from ..errors import UsageError
from ._common import EXIT_OK, EXIT_SOME_FAILED, _open_output, _stderr

EXPLAIN_EXAMPLES = """\
examples:
  eventwire explain article.txt                 every event, explained, as text
  eventwire explain article.txt --format json   the same as JSON (one object per document)
  eventwire explain a.txt --date 2022-01-28     date the actors (office holders) by this day
  eventwire explain a.txt --dictionaries DIR    with PETRARCH-format dictionaries instead of ours
  eventwire explain a.txt --actors people.tsv   with your own dated people (format: examples/actors.tsv)
"""


def register(commands) -> None:
    explain = commands.add_parser(
        "explain",
        help="show why each event was coded the way it was",
        description="Code the events of each document and show, for each one, the sentence, the pattern that "
        "fired, how the code and modality were decided, and how source and target were found and resolved.",
        epilog=EXPLAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    explain.add_argument("paths", nargs="+", metavar="FILE", help="articles (text, HTML, PDF, JSON Lines, folders, or - for stdin)")
    explain.add_argument("--format", choices=("text", "json"), default="text", help="text for people (default) or JSON")
    explain.add_argument("-o", "--output", metavar="FILE", default="-", help="where to write (default: stdout)")
    explain.add_argument("--url", help="the article's URL, when explaining a single document")
    explain.add_argument("--date", help="the article's publication date (ISO 8601), when explaining a single document")
    explain.add_argument("--dictionaries", metavar="DIR", help="code with the PETRARCH-format dictionaries in DIR instead of eventwire's own")
    explain.add_argument("--actors", metavar="FILE", help="add the dated people of a user-actors file (see examples/actors.tsv), as on process")
    explain.add_argument("--model", default=None, metavar="NAME", help="spaCy pipeline (default: eventwire's)")
    explain.set_defaults(handler=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ..settings import DEFAULT_SETTINGS

    if (args.url or args.date) and len(args.paths) != 1:
        raise UsageError("--url and --date describe one document: give a single file or -")
    if args.actors:
        from .process import check_actors_file

        check_actors_file(args.actors)
    settings = replace(DEFAULT_SETTINGS, stages=("clean",), model=args.model or DEFAULT_SETTINGS.model)
    documents = explain_paths(args.paths, settings, args.dictionaries, url=args.url, date=args.date, actors=args.actors)
    out, close = _open_output(args.output)
    failed = 0
    try:
        if args.format == "json":
            json.dump(documents, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            for doc in documents:
                out.write(format_text(doc))
        failed = sum(1 for d in documents if d.get("error"))
        for d in documents:
            if d.get("error"):
                _stderr(f"eventwire explain: {d.get('path') or d.get('index')}: {d['error']}", False)
    finally:
        close()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def explain_paths(paths, settings, dictionaries: str | None = None, url: str | None = None, date: str | None = None,
                  actors: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Each document under ``paths`` with its events and their explanations (plain data).
    Cleaning runs as in ``process``; the text is parsed once; quotes give the speakers; the
    coder is ``eventwire.events.explain_events``, with the tables ``process`` would use
    (``actors``: a user-actors file)."""
    from ..events import explain_events
    from ..ingest import read_documents
    from ..model import DocumentError
    from ..nlp import load_pipeline, parse_texts
    from ..pipeline import actor_tables, process_all
    from ..quotes import extract_quotes
    from .process import _with_given

    petrarch = None
    if dictionaries:
        from ..events.petrarch_verbs import cached_dictionaries

        petrarch = cached_dictionaries(dictionaries)
    tables = actor_tables(actors, petrarch.tables if petrarch else None)
    documents = read_documents(paths, settings)
    if url or date:
        documents = _with_given(documents, url, date)
    records = list(process_all(documents, settings))
    articles = [r for r in records if not isinstance(r, DocumentError)]
    nlp = load_pipeline(settings.model)
    docs = iter(parse_texts([a.text for a in articles], nlp))
    out: list[dict[str, Any]] = []
    for record in records:
        if isinstance(record, DocumentError):
            out.append({"path": record.path, "index": record.index, "error": record.error, "code": record.code})
            continue
        doc = next(docs)
        entities, quotes = extract_quotes(record.text, doc)
        pairs = explain_events(record.text, doc, record.published, entities, quotes,
                               tables,
                               lexicon=petrarch.lexicon if petrarch else None)  # fmt: skip
        out.append({
            "path": record.input.path, "title": record.title, "published": record.published,
            "events": [{"event": _plain(asdict(event)), "explanation": explanation.as_dict()} for event, explanation in pairs],
        })  # fmt: skip
    return out


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def format_text(doc: dict[str, Any]) -> str:
    """One document's events as text an analyst can audit line by line."""
    if doc.get("error"):
        return f"== {doc.get('path') or doc.get('index')}: failed: {doc['error']}\n\n"
    lines = [f"== {doc.get('path') or '(stdin)'}" + (f" — {doc['title']}" if doc.get("title") else ""),
             f"   article date: {doc.get('published') or 'unknown'}; {len(doc['events'])} event(s)", ""]  # fmt: skip
    for n, item in enumerate(doc["events"], 1):
        e, x = item["event"], item["explanation"]
        source = e["source"]
        target = e.get("target")
        plover = (e.get("plover") or {}).get("type") or "no PLOVER type"
        lines.append(f"[{n}] {source.get('code') or '---'} -> {(target or {}).get('code') or '---'}  "
                     f"{e['code']} ({plover}, Goldstein {e['goldstein']})  {e['modality']}  "
                     f"confidence {e['confidence']}  date {e.get('date') or 'unknown'}")  # fmt: skip
        lines.append(f"    sentence  {x['sentence'].strip()!r}")
        lines.append(f"    evidence  {x['evidence']!r} at {e['evidence']['start']}-{e['evidence']['end']}")
        lines.append(f"    rule      {x['rule']}")
        for step in x["code_steps"]:
            lines.append(f"    code      {step}")
        lines.append(f"    modality  {x['modality']}: " + "; ".join(x["modality_steps"]))
        lines.append(f"    date      {x.get('date') or 'unknown'}: {x['date_basis']}")
        for role in ("source", "target"):
            actor = x.get(role)
            if actor is None:
                lines.append(f"    {role:<9} none")
                continue
            lines.append(f"    {role:<9} {actor['mention']!r} at {actor['start']}-{actor['end']} -> "
                         f"{actor.get('code') or 'unresolved'} ({actor['resolved_by']}, dated {actor.get('date') or 'undated'})")  # fmt: skip
            for step in actor["found_by"]:
                lines.append(f"      found   {step}")
            for step in actor["resolution"]:
                lines.append(f"      table   {step}")
        lines.append(f"    confidence {x['confidence']}: " + ("; ".join(x["confidence_steps"]) or "base"))
        lines.append("")
    return "\n".join(lines) + "\n"


__all__ = ["explain_paths", "format_text", "register", "run_explain"]
