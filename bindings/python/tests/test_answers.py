"""Answers from Python: typed attributes, renderings (the same bytes as the CLI's golden files), to_dict."""

import json

import pytest

import pharmakon
from conftest import GOLDEN_DIR


def cli_bytes(text):
    """What the CLI prints for a rendered answer (it adds a final newline when there is none)."""
    return text if text.endswith("\n") else text + "\n"


# ----- the same output as the CLI (tests/golden, pinned by the C++ golden tests) ------------------------------

GOLDEN = {
    "moa-naltrexone": lambda kb: kb.mechanism_of("naltrexone"),
    "moa-buprenorphine": lambda kb: kb.mechanism_of("buprenorphine"),
    "interactions-naltrexone-oxycodone-buprenorphine": lambda kb: kb.screen_interactions(
        ["naltrexone", "oxycodone", "buprenorphine"]),
    "interactions-none": lambda kb: kb.screen_interactions(["acamprosate", "naltrexone"]),
    "dose-naltrexone-500mg": lambda kb: kb.check_dose("naltrexone", "500 mg", route="oral", every="24h"),
    "dose-naltrexone-50mg-oud": lambda kb: kb.check_dose("naltrexone", "50mg", route="oral", every="daily",
                                                         condition="opioid use disorder", opioid_free="3d"),
}


@pytest.mark.parametrize("case", sorted(GOLDEN))
@pytest.mark.parametrize("fmt,ext", [("to_text", "txt"), ("to_markdown", "md"), ("to_json", "json")])
def test_renderings_match_the_cli_golden_files(golden_kb, case, fmt, ext):
    answer = GOLDEN[case](golden_kb)
    expected = (GOLDEN_DIR / f"{case}.{ext}").read_text(encoding="utf-8")
    assert cli_bytes(getattr(answer, fmt)()) == expected


def test_to_dict_is_the_parsed_json(kb):
    for answer in (kb.mechanism_of("naltrexone"), kb.screen_interactions(["naltrexone", "oxycodone"]),
                   kb.check_dose("naltrexone", "50 mg")):
        d = answer.to_dict()
        assert d == json.loads(answer.to_json())
        assert d == json.loads(answer.to_json(indent=-1))
        assert d["schema"] == "pharmakon-answer" and d["schema_version"] == pharmakon.answer_schema_version
        assert d["kb"] == {"name": answer.kb.name, "version": answer.kb.version,
                           "content_hash": answer.kb.content_hash}
        assert answer._repr_markdown_() == answer.to_markdown()
        assert str(answer) == answer.to_text()
        assert pharmakon.disclaimer in answer.to_text()
        assert [r["id"] for r in d["references"]] == answer.reference_ids == [s.id for s in answer.references]


# ----- mechanism --------------------------------------------------------------------------------------------


