"""The event coder on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.events.extract import _sentence_date, extract_events
from eventwire.events.lexicon import default_lexicon, read_lexicon

DATE = "2022-01-20"  # a Thursday


@pytest.fixture(scope="module")
def code():
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text, date=DATE, **kw):
        events = extract_events(text, nlp(text), date, **kw)
        for e in events:
            assert text[e.evidence.start:e.evidence.end] == e.evidence.text
            for actor in (e.source, e.target):
                if actor is not None:
                    assert text[actor.start:actor.end] == actor.text
            assert text[e.sentence[0]:e.sentence[1]].strip()
            assert 0.0 <= e.confidence <= 1.0
            assert e.rule.startswith("event_verbs.tsv:")
            assert e.root == e.code[:2]
        return events

    return run


def test_reject_demand(code):
    [e] = [e for e in code("Russia rejected NATO's demand.") if e.root == "12"]
    assert (e.source.code, e.target.code, e.plover.type, e.modality) == ("RUS", "IGOWSTNAT", "REJECT", "asserted")
    assert e.evidence.text.startswith("rejected")
    assert e.goldstein == -4.0 and e.quad_class == 3


def test_coordinated_subjects_give_two_events(code):
    events = [e for e in code("The U.S. and NATO rejected Russia's demands on Wednesday.") if e.root == "12"]
    assert sorted(e.source.code for e in events) == ["IGOWSTNAT", "USA"]
    assert {e.target.code for e in events} == {"RUS"}
    assert {e.date for e in events} == {"2022-01-19"}  # "on Wednesday" before a Thursday


def test_no_war_is_not_fighting(code):
    events = code("There will be no war, the Russian minister said.")
    assert not [e for e in events if e.root in ("18", "19", "20") and e.modality != "denied"]


def test_warned_of_retaliation_is_a_threat(code):
    [e] = code("Russia warned of retaliation.")
    assert e.root == "13" and e.plover.type == "THREATEN" and e.source.code == "RUS"


def test_set_to_speak_with_is_intended_consult(code):
    [e] = code("Russia is set to speak with the United States next week.")
    assert e.root == "04" and e.modality == "intended"
    assert (e.source.code, e.target.code) == ("RUS", "USA")


def test_amassed_troops_is_posture(code):
    [e] = [e for e in code("Russia has amassed 100,000 troops near the border with Ukraine.") if e.root == "15"]
    assert e.code == "154" and e.source.code == "RUS" and e.plover.type == "MOBILIZE"


def test_passive_agent_is_the_source(code):
    [e] = code("A Ukrainian journalist was detained by Russian border guards.")
    assert e.code == "173" and e.source.code == "RUSMIL" and e.target.code == "UKRMED"


def test_negated_reject_is_denied_and_will_not_compromise_rejects(code):
    [e] = code("Russia did not reject the proposal.")
    assert e.root == "12" and e.modality == "denied"
    [e] = code("Moscow will not compromise on its demands.")
    assert e.root == "12" and e.modality != "denied"


def test_governed_complement_sets_the_leaf(code):
    [e] = code("NATO urged Russia to withdraw its troops.")
    assert e.code == "025" and e.source.code == "IGOWSTNAT"
    [e] = code("Russia threatened to invade Ukraine.")
    assert e.code == "138" and e.target.code == "UKR"


def test_conditional(code):
    events = code("Russia will impose sanctions on Ukraine if Kyiv joins NATO.")
    [e] = [e for e in events if e.source.code == "RUS"]
    assert e.modality == "conditional" and e.root == "13"


def test_praise_and_criticise_in_one_sentence(code):
    events = code("Russia praised the United States and criticised NATO.")
    assert sorted((e.code, e.target.code) for e in events) == [("051", "USA"), ("111", "IGOWSTNAT")]


def test_nominal_event_with_possessor(code):
    [e] = code("Russia's troop build-up near Ukraine alarmed officials.")
    assert e.code == "154" and e.source.code == "RUS" and e.evidence.text == "build-up"


def test_unresolved_actors_are_kept_only_on_request(code):
    text = "The committee criticised the report."
    assert code(text) == []
    assert [e.code for e in code(text, require_actor=False)] == ["111"]


def test_sentence_dates():
    import datetime as dt

    day = dt.date(2022, 1, 20)
    assert _sentence_date("Talks were held on Monday.", day) == dt.date(2022, 1, 17)
    assert _sentence_date("They met yesterday.", day) == dt.date(2022, 1, 19)
    assert _sentence_date("They meet next Tuesday.", day) == dt.date(2022, 1, 25)
    assert _sentence_date("They met.", None) is None


def test_lexicon_covers_every_root():
    lex = default_lexicon()
    roots = {r.code[:2] for rows in (*lex.verbs.values(), *lex.nouns.values()) for r in rows}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_lexicon_rejects_bad_rows(tmp_path):
    path = tmp_path / "lex.tsv"
    path.write_text("pos\tlemma\twith\tcode\tnotes\nV\tfoo\t\t999\tx\n", encoding="utf-8")
    with pytest.raises(KeyError):
        read_lexicon(path)
    path.write_text("pos\tlemma\twith\tcode\tnotes\nV\tfoo\t\t010\tx\nV\tfoo\t\t020\tx\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_lexicon(path)
