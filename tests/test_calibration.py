"""Temperature scaling recovers a known temperature; ECE matches a hand computation."""

from __future__ import annotations

import numpy as np
import pytest

from countrystance.calibration import expected_calibration_error, fit_temperature, softmax


def test_fit_temperature_recovers_overconfidence() -> None:
    rng = np.random.default_rng(0)
    true_logits = rng.normal(size=(4000, 3)) * 2.0
    labels = np.array([rng.choice(3, p=p) for p in softmax(true_logits)])
    # A model three times too confident: its logits are the true ones times 3.
    t = fit_temperature(true_logits * 3.0, labels)
    assert t == pytest.approx(3.0, rel=0.15)
    before = expected_calibration_error(softmax(true_logits * 3.0), labels)
    after = expected_calibration_error(softmax(true_logits * 3.0, t), labels)
    assert after < before / 2


def test_temperature_never_changes_the_argmax() -> None:
    logits = np.array([[2.0, 1.0, 0.0], [0.1, 0.3, 0.2]])
    for t in (0.3, 1.0, 4.0):
        assert (softmax(logits, t).argmax(1) == logits.argmax(1)).all()


def test_ece_by_hand() -> None:
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.6, 0.4]])
    labels = np.array([0, 1, 0, 0])
    # Bin (0.8, 0.9]: acc 0.5, conf 0.9 -> 0.4 * 2/4; bin (0.5, 0.6]: acc 1.0, conf 0.6 -> 0.4 * 2/4.
    assert expected_calibration_error(probs, labels) == pytest.approx(0.4)
    assert expected_calibration_error(np.zeros((0, 2)), np.zeros(0)) == 0.0
