"""Scoring the event coder.

``evaluate_plv(path, limit=None)``: the PLV dyad-labelled set (``PLV_train.tsv``: columns by
header name; ``marked_sentence`` marks the source ``<s>…</s>`` and target ``<t>…</t>``;
``gold_root`` is one of the 15 PLOVER types). The coder that ``process`` runs is applied to
each sentence with the markup stripped; the event whose source and target overlap the
marked ones is chosen and its CAMEO code mapped to PLOVER with ``code_info``. A sentence
with no such event (or only a 01x statement, which has no PLOVER type) is predicted
``NONE`` and counts as wrong. Reported: ``accuracy`` and ``macro_f1`` (over the gold labels)
at the top level, beside ``baselines``:

- ``majority``: the most frequent gold label, for every sentence;
- ``cameo_verb_lookup`` (when ``CAMEO.2.0.txt`` is found beside the gold file, or given):
  no parse; the first word tagged as a verb whose lemma is a verb of PETRARCH's CAMEO.2.0
  dictionary with a code that maps to a PLOVER type gives that type; no such verb: the
  majority label. The dictionary is read at run time and never copied.

The PLV set is for measurement only: no lexicon row is written from its sentences.

``evaluate_petr_gsr(path, limit=None)``: a PETRARCH-2 validation file
(``PETR2_GSR_validation.xml``: ``<Sentence date= id=>`` records, each with its
``<EventCoding eventcode= sourcecode= targetcode=/>`` lines or ``noevents="True"``, and its
``<Text>``). Only the text and date are used: the sentence is parsed by our own pipeline
and coded with our own lexicon and actor tables (``process`` defaults, ``require_actor``
on); the file's UD parse and dictionaries are ignored. Each event gives a triple
(source, target, code); an unresolved target is ``---`` and a sector code without a
country (``REB``) is written ``---REB`` as PETRARCH does. Triples are sets per sentence;
precision, recall and F1 are micro-averaged:

- ``leaf``: the full CAMEO code; ``root``: its first two digits;
- ``actors``: ``full`` compares whole actor codes (``USAGOV`` vs ``USA`` is a miss),
  ``country`` only their first three characters (``---`` for none). The headline
  ``root``/``leaf`` figures are ``full``.
- ``no_event``: of the sentences coded ``noevents``, how many the coder leaves silent.

``evaluate_plv`` passes an ``.xml`` path on to ``evaluate_petr_gsr`` and ``format_table``
prints either report, so ``eventwire eval events --gold FILE.xml`` works unchanged.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventwire.events.codes import PLOVER_TYPES, code_info

NONE = "NONE"
_MARK_RE = re.compile(r"<(/?)([st])>")


def strip_markup(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The sentence without ``<s>``/``<t>`` tags and the (start, end) of each marked part."""
    out: list[str] = []
    pos = 0
    length = 0
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for m in _MARK_RE.finditer(marked):
        piece = marked[pos:m.start()]
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, which = m.group(1), m.group(2)
        if closing:
            if which in opened:
                spans[which] = (opened.pop(which), length)
        else:
            opened[which] = length
    out.append(marked[pos:])
    return "".join(out), spans


def read_plv(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of a PLV TSV: ``text``, ``source``/``target`` spans and ``gold``."""
    csv.field_size_limit(1 << 30)
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            marked = row.get("marked_sentence") or ""
            gold = (row.get("gold_root") or "").strip()
            if not marked or not gold:
                continue
            text, spans = strip_markup(marked)
            rows.append({"id": row.get("sentence_id"), "text": text, "source": spans.get("s"), "target": spans.get("t"),
                         "gold": gold})  # fmt: skip
            if limit is not None and len(rows) >= limit:
                break
    return rows


def classification_scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Accuracy and macro-F1 over the gold labels (a label never predicted scores F1 0)."""
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    labels = sorted(set(gold))
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"accuracy": round(correct / n, 4) if n else 0.0, "macro_f1": round(macro, 4), "per_label": per, "n": n}


def _overlaps(a: tuple[int, int] | None, start: int, end: int) -> bool:
    return a is not None and start < a[1] and a[0] < end


