"""The interaction screen from Python: the four mechanisms, the severity scale, label statements, metabolism,
drug classes and prodrugs, checked against the embedded knowledge base and against each answer's own JSON."""

import json

import pytest

import pharmakon

M = pharmakon.InteractionMechanism
K = pharmakon.InteractionKind
S = pharmakon.InteractionSeverity

# A medication list that meets every mechanism: same target (naltrexone / oxycodone, naloxegol), same effect
# (oxycodone / alprazolam), exposure (fluoxetine / codeine through CYP2D6) and label statements (sertraline,
# acamprosate).
MANY = ["naltrexone", "oxycodone", "alprazolam", "codeine", "fluoxetine", "sertraline", "acamprosate", "naloxegol",
        "morphine", "methadone"]


def only(answer):
    assert len(answer.interactions) == 1, answer.interactions
    return answer.interactions[0]


def test_antagonist_with_agonist_is_a_contraindicated_blockade(kb):
    i = only(kb.screen_interactions(["naltrexone", "oxycodone"]))
    assert (i.mechanism, i.kind, i.severity, i.management) == (M.same_target, K.blockade, S.contraindicated,
                                                               pharmakon.Management.avoid)
    assert (i.first_action, i.second_action) == (pharmakon.ActionType.antagonist, pharmakon.ActionType.agonist)
    # the label statements that confirm it, each naming the class the claim is about
    assert i.stated and all(isinstance(s, pharmakon.StatedStatement) for s in i.stated)
    assert {s.between for s in i.stated} == {("naltrexone", "opioid agonists")}
    assert S.contraindicated in {s.severity for s in i.stated}
    top = [s for s in i.stated if s.severity == S.contraindicated][0]
    assert top.management == pharmakon.Management.avoid and top.effect == "opioid withdrawal"
    assert top.exposure_of is None and top.advice and top.evidence.tier == pharmakon.EvidenceTier.label
    assert not top.intended and top.evidence.refs
    assert "naltrexone / opioid agonists" in repr(top)
    # the path goes through the class membership and the stated claim
    steps = [(p.from_, p.relation, p.to) for p in i.path]
    assert ("oxycodone", pharmakon.Relation.member_of, "opioid agonists") in steps
    assert ("naltrexone", pharmakon.Relation.interacts_with, "opioid agonists") in steps


def test_opioid_with_benzodiazepine_adds_up_through_different_targets(kb):
    a = kb.screen_interactions(["oxycodone", "alprazolam"])
    i = only(a)
    assert (i.mechanism, i.kind, i.severity) == (M.same_effect, K.additive, S.major)
    assert a.worst == S.major
    assert i.target is None and i.first_action is None and i.second_action is None  # no shared receptor
    assert {"respiratory depression", "CNS depression"} <= set(i.effects)
    assert i.direction == pharmakon.Direction.increase
    assert ("opioid agonists", "benzodiazepines") in {s.between for s in i.stated}
    assert all(s.severity == S.major for s in i.stated)


def test_cyp2d6_inhibitor_lowers_the_active_metabolite_of_a_prodrug(kb):
    codeine = kb.drug("codeine")
    assert codeine.prodrug is True and kb.drug("morphine").prodrug is False
    assert codeine.site == pharmakon.Site.unspecified
    i = only(kb.screen_interactions(["codeine", "fluoxetine"]))
    assert (i.mechanism, i.kind) == (M.exposure, K.less_exposure)
    assert (i.first, i.second, i.affected) == ("fluoxetine", "codeine", "morphine")
    assert i.direction == pharmakon.Direction.decrease and i.severity == S.moderate
    assert i.management == pharmakon.Management.adjust_dose
    assert i.target.id == "target:CYP2D6" and i.first_action is None
    assert "analgesia" in i.effects
    assert [(p.from_, p.relation, p.detail, p.to) for p in i.path] == [
        ("fluoxetine", pharmakon.Relation.inhibits, "strong", "cytochrome P450 2D6"),
        ("codeine", pharmakon.Relation.has_metabolite, "active metabolite", "morphine")]


