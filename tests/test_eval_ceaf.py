"""CEAF-REE on hand-worked cases; the arithmetic of each expected number is in the comments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.eval import ceaf
from eventledger.eval.metrics import PRF


def one_role(pred, gold, role="PerpInd"):
    return ceaf.score({"d": {role: pred}}, {"d": {role: gold}})


def test_case1_perfect_match():
    # gold {guerrillas}, {army}; pred the same. sim = 1 + 1 = 2; P = 2/2, R = 2/2, F1 = 1
    r = one_role([["guerrillas"], ["army"]], [["guerrillas"], ["army"]])
    m = r["strict"]["micro"]
    assert (m.p_num, m.p_den, m.r_den) == (2, 2, 2)
    assert m.f1 == 1.0


def test_case2_one_right_one_spurious_two_missed():
    # gold: {guerrillas, guerrilla column}, {urng}, {farm}; pred: {guerrillas}, {army}
    # guerrillas -> gold 1 (strict 1); army matches nothing (0). sim = 1
    # P = 1/2 = 0.5, R = 1/3, F1 = 2 * 0.5 * (1/3) / (0.5 + 1/3) = (1/3) / (5/6) = 0.4
    r = one_role([["guerrillas"], ["army"]], [["guerrillas", "guerrilla column"], ["urng"], ["farm"]])
    m = r["strict"]["micro"]
    assert m.p == pytest.approx(0.5)
    assert m.r == pytest.approx(1 / 3)
    assert m.f1 == pytest.approx(0.4)


def test_case3_strict_versus_proportional():
    # gold {fmln, farabundo marti national liberation front}; pred {fmln, urng}
    # strict: urng is not a gold mention -> 0; P = R = F1 = 0
    # prop: 1 of the 2 predicted mentions is gold -> 0.5; P = 0.5/1, R = 0.5/1, F1 = 0.5
    r = one_role([["fmln", "urng"]], [["fmln", "farabundo marti national liberation front"]], role="PerpOrg")
    assert r["strict"]["micro"].f1 == 0.0
    assert r["prop"]["PerpOrg"].p == pytest.approx(0.5)
    assert r["prop"]["micro"].f1 == pytest.approx(0.5)


def test_case4_hungarian_beats_greedy():
    # gold G1 {a, b}, G2 {a}; pred P1 {a}, P2 {a, b}
    # strict sims: G1-P1 1, G1-P2 1, G2-P1 1, G2-P2 0.
    # Greedy P1->G1 would leave P2->G2 = 0 (total 1); the optimum P1->G2, P2->G1 gives 2.
    # P = 2/2, R = 2/2, F1 = 1
    r = one_role([["a"], ["a", "b"]], [["a", "b"], ["a"]])
    assert r["strict"]["micro"].p_num == 2
    assert r["strict"]["micro"].f1 == 1.0


def test_case5_normalisation_articles_punctuation_case():
    # '"The" Santo-Tomas farm.' -> lower, drop punctuation -> 'the santotomas farm' -> drop article -> 'santotomas farm'
    # gold 'the santo-tomas farm' -> 'santotomas farm': equal, sim 1; P = R = F1 = 1
    assert ceaf.normalize('"The" Santo-Tomas  farm.') == "santotomas farm"
    assert ceaf.normalize("attack on the farm") == "attack on farm"  # articles go anywhere, as in the reference
    assert ceaf.normalize("theatre") == "theatre"  # word boundaries only
    r = one_role([['"The" Santo-Tomas farm.']], [["the santo-tomas farm"]], role="Target")
    assert r["strict"]["micro"].f1 == 1.0


def test_case6_micro_sums_over_roles_and_documents():
    # doc1 PerpInd: gold {guerrillas}, pred {guerrillas}: sim 1, p_den 1, r_den 1
    # doc1 Target: gold {farm}, {truck}; pred {bridge}: sim 0, p_den 1, r_den 2
    # doc2 Weapon: no gold; pred {dynamite}, {rifle}: sim 0, p_den 2, r_den 0
    # micro: P = 1/(1+1+2) = 0.25, R = 1/(1+2) = 1/3, F1 = 2 * 0.25 * (1/3) / (0.25 + 1/3) = (1/6)/(7/12) = 2/7
    preds = {"d1": {"PerpInd": [["guerrillas"]], "Target": [["bridge"]]}, "d2": {"Weapon": [["dynamite"], ["rifle"]]}}
    golds = {"d1": {"PerpInd": [["guerrillas"]], "Target": [["farm"], ["truck"]]}, "d2": {}}
    m = ceaf.score(preds, golds)["strict"]["micro"]
    assert (m.p_num, m.p_den, m.r_num, m.r_den) == (1, 4, 1, 3)
    assert m.f1 == pytest.approx(2 / 7)


def test_case7_proportional_partial_match_chooses_best_pairing():
    # gold G1 {a, b}, G2 {c}; pred P1 {a, c}, P2 {c}
    # prop sims: G1-P1 1/2, G1-P2 0, G2-P1 1/2, G2-P2 1.
    # best: P1->G1 (0.5) + P2->G2 (1) = 1.5; P = 1.5/2 = 0.75, R = 1.5/2 = 0.75, F1 = 0.75
    r = one_role([["a", "c"], ["c"]], [["a", "b"], ["c"]])
    assert r["prop"]["micro"].p_num == pytest.approx(1.5)
    assert r["prop"]["micro"].f1 == pytest.approx(0.75)
    # strict: P1 is no subset of any gold -> 0; P2->G2 = 1; P = R = 1/2
    assert r["strict"]["micro"].f1 == pytest.approx(0.5)


def test_empty_predictions_score_zero_but_count_gold():
    r = one_role([], [["guerrillas"], ["army"]])
    m = r["strict"]["micro"]
    assert (m.p_num, m.p_den, m.r_den) == (0, 0, 2)
    assert (m.p, m.r, m.f1) == (0.0, 0.0, 0.0)


def test_empty_gold_counts_predictions_as_spurious():
    m = one_role([["guerrillas"]], [])["prop"]["micro"]
    assert (m.p_num, m.p_den, m.r_den) == (0, 1, 0)
    assert m.f1 == 0.0


def test_both_empty_and_missing_document():
    m = ceaf.score({}, {"d": {}})["strict"]["micro"]
    assert (m.p_den, m.r_den) == (0, 0)


def test_duplicate_mentions_collapse_after_normalisation():
    # gold lists the same name twice ('the extraditables' and '"the extraditables"'); the reference would
    # give a proportional similarity of 2 to one predicted mention. De-duplicated, it is 1/1 = 1.
    r = one_role(
        [["Extraditables", "the extraditables"]], [["the extraditables", '"the extraditables"']], role="PerpOrg"
    )
    assert r["prop"]["micro"].p_num == 1.0
    assert r["prop"]["micro"].f1 == 1.0


def test_duplicate_predicted_entities_get_one_match():
    # pred {urng}, {urng}; gold {urng}: one-to-one, so sim 1, P = 1/2, R = 1/1, F1 = 2/3
    m = one_role([["urng"], ["urng"]], [["urng"]])["strict"]["micro"]
    assert m.f1 == pytest.approx(2 / 3)


def test_merge_gold_keeps_first_and_drops_subsets_and_supersets():
    merged = ceaf.merge_gold(
        [["guerrillas", "guerrilla column"], ["guerrillas"], ["farm"], ["farm", "la eminencia farm"], ["truck"]]
    )
    assert merged == [["guerrillas", "guerrilla column"], ["farm"], ["truck"]]


@given(st.text())
def test_normalize_is_idempotent_and_lowercase(s):
    n = ceaf.normalize(s)
    assert ceaf.normalize(n) == n
    assert n.lower() == n
    assert "  " not in n and n == n.strip()


@given(
    st.lists(st.lists(st.sampled_from("abcde"), min_size=1, max_size=3), max_size=4),
    st.lists(st.lists(st.sampled_from("abcde"), min_size=1, max_size=3), max_size=4),
)
def test_scores_are_bounded(pred, gold):
    for kind, per in one_role(pred, gold).items():
        m = per["micro"]
        assert 0 <= m.p <= 1 and 0 <= m.r <= 1 and 0 <= m.f1 <= 1
        assert m.p_num <= min(m.p_den, m.r_den) + 1e-9


def test_prf_zero_denominators():
    assert PRF().f1 == 0.0
