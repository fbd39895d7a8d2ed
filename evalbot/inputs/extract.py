"""Calculator inputs pulled out of free text, only where the meaning is clear.

    "we spend 2M and prevent 10 incidents at 1M each"            -> roi cost, incidents, incident_cost
    "what's the roi if we spend 1.5M and save 9M"                 -> roi cost, benefit
    "ci for 92% accuracy on 500 samples"                          -> confidence-interval accuracy, n
    "grow the team from 8 to 15 at 143k each"                     -> team-cost current, target, cost_per_head

Values come back as the text the user wrote ("2 million"), to be parsed and bounded
by the same code as `key=value` input.
"""

import re
from functools import lru_cache
from types import MappingProxyType

from evalbot.calculators import CALCULATORS, missing_inputs
from evalbot.inputs.prose import APPROX, COUNT, NUM, PERCENT, collect, money, prepare, rules

_NOUN = r"(?:incident|issue|outage|failure|bug|regression|problem|error|escape|breach|disaster)"
_PREVENT = r"(?:prevent|avoid|stop|catch|catches|block|eliminat|head(?:ing)? off|save us from|saves us from)\w*"
_EACH = r"(?:each|apiece|a piece|a pop|per (?:incident|issue|outage|failure|bug|one|pop|event)|an? " + _NOUN + ")"
_INCIDENTS = rf"{_PREVENT}\s+(?:up to\s+)?{APPROX}(?P<incidents>{NUM})\+?\s+(?:[a-z-]+\s+){{0,2}}?{_NOUN}s?\b"
_PER_YEAR = r"(?:\s+(?:a|per|each) year|\s+annually|\s+yearly)?,?"
_BENEFIT_VERB = (r"(?:sav(?:e|es|ed|ing)|generat\w+|earn\w*|brings? in|unlock\w*|enabl\w+|protect\w*|"
                 r"benefits?(?: (?:is|of|=|are))?:?|value(?: (?:is|of|=))?:?)\s+(?:us |the (?:company|business|org) )?")
_BENEFIT_NOUN = r"\s+(?:in |of |a year in |per year in )?(?:savings?|benefits?|value|avoided \w+|new revenue|revenue)\b"
_NPV_CUE = re.compile(r"\b(?:npv|net present value|present value|discount\w*|upfront|up-front|up front|one-off|"
                      r"one-time|to build|build cost|initial investment|capex)\b")
_TEAM_CUE = re.compile(r"\b(?:team|engineers?|people|heads?|headcount|hires?|ftes?|staff|annotators?|scientists?)\b")
_SAMPLES = (r"(?:samples?|examples?|items?|test cases?|cases?|questions?|prompts?|data ?points?|tests?|"
            r"records?|rows?|inputs?|conversations?|queries|tasks?|instances?|responses?|outputs?|trials?)\b")

