"""Calculator inputs pulled out of free text, and which calculator a sentence states completely.

    "we spend 2M and prevent 10 incidents at 1M each"            -> roi cost, incidents, incident_cost
    "ROI on 1.5M eval budget vs 10M incidents prevented"          -> roi cost, benefit
    "we got 460 right out of 500 on the eval"                     -> confidence-interval correct, n
    "npv of a 1M build, 200k/yr run, 3M/yr savings, 5 years, 12%" -> npv upfront, cost, benefit, years, rate

Values come back as the text the user wrote ("2 million"), to be parsed and bounded
by the same code as `key=value` input. How figures are assigned: `evalbot.inputs.reading`.
"""

import re
from functools import lru_cache

from evalbot.calculators import CALCULATORS, missing_inputs
from evalbot.inputs.cues import SAMPLES
from evalbot.inputs.pairs import without_pairs
from evalbot.inputs.prose import prepare
from evalbot.inputs.reading import Reading, read

_NPV_CUE = re.compile(r"\b(?:npv|net present value|present value|discount\w*|upfront|up-front|up front|one-off|"
                      r"one-time|to build|build cost|initial investment|capex|hurdle|wacc|\d+[- ]years?|"
                      r"(?:over|for) (?:the next )?\w+ years)\b")
_IRR_CUE = re.compile(r"\b(?:irr|internal rate|rates? of return|return rate|yield(?!s\b)|annuali[sz]ed return)")
_PAYBACK_CUE = re.compile(r"\b(?:payback|pay back|pays? (?:for )?itself|pays? (?:it )?back|break[- ]?even|recoup\w*|"
                          r"earn\w* back|make back|money back|recover\w*|paid off)")
_COMPARE_CUE = re.compile(r"\b(?:better|worse|beats?|vs\.?|versus|compar\w*|significan\w*|noise|real\b|fixed|broke|"
                          r"regress\w*|mcnemar|differen\w*|distinguish\w*|improv\w*|went from|moved from|a/b)")
_SAMPLE_SIZE_CUE = re.compile(r"\b(?:how many|how much data|how big|how large|sample size|power\b|detect\w*|enough|"
                              r"need|minimum|smallest|plan\w*)")
_TEAM_CUE = re.compile(r"\b(?:team|engineers?|people|heads?|headcount|hires?|ftes?|staff|annotators?|scientists?)\b")
_CI_CUE = re.compile(r"\b(?:ci|confiden\w*|interval|sure|accura\w*|correct|right|out of|error bars?|margin|"
                     rf"significan\w*|eval\w*|pass\w*|score\w*|precision|recall|level|{SAMPLES})\b")


def read_message(calculator_id: str, text: str) -> Reading:
    """Everything `text` states for `calculator_id`: the inputs, and the figures it could not use.

    `key=value` pairs are left out: they are read, and checked, by the grammar.
    """
    return _read(calculator_id, prepare(without_pairs(text)))


def extract_inputs(calculator_id: str, text: str) -> dict[str, str]:
    """The inputs of `calculator_id` that `text` states clearly, as typed (possibly none)."""
    return dict(read_message(calculator_id, text).inputs)


# A sentence stating a calculation is read by `detect_calculation` and then again by the
# handler (or template) that answers it: the second reading is this cache's.
@lru_cache(maxsize=64)
def _read(calculator_id: str, prepared: str) -> Reading:
    return read(calculator_id, prepared)


def detect_calculation(text: str) -> str | None:
    """The calculator whose every required input `text` states, if exactly that is clear; else None.

    Two results to compare are enough for `compare` even when incomplete: two accuracies on the same
    cases are a comparison that needs its discordant counts, never a single interval.
    """
    if not any(char.isdigit() for char in text) and not re.search(r"\b(?:percent|million|thousand|zero|none)\b",
                                                                   text, re.I):
        return None  # every calculator needs a figure, so most questions stop here, cheaply
    prepared = prepare(without_pairs(text))
    for calculator_id, cue in _DETECTION_ORDER:
        if cue is not None and not cue.search(prepared):
            continue
        found = _read(calculator_id, prepared).inputs
        if calculator_id == "compare" and {"a", "b"} <= set(found):
            return calculator_id
        if found and not missing_inputs(CALCULATORS[calculator_id], found):
            return calculator_id
    return None


# Most specific first: a sentence naming IRR or payback is not an NPV; planning cases is not comparing results;
# comparing two results is not one interval.
_DETECTION_ORDER = (
    ("irr", _IRR_CUE), ("payback", _PAYBACK_CUE), ("npv", _NPV_CUE), ("sample-size", _SAMPLE_SIZE_CUE),
    ("compare", _COMPARE_CUE), ("team-cost", _TEAM_CUE), ("confidence-interval", _CI_CUE), ("roi", None),
)