def test_mechanism_attributes_match_its_json(kb):
    for drug in kb.drugs():
        a = kb.mechanism_of(drug)
        d = a.to_dict()
        assert a.drug == d["drug"]["name"] == drug.name
        assert a.drug_id == d["drug"]["id"] == drug.id
        assert a.synonyms == d["drug"]["synonyms"]
        assert a.drug_class == d["drug"]["class"]
        assert a.identifiers == d["drug"]["identifiers"]
        assert a.summary == d["summary"]
        assert a.disputed_targets == d["disputed_targets"]
        assert len(a.summary_groups) == len(d["summary_groups"])
        for g, j in zip(a.summary_groups, d["summary_groups"]):
            assert (g.type.name, g.pure, g.modality.name, g.reversible, g.surmountable, g.targets,
                    g.highest_affinity, g.refs) == (j["action"], j["pure"], j["modality"], j["reversible"],
                                                    j["surmountable"], j["targets"], j["highest_affinity"], j["refs"])
        assert len(a.actions) == len(d["actions"])
        for t, j in zip(a.actions, d["actions"]):
            assert t.target.id == j["target"]["id"] and t.target.name == j["target"]["name"]
            assert t.target.gene_symbol == j["target"]["gene"]
            assert (t.type.name, t.chembl_action, t.modality.name, t.reversible, t.surmountable, t.efficacy) == (
                j["action"], j["chembl_action"], j["modality"], j["reversible"], j["surmountable"], j["efficacy"])
            assert t.best_p_affinity == pytest.approx(j["best_p_affinity"]) if j["best_p_affinity"] is not None \
                else t.best_p_affinity is None
            assert t.evidence.refs == j["evidence"]["refs"] and t.evidence.tier.name == j["evidence"]["tier"]
            assert t.evidence.negated == j["evidence"]["negated"] and t.evidence.note == j["evidence"]["note"]
            for af, ja in zip(t.affinities, j["affinities"]):
                assert (af.measure.name, af.value, af.low, af.high, af.unit, af.species, af.refs) == (
                    ja["measure"], ja["value"], ja["low"], ja["high"], ja["unit"], ja["species"], ja["refs"])
                assert af.p_value == pytest.approx(ja["p_value"])
                assert [s.id for s in af.sources] == [a.reference_ids[r - 1] for r in af.refs]
        assert [(e.relation.name, e.effect_id, e.effect, e.via, e.evidence.refs) for e in a.effects] == [
            (j["relation"], j["effect_id"], j["effect"], j["via"], j["evidence"]["refs"]) for j in d["effects"]]
        assert [(i.condition_id, i.condition, i.adjunct) for i in a.indications] == [
            (j["condition_id"], j["condition"], j["adjunct"]) for j in d["indications"]]
        assert [(r.id, r.dose.value, r.dose.unit, r.route.name, r.condition) for r in a.regimens] == [
            (j["id"], j["dose"]["value"], j["dose"]["unit"], j["route"], j["condition"]) for j in d["regimens"]]
        assert [(w.id, w.kind.name, w.severity.name, w.about, w.concerns) for w in a.warnings] == [
            (j["id"], j["kind"], j["severity"], j["about"], j["concerns"]) for j in d["warnings"]]
        assert [(p.variant_id, p.gene, p.finding.name, p.outcome) for p in a.pharmacogenetics] == [
            (j["variant_id"], j["gene"], j["finding"], j["outcome"]) for j in d["pharmacogenetics"]]
        assert [(c.reason.name, c.subject, c.relation.name, c.object, c.first.statement, c.second.statement)
                for c in a.conflicts] == [
            (j["reason"], j["subject"], j["relation"], j["object"], j["sides"][0]["statement"],
             j["sides"][1]["statement"]) for j in d["conflicts"]]


def test_mechanism_of_naltrexone(kb):
    a = kb.mechanism_of("naltrexone")
    assert isinstance(a, pharmakon.MechanismAnswer)
    assert a.summary.startswith("pure competitive, reversible, surmountable antagonist at the mu, kappa and delta")
    assert a.summary_groups[0].type == pharmakon.ActionType.antagonist and a.summary_groups[0].pure
    # the conflict stays visible as data: the research-tier MOR partial agonism (Kelly 2015) against the label's
    # antagonism; it does not reach the summary (no label- or guideline-tier disagreement). Sigma-1 has only the
    # sourced "does not act on" claim (data/SOURCES.md, audit 25), so no conflict there.
    assert a.disputed_targets == ["mu opioid receptor"]
    assert "disputed" not in a.summary
    assert "naltrexone" in repr(a)
    mor = [t for t in a.actions if t.target.id == "target:MOR"][0]
    assert mor.type == pharmakon.ActionType.antagonist and mor.evidence.tier == pharmakon.EvidenceTier.label
    assert all(isinstance(s, pharmakon.Source) for s in a.references)
    assert sorted(c.reason.name for c in a.conflicts) == ["incompatible_action"]
    # the same answer from a name, a synonym, an id and a Drug
    for ref in ("ReVia", "drug:naltrexone", kb.drug("naltrexone")):
        assert kb.mechanism_of(ref).to_json() == a.to_json()