def test_peripheral_antagonist_and_rescue_use_are_intended(kb):
    i = only(kb.screen_interactions(["naloxegol", "oxycodone"]))
    assert (i.mechanism, i.kind, i.intended) == (M.same_target, K.peripheral_blockade, True)
    assert kb.drug("naloxegol").site == pharmakon.Site.peripheral
    i = only(kb.screen_interactions(["naloxone", "oxycodone"]))
    # intended (rescue), and major: oxycodone can outlast naloxone, so breathing can fail again (naloxone's label)
    assert (i.kind, i.severity, i.intended) == (K.blockade, S.major, True)
    assert "act longer than naloxone" in kb.screen_interactions(["naloxone", "oxycodone"]).to_text()


def test_stated_exposure_change_and_stated_absence_of_one(kb):
    a = kb.screen_interactions(["naltrexone", "acamprosate"])
    assert [(i.mechanism, i.kind, i.severity, i.no_interaction) for i in a.interactions] == [
        (M.stated, K.stated, S.minor, False), (M.stated, K.stated, S.minor, True)]
    raised, unchanged = a.interactions
    assert raised.affected == "acamprosate" and raised.management == pharmakon.Management.none
    assert raised.stated[0].exposure_of == "acamprosate" and raised.stated[0].effect is None
    assert unchanged.affected == "naltrexone" and unchanged.stated[0].evidence.negated
    assert a.worst == S.minor
    assert a.without_metabolism == ["acamprosate"]


def test_worst_leaves_out_statements_that_there_is_no_interaction(kb):
    none = kb.screen_interactions(["acamprosate", "disulfiram"])
    assert none.interactions == [] and none.worst is None
    extra = kb.loads("""
[[interaction]]
between = ["drug:acamprosate", "drug:disulfiram"]
severity = "major"
direction = "increase"
management = "avoid"
negated = true
advice = "A test statement that the combination does not interact."
sources = ["src:pmid:12377396"]
""")
    a = extra.screen_interactions(["acamprosate", "disulfiram"])
    i = only(a)
    # a statement that there is no interaction is a finding of its own, minor and needing nothing, whatever the
    # severity the statement is filed under; it does not count as the worst finding
    assert i.no_interaction and (i.mechanism, i.severity, i.management) == (M.stated, S.minor,
                                                                           pharmakon.Management.none)
    assert i.stated[0].severity == S.major and i.stated[0].evidence.negated
    assert a.worst is None and a.to_dict()["worst_severity"] is None


def test_without_metabolism_lists_drugs_the_exposure_rules_cannot_see(kb):
    a = kb.screen_interactions(MANY)
    d = a.to_dict()
    assert a.without_metabolism == d["without_metabolism"]
    assert "acamprosate" in a.without_metabolism
    assert "codeine" not in a.without_metabolism and "fluoxetine" not in a.without_metabolism
    for name in a.without_metabolism:
        drug = kb.drug(name)
        assert not any(drug.claims("out", r) for r in ("substrate_of", "inhibits", "induces", "has_metabolite"))


