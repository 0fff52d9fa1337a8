import re

import pytest

import eventwire
from eventwire.errors import DocumentFailed
from tests.conftest import assert_spans_hold


def _lost_blank(raw: str) -> str:
    return "\n".join(line for line in raw.split("\n") if line.strip())


@pytest.mark.parametrize("variant", ["as-pasted", "blank-lines-lost", "crlf"])
def test_messy_paste_reconstructs_paragraphs_and_metadata(courier, validate, variant):
    raw, expected = courier
    text = {"as-pasted": raw, "blank-lines-lost": _lost_blank(raw), "crlf": raw.replace("\n", "\r\n")}[variant]
    article = eventwire.process_text(text)
    validate(article)
    assert_spans_hold(article)
    assert article.paragraph_texts() == expected["paragraphs"]
    assert article.url == expected["url"] and article.url_source == "text"
    assert article.published == "2024-05-16" and article.published_source == "url"
    assert article.outlet.domain == "atlantic-courier.example"
    assert article.outlet.name == "Atlantic Courier"
    assert article.title == "Portugal Will Not Close Fishing Grounds Minister Says"


def test_every_distinct_link_listed_once_and_classified(courier):
    raw, expected = courier
    article = eventwire.process_text(raw)
    kinds = {link.url: link.kind for link in article.links}
    assert kinds == {
        expected["video"]: "media",
        expected["related"]: "related",
        expected["url"]: "source",
        expected["short"]: "shortened",
    }
    assert len(article.links) == len(kinds)
    video = next(link for link in article.links if link.kind == "media")
    assert video.count == 2
    source = next(link for link in article.links if link.kind == "source")
    assert source.repaired
    related = next(link for link in article.links if link.kind == "related")
    assert related.context == "Spain and Portugal Sign New Sardine Quota Pact"


def test_warnings_name_the_anomalies(courier):
    raw, expected = courier
    article = eventwire.process_text(raw)
    by_code = {}
    for warning in article.warnings:
        by_code.setdefault(warning.code, []).append(warning.message)
    assert set(by_code) == {"duplicate-link", "link-dated-after-article", "url-repaired", "short-link-unexpanded"}
    assert expected["related"] in by_code["link-dated-after-article"][0]
    assert "2027-02-03" in by_code["link-dated-after-article"][0]


def test_no_url_teaser_or_footer_left_in_text(courier):
    article = eventwire.process_text(courier[0])
    assert "http" not in article.text and "www." not in article.text
    for marker in ("Related article", "Original url", "ADVERTISEMENT", "bit.ly"):
        assert marker not in article.text
    assert "\n\n\n" not in article.text


def test_every_removed_word_is_recorded(courier):
    raw = courier[0]
    article = eventwire.process_text(raw)
    kept = set(re.findall(r"\w+", article.text))
    recorded = set(re.findall(r"\w+", " ".join(r.text for r in article.removals)))
    missing = set(re.findall(r"\w+", raw)) - kept - recorded
    assert not missing


def test_input_url_and_date_win_and_are_copied_verbatim(courier):
    article = eventwire.process_text(courier[0], url="https://Example.org/A?b=1", date="2024-05-17")
    assert article.url == "https://Example.org/A?b=1" and article.url_source == "input"
    assert article.published == "2024-05-17" and article.published_source == "input"
    kinds = [link.kind for link in article.links]
    assert kinds.count("source") == 1
    assert any(link.url == "https://Example.org/A?b=1" for link in article.links)


def test_headline_byline_and_date_lines_become_metadata(validate):
    text = (
        "Lisbon Summons Spanish Envoy Over Sardine Row\n"
        "By Rita Albuquerque and João Mendes\n"
        "Published: May 17, 2024\n"
        "\n"
        "Portugal summoned the Spanish ambassador on Friday to protest what officials\n"
        "called repeated violations of the seasonal fishing ban.\n"
        "\n"
        "Share this article\n"
        "Follow us on Twitter\n"
        "\n"
        "The ministry said the meeting lasted forty minutes.\n"
    )
    article = eventwire.process_text(text)
    validate(article)
    assert article.title == "Lisbon Summons Spanish Envoy Over Sardine Row"
    assert article.title_source == "text"
    assert article.authors == ["Rita Albuquerque", "João Mendes"]
    assert article.published == "2024-05-17" and article.published_source == "text"
    assert article.paragraph_texts() == [
        "Portugal summoned the Spanish ambassador on Friday to protest what officials called repeated violations of the seasonal fishing ban.",
        "The ministry said the meeting lasted forty minutes.",
    ]
    assert {r.kind for r in article.removals} >= {"title", "byline", "date", "share", "follow"}