def choose_event(events, source: tuple[int, int] | None, target: tuple[int, int] | None):
    """The event that best fits the marked dyad, or None."""
    best, best_key = None, None
    for e in events:
        score = 0
        if _overlaps(source, e.source.start, e.source.end):
            score += 2
        if e.target is not None and _overlaps(target, e.target.start, e.target.end):
            score += 2
        if e.target is not None and _overlaps(source, e.target.start, e.target.end) and _overlaps(
            target, e.source.start, e.source.end
        ):
            score += 1  # the dyad reversed: the action is still the sentence's
        if e.plover is not None:
            score += 1
        if e.modality == "denied":
            score -= 1
        key = (score, e.confidence)
        if best_key is None or key > best_key:
            best, best_key = e, key
    return best


def plover_of(event) -> str:
    if event is None or event.plover is None or not event.plover.type:
        return NONE
    return event.plover.type


def code_sentences(rows: list[dict[str, Any]], nlp=None, lexicon=None) -> list[str]:
    """PLOVER predictions of the eventwire coder for PLV rows (``lexicon``: the default one
    unless given, e.g. from ``--dictionaries``)."""
    from eventwire.events.extract import extract_events
    from eventwire.nlp import load_pipeline, parse_texts

    nlp = nlp or load_pipeline()
    preds = []
    for row, doc in zip(rows, parse_texts([r["text"] for r in rows], nlp)):
        events = extract_events(row["text"], doc, None, require_actor=False, lexicon=lexicon)
        preds.append(plover_of(choose_event(events, row["source"], row["target"])))
    return preds


# -- the naive baseline ----------------------------------------------------------------------
_BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_WORD_RE = re.compile(r"^\+?([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")


def read_cameo_verbs(path: str | Path) -> dict[str, str]:
    """Verb lemma (lower case, single words only) -> CAMEO code, from a PETRARCH verb
    dictionary: each word's own code, else its block's; ``---`` (no code) is left out."""
    verbs: dict[str, str] = {}
    in_verbs = False
    block_code: str | None = None
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs or not line.strip() or line.startswith("-") and not line.startswith("---"):
            continue
        m = _BLOCK_RE.match(line)
        if m:
            block_code = m.group(2).split(":")[0].strip()
            word = m.group(1)
            own = block_code
        else:
            w = _WORD_RE.match(line.strip())
            if not w:
                continue
            word, own = w.group(1), (w.group(2).split(":")[0].strip() if w.group(2) else block_code)
        if "_" in word.strip("_") or not own or own == "---":
            continue
        verbs.setdefault(word.strip("_").casefold(), own)
    return verbs


def _plover_of_code(code: str) -> str | None:
    for candidate in (code, code[:3], code[:2]):
        try:
            info = code_info(candidate)
        except (KeyError, ValueError):
            continue
        return info.plover_type
    return None


def lexicon_verbs(lexicon=None) -> dict[str, str]:
    """Verb lemma -> CAMEO code of the first bare row (no particle, object or preposition
    clause; not a null row) of each verb in ``lexicon`` (default: eventwire's own)."""
    from eventwire.events.lexicon import default_lexicon

    lexicon = lexicon if lexicon is not None else default_lexicon()
    verbs = {}
    for lemma in lexicon.verbs:
        bare = [r for r in lexicon.rows("V", lemma) if not r.with_ and not r.null]
        if bare:
            verbs[lemma] = bare[0].shown_code
    return verbs


def lookup_baseline(rows: list[dict[str, Any]], verbs: dict[str, str], fallback: str, nlp=None) -> list[str]:
    """The first verb-tagged word whose lemma the dictionary codes to a PLOVER type (no parse)."""
    from eventwire.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    preds = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]):
        for doc in nlp.pipe(r["text"] for r in rows):
            label = fallback
            for tok in doc:
                if tok.pos_ != "VERB":
                    continue
                code = verbs.get(tok.lemma_.casefold())
                plover = _plover_of_code(code) if code else None
                if plover:
                    label = plover
                    break
            preds.append(label)
    return preds


