"""The step-through's formulas, checked against the issue's hand-worked numbers."""

import math

from helpers import lecture_after

from logreg_viz import forward_backward
from logreg_viz.stepthrough import phases, saturation_note


def lecture_phases(loss="cross_entropy"):
    x, y, w, b = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0
    return phases(forward_backward(x, y, w, b, loss), x, y, w, b, 0.1)


def test_phases_walk_forward_backward_then_update_on_the_right_nodes():
    walk = lecture_phases()
    assert [p.node for p in walk] == ["z", "a", "L", "a", "z", "w1", "w2", "b", "w1", "w2", "b"]
    assert [p.kind for p in walk] == ["forward"] * 3 + ["backward"] * 5 + ["update"] * 3


def test_the_lecture_numbers_appear_as_written_by_hand():
    walk = {p.title: p.latex for p in lecture_phases()}
    # z = 0.5·1 + 0.25·2 + 0 = 1; a = σ(1) = 0.7311; dz = a − y = −0.2689; w1 := 0.5 − 0.1·(−0.2689) = 0.5269
    assert walk["forward: z"].endswith("= 1")
    assert walk["forward: a"].endswith(f"= {1 / (1 + math.exp(-1)):.4f}")
    assert walk["backward: dz"].endswith("= 0.7311 - 1 = -0.2689")
    assert walk["update: w1"].endswith("= 0.5 - 0.1 \\cdot (-0.2689) = 0.5269")
    assert walk["update: w2"].endswith("= 0.25 - 0.1 \\cdot (-0.5379) = 0.3038")
    assert walk["forward: L"].endswith(f"= {-math.log(1 / (1 + math.exp(-1))):.4f}")


def test_squared_error_shows_the_extra_sigmoid_factor():
    walk = {p.title: p.latex for p in lecture_phases("squared")}
    a = 1 / (1 + math.exp(-1))
    assert walk["backward: dz"].endswith(f"= {(a - 1) * a * (1 - a):.4g}")


def test_each_phase_reveals_its_number_and_the_ones_before_it_only():
    """The graph during the step-through: after phase k, the values and derivatives of phases 1 … k are
    shown, later ones read '…'; an update shows old → new (w1: 0.5 → 0.5269, by hand); before the
    first phase everything is shown; dx1, dx2 only with the toggle."""
    from logreg_viz.figures.graph_text import moving_texts
    from logreg_viz.stepthrough import reveal_at

    x, y, w, b = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0
    p = forward_backward(x, y, w, b)
    walk = phases(p, x, y, w, b, 0.1)
    order = ["z", "a", "L", "da", "dz", "dw1", "dw2", "db"]

    def shown(k):
        fwd, bwd, _, _ = moving_texts(p.graph, reveal_at(walk, k, p.graph))
        return [t for t in fwd + bwd if t.strip()]

    for k in range(1, 9):
        texts = shown(k)
        for name in order[:k]:
            assert any(t.startswith(f"{name} = ") and "…" not in t for t in texts), (k, name)
        for name in order[k:]:
            assert f"{name} = …" in texts, (k, name)
    assert "z = 1" in shown(1) and "a = 0.7311" in shown(2) and "dz = −0.2689" in shown(5)
    assert "w1 = 0.5 → 0.5269" in shown(9) and "w2 = 0.25" in shown(9)  # w2 not yet updated
    assert "w2 = 0.25 → 0.3038" in shown(10) and "b = 0 → 0.02689" in shown(11)
    assert not any("…" in t for t in shown(0))
    assert not any(t.startswith("dx") for t in shown(0) + shown(11))
    _, bwd, _, _ = moving_texts(p.graph, reveal_at(walk, 0, p.graph, dx=True))
    assert "dx1 = −0.1345" in bwd and "dx2 = −0.06724" in bwd  # w_i·dz: 0.5·(−0.2689), 0.25·(−0.2689)


def confident_wrong_phases(loss="cross_entropy"):
    x, y, w, b = [2.0, 3.0], 0.0, [3.0, 2.0], 0.0
    return {p.title: p.latex for p in phases(forward_backward(x, y, w, b, loss), x, y, w, b, 0.1)}


def test_a_next_to_one_keeps_its_gap_and_its_parentheses():
    # z = 3·2 + 2·3 = 12, a = σ(12) = 1 − σ(−12) = 1 − 6.144·10⁻⁶; L = softplus(12) = 12 + 6.144·10⁻⁶
    walk = confident_wrong_phases()
    a = "1 - 6.1 \\times 10^{-6}"
    assert walk["forward: a"].endswith(f"= {a}")
    assert f"\\log ({a})" in walk["forward: L"] and f"\\log(1 - ({a}))" in walk["forward: L"]
    assert walk["forward: L"].endswith("= 12.00001")  # 12.0000061: seven digits tell it from 12
    assert f"\\frac{{1}}{{1 - ({a})}}" in walk["backward: da"]
    assert walk["backward: dz"].endswith(f"= {a} - 0 = {a}")
    # dw1 = 2·(1 − 6.144·10⁻⁶) = 1.9999877: four digits would read 2, six tell it apart
    assert walk["backward: dw1"] == f"dw_1 = x_1 \\cdot dz = 2 \\cdot ({a}) = 1.99999"
    assert walk["update: b"].endswith(f"= 0 - 0.1 \\cdot ({a}) = -0.1")


def test_squared_error_multiplies_by_the_parenthesised_gap():
    walk = confident_wrong_phases("squared")
    # dz = (a − y)·a(1−a) = (1 − 6.144·10⁻⁶)·6.144·10⁻⁶ = 6.144·10⁻⁶ to four digits
    a, slope = "(1 - 6.1 \\times 10^{-6})", "6.144 \\times 10^{-6}"
    assert walk["backward: dz"].endswith(f"= {a} \\cdot {slope} = {slope}")


def test_the_saturation_note_says_what_the_flat_sigmoid_does():
    x, y, w, b = [2.0, 3.0], 0.0, [3.0, 2.0], 0.0  # the preset "Wrong and confident": z = 12
    stalls = saturation_note(forward_backward(x, y, w, b, "squared"))
    assert stalls.startswith("⚠ **Stuck.**") and "a(1−a) = 6.144·10⁻⁶" in stalls
    calm = saturation_note(forward_backward(x, y, w, b))
    assert "⚠" not in calm and "cross-entropy cancels it" in calm and "learning goes on" in calm
    w_end, b_end, _ = lecture_after(1000)  # flat (a(1−a) ≈ 0.0017) but a ≈ 0.998 and y = 1: converged
    assert saturation_note(forward_backward([1.0, 2.0], 1.0, w_end, b_end)) == ""
    assert saturation_note(forward_backward([1.0, 2.0], 1.0, w_end, b_end, "squared")) == ""
