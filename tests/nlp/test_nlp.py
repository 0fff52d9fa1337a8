import pytest

from eventwire.nlp import load_pipeline, parse_texts, split_for_parsing


def test_split_for_parsing_covers_the_text_at_paragraph_boundaries():
    text = ("A sentence here. " * 30 + "\n\n") * 50
    spans = split_for_parsing(text, limit=2000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(e - s <= 2000 for s, e in spans)
    assert all(text[s - 2:s] == "\n\n" for s, _ in spans[1:])


def test_pipeline_is_loaded_once_and_docs_keep_offsets():
    assert load_pipeline() is load_pipeline()
    texts = ["Officials in Oslo met on Monday.", "Pavel Dorokhov said Moscow would respond.\n\nHe gave no details."]
    docs = list(parse_texts(texts))
    assert [d.text for d in docs] == texts
    assert "Pavel Dorokhov" in {e.text for e in docs[1].ents}


@pytest.mark.timeout(300)
def test_text_longer_than_the_model_limit_is_parsed_in_chunks():
    nlp = load_pipeline()
    text = ("The delegations met again in Helsinki on Monday. " * 40 + "\n\n") * 120
    assert len(text) > 200_000
    [doc] = list(parse_texts([text], nlp))
    assert doc.text == text