def evaluate_plv(path: str | Path, limit: int | None = None, dictionary: str | Path | None = None,
                 dictionaries: str | Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Score a PLV TSV (or, for an ``.xml`` path, a PETRARCH records file: ``evaluate_petr_gsr``).
    ``dictionary``: the PETRARCH verb dictionary of the naive baseline; ``dictionaries``: a
    folder of PETRARCH dictionaries whose verb dictionary replaces eventwire's lexicon."""
    if str(path).casefold().endswith(".xml"):
        return evaluate_petr_gsr(path, limit, dictionaries=dictionaries)
    rows = read_plv(path, limit)
    gold = [r["gold"] for r in rows]
    lexicon = None
    if dictionaries:
        from eventwire.events.petrarch_verbs import load_dictionaries

        lexicon = load_dictionaries(dictionaries).lexicon
    started = time.perf_counter()
    preds = code_sentences(rows, lexicon=lexicon)
    seconds = time.perf_counter() - started
    report: dict[str, Any] = {"gold": str(path), "system": "eventwire", "sentences": len(rows)}
    report.update(classification_scores(gold, preds))
    report["coverage"] = round(sum(p != NONE for p in preds) / len(preds), 4) if preds else 0.0
    report["sentences_per_second"] = round(len(rows) / seconds, 1) if seconds else None
    report["confusion"] = _confusion(gold, preds)
    majority = Counter(gold).most_common(1)[0][0] if gold else NONE
    baselines: dict[str, Any] = {"majority": {"label": majority, **_brief(classification_scores(gold, [majority] * len(gold)))}}
    dictionary = Path(dictionary) if dictionary else Path(path).with_name("CAMEO.2.0.txt")
    if dictionary.exists():
        verbs = read_cameo_verbs(dictionary)
        baselines["cameo_verb_lookup"] = {"dictionary": dictionary.name, "verbs": len(verbs),
                                          **_brief(classification_scores(gold, lookup_baseline(rows, verbs, majority)))}  # fmt: skip
    else:
        baselines["cameo_verb_lookup"] = {"skipped": f"{dictionary} not found"}
    # the same lookup with eventwire's own verbs: a no-parse baseline that needs no file from elsewhere
    own = lexicon_verbs(lexicon)
    baselines["lexicon_verb_lookup"] = {"verbs": len(own), **_brief(classification_scores(gold, lookup_baseline(rows, own, majority)))}
    report["baselines"] = baselines
    return report


def _brief(scores: dict[str, Any]) -> dict[str, Any]:
    return {"accuracy": scores["accuracy"], "macro_f1": scores["macro_f1"]}


def _confusion(gold: Iterable[str], pred: Iterable[str]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for g, p in zip(gold, pred):
        table.setdefault(g, Counter())[p] += 1
    return {g: dict(c.most_common()) for g, c in sorted(table.items())}


def format_table(report: dict[str, Any], misses: bool = False) -> str:
    """The PLV report as a Markdown table, eventwire beside its baselines, then per label
    (a PETRARCH GSR report: see ``format_gsr_table``; ``misses`` lists its missed records)."""
    if report.get("format") in ("petrarch-gsr", "petrarch-unittest"):
        return format_gsr_table(report, misses=misses)
    lines = [f"PLV: {report['sentences']} sentences ({report['gold']})", "",
             "| system | accuracy | macro-F1 |", "|---|---|---|",
             f"| eventwire | {report['accuracy']:.3f} | {report['macro_f1']:.3f} |"]  # fmt: skip
    for name, base in report.get("baselines", {}).items():
        if "accuracy" in base:
            lines.append(f"| {name} | {base['accuracy']:.3f} | {base['macro_f1']:.3f} |")
        else:
            lines.append(f"| {name} | skipped | {base.get('skipped', '')} |")
    lines += ["", f"coverage (a PLOVER-typed event in the sentence): {report.get('coverage', 0):.3f}", "",
              "| label | P | R | F1 | n |", "|---|---|---|---|---|"]  # fmt: skip
    for label, s in report.get("per_label", {}).items():
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
    return "\n".join(lines)


# -- PETRARCH XML records (GSR validation, unit tests) ------------------------------------------
_GSR_SENTENCE_RE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_GSR_CODING_RE = re.compile(r"<EventCoding\b([^>]*)/?>")
_GSR_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S)
_GSR_PARSE_RE = re.compile(r"<Parse>(.*?)</Parse>", re.S)
_ATTR_RE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CONFIG_RE = re.compile(r"<Config\b([^>]*)>")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_ENVIRONMENT_RE = re.compile(r"<Environment>(.*?)</Environment>", re.S)
_ENV_FILES = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents", "Discardfile": "discards"}


def read_environment(path: str | Path) -> dict[str, str]:
    """The dictionaries a PETRARCH records file names in its ``<Environment>`` (kind -> file
    name: ``verbs``, ``actors``, ``agents``, ``discards``); {} when it names none."""
    raw = _COMMENT_RE.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    m = _ENVIRONMENT_RE.search(raw)
    if not m:
        return {}
    out = {}
    for tag, kind in _ENV_FILES.items():
        found = re.search(rf"<{tag}>\s*([^<]+?)\s*</{tag}>", m.group(1))
        if found:
            out[kind] = found.group(1)
    return out


def read_petr_gsr(path: str | Path, limit: int | None = None, require_dyad: bool | None = None) -> list[dict[str, Any]]:
    """Records of a PETRARCH XML file (``PETR2_GSR_validation.xml``, ``PETR.UnitTest.records.xml``):
    ``id``, ``category``, ``date`` (ISO), ``text``, ``gold`` (a list of (source, target, code)
    triples), ``no_event`` (coded ``noevents`` or an expected ``error``: a discarded or
    unreadable record codes nothing), ``error`` and ``require_dyad`` (the value of the last
    ``<Config option="require_dyad">`` before the record, else the ``require_dyad`` given).
    Read with regular expressions because the files' comment lines are not well-formed XML."""
    raw = _COMMENT_RE.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    default_dyad = require_dyad
    body_at = raw.find("<Sentences>")
    body = raw[body_at:] if body_at >= 0 else raw
    configs = [(m.start(), dict(_ATTR_RE.findall(m.group(1)))) for m in _CONFIG_RE.finditer(body)]
    rows: list[dict[str, Any]] = []
    for m in _GSR_SENTENCE_RE.finditer(body):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        if attrs.get("evaluate", "true").casefold() == "false":
            continue
        text_m = _GSR_TEXT_RE.search(m.group(2))
        if not text_m:
            continue
        dyad = default_dyad
        for at, conf in configs:
            if at < m.start() and conf.get("option") == "require_dyad":
                dyad = conf.get("value", "").strip().casefold() == "true"
        text = " ".join(text_m.group(1).split()) or _words_of_parse(m.group(2))
        gold: list[tuple[str, str, str]] = []
        no_event, error = False, None
        for c in _GSR_CODING_RE.finditer(m.group(2)):
            ca = dict(_ATTR_RE.findall(c.group(1)))
            if ca.get("noevents", "").strip().casefold() == "true":
                no_event = True
            elif ca.get("error"):
                error = ca["error"]
            elif ca.get("eventcode"):
                gold.append((ca.get("sourcecode") or "---", ca.get("targetcode") or "---", ca["eventcode"]))
        date = attrs.get("date", "")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"\d{8}", date) else None
        rows.append({"id": attrs.get("id"), "category": attrs.get("category"), "date": iso, "text": text,
                     "gold": gold, "no_event": (no_event or error is not None) and not gold, "error": error,
                     "require_dyad": dyad})  # fmt: skip
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _words_of_parse(record: str) -> str:
    """The sentence of a record whose ``<Text>`` is empty, from the word column of its CoNLL-U
    ``<Parse>`` (tokens joined by spaces): the record still has a sentence to code."""
    parse = _GSR_PARSE_RE.search(record)
    if not parse:
        return ""
    rows = (line.split("\t") for line in parse.group(1).splitlines())
    return " ".join(row[1] for row in rows if len(row) > 2 and row[0].isdigit())