def test_interaction_attributes_match_the_json(kb):
    a = kb.screen_interactions(MANY)
    d = a.to_dict()
    assert {i.mechanism for i in a.interactions} == set(M.__members__.values())
    assert d["worst_severity"] == a.worst.name == "contraindicated"
    # most severe first
    assert [int(i.severity) for i in a.interactions if not i.no_interaction] == sorted(
        int(i.severity) for i in a.interactions if not i.no_interaction)
    assert len(a.interactions) == len(d["interactions"])
    for i, j in zip(a.interactions, d["interactions"]):
        assert (i.mechanism.name, i.kind.name, i.severity.name, i.management.name, i.direction.name) == (
            j["mechanism"], j["kind"], j["severity"], j["management"], j["direction"])
        assert (i.intended, i.no_interaction, i.tier.name, i.affected, i.effects) == (
            j["intended"], j["no_interaction"], j["tier"], j["affected"], j["effects"])
        assert (i.first, i.second) == (j["first"]["drug"], j["second"]["drug"])
        assert (i.first_action and i.first_action.name, i.second_action and i.second_action.name) == (
            j["first"]["action"], j["second"]["action"])
        assert (i.target and i.target.id) == (j["target"] and j["target"]["id"])
        assert [(s.between, s.severity.name, s.management.name, s.direction.name, s.intended, s.effect,
                 s.exposure_of, s.advice, s.evidence.refs, s.evidence.negated) for s in i.stated] == [
            (tuple(x["between"]), x["severity"], x["management"], x["direction"], x["intended"], x["effect"],
             x["exposure_of"], x["advice"], x["evidence"]["refs"], x["evidence"]["negated"]) for x in j["stated"]]
        assert [w.id for w in i.warnings] == [w["id"] for w in j["warnings"]]
        assert [(p.from_, p.relation.name, p.detail, p.to, p.refs) for p in i.path] == [
            (p["from"], p["relation"], p["detail"], p["to"], p["refs"]) for p in j["path"]]


def test_interaction_severity_is_its_own_scale(kb):
    assert list(S.__members__) == ["contraindicated", "major", "moderate", "minor"]
    assert list(pharmakon.Management.__members__) == ["avoid", "adjust_dose", "monitor", "none"]
    i = only(kb.screen_interactions(["naltrexone", "oxycodone"]))
    assert isinstance(i.severity, S) and i.severity != pharmakon.Severity.life_threatening
    # warnings keep the warning scale
    assert all(isinstance(w.severity, pharmakon.Severity) for w in i.warnings)


# ----- drug classes ---------------------------------------------------------------------------------------


def test_stated_class_membership(kb):
    benzos = kb.drug_class("benzodiazepines")
    assert isinstance(benzos, pharmakon.DrugClass) and benzos.kind == pharmakon.NodeKind.__members__["class"]
    assert benzos.id == "class:benzodiazepines" and benzos in kb.classes()
    assert kb.entity("class:benzodiazepines") == benzos
    members = [d.name for d in benzos.members]
    assert "alprazolam" in members and "oxycodone" not in members
    assert len(members) == len(set(members))
    assert benzos in kb.drug("Xanax").classes
    assert (benzos.inhibitors_of, benzos.inducers_of, benzos.min_strength) == ("", "", None)
    # every stated member lists the class, and the claims agree
    for d in benzos.members:
        assert benzos in d.classes
        assert any(c.object == benzos and not c.negated for c in d.claims("out", "member_of"))
    assert kb.find("benzodiazepines", "class") == benzos


def test_rule_defined_class_membership(kb):
    strong = kb.drug_class("strong CYP2D6 inhibitors")
    assert (strong.inhibitors_of, strong.inducers_of, strong.min_strength) == (
        "target:CYP2D6", "", pharmakon.Strength.strong)
    members = {d.name for d in strong.members}
    assert "fluoxetine" in members and "sertraline" not in members  # sertraline inhibits CYP2D6 weakly
    # the rule: every drug with a (non-negated) strong inhibits claim on CYP2D6, and no other
    claims = kb._columns("claims")[0]
    detail = dict(zip(claims["claim_id"], claims["detail"]))
    for d in kb.drugs():
        inhibits_strongly = any(c.object.id == "target:CYP2D6" and not c.negated and detail[c.id] == "strong"
                                for c in d.claims("out", "inhibits"))
        assert (d.name in members) == inhibits_strongly, d.name
    fluoxetine = kb.drug("fluoxetine")
    # stated classes first, then the rule-defined ones it meets
    assert [c.id for c in fluoxetine.classes] == ["class:ssris", "class:serotonergic-drugs", "class:cyp2d6-inhibitors",
                                                 "class:strong-cyp2d6-inhibitors"]
    sertraline = kb.drug("sertraline")
    assert strong not in sertraline.classes and kb.drug_class("class:ssris") in sertraline.classes


