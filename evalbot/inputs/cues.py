r"""The cue words of each calculator input: the words people put next to its figure.

`before` cues come before the figure ("spend 2M", "at 8%"), `after` cues follow it ("2M budget",
"5 incidents", "1M each"); `\0` in a cue stands for another figure ("460 out of \0"). A field's
name and aliases are cues too (weight 3), added from the calculator's fields. Fields starting
with `_` are not inputs: they claim figures that belong to no input of this calculator, so those
are named back rather than misread (a build cost is not the ROI's annual cost).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from evalbot.calculators import CALCULATORS

_NOUN = r"(?:incidents?|issues?|outages?|failures?|bugs?|regressions?|problems?|errors?|escapes?|breach(?:es)?|disasters?)"
_PREVENT = r"(?:prevent|avoid|stop|catch|block|eliminat|head(?:ing)? off)\w*"
SAMPLES = (r"(?:samples?|examples?|items?|test cases?|cases?|questions?|prompts?|data ?points?|tests?|records?|rows?|"
            r"inputs?|conversations?|queries|tasks?|instances?|responses?|outputs?|trials?|evals|datapoints?)")
_PEOPLE = r"(?:engineers?|people|heads?|headcount|hires?|ftes?|staff|annotators?|scientists?|persons?|folks|reports)"
_BUILD = (r"upfront|up-front|up front|one-off|one off|one-time|one time|initial(?: investment| cost| build)?|"
          r"build(?:ing)?(?: cost| it| out)?|to build|to set up|setup|set-up|capex|capital")
_RUN = (r"(?:to |a year to )?(?:run|operate|maintain|keep(?: it)? running|keep(?: it)? going)(?: it)?|running(?: costs?)?|"
        r"operating(?: costs?)?|opex|maintenance|upkeep|run ?costs?|ongoing(?: costs?)?|annual (?:run )?costs?|"
        r"running|to run")
_BENEFIT_BEFORE = (r"sav(?:e|es|ed|ing|ings)(?: of)?|gets? back|(?:avoid|prevent|stop)\w* (?:losses|damages?|costs)(?: of| worth)?|"
                   r"(?:losses|damages?) (?:avoided|prevented)(?: of)?|generat\w+|earn\w*|brings? in|unlock\w*|returns?(?! on)|"
                   r"benefits?|(?<!present )value(?:d at)?|worth|payoff|upside|gains?")
_BENEFIT_AFTER = (r"prevented|avoided|back|in return|(?:a year |per year )?back|(?:in |of |a year in |per year in )?(?:annual |yearly |total )?(?:savings?|benefits?|value|saved|gains?|upside|revenue|"
                  rf"returns?|of (?:losses|damage) (?:avoided|prevented)|(?:in |of |worth of )?(?:[a-z]+ )?{_NOUN} "
                  rf"(?:prevented|avoided|caught|stopped|blocked)|(?:in |of |worth of )?(?:losses|damage) "
                  r"(?:avoided|prevented))")


@dataclass(frozen=True, kw_only=True)
class Cue:
    """Words that mark a figure as one input.

    Attributes:
        field: the input's name.
        phrase: a regex (lower-case, whole words).
        side: where the cue stands relative to its figure: "before", "after" or "both".
        weight: how surely the cue names the input; a weak word such as "at" is 1, a clear one 2.
        key: the input's own name or alias, which lets a bare number through ("rate 8").
    """

    field: str
    phrase: str
    side: str = "before"
    weight: float = 2.0
    key: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{self.phrase})(?![\w-])")


def _cue(field: str, before: str | None = None, after: str | None = None, *, weight: float = 2.0) -> list[Cue]:
    return ([Cue(field=field, phrase=before, side="before", weight=weight)] if before else []) + \
           ([Cue(field=field, phrase=after, side="after", weight=weight)] if after else [])


_ROI = [
    *_cue("cost", r"spend\w*|spent|costs?|costing|bill|outlay|expenses?|expenditure|price tag|budget(?:ed| of| is)?|invest\w*|pay(?:s|ing)?|fund\w*|price|"
                  r"program cost|annual cost|cost us|costs us",
          r"(?:(?:eval|evaluation|program|team|annual|yearly|total|quality) ){0,2}(?:budget|spend|investment|cost|"
          r"program)|(?:a year )?(?:on|in|into) (?:eval|evals|evaluation|the (?:eval )?(?:team|program))|to run"),
    *_cue("benefit", _BENEFIT_BEFORE + r"|" + _PREVENT + r"(?= (?:about |around |over |~ ?)?\0)", _BENEFIT_AFTER),
    *_cue("incidents", _PREVENT, None, weight=1.5),
    *_cue("incidents", _NOUN + r"(?: prevented| avoided| a year| per year)?", None, weight=1.2),
    *_cue("incidents", None, rf"(?:[a-z]+ ){{0,2}}?{_NOUN}(?: prevented| avoided| caught| stopped| blocked)?|of them|"
                             r"a year prevented"),
    *_cue("incident_cost", rf"(?:each|every|per|an?|one|single|the|average|typical) (?:[a-z]+ )?{_NOUN} "
                           r"(?:costs?|is worth|would cost|runs|=|is|at)(?: us)?|cost per (?:incident|issue|outage)|"
                           r"per[- ](?:incident|issue|outage)(?: cost)?|each (?:costing|worth|at|valued at)|each",
          r"each|apiece|a piece|a pop|per (?:incident|issue|outage|failure|bug|one|pop|event)|"
          rf"an? {_NOUN}|for each(?: one)?", weight=2.0),
    *_cue("incident_cost", r"costing|worth|at|@", weight=1.0),
    *_cue("incident_cost", rf"{_NOUN} (?:worth|costing|at|valued at)", weight=2.5),
    *_cue("cost", r"(?:return|roi) (?:on|of|for)|fund(?:ing)? (?:eval|evals|evaluation|it)(?: at)?|runs?|comes? to|"
                  r"totals?|totalling"),
    *_cue("cost", r"on", weight=1.0),
    *_cue("_build", None, _BUILD),
    *_cue("_build", r"upfront|up-front|one-off|one-time|to build|build cost|initial investment|capex"),
]
_NOW = r"now|today|up ?front|at the start|in year 0|on day one|immediately"
_NPV = [
    *_cue("upfront", rf"{_BUILD}|(?:spend|cost|invest)\w* (?:upfront|up front|initially|to build)",
          rf"{_BUILD}|(?:[a-z]+ )?(?:build|setup|to build|to set up|implementation|one-off)"),
    *_cue("upfront", None, rf"(?:spent |invested |paid |out )?(?:{_NOW})", weight=2.6),
    *_cue("cost", rf"{_RUN}|costs?|spend\w*",
          rf"(?:a year |per year |annually )?{_RUN}|(?:in )?(?:running |operating |annual |yearly )?costs?"),
    *_cue("benefit", _BENEFIT_BEFORE + r"|" + _PREVENT, _BENEFIT_AFTER),
    *_cue("years", r"over|for|across|within|horizon(?: of)?|period of|lasting|life(?:time)? of|next", r"horizon"),
    *_cue("rate", r"discount(?:ed|ing)?(?: rate)?(?: of)?(?: at)?|hurdle(?: rate)?|wacc|cost of capital|rate",
          r"discount(?: rate)?|hurdle(?: rate)?|rate|wacc|cost of capital"),
    *_cue("rate", r"at|@", weight=1.0),
]
_TEAM = [
    *_cue("current", r"from|have|(?:a )?team (?:of|is|has)|team|currently|today|now|we're|we are|current(?:ly)?(?: team| headcount)?(?: of| is)?|"
                     r"existing(?: team)?|start(?:ing)? (?:at|with)",
          rf"(?:{_PEOPLE} )?(?:today|now|currently|at the moment|right now|on the team)|existing|current"),
    *_cue("target", r"to", weight=1.5),
    *_cue("target", r"->|=>|\u2192"),
    *_cue("target", r"grow(?:ing)? to|reach|want|need|plan for|aim for|hire up to|scale(?: up)? to|expand(?:ing)? to|target(?: of| is)?|"
                    r"goal(?: of| is)?|up to|become|end up (?:with|at)",
          rf"(?:{_PEOPLE} )?(?:next year|by year end|by the end of the year|target|in a year|planned|eventually)"),
    *_cue("cost_per_head", r"at|@|costs?|salary(?: of)?|loaded cost(?: of)?|cost per (?:head|person|engineer)|"
                           r"per (?:head|person|engineer|fte)|each (?:costs?|at)|paid",
          r"each|apiece|per (?:head|person|engineer|fte|hire|year each)|a (?:head|person|year each)|an engineer|"
          r"(?:fully )?loaded|per|all[- ]in"),
    *_cue("current", None, _PEOPLE, weight=1.0),
]
_CI = [
    *_cue("failures", r"failed|got wrong|missed|wrong on",
          r"(?:(?:were|was) (?:answered|marked|judged|graded) (?:incorrectly|wrong))|(?:[a-z]+ )?(?:failures?|errors?|fails|failed|wrong|incorrect|misses|missed|bad(?: answers?)?|mistakes?|"
          r"violations?|incidents?|(?:unsafe|harmful) (?:answers?|outputs?|responses?))"
          r"(?! (?:costing|cost|costs|at|worth|each|a year|per year|prevented|avoided))", weight=2.6),
    *_cue("cluster_size", r"(?:groups?|clusters?|batches|sets?) of|cluster size(?: of| is)?|clustered in(?:to)? (?:groups?|sets?) of",
          r"(?:[a-z]+ )?(?:per|each|a|an) (?:document|doc|conversation|task|cluster|group|passage|article|user|"
          r"dialogue|session|scenario|topic|prompt)", weight=2.6),
    *_cue("icc", r"icc(?: of| is| =)?|intra-?cluster correlation(?: of| is)?|(?:within-cluster )?correlation(?: of| is)?|rho",
          r"icc|intra-?cluster correlation|correlation", weight=2.8),
    *_cue("design_effect", r"design effect(?: of| is)?|deff(?: of| is)?", r"design effect|deff", weight=2.8),
    *_cue("confidence", r"confidence(?: level)?(?: of| at| is)?|conf|confident|level of", r"confidence|confident|"
          r"conf|(?:ci|interval|level|sure)(?![\w-])", weight=2.5),
    *_cue("confidence", r"at|with|@", weight=1.0),
    *_cue("accuracy", r"accuracy(?: of| is| was| at)?|acc|accurate|scor(?:ed|es|e|ing)|got|hit|pass rate|passed|"
                      r"precision|recall|success rate|measured|came in at|f1",
          r"accuracy|accurate|acc|correct|right|pass(?:ed)?(?: rate)?|precision|recall|score|success|on the eval"),
    *_cue("correct", r"got|passed|scored|answered|solved|(?:correct|right)(?: on| in)?",
          r"(?:\w+ )?(?:right|correct(?:ly)?|passed|pass|succeeded|successes|accurate)|out of \0|of \0|/\0|"
          r"(?:right |correct )out of \0"),
    *_cue("n", r"\0 (?:right |correct )?(?:out )?of|\0/|n|on|across|over|from|with|out of|sample(?: size)? of|"
               r"sample size|samples|tested|evaluated",
          rf"(?:[a-z]+ ){{0,2}}?{SAMPLES}|(?:total|in total|held[- ]out)", weight=2.0),
]


# An investment for IRR and payback: what it costs now, what it saves a year, for how long.
_INVESTMENT = [
    *_cue("upfront", rf"{_BUILD}|(?:spend|cost|invest)\w*(?: upfront| up front| initially| to build)?|outlay(?: of)?|"
                     r"investment(?: of)?|put(?:ting)? in|(?:payback|pay back)(?: period)? (?:on|of)|(?:a|an) (?=\0 (?:build|project|investment|tool|platform|system))|for",
          rf"{_BUILD}|(?:spent |invested |paid |out )?(?:{_NOW})|(?:[a-z]+ )?(?:build|project|investment|setup|implementation|tool|platform|system|"
          r"one-off|upfront cost)", weight=2.5),
    *_cue("cost", _RUN, rf"(?:a year |per year |annually )?{_RUN}"),
    *_cue("upfront", r"pay(?:s|ing)? back|recoup\w*|recover\w*|earn\w* back|make back|paid off",
          r"pays? (?:it|itself )?back|pays? for itself|is paid (?:off|back)", weight=2.2),
    *_cue("benefit", _BENEFIT_BEFORE + r"|" + _PREVENT + r"|returns?|returning|yielding|producing|bringing in|"
                     r"brings? in|brings? back|bringing back|(?:cash )?inflows? of|saves?|saving|pays? (?:back|out)|"
                     r"paying (?:back|out)", _BENEFIT_AFTER),
    *_cue("years", r"over|for|across|within|horizon(?: of)?|period of|lasting|life(?:time)? of|next", r"horizon"),
    *_cue("rate", r"discount(?:ed|ing)?(?: rate)?(?: of)?(?: at)?|hurdle(?: rate)?(?: of| is)?|wacc|cost of capital"
                  r"(?: of| is)?|rate", r"discount(?: rate)?|hurdle(?: rate)?|rate|wacc|cost of capital"),
    *_cue("rate", r"at|@", weight=1.0),
]
_CONFIDENCE = _cue("confidence", r"confidence(?: level)?(?: of| at| is)?|conf|confident|level of",
                   r"confidence|confident|conf|(?:ci|interval|level|sure)(?![\w-])", weight=2.5)
_SAMPLE_SIZE = [
    *_CONFIDENCE,
    *_cue("margin", r"(?:\+/-|±|\+-|plus or minus|within|margin(?: of error)?(?: of| is| at| under| to| below)?|"
                    r"under|below|half[- ]width(?: of)?|precision of|narrower than|tighter than|at most|"
                    r"interval (?:of|under|below|within|to))",
          r"(?:margin(?: of error)?|either way|wide|half[- ]width|precision|error)", weight=2.2),
    *_cue("difference", r"detect(?:ing)?(?: an?)?|difference of|drop of|gap of|change of|lift of|improvement of|"
                        r"regression of|delta of|decrease of|increase of|mde of|spot(?: an?)?|catch(?: an?)?|"
                        r"tell apart(?: an?)?|distinguish(?: an?)?|see(?: an?)?",
          r"(?:[a-z]+ )?(?:drop|difference|change|lift|improvement|gain|regression|gap|delta|decrease|increase|"
          r"shift|effect|degradation|uplift|swing)", weight=2.4),
    *_cue("accuracy", r"at|around|about|near|expect(?:ed|ing)?|accuracy(?: of| is| around| near)?|baseline(?: of| is)?|"
                      r"currently|today|from|scor(?:e|es|ing)|pass rate(?: of| is)?",
          r"accuracy|baseline|accurate|pass rate|correct|today|now|currently", weight=1.5),
    *_cue("power", r"power(?: of| at)?", r"power|of the time", weight=2.5),
    *_cue("power", r"with", weight=1.0),
    *_cue("n", r"only have|have|afford|budget(?: of| for)?|capacity for|limited to|only|with",
          rf"(?:[a-z]+ )?{SAMPLES}", weight=1.5),
]
_COMPARE = [
    *_CONFIDENCE,
    *_cue("fixed", r"fixe[sd]|fixing|improved|gained|wins?|newly (?:correct|right|passing)|flipped to (?:correct|right|pass)",
          r"(?:[a-z]+ )?(?:fixed|improved|gained|wins?|newly (?:correct|right|passing)|now (?:pass|right|correct)\w*|"
          r"flipped (?:to )?(?:correct|right|pass)\w*|(?:went )?(?:from )?wrong to right|better)", weight=2.5),
    *_cue("broke", r"broke|broken|breaks|regressed|lost|regressions?|losses|newly (?:wrong|failing)|flipped to (?:wrong|fail)",
          r"(?:[a-z]+ )?(?:broke|broken|regressed|regressions?|lost|losses|newly (?:wrong|failing)|now fail\w*|"
          r"flipped (?:to )?(?:wrong|fail)\w*|(?:went )?(?:from )?right to wrong|worse)", weight=2.5),
    *_cue("n", r"same|shared|identical|all|out of(?: the)?|of the|both (?:on|ran on)|on|across",
          rf"(?:[a-z]+ )?{SAMPLES}(?: in common| shared)?|total", weight=2.0),
]


def _keys(calculator_id: str) -> list[Cue]:
    """The field names and aliases of a calculator as strong cues before a figure ("rate 8%", "years 5")."""
    cues = []
    for spec in CALCULATORS[calculator_id].fields:
        for key in (spec.name, *spec.aliases):
            if len(key) > 1 or key == "n":
                phrase = re.escape(key).replace("_", "[ _]")
                cues.append(Cue(field=spec.name, phrase=phrase, weight=3.0, key=True))
    return cues


CUES: Mapping[str, tuple[Cue, ...]] = MappingProxyType({
    "roi": (*_ROI, *_keys("roi")),
    "npv": (*_NPV, *_keys("npv")),
    "team-cost": (*_TEAM, *_keys("team-cost")),
    "confidence-interval": (*_CI, *_keys("confidence-interval")),
    "irr": (*_INVESTMENT, *_keys("irr")),
    "payback": (*_INVESTMENT, *_keys("payback")),
    "sample-size": (*_SAMPLE_SIZE, *_keys("sample-size")),
    "compare": (*_COMPARE, *_keys("compare")),
})
# The input a figure of some kind goes to when no cue names it: only where exactly one input takes that kind.
FALLBACK: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "npv": MappingProxyType({"percent": "rate", "years": "years"}),
    "confidence-interval": MappingProxyType({"percent": "accuracy"}),
    "irr": MappingProxyType({"percent": "rate", "years": "years"}),
    "payback": MappingProxyType({"percent": "rate", "years": "years"}),
})

# What a count input counts. A bare number right after another noun counts that instead:
# "have 12 models" is not a headcount, "prevented across 4 teams" is not 4 incidents.
COUNTED: Mapping[str, re.Pattern[str]] = MappingProxyType({
    "current": re.compile(_PEOPLE), "target": re.compile(_PEOPLE), "incidents": re.compile(_NOUN),
})