def test_line_end_hyphenation_undone_but_compounds_kept():
    text = (
        "The two delegations resumed their negoti-\n"
        "ations on Monday after a week-long pause, and a cease-\n"
        "fire along the coast held overnight while the inter-\n"
        "national observers watched the Franco-\n"
        "Spanish border.\n"
    )
    article = eventwire.process_text(text)
    assert article.text == (
        "The two delegations resumed their negotiations on Monday after a week-long pause, and a "
        "cease-fire along the coast held overnight while the international observers watched the "
        "Franco-Spanish border."
    )
    assert any(r.kind == "hyphenation" for r in article.removals)


def test_unwrapped_paste_keeps_one_paragraph_per_line():
    paragraphs = [
        "Officials in Lisbon said on Monday that the fleet would stay in port until the weather improved, and that no vessel had been detained by either side during the weekend.",
        "Madrid said it had no plans to extend the patrols, which it described as a matter of routine rather than a message to its neighbour, according to a short statement.",
        "Fishing associations on both sides of the border welcomed the pause and asked the two governments to publish the data they had gathered on sardine stocks this year.",
    ]
    article = eventwire.process_text("\n".join(paragraphs))
    assert article.paragraph_texts() == paragraphs


def test_inline_url_removed_without_leaving_a_hole():
    article = eventwire.process_text("The full report (https://gov.example/report.pdf) is online at https://gov.example/r. Read it.")
    assert article.text == "The full report is online at. Read it."
    assert [link.url for link in article.links] == ["https://gov.example/report.pdf", "https://gov.example/r"]


def test_nothing_but_links_is_an_error():
    with pytest.raises(DocumentFailed) as info:
        eventwire.process_text("https://a.example/x\nhttps://b.example/y\n")
    assert info.value.code == "no-body"


def test_plain_sentence_is_not_mistaken_for_boilerplate():
    lines = [
        "By the end of the week the ministry had published its figures on the catch.",
        "Share prices of the two largest canneries fell sharply on Tuesday morning.",
        "Source material for the inquiry came from the port authority, officials said.",
        "research by the university suggested the stock was recovering after the ban.",
    ]
    article = eventwire.process_text("\n\n".join(lines))
    assert article.paragraph_texts() == lines
    assert article.removals == []


def test_link_lines_with_labels_share_rules_or_only_symbols_are_not_body():
    text = (
        "Officials in Lisbon met on Monday and agreed to keep talking next week.\n"
        "\n"
        "Share this article: https://n.example/2024/05/17/lisbon-talks\n"
        "Read the joint statement (PDF): https://gov.example/docs/statement.pdf\n"
        "👉 https://n.example/live\n"
        "\n"
        "The next round is planned for Madrid.\n"
    )
    article = eventwire.process_text(text)
    assert article.paragraph_texts() == [
        "Officials in Lisbon met on Monday and agreed to keep talking next week.",
        "The next round is planned for Madrid.",
    ]
    kinds = {link.url: link.kind for link in article.links}
    assert kinds["https://gov.example/docs/statement.pdf"] == "other"
    statement = next(link for link in article.links if link.url.endswith(".pdf"))
    assert statement.context == "Read the joint statement (PDF)"


def test_a_boilerplate_looking_line_that_continues_a_sentence_is_kept():
    text = (
        "Recommended reading for anyone who wants to understand the dispute is the\n"
        "ministry's own report on the sardine stock, published last spring.\n"
    )
    article = eventwire.process_text(text)
    assert article.paragraph_texts() == [" ".join(text.split())]


def test_url_broken_at_its_own_hyphen_inside_brackets_is_joined():
    text = (
        "Officials said the data would be published soon [details at https://gov.example/fisheries-\n"
        "quota] and that the talks would resume.\n"
    )
    article = eventwire.process_text(text)
    assert [link.url for link in article.links] == ["https://gov.example/fisheries-quota"]
    assert "quota" not in article.text


def test_multi_part_compound_keeps_its_last_hyphen():
    article = eventwire.process_text("It was a once-in-a-\nlifetime chance, a back-to-\nback win.")
    assert article.text == "It was a once-in-a-lifetime chance, a back-to-back win."
