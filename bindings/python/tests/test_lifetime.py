"""Objects returned to Python stay valid as long as Python holds them, after their KnowledgeBase is gone."""

import gc
import weakref

import pharmakon


def test_views_outlive_their_knowledge_base(extra_toml):
    # A knowledge base loaded here (not the embedded one, which lives for the whole process), so deleting the
    # Python object can really free its state if a view did not keep it.
    kb = pharmakon.default_kb().loads(extra_toml, name="extra.toml")
    drug = kb.drug("testorphan")
    action = drug.actions[0]
    target = action.target
    claims = kb.claims()
    conflicts = kb.conflicts()
    entities = kb.entities()
    answer = kb.mechanism_of("testorphan")
    screen = kb.screen_interactions(["testorphan", "naloxone"])
    dose = kb.check_dose("naltrexone", "50 mg")
    regimen = kb.regimen("regimen:naltrexone-oral-aud")
    source = kb.source("src:test-source")
    hash_before = kb.content_hash

    del kb
    for _ in range(3):
        gc.collect()
    # churn the allocator, so freed memory would be reused and a dangling view would read garbage
    junk = [pharmakon.loads(extra_toml.replace("testorphan", f"junk{i}"), base=pharmakon.default_kb())
            for i in range(5)]
    del junk
    gc.collect()

    assert drug.name == "testorphan" and drug.synonyms == ["TST-1"]
    assert action.type == pharmakon.ActionType.partial_agonist and action.efficacy == 0.4
    assert action.affinities[0].unit == "nM" and action.affinities[0].p_value > 8.5
    assert action.sources[0].id == "src:test-source"
    assert target.id == "target:MOR" and target.gene.symbol == "OPRM1"
    assert drug in [a.drug for a in target.actions]
    assert len(claims) > 100 and all(c.subject.id and c.object.id for c in claims)
    assert all(c.first.subject == c.second.subject for c in conflicts)
    assert len({e.id for e in entities}) == len(entities)
    assert answer.summary.startswith("partial agonist at the mu opioid receptor")
    assert answer.kb.content_hash == hash_before
    assert answer.actions[0].affinities[0].sources[0].id == "src:test-source"
    assert "testorphan" in screen.to_text()
    assert dose.verdict == pharmakon.DoseVerdict.within or dose.checks
    assert regimen.dose == pharmakon.Quantity(50, "mg") and regimen.drugs[0].name == "naltrexone"
    assert source.title == "A test source"


def test_parts_outlive_the_objects_they_came_from(extra_toml):
    kb = pharmakon.default_kb().loads(extra_toml)
    precondition = kb.regimen("regimen:naltrexone-oral-aud").preconditions[0]
    affinity = kb.drug("testorphan").actions[0].affinities[0]
    evidence = kb.mechanism_of("testorphan").actions[0].evidence
    diag = None
    try:
        pharmakon.loads("[[drug]]", name="bad.toml")
    except pharmakon.LoadError as e:
        diag = e.diagnostics[0]
    del kb
    gc.collect()
    assert precondition.kind == pharmakon.PreconditionKind.opioid_free and precondition.min.unit == "d"
    assert affinity.value == 2.5 and affinity.measure == pharmakon.AffinityMeasure.Ki
    assert evidence.refs == [1]
    assert str(diag).startswith("bad.toml:")


def test_the_knowledge_base_object_itself_is_collected(extra_toml):
    """Views hold the C++ state, not the Python KnowledgeBase: it is freed as soon as Python drops it."""
    class Holder:
        pass

    kb = pharmakon.default_kb().loads(extra_toml)
    h = Holder()
    h.kb = kb
    ref = weakref.ref(h)
    drug = kb.drug("testorphan")
    del kb, h
    gc.collect()
    assert ref() is None
    assert drug.actions[0].target.name == "mu opioid receptor"


def test_many_short_lived_knowledge_bases(extra_toml):
    names = []
    for i in range(30):
        kb = pharmakon.loads(extra_toml.replace("testorphan", f"drug{i}"), base=pharmakon.default_kb())
        names.append(kb.drug(f"drug{i}").actions[0])
        del kb
    gc.collect()
    assert [a.drug.name for a in names] == [f"drug{i}" for i in range(30)]
