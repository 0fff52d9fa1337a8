"""Speaker resolution to people and organisations, on sentences written for these tests."""

from __future__ import annotations


def _speakers(quotes):
    return [q.speaker.name if q.speaker else None for q in quotes]


def test_title_is_role_and_surname_and_pronoun_resolve_to_full_name(run):
    text = (
        "Trade Minister Katarina Holm arrived in Oslo on Monday for the talks.\n\n"
        '"We expect a deal by the summer," Holm told reporters.\n\n'
        "She said both sides had already agreed on tariffs for timber."
    )
    entities, quotes = run(text)
    holm = next(e for e in entities if e.name == "Katarina Holm")
    assert holm.type == "person" and holm.role == "Trade Minister"
    assert [m.text for m in holm.mentions] == ["Katarina Holm", "Holm"]
    assert _speakers(quotes) == ["Katarina Holm", "Katarina Holm"]
    assert quotes[1].speaker.mention.text == "She"
    assert all(q.speaker.entity_id == holm.id for q in quotes)


def test_pronoun_agrees_in_gender_over_a_more_recent_person(run):
    text = (
        "Mr. Arjun Mehta met Ms. Clara Duval in Geneva.\n\n"
        '"The draft is not ready," he said after the meeting.'
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Arjun Mehta"]


def test_role_noun_resolves_to_titled_person(run):
    text = (
        "Foreign Minister Idris Balogun flew to Nairobi on Thursday.\n\n"
        "The talks would continue next week, the veteran diplomat said."
    )
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["The talks would continue next week"]
    assert quotes[0].kind == "indirect"
    assert _speakers(quotes) == ["Idris Balogun"]
    assert quotes[0].speaker.role == "Foreign Minister"


def test_role_noun_before_the_name_resolves_forwards(run):
    text = (
        "The ceasefire will hold through the holiday, the country's top diplomat said on Sunday.\n\n"
        "Foreign Minister Lena Korhonen spoke after a meeting with the envoy of the neighbouring state."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Lena Korhonen"]


def test_appositive_speaker(run):
    text = 'Hugo Brandt, a surgeon at the city hospital, said: "We ran out of blood by midnight."'
    entities, quotes = run(text)
    assert _speakers(quotes) == ["Hugo Brandt"]
    assert next(e for e in entities if e.name == "Hugo Brandt").role == "surgeon"


def test_appositive_name_after_a_role(run):
    text = 'The coach, Marta Lindqvist, told the players: "Nobody goes home early."'
    _, quotes = run(text)
    assert _speakers(quotes) == ["Marta Lindqvist"]


def test_relayed_speech_goes_to_the_quoted_person(run):
    text = "The Tribune quoted Walter Okafor as saying the mine would reopen in April."
    _, quotes = run(text)
    assert len(quotes) == 1
    assert quotes[0].text == "the mine would reopen in April"
    assert _speakers(quotes) == ["Walter Okafor"]


def test_organisation_speakers(run):
    text = (
        "NATO said its ships would stay in the strait until the end of the month.\n\n"
        "The European Commission met on Friday. The commission said fines would follow."
    )
    entities, quotes = run(text)
    assert _speakers(quotes)[0] == "NATO"
    assert quotes[0].speaker.type == "organisation"
    assert quotes[0].text == "its ships would stay in the strait until the end of the month"
    assert quotes[1].speaker.type == "organisation"
    assert quotes[1].speaker.name == "European Commission"
    assert any(e.name == "NATO" and e.type == "organisation" for e in entities)


def test_unresolved_nominal_speaker_keeps_its_words(run):
    text = "The shelter ran out of beds by nine o'clock, a volunteer at the front desk said."
    _, quotes = run(text)
    assert quotes[0].speaker.entity_id is None
    assert quotes[0].speaker.name == "a volunteer at the front desk"


def test_running_speaker_across_a_split_and_a_follow_up(run):
    text = (
        '"We trained for this," firefighter Noor Haddad said, "but not for three fires at once."\n\n'
        '"The wind changed twice in an hour."'
    )
    _, quotes = run(text)
    assert len(quotes) == 3
    assert _speakers(quotes) == ["Noor Haddad"] * 3
