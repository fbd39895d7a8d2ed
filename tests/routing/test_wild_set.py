"""The wild set: real questions, labelled, split by source, and the test half fenced off from the router."""

import hashlib
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import load_knowledge
from evalbot.routing.evaluation import load_labelled
from evalbot.routing.normalise import normalise

WILD_DIR = Path(__file__).with_name("wild")
WILD_SET = WILD_DIR / "wild.yaml"
DEV_SET = Path(__file__).with_name("devset.yaml")
FIELDS = {"text", "intents", "source", "split"}
MIN_ITEMS = 400


def split_key(source: str) -> str:
    """The source address lower-cased, without `#fragment` or `?query`, without a trailing slash."""
    return source.lower().split("#", 1)[0].split("?", 1)[0].rstrip("/")


def expected_split(source: str) -> str:
    """`test` when the SHA-1 of the split key is odd, else `train` (the rule in wild/README.md)."""
    return "test" if int(hashlib.sha1(split_key(source).encode()).hexdigest(), 16) % 2 else "train"


def problems_in(record: object, index: int) -> list[str]:
    """Every schema problem of one record, each naming its field."""
    where = f"item {index}"
    if not isinstance(record, dict):
        return [f"{where}: expected a mapping with {sorted(FIELDS)}, found {type(record).__name__}"]
    problems = [f"{where}: missing field '{name}'" for name in sorted(FIELDS - record.keys())]
    problems += [f"{where}: unknown field '{name}'" for name in sorted(record.keys() - FIELDS)]
    text, intents, source, split = (record.get(name) for name in ("text", "intents", "source", "split"))
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: field 'text' must be non-empty text")
    elif len(text) > 1500:
        problems.append(f"{where}: field 'text' is {len(text)} characters; cut it to the title and the question")
    if not isinstance(intents, list) or not intents or not all(isinstance(i, str) for i in intents):
        problems.append(f"{where}: field 'intents' must be a non-empty list of intent ids, e.g. [negotiation]")
    elif len(set(intents)) != len(intents):
        problems.append(f"{where}: field 'intents' repeats an id: {intents}")
    elif OUT_OF_SCOPE in intents and intents != [OUT_OF_SCOPE]:
        problems.append(f"{where}: field 'intents' mixes out-of-scope with intents: {intents}")
    if not isinstance(source, str) or not source.startswith(("https://", "http://")):
        problems.append(f"{where}: field 'source' must be the question's web address, e.g. https://github.com/o/r/issues/1")
    if split not in {"train", "test"}:
        problems.append(f"{where}: field 'split' must be train or test, found {split!r}")
    return problems


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return yaml.safe_load(WILD_SET.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_every_record_fits_the_schema(records):
    """A YAML list of {text, intents, source, split} records, each field of the right kind."""
    assert isinstance(records, list)
    problems = [problem for index, record in enumerate(records, start=1) for problem in problems_in(record, index)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        ("just a string", "expected a mapping"),
        ({"text": "q", "intents": ["roi"], "source": "https://x.org/1"}, "missing field 'split'"),
        ({"text": " ", "intents": ["roi"], "source": "https://x.org/1", "split": "test"}, "field 'text'"),
        ({"text": "q", "intents": "roi", "source": "https://x.org/1", "split": "test"}, "field 'intents'"),
        ({"text": "q", "intents": [OUT_OF_SCOPE, "roi"], "source": "https://x.org/1", "split": "test"}, "mixes out-of-scope"),
        ({"text": "q", "intents": ["roi"], "source": "x.org/1", "split": "test"}, "field 'source'"),
        ({"text": "q", "intents": ["roi"], "source": "https://x.org/1", "split": "dev"}, "field 'split'"),
        ({"text": "q", "intents": ["roi"], "source": "https://x.org/1", "split": "test", "intent": "roi"}, "unknown field 'intent'"),
    ],
)
def test_schema_check_names_the_field_at_fault(record, fragment):
    """A malformed record is reported with the field at fault (so the schema test can fail)."""
    assert any(fragment in problem for problem in problems_in(record, 1))


def test_every_label_is_a_knowledge_base_intent(records, knowledge):
    """Each label is out-of-scope or an intent the shipped knowledge base answers."""
    known = set(knowledge.spec_ids) & set(knowledge.entries)
    unknown = {intent for record in records for intent in record["intents"] if intent != OUT_OF_SCOPE} - known
    assert not unknown, f"labels the knowledge base does not know: {sorted(unknown)}"


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("https://Example.com/Q/1/", "https://example.com/q/1"),
        ("https://news.example.com/item?id=5#c7", "https://news.example.com/item"),
        ("https://github.com/o/r/issues/3#issuecomment-9", "https://github.com/o/r/issues/3"),
    ],
)
def test_split_key_drops_case_query_fragment_and_slash(source, key):
    """The split key lower-cases and drops ?query, #fragment and a trailing slash."""
    assert split_key(source) == key


def test_split_follows_the_hash_rule(records):
    """Every record's split is the SHA-1 parity of its source's key."""
    wrong = [(record["source"], record["split"]) for record in records if record["split"] != expected_split(record["source"])]
    assert not wrong, f"split disagrees with the rule for: {wrong[:10]}"


def test_no_source_lands_in_both_halves(records):
    """All questions from one source address are in the same half."""
    halves = defaultdict(set)
    for record in records:
        halves[split_key(record["source"])].add(record["split"])
    assert not [key for key, seen in halves.items() if len(seen) > 1]


def test_no_duplicate_texts(records):
    """No question appears twice, even differing only in case, spacing or markup."""
    seen: dict[str, str] = {}
    duplicates = []
    for record in records:
        key = normalise(record["text"])
        if key in seen:
            duplicates.append((seen[key], record["source"]))
        seen[key] = record["source"]
    assert not duplicates


def test_size_and_balance(records):
    """At least MIN_ITEMS questions; each half holds both in-scope and out-of-scope ones."""
    assert len(records) >= MIN_ITEMS
    for half in ("train", "test"):
        labels = [record["intents"] for record in records if record["split"] == half]
        assert any(intents == [OUT_OF_SCOPE] for intents in labels), f"{half} half has no out-of-scope item"
        assert any(intents != [OUT_OF_SCOPE] for intents in labels), f"{half} half has no in-scope item"


def test_test_half_never_teaches_the_router(records, knowledge):
    """No test-half question is an indexed phrasing, keyword or title, a negative, or a dev-set message."""
    taught = {normalise(text) for entry in knowledge.entries.values() for text in (*entry.examples, *entry.keywords, entry.title)}
    taught |= {normalise(item["text"]) for item in yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))}
    leaked = [record["text"][:80] for record in records if record["split"] == "test" and normalise(record["text"]) in taught]
    assert not leaked, f"test-half questions found in the knowledge base or dev set: {leaked}"


def test_test_half_never_reaches_the_router_or_its_training(records, brain):
    """The built router embeds no test-half question, and the trainer's wild data is the training half alone."""
    from evalbot.routing.wild import training_half

    test_half = {normalise(record["text"]) for record in records if record["split"] == "test"}
    learnt = training_half(WILD_SET)
    assert learnt and all(item.split == "train" for item in learnt)
    assert len(learnt) == sum(record["split"] == "train" for record in records)
    assert not test_half & {normalise(item.text) for item in learnt}
    written = Path(__file__).parent / "written"
    taught = {normalise(item.text) for path in written.glob("*.yaml") for item in load_labelled(path)}
    assert taught, "the written training questions are missing"
    assert not test_half & taught
    assert not test_half & set(brain.matcher.phrasing_texts)
