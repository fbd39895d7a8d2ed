"""Unknown keys: a clear error listing valid keys, with a typo suggestion when one is close."""

import pytest

from evalbot.errors import CommandError
from evalbot.inputs.keys import check_keys

ROI_KEYS = ["cost", "benefit", "incidents", "incident_cost"]


def test_known_keys_pass():
    """Valid keys (and aliases) raise nothing."""
    check_keys({"cost": "2M", "spend": "1M"}, [*ROI_KEYS, "spend"], listed=ROI_KEYS, tool="`roi`", example=None)


@pytest.mark.parametrize(("typed", "suggested"), [("cots", "cost"), ("incident_cots", "incident_cost"), ("benifit", "benefit")])
def test_typo_gets_a_suggestion(typed, suggested):
    """A near miss names the key the user probably meant, and lists the valid ones."""
    with pytest.raises(CommandError) as caught:
        check_keys({typed: "1"}, ROI_KEYS, listed=ROI_KEYS, tool="`roi`", example="roi cost=2M benefit=10M")
    assert f"Did you mean `{suggested}`?" in caught.value.message
    assert "Valid inputs: `cost`, `benefit`, `incidents`, `incident_cost`" in caught.value.message
    assert caught.value.field == typed


def test_unrelated_key_gets_no_suggestion():
    """A key like nothing valid is reported without a guess."""
    with pytest.raises(CommandError) as caught:
        check_keys({"zzz": "1"}, ROI_KEYS, listed=ROI_KEYS, tool="`roi`", example=None)
    assert "Did you mean" not in caught.value.message