def test_a_class_is_not_a_drug(kb):
    with pytest.raises(pharmakon.UnknownNameError, match="is a drug class .*not a drug: name its drugs, e.g. alprazolam"):
        kb.drug("benzodiazepines")
    with pytest.raises(pharmakon.UnknownNameError):
        kb.drug_class("naltrexone")
    with pytest.raises(pharmakon.UnknownNameError) as e:
        kb.screen_interactions(["oxycodone", "benzodiazepines"], strict=True)
    assert e.value.name == "benzodiazepines"
    # by default a name that is not a drug is screened out and named, with the lookup's reason
    a = kb.screen_interactions("oxycodone", "benzodiazepines", "alprazolam")
    assert a.drugs == ["oxycodone", "alprazolam"] and a.worst == S.major
    (u,) = a.not_screened
    assert isinstance(u, pharmakon.UnscreenedDrug) and u.name == "benzodiazepines"
    assert "is a drug class" in u.reason and "Not screened" in a.to_text()


def test_an_unknown_medication_does_not_stop_the_screen(kb):
    a = kb.screen_interactions(["oxycodone", "foozol", "Xanax", "oxycodon"])
    assert a.drugs == ["oxycodone", "alprazolam"]
    assert [u.name for u in a.not_screened] == ["foozol", "oxycodon"]
    assert "oxycodone" in a.not_screened[1].suggestions
    assert json.loads(a.to_json())["not_screened"][0] == {"name": "foozol", "reason": "unknown drug 'foozol'",
                                                          "suggestions": []}
    with pytest.raises(pharmakon.UnknownNameError):
        kb.screen_interactions(["oxycodone", "foozol"], strict=True)


def test_effects_carry_their_site_and_combined_severity(kb):
    resp = kb.effect("respiratory depression")
    assert resp.site == pharmakon.Site.central and resp.combined == S.major
    assert kb.effect("constipation").site == pharmakon.Site.peripheral
    assert all(e.combined is None or isinstance(e.combined, S) for e in kb.effects())


def test_tables_show_the_new_payloads(kb):
    pd = pytest.importorskip("pandas")
    drugs = kb.to_pandas("drugs").set_index("id")
    assert bool(drugs.loc["drug:codeine", "prodrug"]) and not bool(drugs.loc["drug:morphine", "prodrug"])
    assert drugs.loc["drug:naloxegol", "site"] == "peripheral"
    assert isinstance(drugs.site.dtype, pd.CategoricalDtype)
    assert list(drugs.site.cat.categories) == list(pharmakon.Site.__members__)
    claims = kb.to_pandas("claims")
    inh = claims[(claims.relation == "inhibits") & (claims.subject_id == "drug:fluoxetine") &
                 (claims.object_id == "target:CYP2D6")]
    assert list(inh.detail) == ["strong"]
    met = claims[(claims.relation == "has_metabolite") & (claims.subject_id == "drug:codeine") &
                 (claims.object_id == "drug:morphine")]
    assert list(met.detail) == ["active"]
    stated = claims[(claims.relation == "interacts_with") & (claims.subject_id == "drug:acamprosate")]
    assert set(stated.detail) == {"minor"}
    assert set(claims[claims.relation == "interacts_with"].detail) <= set(S.__members__)
    assert set(claims[claims.relation == "substrate_of"].detail) <= set(pharmakon.Pathway.__members__)


def test_half_lives_of_a_reversal(kb):
    a = kb.screen_interactions("naloxone", "methadone")
    block = next(i for i in a.interactions if i.kind == pharmakon.InteractionKind.blockade)
    assert [h.drug for h in block.half_lives] == ["naloxone", "methadone"] and block.wears_off_first
    naloxone, methadone = (h.half_life for h in block.half_lives)
    assert isinstance(naloxone, pharmakon.HalfLifeStatement) and naloxone.evidence.refs
    assert kb.mechanism_of("methadone").half_life.high == methadone.high
