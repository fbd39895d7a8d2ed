"""Choosing one input per figure: the assignment that uses the most figures, then the strongest cues."""

from itertools import product

from evalbot.inputs.edges import Edge

# The strongest few candidates per input are searched: enough for any real sentence, and the
# search stays small (at most 6 choices for each of 5 inputs) for a hostile one.
_SEARCH_LIMIT = 5


def best_assignment(edges: list[Edge]) -> list[Edge]:
    """The edges giving the most figures an input, then the highest total score; one per field, figure and cue."""
    by_field: dict[str, list[Edge]] = {}
    for edge in sorted(edges, key=lambda e: -e.score):
        options = by_field.setdefault(edge.field, [])
        if len(options) < _SEARCH_LIMIT:
            options.append(edge)
    fields = list(by_field)
    best: tuple[int, float] = (-1, 0.0)
    chosen: list[Edge] = []
    for combo in product(*[[None, *by_field[name]] for name in fields]):
        picked = [edge for edge in combo if edge is not None]
        figures = {edge.figure for edge in picked}
        cues = [edge.cue for edge in picked if edge.cue is not None]
        if len(figures) != len(picked) or len(set(cues)) != len(cues):
            continue
        rank = (len(picked), sum(edge.score for edge in picked))
        if rank > best:
            best, chosen = rank, picked
    return chosen