def _gsr_actor(actor, sectors: frozenset[str]) -> str:
    if actor is None or not actor.code:
        return "---"
    code = actor.code
    return "---" + code if code in sectors else code


def _sector_codes(tables=None) -> frozenset[str]:
    if tables is not None:
        return frozenset(e.sector for e in tables.agents if e.sector)
    from eventwire.actors.tables import agent_entries

    return frozenset(e.sector for e in agent_entries() if e.sector)


def _prf(gold: list[set], pred: list[set]) -> dict[str, float | int]:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in pred)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp,
            "gold": n_gold, "predicted": n_pred}  # fmt: skip


def quad_of(code: str) -> str:
    """GDELT's quad class of a CAMEO code's root as a string ("1".."4"), "?" for a code
    whose first two characters are no CAMEO root (the unit tests' toy codes: "903")."""
    from eventwire.events.codes import quad_class_of_root

    try:
        return str(quad_class_of_root(code[:2]))
    except ValueError:
        return "?"


def _level(code: str, level: str) -> str:
    return code if level == "leaf" else code[:2] if level == "root" else quad_of(code)


def score_triples(gold: list[list[tuple[str, str, str]]], pred: list[list[tuple[str, str, str]]]) -> dict[str, Any]:
    """P/R/F1 of per-sentence triple sets at leaf, root and quad level, with actors compared
    as full codes (``leaf``, ``root``, ``quad``) and by country, their first three
    characters (``leaf_country``, ...)."""
    def view(triples, level, actors):
        out = set()
        for s, t, c in triples:
            if actors == "country":
                s, t = s[:3], t[:3]
            out.add((s, t, _level(c, level)))
        return out

    scores: dict[str, Any] = {}
    for level in ("leaf", "root", "quad"):
        for actors in ("full", "country"):
            key = level if actors == "full" else f"{level}_country"
            scores[key] = _prf([view(g, level, actors) for g in gold], [view(p, level, actors) for p in pred])
    return scores


