"""The consistency rules as findings: rule id, cells, expected and found — with non-zero figures."""

from __future__ import annotations

import random

import pytest

from builder import synth
from builder.check import check_report, check_years, table_rules
from builder.parse import parse_document
from builder.read import text_document


def _spec(seed: int = 5):
    return synth.random_spec(random.Random(seed), body="博爱县许良镇人民政府")


def _parse(spec):
    return parse_document(text_document(synth.render_text(spec, "tab").encode(), "r.txt"),
                          level="township")


def test_consistent_report_has_only_the_township_rules_warning() -> None:
    report = _parse(_spec())
    assert report.complete
    # every cell is non-zero, so the township's 规章 figures trip W1 (soft) and nothing else
    assert {f.rule for f in report.findings} == {"W1"}
    assert {f.cells[0][2] for f in report.findings} == {"issued", "repealed", "in_force"}


def test_each_rule_names_its_cells_expected_and_found() -> None:
    spec = _spec()
    v = spec.values
    v[("applications", "granted", "research")] += 2  # breaks R2 (research) and R3 (granted)
    v[("applications", "carried_over", "natural_person")] += 1  # R1 and R3 (carried_over)
    v[("review_litigation", "litigation_direct", "total")] += 3  # R4
    findings = table_rules(v, "2021")
    by_rule = {(f.rule, f.cells[0]): f for f in findings}
    r2 = by_rule[("R2", ("applications", "results_total", "research"))]
    assert r2.found == v[("applications", "results_total", "research")]
    assert r2.expected == r2.found + 2
    r3 = by_rule[("R3", ("applications", "granted", "total"))]
    assert (r3.expected, r3.found) == (v[("applications", "granted", "total")] + 2,
                                       v[("applications", "granted", "total")])
    r1 = by_rule[("R1", ("applications", "new", "natural_person"))]
    assert r1.expected == r1.found + 1
    r4 = by_rule[("R4", ("review_litigation", "litigation_direct", "total"))]
    assert r4.found == r4.expected + 3
    assert sorted({f.rule for f in findings}) == ["R1", "R2", "R3", "R4"]


def test_findings_travel_with_a_parsed_report_and_carry_the_source_line() -> None:
    spec = _spec()
    spec.values[("applications", "new", "total")] += 1
    report = _parse(spec)
    assert report.complete  # a report that breaks its arithmetic still parses
    r3 = [f for f in report.findings if f.rule == "R3"]
    assert len(r3) == 1 and r3[0].cells[0] == ("applications", "new", "total")
    text = synth.render_text(spec, "tab").split("\n")
    assert "本年新收" in text[r3[0].line - 1]
    # the figure is published as printed, not corrected
    assert report.value("applications", "new", "total") == spec.values[
        ("applications", "new", "total")]


def test_missing_cells_are_not_evaluated() -> None:
    spec = _spec()
    spec.values[("applications", "granted", "research")] = None
    assert not [f for f in table_rules(spec.values, "2021")
                if ("applications", "granted", "research") in f.cells]


def test_r5_and_w2_across_years() -> None:
    a, b = _spec(1), _spec(2)
    a.year, b.year = 2022, 2023
    ra, rb = _parse(a), _parse(b)
    found = check_years([(2022, ra), (2023, rb)])
    r5 = [f for f in found[2023] if f.rule == "R5"]
    differing = [c for c in ("natural_person", "commercial", "research", "public_interest",
                             "legal_services", "other_org", "total")
                 if a.values[("applications", "carried_forward", c)]
                 != b.values[("applications", "carried_over", c)]]
    assert [f.cells[0][2] for f in r5] == differing
    for c in differing:
        b.values[("applications", "carried_over", c)] = a.values[
            ("applications", "carried_forward", c)]
    found = check_years([(2022, ra), (2023, _parse(b))])
    assert not [f for f in found.get(2023, []) if f.rule == "R5"]


def test_w3_prose_against_tables() -> None:
    spec = _spec()
    report = _parse(spec)
    stated = report.metadata.get("applications_stated")
    assert stated and stated["value"] == spec.values[("applications", "new", "total")]
    report.metadata["applications_stated"] = dict(stated, value=stated["value"] + 5)
    w3 = [f for f in check_report(report, "township") if f.rule == "W3"]
    assert len(w3) == 1 and w3[0].expected == stated["value"] + 5