def test_moa_argument_errors(kb):
    with pytest.raises(pharmakon.UnknownNameError) as e:
        kb.mechanism_of("naltrexon")
    # the closest name first; naltrexone's active metabolite is the next closest drug name
    assert e.value.suggestions == ["naltrexone", "6-beta-naltrexol"]
    for bad in (None, 42, ["naltrexone"], b"naltrexone"):
        with pytest.raises(TypeError):
            kb.mechanism_of(bad)


# ----- interactions -----------------------------------------------------------------------------------------


def test_interactions(kb):
    a = kb.screen_interactions(["naltrexone", "oxycodone"])
    assert isinstance(a, pharmakon.InteractionAnswer)
    assert a.drugs == ["naltrexone", "oxycodone"]
    assert len(a.interactions) == 1
    i = a.interactions[0]
    assert i.mechanism == pharmakon.InteractionMechanism.same_target
    assert i.kind == pharmakon.InteractionKind.blockade
    assert i.severity == pharmakon.InteractionSeverity.contraindicated
    assert i.management == pharmakon.Management.avoid and i.direction == pharmakon.Direction.decrease
    assert not i.intended and not i.no_interaction and i.affected is None
    assert i.tier == pharmakon.EvidenceTier.label
    assert a.worst == pharmakon.InteractionSeverity.contraindicated
    assert (i.first, i.second) == ("naltrexone", "oxycodone")
    assert i.target.id == "target:MOR"
    assert i.first_action == pharmakon.ActionType.antagonist
    assert "respiratory depression" in i.effects
    assert i.warnings and all(isinstance(w, pharmakon.WarningStatement) for w in i.warnings)
    assert i.path and i.path[0].from_ == "naltrexone" and i.path[0].relation == pharmakon.Relation.acts_on
    d = a.to_dict()["interactions"][0]
    assert (d["kind"], d["severity"], d["first"]["drug"], d["second"]["drug"], d["effects"]) == (
        i.kind.name, i.severity.name, i.first, i.second, i.effects)
    assert [(p["from"], p["relation"], p["detail"], p["to"], p["refs"]) for p in d["path"]] == [
        (p.from_, p.relation.name, p.detail, p.to, p.refs) for p in i.path]
    # Drug objects, generators, tuples and duplicates
    assert kb.screen_interactions((d for d in [kb.drug("naltrexone"), "oxycodone", "ReVia"])).to_json() == a.to_json()
    none = kb.screen_interactions(["acamprosate", "disulfiram"])
    assert none.interactions == [] and none.worst is None
    assert none.without_metabolism == ["acamprosate"]  # so no finding is not evidence of safety
    empty = kb.screen_interactions([])
    assert empty.interactions == [] and empty.drugs == [] and empty.worst is None


def test_interactions_argument_errors(kb):
    # one name is one drug (screen_interactions(*drugs)): nothing to screen it against
    assert kb.screen_interactions("naltrexone").interactions == []
    with pytest.raises(TypeError):
        kb.screen_interactions(42)
    with pytest.raises(TypeError):
        kb.screen_interactions(["naltrexone", 42])
    with pytest.raises(pharmakon.UnknownNameError) as e:
        kb.screen_interactions(["naltrexone", "oxycodon"])
    assert e.value.name == "oxycodon" and "oxycodone" in e.value.suggestions


# ----- dose checks ------------------------------------------------------------------------------------------