def _align(gold: list[tuple[str, str, str]], pred: list[tuple[str, str, str]], score) -> list[tuple[tuple, tuple | None]]:
    """Each gold triple with the predicted triple of the same sentence that ``score`` rates
    highest (greedy, best pairs first; each prediction used once; None when nothing scores > 0)."""
    pairs = sorted(((score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    chosen: dict[int, tuple | None] = {}
    for value, gi, pi in pairs:
        if value <= 0 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        chosen[gi] = pred[pi]
    return [(g, chosen.get(gi)) for gi, g in enumerate(gold)]


def _elements(g: tuple[str, str, str], p: tuple[str, str, str]) -> int:
    return (g[0] == p[0]) + (g[1] == p[1]) + (g[2] == p[2])


def element_score(gold: list[list[tuple[str, str, str]]], pred: list[list[tuple[str, str, str]]]) -> dict[str, Any]:
    """The element score (the kind of figure behind UniversalPetrarch's 72% on these tests):
    each expected triple is aligned with the predicted triple of its sentence that shares
    most of its three elements (source, target, code; each prediction aligned once), and the
    score is the share of the expected triples' 3 x N elements that the aligned predictions
    match. Also per element."""
    matched = {"source": 0, "target": 0, "code": 0}
    n = 0
    for g, p in zip(gold, pred):
        for gt, pt in _align(g, p, _elements):
            n += 1
            if pt is not None:
                matched["source"] += gt[0] == pt[0]
                matched["target"] += gt[1] == pt[1]
                matched["code"] += gt[2] == pt[2]
    total = sum(matched.values())
    return {"score": round(total / (3 * n), 4) if n else 0.0, "expected": n,
            **{k: round(v / n, 4) if n else 0.0 for k, v in matched.items()}}  # fmt: skip


def actor_accuracy(gold: list[list[tuple[str, str, str]]], pred: list[list[tuple[str, str, str]]]) -> dict[str, Any]:
    """Of the expected triples that a predicted triple of the same sentence codes with the same
    root, the share of source and target actors right: ``full`` (whole codes) and ``country``
    (first three characters). Pairs are aligned by root first, then by actors in common."""
    def score(g, p):
        if g[2][:2] != p[2][:2]:
            return 0
        return 1 + (g[0][:3] == p[0][:3]) + (g[1][:3] == p[1][:3])

    full = country = pairs = 0
    for g, p in zip(gold, pred):
        for gt, pt in _align(g, p, score):
            if pt is None:
                continue
            pairs += 1
            full += (gt[0] == pt[0]) + (gt[1] == pt[1])
            country += (gt[0][:3] == pt[0][:3]) + (gt[1][:3] == pt[1][:3])
    return {"pairs": pairs, "full": round(full / (2 * pairs), 4) if pairs else 0.0,
            "country": round(country / (2 * pairs), 4) if pairs else 0.0}  # fmt: skip


def root_confusion(gold: list[list[tuple[str, str, str]]], pred: list[list[tuple[str, str, str]]]) -> dict[str, dict[str, int]]:
    """Gold root -> predicted root counts, pairing triples of a sentence by actors (country
    level) first, then by root; an expected triple left unpaired counts under ``NONE``
    (missed), a predicted one left over as gold ``NONE`` (extra)."""
    def score(g, p):
        return 2 * ((g[0][:3] == p[0][:3]) + (g[1][:3] == p[1][:3])) + (g[2][:2] == p[2][:2])

    table: dict[str, Counter] = {}
    for g, p in zip(gold, pred):
        aligned = _align(g, p, score)
        for gt, pt in aligned:
            table.setdefault(gt[2][:2], Counter())[pt[2][:2] if pt is not None else NONE] += 1
        used = [pt for _, pt in aligned if pt is not None]
        leftovers = list(p)
        for pt in used:
            leftovers.remove(pt)
        for pt in leftovers:
            table.setdefault(NONE, Counter())[pt[2][:2]] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(table.items())}


def _triples(events, sectors, code_of, require_dyad: bool | None) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for e in events:
        if e.modality == "denied":
            continue  # a denied event is not an event of the sentence
        triple = (_gsr_actor(e.source, sectors), _gsr_actor(e.target, sectors), code_of(e))
        if require_dyad and (triple[0] == "---" or triple[1] == "---"):
            continue  # PETRARCH's require_dyad: both actors must be coded
        if triple not in out:
            out.append(triple)
    return out


def lookup_triples(rows: list[dict[str, Any]], lexicon, tables, nlp=None) -> list[list[tuple[str, str, str]]]:
    """The naive baseline for PETRARCH XML records, without a parse: the first word tagged as a
    verb whose lemma has a bare (no ``with``) row in the run's verb lexicon gives the code; the
    first actor named before it in the text is the source, the first named after it the target
    (actors from the run's tables: names, people, organisations; sector words alone are not
    actors here)."""
    from eventwire.actors.tables import split_words
    from eventwire.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    indexes = [tables.index(name) for name in ("places", "user_actors", "office_holders")]
    verbs = lexicon_verbs(lexicon)
    out = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]):
        for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
            verb, code = None, None
            for tok in doc:
                if tok.pos_ == "VERB" and tok.lemma_.casefold() in verbs:
                    verb, code = tok, verbs[tok.lemma_.casefold()]
                    break
            if verb is None:
                out.append([])
                continue
            found = []  # (character offset, code)
            for part, offset in ((row["text"][: verb.idx], 0), (row["text"][verb.idx + len(verb.text):], verb.idx + len(verb.text))):
                norm, raw = split_words(part)
                for index in indexes:
                    for start, _, entries in index.find(norm, raw):
                        entry = entries[0]
                        found.append((offset + start, offset == 0, getattr(entry, "code", None)))
            before = sorted((o, c) for o, is_before, c in found if is_before and c)
            after = sorted((o, c) for o, is_before, c in found if not is_before and c)
            source = before[0][1] if before else "---"
            target = after[0][1] if after else "---"
            out.append([(source, target, code)])
    return out


