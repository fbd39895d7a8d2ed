"""The figures of a follow-up message, read for a calculation already under way."""

from evalbot.calculators import CALCULATORS
from evalbot.errors import CommandError
from evalbot.inputs.pairs import canonical_key, split_pairs, without_pairs
from evalbot.inputs.prose import prepare
from evalbot.inputs.reading import Reading, read


def read_followup(calculator_id: str, text: str, *, asking: str | None = None) -> Reading:
    """Read a follow-up fragment's figures for `calculator_id`, to merge over the inputs known so far.

    For the conversation layer: after a reply whose `Reply.calculation` names a calculator,
    read the next message with this, merge `reading.inputs` over `calculation.known`, and answer
    the calculator again with the merged values as its `key=value` inputs
    (`Brain.answer_intent(calculator, args=merged)`). Name `reading.unused` back to the user.

        read_followup("roi", "benefit is 10M").inputs                       -> {"benefit": "10m"}
        read_followup("roi", "what if it were only 5 incidents?").inputs     -> {"incidents": "5"}
        read_followup("confidence-interval", "and at 95% confidence?").inputs -> {"confidence": "95%"}
        read_followup("confidence-interval", "at 95%").inputs                -> {"confidence": "95%"}
        read_followup("npv", "what if the rate were 12%").inputs             -> {"rate": "12%"}
        read_followup("roi", "10M", asking="benefit").inputs                 -> {"benefit": "10m"}

    Args:
        calculator_id: the calculator under way (`Calculation.calculator`).
        text: the follow-up message, Slack markup stripped.
        asking: the input the last reply asked for (`Calculation.asking`): a lone figure with no
            cue ("10M") is taken as its answer.

    Returns:
        The inputs stated (values as typed; `key=value` pairs included, over prose), the figures
        no input takes, and any input given two different values (left out of `inputs`).
        An unknown calculator, or a fragment with no figures, gives an empty reading.
    """
    calculator = CALCULATORS.get(calculator_id)
    if calculator is None:
        return Reading()
    prose = read(calculator_id, prepare(without_pairs(text)), asking=asking)
    try:
        pairs = split_pairs(text).pairs
    except CommandError:
        pairs = {}  # a key given twice: left for the calculator to report when the pairs are typed again
    keys = calculator.keys()
    typed = {keys.get(canonical_key(key), key): value for key, value in pairs.items()}
    return Reading(inputs={**prose.inputs, **typed}, unused=prose.unused, unclear=prose.unclear)
