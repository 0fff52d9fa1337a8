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


def test_people_sharing_a_surname_stay_apart_and_a_surname_goes_to_the_nearest(run):
    text = (
        "Coach Tomas Lindgren praised the team on Friday.\n\n"
        '"The defence gave me clean looks all night," Lindgren said.\n\n'
        "His cousin, Petra Lindgren, scored twice for the visitors.\n\n"
        '"I owed him one," Lindgren said.'
    )
    entities, quotes = run(text)
    names = {e.name for e in entities if e.type == "person"}
    assert {"Tomas Lindgren", "Petra Lindgren"} <= names
    assert _speakers(quotes) == ["Tomas Lindgren", "Petra Lindgren"]


def test_short_name_and_acronym_join_the_full_organisation(run):
    text = (
        "Eastbridge Rail Corporation said on Monday that freight fell.\n\n"
        "Eastbridge said it would cut two routes.\n\n"
        "The Nordic Export Council warned of further losses.\n\n"
        "NEC said the decline would last into spring."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Eastbridge Rail Corporation"] * 2 + ["Nordic Export Council"]


def test_company_noun_does_not_resolve_to_a_place(run):
    text = (
        "Kessler Foods Inc. opened a plant in Portugal last year.\n\n"
        "Sales in Canada slowed, and the company said it would hire fewer workers."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Kessler Foods Inc."]


def test_public_body_without_a_name_stays_as_written(run):
    text = (
        "Exports to Brazil rose sharply in March.\n\n"
        "The government said the rise would not last."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["The government"]


def test_running_speaker_beats_a_person_merely_mentioned(run):
    text = (
        "Tenant advocate Rafael Quint said landlords hold most of the power.\n\n"
        "He pointed to a ruling written by Judge Simon Avery in a case brought by Mr. Leo Hartmann.\n\n"
        '"The law has to change," he said.'
    )
    _, quotes = run(text)
    assert _speakers(quotes)[-1] == "Rafael Quint"


def test_prime_minister_is_not_a_premier(run):
    text = (
        "Ingrid Solberg says cuts Premier Daniel Roux could make worry her as the country's leader.\n\n"
        "Solberg spoke at a school on Thursday. The prime minister said she was deeply concerned."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[-1] == "Ingrid Solberg"


def test_unknown_role_noun_goes_to_the_person_in_focus(run):
    text = (
        "Jonas Berg scored his first goal of the season on Saturday.\n\n"
        '"It felt great to finally get one," said the rookie winger.'
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Jonas Berg"]


def test_statement_speaks_for_the_body_named_in_it(run):
    text = (
        "The Baltic Fisheries Council met in Riga.\n\n"
        'A statement from the Baltic Fisheries Council said: "Quotas will be cut by a third."'
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Baltic Fisheries Council"]


def test_relative_pronoun_speaks_for_its_antecedent(run):
    text = (
        "Foreign Minister Idris Balogun flew to Nairobi on Thursday.\n\n"
        "The talks would continue, said the veteran diplomat, who said the ceasefire would hold."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Idris Balogun", "Idris Balogun"]


def test_title_with_its_place_is_the_role(run):
    text = (
        "U.S. Ambassador to Moscow Daniel Forsyth met officials on Monday.\n\n"
        '"We will keep talking," Forsyth said.'
    )
    entities, quotes = run(text)
    forsyth = next(e for e in entities if e.type == "person")
    assert forsyth.name == "Daniel Forsyth"
    assert forsyth.role == "U.S. Ambassador to Moscow"
    assert _speakers(quotes) == ["Daniel Forsyth"]


def test_speaker_phrase_stops_before_a_relative_clause(run):
    text = 'A member of the public, whose name is withheld, wrote: "Nobody warned us about the closure."'
    _, quotes = run(text)
    assert _speakers(quotes) == ["A member of the public"]


def test_first_name_that_is_also_a_stop_word(run):
    text = (
        "Officials met in the morning. Leaders of the union, including Will Brandt, a welder, "
        "said the plant would close.\n\n"
        "Brandt said the workers had been told nothing."
    )
    entities, _ = run(text)
    assert any(e.name == "Will Brandt" for e in entities)


def test_person_of_an_organisation_is_the_speaker_not_the_organisation(run):
    text = (
        "Halvard Nygaard of the Northern Fishers’ Union said the prime minister had chosen "
        "“the right words” but warned that fishermen would keep their boats in port."
    )
    _, quotes = run(text)
    assert [q.text for q in quotes] == [
        "the prime minister had chosen “the right words”",
        "that fishermen would keep their boats in port",
    ]
    assert all(q.speaker.name == "Halvard Nygaard" for q in quotes)


def test_described_person_is_found_by_the_description_noun(run):
    text = (
        "Veteran goalkeeper Tomas Lindgren stopped 40 shots on Friday. Coach Ada Moreau praised the defence.\n\n"
        "The club will travel to Bergen next, Moreau said.\n\n"
        '"We gave them nothing in the third period," said the veteran goalkeeper.'
    )
    _, quotes = run(text)
    assert _speakers(quotes)[-1] == "Tomas Lindgren"


def test_noun_in_apposition_to_a_name_speaks_for_it(run):
    text = (
        "Ingrid Solberg won the final in Oslo.\n\n"
        'The crowd cheered for Solberg, the young sprinter who calls herself "The Arrow."'
    )
    _, quotes = run(text)
    assert quotes and _speakers(quotes)[-1] == "Ingrid Solberg"


def test_description_before_the_name_resolves_forwards_to_the_next_subject(run):
    text = (
        "The most stubborn man in municipal politics finally said he would retire.\n\n"
        "Walter Brennick has announced that he will not run again for the council."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[0] == "Walter Brennick"


def test_kinship_noun_goes_to_the_relative_named_in_apposition(run):
    text = (
        "Rescuers found the body of Daniel Okoro on Tuesday.\n\n"
        "Okoro's father, Samuel, said his son had worked on the boats for ten years.\n\n"
        "His father said the family would hold a service in Lagos."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Samuel", "Samuel"]


def test_surname_the_tagger_misreads_joins_the_full_name(run):
    text = (
        "The ceremony was hosted by Peter Lund and Sandra Oh on Sunday night.\n\n"
        "Canadian actor Oh said the evening had been the most fun she had had in years."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Sandra Oh"]


def test_surname_tagged_as_a_place_is_the_person(run):
    from eventwire.quotes.speakers import Resolver  # noqa: F401  (the behaviour is seen through quotes)

    text = (
        '"We trained for this all year," Nunes said after the fight.\n\n'
        "The crowd in Lisbon watched a win by Nunes, the ferocious brawler who calls herself \"The Tigress.\""
    )
    _, quotes = run(text)
    assert all(s == "Nunes" for s in _speakers(quotes))


def test_gender_learned_from_the_pronoun_the_speaker_governs(run):
    text = (
        "Renata Falk met the mayor of Linz, Gustav Amsel, on Monday.\n\n"
        "Falk, the board's chair, said she understands the frustration of parents.\n\n"
        "Amsel said the city had no money. The budget is fixed until June, she said."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[-1] == "Renata Falk"


def test_gendered_role_noun_gives_the_gender(run):
    text = (
        "Kim Farrow, a spokeswoman for the port, met Alex Brandt at the quay.\n\n"
        "The cranes would run again on Monday, she said."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Kim Farrow"]


def test_stop_word_first_name_before_an_appositive_is_kept(run):
    text = (
        "The plant reopened on Monday.\n\n"
        "Will Tanager, a machinist based in Hamilton, said the line was running again.\n\n"
        "Tanager said he expected more hiring in the spring."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Will Tanager", "Will Tanager"]


def test_document_speaks_for_the_body_that_issued_an_earlier_document(run):
    text = (
        "Northgate Freight Lines said on Tuesday that it would cut two routes.\n\n"
        "A report by the freight company describes how hard it is to run trains in deep cold.\n\n"
        "The white paper said brake lines lose pressure below minus 25 degrees."
    )
    _, quotes = run(text)
    assert quotes[-1].speaker.name == "Northgate Freight Lines"


def test_document_without_a_named_issuer_stays_as_written(run):
    text = (
        "Harriet Olsen arrived in court on Monday.\n\n"
        "The complaint said the money had been moved abroad in 2019."
    )
    _, quotes = run(text)
    assert quotes[-1].speaker.name == "The complaint"
    assert quotes[-1].speaker.entity_id is None


def test_possessed_role_noun_is_not_the_possessor(run):
    text = (
        "Maja Lindqvist and Tor Berg were released on bail on Friday. "
        "They must stay in the city until their trial in April, their lawyer said."
    )
    _, quotes = run(text)
    assert quotes[-1].speaker.name == "their lawyer"
    assert quotes[-1].speaker.entity_id is None and quotes[-1].speaker.type == "unknown"


def test_unnamed_source_keeps_its_postnominal_description(run):
    text = "The deal was done to save money, a person familiar with the negotiations said."
    _, quotes = run(text)
    assert quotes[-1].speaker.name == "a person familiar with the negotiations"


def test_body_noun_is_an_organisation_not_the_next_person(run):
    text = (
        "Norway also took a step of its own.\n\n"
        "The coast guard said it would suspend inspections of trawlers for two weeks.\n\n"
        '"Let nobody call this a retreat," Fisheries Minister Eva Rud told parliament.'
    )
    _, quotes = run(text)
    assert quotes[0].speaker.name == "The coast guard" and quotes[0].speaker.type == "organisation"
    assert quotes[1].speaker.name == "Eva Rud"


def test_short_name_of_an_organisation_written_in_full_before(run):
    text = (
        "The Varanger Wolves made it clear on Monday that the club would not comment on the case.\n\n"
        "The Wolves said they would not speak directly to the lawsuit, according to a club official."
    )
    _, quotes = run(text)
    assert "Varanger Wolves" in _speakers(quotes)


def test_acronym_spelled_out_before_takes_the_full_name(run):
    text = (
        "The Regional Quota Officer released a detailed review of the harbour on Thursday and it makes grim reading.\n\n"
        "But the RQO added that the cod stocks had recovered faster than expected."
    )
    _, quotes = run(text)
    assert _speakers(quotes) == ["Regional Quota Officer"]


def test_complaint_without_an_issuer_speaks_for_the_prosecutors_mentioned_before(run):
    text = (
        "Harriet Olsen arrived in court on Monday. Prosecutors say more charges could follow.\n\n"
        "The complaint said the money had been moved abroad in 2019."
    )
    _, quotes = run(text)
    assert quotes[-1].speaker.name == "Prosecutors"
    assert quotes[-1].speaker.mention.text == "The complaint"


def test_definite_noun_goes_back_to_the_unnamed_source_it_introduced(run):
    text = (
        "A person familiar with the talks says Ola Strand and Knut Vik have been traded to Bergen.\n\n"
        "The trade was done to save money, according to the person, who spoke on condition of anonymity."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[-1] == "A person familiar with the talks"


def test_lede_role_is_the_titled_person_named_in_the_next_paragraph(run):
    text = (
        "A district court judge scolded the harbour board on Friday, saying it had been stalling for months.\n\n"
        "Justice Ada Moen ordered the board to publish its minutes. The board declined to comment.\n\n"
        "Fishers welcomed the ruling."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[0] == "Ada Moen"


def test_lede_role_does_not_go_to_a_person_of_another_role(run):
    text = (
        "A spokeswoman for the harbour board said on Friday that the minutes would stay private.\n\n"
        "Minister Ada Moen visited the harbour later that day."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[0] != "Ada Moen"


def test_role_phrase_is_not_the_person_it_names(run):
    text = (
        "Ola Strand scored twice for Tromso on Saturday.\n\n"
        "\u201cHe was always the fastest boy on the ice,\u201d says the proud coach of Ola Strand."
    )
    _, quotes = run(text)
    assert _speakers(quotes)[-1] != "Ola Strand"