def evaluate_petr_gsr(path: str | Path, limit: int | None = None, nlp=None, dictionaries: str | Path | None = None) -> dict[str, Any]:
    """Score a PETRARCH XML records file (see the module doc and ``read_petr_gsr``).

    With ``dictionaries`` (a folder of PETRARCH dictionaries), the verb, actor and agent
    dictionaries and the discard list found there replace eventwire's own (as ``process
    --dictionaries`` does); where the records file names its dictionaries in
    ``<Environment>`` (the unit tests), those files are picked and their codes are compared
    as written (opaque labels, not CAMEO codes) and PETRARCH's configuration applies: triples
    need both actors (``require_dyad``, PETRARCH's default) unless a ``<Config>`` line of the
    file turns that off. Coded with eventwire's own dictionaries, events count as ``process``
    gives them."""
    from eventwire.events.extract import extract_events
    from eventwire.events.lexicon import default_lexicon
    from eventwire.events.petrarch_verbs import dictionary_code, filter_discarded, load_dictionaries
    from eventwire.nlp import load_pipeline, parse_texts

    environment = read_environment(path)
    loaded = None
    if dictionaries:
        loaded = load_dictionaries(dictionaries, environment or None, opaque_codes=bool(environment.get("verbs")))
    own_dictionaries = bool(loaded and environment.get("verbs") and loaded.verbs
                            and Path(loaded.verbs).name == environment["verbs"])  # fmt: skip
    rows = read_petr_gsr(path, limit, require_dyad=True if own_dictionaries else None)
    lexicon = (loaded.lexicon if loaded else None) or default_lexicon()
    tables = loaded.tables if loaded else None
    discards = loaded.discards if loaded else None
    nlp = nlp or load_pipeline()
    sectors = _sector_codes(tables)
    code_of = dictionary_code if loaded and loaded.opaque_codes else (lambda e: e.code)
    started = time.perf_counter()
    preds: list[list[tuple[str, str, str]]] = []
    for row, doc in zip(rows, parse_texts([r["text"] for r in rows], nlp)):
        events = extract_events(row["text"], doc, row["date"], tables=tables, lexicon=lexicon)
        events = filter_discarded(events, row["text"], discards)
        preds.append(_triples(events, sectors, code_of, row["require_dyad"]))
    seconds = time.perf_counter() - started
    gold = [r["gold"] for r in rows]
    report: dict[str, Any] = {"gold": str(path), "format": "petrarch-unittest" if own_dictionaries else "petrarch-gsr",
                              "system": "eventwire", "sentences": len(rows), "with_events": sum(bool(g) for g in gold),
                              "dictionaries": loaded.report if loaded else "eventwire defaults"}  # fmt: skip
    if environment and not loaded:
        report["note"] = (f"coded with eventwire's dictionaries; the file names those it was coded with "
                          f"({', '.join(environment.values())}): --dictionaries DIR codes with them")  # fmt: skip
    report.update(score_triples(gold, preds))
    expected = sum(len(g) for g in gold)
    report["found"] = report["leaf"]["recall"]
    report["extra"] = round((report["leaf"]["predicted"] - report["leaf"]["tp"]) / expected, 4) if expected else 0.0
    report["element_score"] = element_score(gold, preds)
    report["actor_accuracy"] = actor_accuracy(gold, preds)
    report["root_confusion"] = root_confusion(gold, preds)
    silent = [not p for r, p in zip(rows, preds) if r["no_event"]]
    report["no_event"] = {"sentences": len(silent), "silent": sum(silent),
                          "rate": round(sum(silent) / len(silent), 4) if silent else None}  # fmt: skip
    report["by_category"] = _by_category(rows, preds)
    report["sentences_per_second"] = round(len(rows) / seconds, 1) if seconds else None
    base = lookup_triples(rows, lexicon, tables or _default_tables(), nlp)
    base_scores = score_triples(gold, base)
    report["baselines"] = {"verb_lookup": {
        "description": "first verb with a bare lexicon row, first actor before / after it (no parse)",
        **{k: base_scores[k] for k in ("leaf", "root", "quad", "root_country")},
        "found": base_scores["leaf"]["recall"],
        "extra": round((base_scores["leaf"]["predicted"] - base_scores["leaf"]["tp"]) / expected, 4) if expected else 0.0,
        "element_score": element_score(gold, base)["score"],
    }}  # fmt: skip
    report["records"] = [{"id": r["id"], "category": r["category"], "gold": [list(t) for t in r["gold"]],
                          "predicted": [list(t) for t in p]} for r, p in zip(rows, preds)]  # fmt: skip
    report["misses"] = miss_list(rows, preds)
    return report