def _saying(sentence: str):
    """The report of _spec() (a township's) whose prose says ``sentence`` about the
    applications received, instead of what synth writes."""
    text = synth.render_text(_spec(), "tab")
    said = next(line for line in text.split("\n") if "共收到政府信息公开申请" in line)
    return parse_document(text_document(text.replace(said, sentence).encode(), "r.txt"),
                          level="township")


def test_w3_reads_the_applications_received_not_those_carried_over() -> None:
    spec = _spec()
    new = spec.values[("applications", "new", "total")]
    carried = spec.values[("applications", "carried_over", "total")]
    for sentence, stated in [
            (f"2023年收到上年结转申请{carried}件，本年新收申请{new}件。", new),
            (f"本年度新收政府信息公开申请{new}件，上年结转{carried}件。", new),
            (f"本年度新收政府信息公开申请{new + 3}件。", new + 3),
            (f"收到上年结转申请{carried}件，本年无新收申请。", 0)]:
        report = _saying(sentence)
        assert report.metadata["applications_stated"]["value"] == stated, sentence
        w3 = [f for f in report.findings if f.rule == "W3"]
        assert [f.expected for f in w3] == ([] if stated == new else [stated]), sentence


@pytest.mark.parametrize(("sentence", "applications", "reviews"), [
    ("全年未收到政府信息公开申请，未发生行政复议或行政诉讼。", 0, {"review", "litigation"}),
    ("本年度无依申请公开事项。", 0, set()),
    ("没有收到公开申请；全年因政府信息公开被申请行政复议1件，无行政诉讼。", 0, {"litigation"}),
    # what these say is something else: no late replies, no complaints, no fees, no review
    # decided against the body
    ("没有逾期答复的申请。", None, set()),
    ("全年无因依申请公开被投诉情况。", None, set()),
    ("未收到申请人投诉，无一起申请人投诉。", None, set()),
    ("未出现超期答复申请的情况，未向申请人收取费用。", None, set()),
    ("无因政府信息公开行政复议被纠错情况。", None, set()),
    ("未发生行政复议、行政诉讼被纠错的情况，没有发生行政诉讼败诉案件。", None, set())])
def test_w3_reads_only_sentences_that_say_none(sentence: str, applications: int | None,
                                                reviews: set[str]) -> None:
    report = _saying(sentence)
    stated = report.metadata.get("applications_stated")
    assert (stated or {}).get("value") == applications
    assert {x["kind"] for x in report.metadata.get("review_litigation_stated", [])} == reviews
    # the tables hold non-zero figures: a "none" read wrongly would be a false W3 hint
    w3 = {f.cells[0][1] for f in report.findings if f.rule == "W3"}
    assert w3 == ({"new"} if applications == 0 else set()) | {
        r for kind in reviews
        for r in (("review",) if kind == "review" else ("litigation_direct",))}


@pytest.mark.parametrize("sentence", ["严格按照自收到申请之日起20个工作日内予以答复。",
                                      "受理政府信息公开申请后15个工作日内答复。",
                                      "收到申请后3个工作日内登记。",
                                      "收到行政复议申请1件，未收到行政诉讼。",
                                      "共收到网上申请3件、当面申请2件。",
                                      "未收到行政复议申请。"])
def test_w3_takes_no_time_limit_or_other_applications_for_a_count(sentence: str) -> None:
    """自收到申请之日起20个工作日内, a phrase many reports print, is a time limit: it was read
    as "20 applications received" and gave a false W3 hint; so were applications for review
    and a part of the applications (those made online)."""
    report = _saying(sentence)
    assert "applications_stated" not in report.metadata
    assert not [f for f in report.findings if f.rule == "W3" and f.cells[0][1] == "new"]


def test_rules_of_each_table_alone_are_those_of_both() -> None:
    """table_rules makes each template's rules once: asked for one table, then the other, or
    for both at once (in any order, from any iterable), it finds the same."""
    for template, seed in (("2021", 5), ("2019", 6)):
        spec = synth.random_spec(random.Random(seed), template=template)
        v = dict(spec.values)
        v[("applications", "granted", "research")] += 2
        v[("applications", "carried_over", "natural_person")] += 1
        v[("review_litigation", "review", "total")] += 3
        both = table_rules(v, template)
        assert {f.rule for f in both} == {"R1", "R2", "R3", "R4"}
        assert table_rules(v, template, tables=["applications"]) + table_rules(
            v, template, tables=("review_litigation",)) == both
        assert table_rules(v, template, tables=iter(("review_litigation", "applications"))) \
            == both