_ROI = rules(
    _INCIDENTS + _PER_YEAR + rf"\s+(?:at|@)\s+{APPROX}{money('incident_cost')}",
    _INCIDENTS + _PER_YEAR + rf"\s+(?:costing(?: us)?|worth|that cost(?:s)?(?: us)?|which cost(?:s)?(?: us)?|of)\s+"
    rf"{APPROX}{money('incident_cost')}\s*{_EACH}",
    _INCIDENTS,
    rf"{_PREVENT}\s+(?:up to\s+)?{APPROX}(?P<incidents>{NUM})\+?\s+of them\b",
    rf"{_PREVENT}\s+{APPROX}{money('benefit')}\s+(?:(?:of|in|worth of)\s+)?(?:[a-z-]+\s+){{0,2}}?{_NOUN}s?\b",
    rf"(?P<incidents>{NUM})\+?\s+(?:[a-z-]+\s+){{0,2}}?{_NOUN}s?\s+(?:prevented|avoided|caught|stopped|blocked)",
    rf"(?:each|every|per|an?|one|single|the average|average|typical|a typical)\s+(?:[a-z-]+\s+){{0,2}}?{_NOUN}\s+"
    rf"(?:costs?|is worth|would cost|runs|=|is)\s+(?:us\s+)?{APPROX}{money('incident_cost')}",
    rf"{money('incident_cost')}\s+(?:per|an?|each|for each|every)\s+(?:[a-z-]+\s+)?{_NOUN}\b",
    rf"{_BENEFIT_VERB}{APPROX}{money('benefit')}",
    rf"{money('benefit')}{_BENEFIT_NOUN}",
    rf"(?:spend\w*|spent|costs?|costing|budget(?:ed)?(?: (?:is|of))?|invest\w*|pay\w*|fund\w*)\s*:?\s+"
    rf"(?:(?:us|of|is|at|=|about|around|roughly|nearly|~)\s+){{0,3}}{money('cost')}",
    rf"{money('cost')}\s+(?:(?:eval|evaluation|program|team|annual|yearly)\s+)?(?:budget|spend|cost)\b",
)
_NPV = rules(
    rf"(?:upfront|up-front|up front|one-off|one off|one-time|initial(?: investment)?|build|capex|setup)(?: cost)?\s+"
    rf"(?:(?:of|is|at|=|about|around|~)\s+){{0,3}}{money('upfront')}",
    rf"{money('upfront')}\s+(?:upfront|up-front|up front|one-off|one off|one-time|to build|to set up|initial|capex)",
    rf"{money('cost')}\s*(?:a|per|/|each)\s*(?:year|yr|annum)\s+(?:to\s+)?(?:run|operate|maintain|keep)",
    rf"(?:running|operating|run|annual|yearly|ongoing|maintenance|opex)\s+(?:costs?|spend)\s+"
    rf"(?:(?:of|is|at|=|about|~)\s+){{0,3}}{money('cost')}",
    rf"{_BENEFIT_VERB}{APPROX}{money('benefit')}",
    rf"{money('benefit')}{_BENEFIT_NOUN}",
    rf"(?:costs?|spend\w*)\s+(?:us\s+)?{money('cost')}",
    r"(?:over|for|across|within)\s+(?:the next\s+)?(?P<years>\d{1,2})\s+years?\b",
    r"(?<![\d.,])(?P<years>\d{1,2})[- ]years?\s+(?:horizon|period|window|plan|case|npv)",
    rf"(?P<rate>{PERCENT})\s*(?:discount|hurdle|wacc|cost of capital|rate)",
    rf"(?:discount(?:ed|ing)?|hurdle|wacc|cost of capital)(?: rate)?\s+(?:(?:of|at|is|=)\s+)?(?P<rate>{PERCENT})",
)
_HEAD = r"(?:each|apiece|per (?:head|person|engineer|fte|hire)|a (?:head|person)|an engineer)"
_TEAM = rules(
    r"from\s+(?P<current>\d{1,6})\s+(?:[a-z-]+\s+){0,2}?to\s+(?P<target>\d{1,6})(?!\d|[.,]\d|\s?(?:%|k\b|m\b|x\b))"
    rf"(?:\s+(?:[a-z-]+\s+){{0,2}}?(?:at|@)\s+{APPROX}{money('cost_per_head')})?",
    rf"(?:at|@)\s+{APPROX}{money('cost_per_head')}\s*{_HEAD}",
    rf"{money('cost_per_head')}\s+{_HEAD}",
    rf"(?:cost per (?:head|person|engineer)|loaded cost|salary)\s+(?:(?:of|is|=)\s+)?{money('cost_per_head')}",
)
_CI = rules(
    rf"(?P<confidence>{PERCENT})\s*(?:confidence|confident|conf\b|ci\b|interval|level)",
    rf"(?:confidence|conf)(?: level)?\s+(?:(?:of|at|is|=|level)\s+){{0,3}}(?P<confidence>{PERCENT})",
    rf"(?P<correct>{COUNT})\s*(?:out of|/)\s*(?P<n>{COUNT})",
    rf"(?P<correct>{COUNT})\s+of\s+(?P<n>{COUNT})\s+(?:\w+\s+)?(?:correct|right|passed|accurate)",
    rf"(?P<accuracy>{PERCENT})\s*(?:accuracy|accurate|acc\b|correct|pass rate|precision|recall|score|success)",
    r"(?:accuracy|acc|pass rate|score|precision|recall)\s+(?:(?:of|is|was|=|at|around|about|~)\s+){0,3}"
    rf"(?P<accuracy>{PERCENT})",
    rf"(?P<accuracy>{PERCENT})(?=\s+(?:on|over|across|from|with|using|in)\s+(?:an?\s+|the\s+)?"
    r"(?:sample of\s+|set of\s+|test set of\s+)?\d)",
    rf"(?P<n>{COUNT})\s+{_SAMPLES}",
    rf"\b(?:n\s*=\s*|sample size (?:of\s+)?)(?P<n>{COUNT})",
)
_RULES = MappingProxyType({"roi": _ROI, "npv": _NPV, "team-cost": _TEAM, "confidence-interval": _CI})


def extract_inputs(calculator_id: str, text: str) -> dict[str, str]:
    """The inputs of `calculator_id` that `text` states clearly, as typed (possibly none)."""
    return dict(_extract(calculator_id, prepare(text)))


# A sentence stating a calculation is read by `detect_calculation` and then again by the
# handler (or template) that answers it: the second reading is this cache's.
@lru_cache(maxsize=64)
def _extract(calculator_id: str, prepared: str) -> tuple[tuple[str, str], ...]:
    ordered = _RULES.get(calculator_id)
    if not ordered:
        return ()
    found = collect(prepared, ordered)
    if calculator_id == "roi" and _NPV_CUE.search(prepared):
        found.pop("cost", None)  # a build cost next to a running cost: which is "the" cost is unclear
    return tuple(found.items())


def detect_calculation(text: str) -> str | None:
    """The calculator whose every required input `text` states, if exactly that is clear; else None."""
    if not any(char.isdigit() for char in text):
        return None  # every calculator needs a figure, so most questions stop here, cheaply
    prepared = prepare(text)
    for calculator_id, cue in (("npv", _NPV_CUE), ("team-cost", _TEAM_CUE), ("confidence-interval", None),
                               ("roi", None)):
        if cue is not None and not cue.search(prepared):
            continue
        found = dict(_extract(calculator_id, prepared))
        if found and not missing_inputs(CALCULATORS[calculator_id], found):
            return calculator_id
    return None