def miss_list(rows: list[dict[str, Any]], preds: list[list[tuple[str, str, str]]], level: str = "root") -> list[dict[str, Any]]:
    """The records whose triples (codes at ``level``, actors in full) differ from the gold:
    ``id``, ``text``, ``missed`` (gold triples not predicted) and ``extra`` (predicted, not
    gold), for reading the misses by kind."""
    def view(triples):
        return {(s, t, _level(c, level)) for s, t, c in triples}

    out = []
    for r, p in zip(rows, preds):
        gold, pred = view(r["gold"]), view(p)
        if gold != pred:
            out.append({"id": r["id"], "text": r["text"], "missed": sorted(gold - pred), "extra": sorted(pred - gold)})
    return out


def _default_tables():
    from eventwire.actors.tables import default_tables

    return default_tables()


def _by_category(rows, preds) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault((r.get("category") or "-").rstrip("x"), []).append(i)
    for cat, idx in sorted(groups.items()):
        g = [rows[i]["gold"] for i in idx]
        p = [preds[i] for i in idx]
        leaf = _prf([set(x) for x in g], [set(x) for x in p])
        out[cat] = {"records": len(idx), "expected": leaf["gold"], "found": leaf["recall"], "predicted": leaf["predicted"],
                    "element_score": element_score(g, p)["score"]}  # fmt: skip
    return out