def test_dose_check_forms_agree(kb):
    ref = kb.check_dose("naltrexone", "50 mg", route="oral", every="24 h", opioid_free="10 d").to_json()
    for dose, every, route, free in [((50, "mg"), (24, "h"), pharmakon.Route.oral, (10, "d")),
                                     (pharmakon.Quantity(50, "mg"), pharmakon.Quantity(1, "d"), "oral",
                                      pharmakon.Quantity(240, "h")),
                                     ("50mg", "daily", "oral", "10 days"),
                                     ([50.0, "mg"], "q24h", "oral", "10d")]:
        a = kb.check_dose("naltrexone", dose, route=route, every=every, opioid_free=free)
        assert a.query.dose.base_value == 50 and a.query.every.base_value == 24
        assert a.query.opioid_free.base_value == 240
        assert json.loads(a.to_json())["verdict"] == json.loads(ref)["verdict"]
    a = kb.check_dose("naltrexone", "50 mg", route="oral", every="24 h", opioid_free="10 d")
    assert a.verdict == pharmakon.DoseVerdict.within
    assert a.drug == "naltrexone" and a.condition is None and a.query.route == pharmakon.Route.oral
    assert a.checks[0].within and a.checks[0].issues == []
    assert isinstance(a.checks[0].regimen, pharmakon.RegimenStatement)


def test_dose_check_findings(kb):
    a = kb.check_dose("naltrexone", "500 mg", route="oral", every="24 h")
    assert a.verdict == pharmakon.DoseVerdict.above
    issue = a.checks[0].issues[0]
    assert issue.verdict == pharmakon.DoseVerdict.above and issue.factor == pytest.approx(10)
    assert a.to_dict()["verdict"] == "above"
    oud = kb.check_dose("naltrexone", "50 mg", route="oral", every="daily", condition="opioid use disorder",
                        opioid_free="3 d")
    assert oud.condition == "opioid use disorder"
    assert oud.verdict == pharmakon.DoseVerdict.precondition_unmet
    assert kb.check_dose("naltrexone", "50 mg", condition=kb.condition("opioid use disorder")).condition == \
        "opioid use disorder"
    # a dose of the wrong dimension is a verdict, as in the CLI
    assert kb.check_dose("naltrexone", "5 mL").verdict == pharmakon.DoseVerdict.wrong_dimension
    # a drug without regimens: a metabolite with no approved use of its own (oxycodone now has its label regimens)
    assert kb.check_dose("morphine-6-glucuronide", "5 mg").verdict == pharmakon.DoseVerdict.no_regimen


def test_dose_check_labeled_maximum(kb):
    # tramadol tablets: 50 to 100 mg every 4 to 6 h, at most 400 mg in 24 h
    a = kb.check_dose("tramadol", "150 mg", route="oral", every="6 h")
    assert a.verdict == pharmakon.DoseVerdict.above_maximum
    assert a.checks[0].regimen.max_daily.base_value == 400
    assert a.checks[0].issues[0].factor == pytest.approx(1.5)
    assert a.to_dict()["checks"][0]["regimen"]["max_daily"] == {"value": 400, "unit": "mg"}
    usual = kb.check_dose("nalbuphine", "20 mg", route="intravenous", every="6 h")
    assert usual.verdict == pharmakon.DoseVerdict.above_usual
    assert kb.regimen("nalbuphine-iv-pain").max_daily.base_value == 160


def test_dose_check_argument_errors(kb):
    with pytest.raises(pharmakon.QuantityError) as e:
        kb.check_dose("naltrexone", "50 xg")
    assert e.value.text == "50 xg" and "'xg'" in e.value.found and isinstance(e.value, ValueError)
    with pytest.raises(pharmakon.QuantityError):
        kb.check_dose("naltrexone", "50 mg", every="50 mg")  # not a time
    with pytest.raises(pharmakon.QuantityError):
        kb.check_dose("naltrexone", "50 mg", every=(50, "mg"))
    with pytest.raises(pharmakon.QuantityError):
        kb.check_dose("naltrexone", "50 mg", opioid_free="soon")
    with pytest.raises(pharmakon.QuantityError):
        kb.check_dose("naltrexone", (0, "mg"))
    with pytest.raises(pharmakon.UsageError) as e:
        kb.check_dose("naltrexone", "50 mg", route="by mouth")
    assert "oral" in str(e.value)
    with pytest.raises(pharmakon.UnknownNameError):
        kb.check_dose("naltrexone", "50 mg", condition="toothache")
    for bad in (50, None, (50,), (50, "mg", 1), ("mg", 50), (True, "mg")):
        with pytest.raises(TypeError):
            kb.check_dose("naltrexone", bad)
    with pytest.raises(TypeError):
        kb.check_dose("naltrexone", "50 mg", route=3)
    with pytest.raises(TypeError):
        kb.check_dose("naltrexone", "50 mg", "oral")  # route is keyword-only


