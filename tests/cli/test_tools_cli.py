"""Calculators, checklists and templates through `evalbot ask`, exactly as the acceptance tests drive it.

One `python -m evalbot ask --json` process answers every message on stdin (one JSON
object per line, in order), so the whole catalogue is exercised in a single run.
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

from evalbot.knowledge_base.locate import shipped_knowledge_dir

SPEC = yaml.safe_load((shipped_knowledge_dir() / "intents.yaml").read_text())
CHECKLISTS = [item["id"] for item in SPEC["checklists"]]
TEMPLATES = [item["id"] for item in SPEC["templates"]]
FILLED = {
    "template:budget-pitch": "cost=2M incidents=10 incident_cost=1M",
    "template:board-pitch": 'cost=1.5M benefit=10M tests_for="fairness, safety and performance"',
    "template:exec-update": 'evals_per_month=500 upfront=500K cost=100K benefit=5M ask="approve the Q3 budget"',
    "template:monthly-update": 'period=March wins="shipped the fairness eval" risks="annotation backlog"',
    "template:early-warning": 'risk="launch may slip" likelihood="1 in 3" impact="four weeks"',
    "template:promotion-case": 'role="VP of AI Quality" impact="saved $9M this year"',
    "template:scaling-proposal": 'current=8 target=15 cost_per_head=143K reason="more models than we can test"',
    "template:eval-result": 'metric="support bot accuracy" accuracy=92% n=500 confidence=90%',
}
GUIDE_CHECKS = {
    "roi cost=2M incidents=10 incident_cost=1M": ("roi", {"Annual benefit": "$10M", "ROI (benefit-to-cost)": "5.0x"}),
    "roi cost=1.5M benefit=10M": ("roi", {"ROI (benefit-to-cost)": "6.7x"}),
    "npv upfront=500K cost=100K benefit=5M years=3 rate=10%": ("npv", {"NPV": "$11.69M"}),
    "team-cost current=8 target=15 cost_per_head=143K": ("team-cost", {"Added annual cost": "$1.0M"}),
    "ci accuracy=92% n=500 confidence=90%": ("confidence-interval", {"Confidence interval": "89.8%-93.8%"}),
    "we spend 2M and prevent 10 incidents at 1M each": ("roi", {"Annual benefit": "$10M", "ROI (benefit-to-cost)": "5.0x"}),
    "if eval costs 2 million and prevents 12 incidents at 800k each, is it worth it?":
        ("roi", {"ROI (benefit-to-cost)": "4.8x"}),
}
BAD = {
    "roi cost=banana benefit=10M": ("roi", "cost"),
    "roi cost=0 benefit=10M": ("roi", "cost"),
    "roi cost=-5M benefit=10M": ("roi", "cost"),
    "roi cost=1e400 benefit=10M": ("roi", "cost"),
    "ci accuracy=140% n=500": ("confidence-interval", "accuracy"),
    "ci accuracy=92% n=0": ("confidence-interval", "n"),
    "npv cost=100K benefit=5M years=5000": ("npv", "years"),
}


def _short(intent_id: str) -> str:
    return intent_id.partition(":")[2]


MESSAGES = [
    *(f"checklist {_short(c)}" for c in CHECKLISTS),
    *(f"template {_short(t)}" for t in TEMPLATES),
    *(f"template {_short(t)} {FILLED[t]}" for t in TEMPLATES),
    *GUIDE_CHECKS,
    *BAD,
]


@pytest.fixture(scope="module")
def answers() -> dict[str, dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "EVALBOT_"))}
    result = subprocess.run([sys.executable, "-m", "evalbot", "ask", "--json"], input="\n".join(MESSAGES).encode(),
                            capture_output=True, env=env, timeout=120, check=True)
    lines = result.stdout.decode().splitlines()
    assert len(lines) == len(MESSAGES)
    return dict(zip(MESSAGES, map(json.loads, lines)))


def _facts(payload: dict) -> dict[str, str]:
    return {f["label"]: f["value"] for f in payload["reply"].get("facts", [])}


@pytest.mark.parametrize("checklist", CHECKLISTS)
def test_every_checklist_renders(answers, checklist):
    """`evalbot ask "checklist NAME"` gives that checklist: items, citation, a ☐ per item in the blocks."""
    payload = answers[f"checklist {_short(checklist)}"]
    assert (payload["intent"], payload["kind"]) == (checklist, "checklist")
    items = payload["reply"]["items"]
    assert len(items) >= 3 and str(payload["blocks"]).count("☐") == len(items)
    assert payload["reply"]["citation"].startswith("From the guide")


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_renders_without_input(answers, template):
    """`evalbot ask "template NAME"` gives a draft whose gaps are visible `[placeholders]`."""
    payload = answers[f"template {_short(template)}"]
    assert (payload["intent"], payload["kind"]) == (template, "template")
    assert "[" in payload["reply"]["draft"] and "```" in str(payload["blocks"])


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_renders_with_input(answers, template):
    """With inputs, their values appear in the draft (calculator templates also carry the figures)."""
    payload = answers[f"template {_short(template)} {FILLED[template]}"]
    assert (payload["intent"], payload["kind"]) == (template, "template")
    draft = payload["reply"]["draft"]
    first_value = FILLED[template].split("=", 2)[1].split(" ")[0].strip('"')
    assert first_value.rstrip("KM") in draft or template == "template:budget-pitch"
    if template in ("template:budget-pitch", "template:board-pitch", "template:scaling-proposal",
                    "template:eval-result", "template:exec-update"):
        assert _facts(payload)


@pytest.mark.parametrize("text", list(GUIDE_CHECKS))
def test_guide_checks(answers, text):
    """`evalbot ask --json` reproduces every guide check, from key=value input and from sentences."""
    intent, expected = GUIDE_CHECKS[text]
    payload = answers[text]
    assert (payload["intent"], payload["kind"]) == (intent, "calculator")
    assert expected.items() <= _facts(payload).items()


@pytest.mark.parametrize("text", list(BAD))
def test_bad_input_gets_a_clear_error(answers, text):
    """Bad input: an error naming the field, saying what is wrong, with an example command."""
    intent, field = BAD[text]
    payload = answers[text]
    assert (payload["intent"], payload["kind"]) == (intent, "error")
    assert f"`{field}`" in payload["text"] and "For example" in str(payload["blocks"])
    assert "Traceback" not in json.dumps(payload) and "nan" not in payload["text"].lower().split()


def test_guide_check_as_a_single_argument():
    """The documented form `evalbot ask --json "roi ..."` works as a one-off command too."""
    result = subprocess.run([sys.executable, "-m", "evalbot", "ask", "--json", "roi cost=2M incidents=10 incident_cost=1M"],
                            capture_output=True, timeout=60, check=True)
    payload = json.loads(result.stdout)
    assert payload["intent"] == "roi" and "5.0x" in str(payload["blocks"])


def test_plain_text_shows_figures_and_draft(capsys):
    """`evalbot ask` (no --json) prints readable figures and the draft between markers."""
    from evalbot.cli import main

    assert main(["ask", "template budget-pitch cost=2M incidents=10 incident_cost=1M"]) == 0
    out = capsys.readouterr().out
    assert "ROI (benefit-to-cost)  5.0x" in out and "--- draft ---" in out and "&lt;" not in out