def format_gsr_table(report: dict[str, Any], misses: bool = False) -> str:
    title = "PETRARCH unit tests" if report.get("format") == "petrarch-unittest" else "PETRARCH GSR"
    lines = [f"{title}: {report['sentences']} sentences, {report['with_events']} with gold events ({report['gold']})", "",
             "| level | actors | P | R | F1 | tp | gold | predicted |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for level in ("leaf", "root", "quad"):
        for actors in ("full", "country"):
            key = level if actors == "full" else f"{level}_country"
            s = report[key]
            lines.append(f"| {level} | {actors} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                         f"{s['tp']} | {s['gold']} | {s['predicted']} |")  # fmt: skip
    es, aa = report["element_score"], report["actor_accuracy"]
    found = (f"expected triples found: {report['found']:.3f}; extra triples per expected: {report['extra']:.3f}; "
             f"element score: {es['score']:.3f} (source {es['source']:.3f}, target {es['target']:.3f}, code {es['code']:.3f})")
    lines += ["", found, f"actor accuracy on {aa['pairs']} root-matched pairs: full {aa['full']:.3f}, country {aa['country']:.3f}"]
    base = report.get("baselines", {}).get("verb_lookup")
    if base:
        lines.append(f"baseline verb_lookup: root P {base['root']['precision']:.3f} R {base['root']['recall']:.3f}; "
                     f"found {base['found']:.3f}, extra {base['extra']:.3f}, element score {base['element_score']:.3f}")  # fmt: skip
    ne = report["no_event"]
    rate = f"{ne['rate']:.3f}" if ne["rate"] is not None else "n/a"
    lines += [f"no-event sentences left silent: {ne['silent']}/{ne['sentences']} ({rate})", "", "root confusion (gold -> predicted):"]
    for g, row in report.get("root_confusion", {}).items():
        lines.append(f"  {g}: " + ", ".join(f"{p} {n}" for p, n in row.items()))
    if report.get("note"):
        lines += ["", f"note: {report['note']}"]
    if misses:
        lines += ["", f"records whose root-level triples differ from the gold ({len(report.get('misses', []))}):"]
        for m in report.get("misses", []):
            lines += [f"- {m['id']}: {m['text']}", f"  missed {m['missed']}; extra {m['extra']}"]
    return "\n".join(lines)


__all__ = ["PLOVER_TYPES", "actor_accuracy", "choose_event", "classification_scores", "element_score", "evaluate_petr_gsr",
           "evaluate_plv", "format_gsr_table", "format_table", "lexicon_verbs", "lookup_triples", "miss_list", "quad_of", "read_cameo_verbs",
           "read_environment", "read_petr_gsr", "read_plv", "root_confusion", "score_triples", "strip_markup"]  # fmt: skip