def test_answers_keep_their_parts_alive(kb):
    """Parts of an answer keep the answer alive (reference_internal), and answers outlive their knowledge base."""
    import gc

    ev = kb.mechanism_of("naltrexone").actions[0].evidence
    groups = kb.mechanism_of("naltrexone").summary_groups
    path = kb.screen_interactions(["naltrexone", "oxycodone"]).interactions[0].path
    regimen = kb.check_dose("naltrexone", "50 mg").checks[0].regimen
    gc.collect()
    assert ev.refs and ev.tier == pharmakon.EvidenceTier.label
    assert groups[0].targets[0] == "mu opioid receptor"
    assert path[0].from_ == "naltrexone"
    assert regimen.dose == pharmakon.Quantity(50, "mg") and regimen.preconditions


def test_answers_render_as_html_pages_for_each_reader():
    kb = pharmakon.default_kb()
    a = kb.mechanism_of("naltrexone")
    page = a.to_html()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<h1>What is the mechanism of action of naltrexone?</h1>" in page
    assert "curated with verified sources, not clinically reviewed" in page
    patient = a.to_html(audience="patient", question="How does ReVia work?")
    assert "<h1>How does ReVia work?</h1>" in patient and 'aria-current="page">Patient' in patient
    assert 'name="q"' not in a._repr_html_()
    with pytest.raises(pharmakon.UsageError):
        a.to_html(audience="robot")
    assert "naltrexone blocks oxycodone" in kb.screen_interactions(["naltrexone", "oxycodone"]).to_html()


def test_kb_ask_answers_as_the_matching_method():
    kb = pharmakon.default_kb()
    assert kb.ask("How does Vivitrol work?").to_text() == kb.mechanism_of("naltrexone").to_text()
    assert isinstance(kb.ask("Can I take naltrexone with oxycodone?"), pharmakon.InteractionAnswer)
    dose = kb.ask("Is 100 mg of naltrexone a day too much?")
    assert dose.verdict.name == "above"
    with pytest.raises(pharmakon.UsageError, match="could not read the question"):
        kb.ask("what is the weather like")
    with pytest.raises(pharmakon.UnknownNameError):
        kb.ask("How does Foozol work?")


def test_dose_check_at_an_age(kb):
    young = kb.check_dose("codeine", "30 mg", every="6 h", age=8)
    assert young.verdict == pharmakon.DoseVerdict.contraindicated
    assert young.query.age == kb.check_dose("codeine", "30 mg", age="8 years").query.age
    assert any(w.id == "warning:codeine-contraindication-under-12-years" and w.max_age is not None
               for w in young.age_warnings)
    adult = kb.check_dose("codeine", "30 mg", every="6 h", age="40 y")
    assert adult.age_warnings == [] and adult.verdict != pharmakon.DoseVerdict.contraindicated
    assert any(u.startswith("age 40 y: the regimen states no ages") for c in adult.checks for u in c.not_checkable)
    tap = kb.regimen("regimen:tapentadol-er-oral-pain")
    assert tap.min_age is not None and tap.max_age is None
    with pytest.raises(pharmakon.QuantityError):
        kb.check_dose("codeine", "30 mg", age="8 mg")
    with pytest.raises(pharmakon.QuantityError):
        kb.check_dose("codeine", "30 mg", age=200)
