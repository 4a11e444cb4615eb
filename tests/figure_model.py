"""Rules or a learned model: which figures the reader should keep (`make figures-model`, issue 8).

The reader gives every figure a confidence, the product of the scores of the rules that decided its
category, period and place (transform/figures/confidence.py), and holds back those below
`THRESHOLD`. Issue 8 asks whether a small model learned from the dev folds decides better than
those scored rules, measured across folds. This compares, fold by fold (train on four folds, test on
the fifth, with the split of tests/figure_folds.py):

* (a) rules: keep a figure when its confidence >= THRESHOLD (what ships);
* (b) model: an L2 logistic regression over explicit features of each figure (the evidence rules,
  metric, unit, kind, period granularity, qualifier, the confidence itself, flags read from the
  figure's own quote), trained on whether each figure of the four training folds matches a gold
  figure, and keeping a figure when its probability >= 0.5;
* (b') the same model with its ridge and threshold chosen on the training folds only (inner folds);
* (c) keep all (threshold 0): the upper bound on recall of any keep/drop decision.

Scores use the shared evaluator's own matching (../shared/eval/figures_eval.py), so recall counts
the gold figures matched by kept figures exactly as `make figures-folds` does. Figures the
evaluator never scores (other units, other places, absolute money changes) are left out of both
training and scoring: no decision about them changes a score. Nothing is written at run time and
no passage enters the project.

    python -m tests.figure_model            # the per-fold table and the verdict
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from types import ModuleType

import numpy as np

from flows.news_input import figures_in_input
from tests.figure_folds import EVALUATOR, FOLDS, fold_of, load_corpus
from transform.figures.confidence import THRESHOLD

L2 = 1.0  # the ridge on the weights (not the intercept), in units of one training figure's log-loss
PROBABILITY = 0.5
L2_GRID = (0.1, 1.0, 10.0)  # (b') chooses its ridge and threshold among these on the training folds
THRESHOLD_GRID = tuple(t / 20 for t in range(1, 20))


def evaluator() -> ModuleType:
    """The shared evaluator as a module, so that its matching is used rather than a copy of it."""
    spec = importlib.util.spec_from_file_location("figures_eval", EVALUATOR)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load the shared evaluator from {EVALUATOR}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- what a figure looks like to the model ----------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
# Flags read from the figure's own sentence: words that the issue names as signs of a figure that is
# not a statistic of the series, or of a decision taken far from the number.
_FLAGS = {
    "share_word": re.compile(r"account(?:s|ed|ing)? for|proportion|share of|佔|占|其中|當中", re.I),
    "example_list": re.compile(r"such as|including|例如|包括|等", re.I),
    "anaphor": re.compile(
        r"\bsuch (?:cases|crimes|complaints)|\bthese\b|\bthe figure\b|該|有關|這類|这类", re.I
    ),
    "single_victim": re.compile(r"\ba (?:\d+-year-old )?(?:woman|man|victim)\b|一名|男子|女子|事主", re.I),
    "other_place": re.compile(r"Macao|Macau|Taiwan|Singapore|Mainland|澳門|本澳|台灣|臺灣|新加坡|內地", re.I),
    "centre_or_operation": re.compile(r"centre|center|operation|intercept|中心|行動|攔截|堵截", re.I),
    "comparison_word": re.compile(r"compared|than|against|較|比|同期", re.I),
}


def _granularity(fig: dict) -> str:
    label = fig.get("period") or ""
    if not label:
        return "none"
    if "/" in label:
        return "span"
    for suffix, name in (("-H", "half"), ("-Q", "quarter")):
        if suffix in label:
            return name
    return "month" if re.fullmatch(r"\d{4}-\d{2}", label) else "year"


def features(fig: dict) -> dict[str, float]:
    """Named features of one figure (a Figure.to_dict()): one-hots, flags and two numbers.

    Only the figure's own fields and quote: no passage id, no position in the passage, nothing that
    could pick out the passage it came from."""
    ev = fig.get("evidence") or {}
    quote = fig.get("quote") or ""
    out: dict[str, float] = {
        f"category_rule={ev.get('category_rule', '?')}": 1.0,
        f"period_rule={ev.get('period_rule', '?')}": 1.0,
        f"jurisdiction_rule={ev.get('jurisdiction_rule', '?')}": 1.0,
        f"category={fig.get('category')}": 1.0,
        f"metric={fig.get('metric')}": 1.0,
        f"unit={fig.get('unit')}": 1.0,
        f"kind={fig.get('kind')}": 1.0,
        f"granularity={_granularity(fig)}": 1.0,
        f"qualifier={fig.get('qualifier') or 'exact'}": 1.0,
        f"lang={'ZH' if _CJK.search(quote) else 'EN'}": 1.0,
        "confidence": float(fig.get("confidence") or 0.0),
    }
    if fig.get("kind") != "level":
        out["change"] = 1.0
    if fig.get("compared_with"):
        out["compared_with"] = 1.0
    if ev.get("jurisdiction"):
        out["place_words"] = 1.0
    if len(re.findall(r"\d[\d,.]*", quote)) >= 4:
        out["many_numbers"] = 1.0
    out.update({f"flag={name}": 1.0 for name, rx in _FLAGS.items() if rx.search(quote)})
    value = abs(float(fig.get("value") or 0.0))
    if fig.get("kind") == "level":
        out["log10_value"] = math.log10(1.0 + value) / 10.0  # about 0..1 for counts and HK$ amounts
    return out


@dataclass(frozen=True)
class Columns:
    """The feature names seen in training, in a fixed order: the columns of the design matrix."""

    names: tuple[str, ...]

    @classmethod
    def fit(cls, rows: Iterable[dict[str, float]]) -> Columns:
        return cls(tuple(sorted({name for row in rows for name in row})))

    def matrix(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """One row per figure; a feature unseen in training is dropped, as it has no weight."""
        index = {name: j for j, name in enumerate(self.names)}
        x = np.zeros((len(rows), len(self.names)))
        for i, row in enumerate(rows):
            for name, value in row.items():
                if name in index:
                    x[i, index[name]] = value
        return x


# --- the model ----------------------------------------------------------------------------------------


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised logistic regression, by Newton's method.

    Newton from zero weights is deterministic and converges in a handful of steps on a few hundred
    figures; the ridge keeps it finite on separable data and on one-hots seen once."""
    xb = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(xb.shape[1])
    ridge = np.full(xb.shape[1], l2)
    ridge[0] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = _sigmoid(xb @ w)
        grad = xb.T @ (p - y) + ridge * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(ridge) + 1e-9 * np.eye(xb.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """P(the figure matches a gold figure) for each row of x."""
    return _sigmoid(w[0] + x @ w[1:])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


# --- the corpus as scored candidates -------------------------------------------------------------------


@dataclass
class Passage:
    """One dev passage: its fold, the gold figures scored, and the reader's scored figures."""

    fold: int
    want: list[dict]
    found: list[dict]
    labels: list[int]  # 1 when the figure matches a gold figure in the evaluator's one-to-one matching


def _match(ev: ModuleType, want: list[dict], got: list[dict]) -> list[int]:
    """Indices into `got` of the figures matched, by the evaluator's greedy one-to-one matching."""
    left = list(range(len(got)))
    hits = []
    for w in want:
        hit = next((j for j in left if ev.matches(got[j], w)), None)
        if hit is not None:
            left.remove(hit)
            hits.append(hit)
    return hits


def read_corpus(items: list[dict], ev: ModuleType) -> list[Passage]:
    """Every passage read once by the reader, as `cyberstats figures --json --min-confidence 0` lists them."""
    folds = fold_of(items)
    passages = []
    for item in items:
        found = figures_in_input(item["text"], date.fromisoformat(item["ref_date"]))
        found = [
            f
            for f in found
            if f.get("unit") in ev.UNITS and f.get("jurisdiction") in (None, "HK") and ev.scored(f)
        ]
        want = [w for w in item["expected"] if ev.scored(w)]
        hits = set(_match(ev, want, found))
        labels = [int(j in hits) for j in range(len(found))]
        passages.append(Passage(folds[item["id"]], want, found, labels))
    return passages


@dataclass(frozen=True)
class Score:
    """Counts as the evaluator prints them: gold matched, gold expected, figures kept."""

    matched: int
    expected: int
    kept: int

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.kept if self.kept else 0.0

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.matched + other.matched, self.expected + other.expected, self.kept + other.kept)


def score_kept(ev: ModuleType, passages: Sequence[Passage], keep: Sequence[Sequence[bool]]) -> Score:
    """The evaluator's score when only the figures marked in `keep` (one list per passage) are printed."""
    total = Score(0, 0, 0)
    for passage, marks in zip(passages, keep, strict=True):
        got = [f for f, k in zip(passage.found, marks, strict=True) if k]
        total = total + Score(len(_match(ev, passage.want, got)), len(passage.want), len(got))
    return total


# --- the comparison ---------------------------------------------------------------------------------


Decider = Callable[[list[Passage], list[Passage]], list[list[bool]]]


def rules(train: list[Passage], test: list[Passage]) -> list[list[bool]]:
    """(a) What ships: confidence >= THRESHOLD. Learns nothing from `train`."""
    return [[(f.get("confidence") or 0) >= THRESHOLD for f in p.found] for p in test]


def keep_all(train: list[Passage], test: list[Passage]) -> list[list[bool]]:
    """(c) Every figure: the most any keep/drop decision can recall."""
    return [[True] * len(p.found) for p in test]


def _fit(train: list[Passage], l2: float = L2) -> tuple[Columns, np.ndarray]:
    rows = [features(f) for p in train for f in p.found]
    cols = Columns.fit(rows)
    y = np.array([label for p in train for label in p.labels], dtype=float)
    return cols, fit_logistic(cols.matrix(rows), y, l2)


def _probabilities(cols: Columns, w: np.ndarray, passages: list[Passage]) -> list[np.ndarray]:
    return [predict(w, cols.matrix([features(f) for f in p.found])) for p in passages]


def model(train: list[Passage], test: list[Passage]) -> list[list[bool]]:
    """(b) The logistic regression trained on `train`, keeping P >= 0.5."""
    cols, w = _fit(train)
    return [(pr >= PROBABILITY).tolist() for pr in _probabilities(cols, w, test)]


def model_tuned(train: list[Passage], test: list[Passage], ev: ModuleType) -> list[list[bool]]:
    """(b') The same model with its ridge and threshold those of best F1 on the training folds.

    Each training fold is predicted by a model fitted on the other training folds (inner folds), so
    both are chosen on figures the model did not see; the test fold plays no part. Ties go to the
    ridge and threshold nearest the defaults."""
    inner = sorted({p.fold for p in train})
    held = [p for k in inner for p in train if p.fold == k]
    tried: list[tuple[float, float, float]] = []
    for l2 in L2_GRID:
        probs: list[np.ndarray] = []
        for k in inner:
            cols, w = _fit([p for p in train if p.fold != k], l2)
            probs += _probabilities(cols, w, [p for p in train if p.fold == k])
        for t in THRESHOLD_GRID:
            tried.append((score_kept(ev, held, [(pr >= t).tolist() for pr in probs]).f1, l2, t))
    _, l2, t = max(tried, key=lambda c: (c[0], -abs(math.log10(c[1] / L2)), -abs(c[2] - PROBABILITY)))
    cols, w = _fit(train, l2)
    return [(pr >= t).tolist() for pr in _probabilities(cols, w, test)]


def deciders(ev: ModuleType) -> dict[str, Decider]:
    """The four ways of deciding compared, by name, in the order of the table."""
    return {
        "rules": rules,
        "model": model,
        "model_tuned": lambda tr, te: model_tuned(tr, te, ev),
        "all": keep_all,
    }


def compare(
    passages: list[Passage], ev: ModuleType, chosen: dict[str, Decider] | None = None
) -> dict[str, list[Score]]:
    """Decider name -> its Score on each test fold (0..FOLDS-1), each trained on the other folds."""
    chosen = deciders(ev) if chosen is None else chosen
    out: dict[str, list[Score]] = {name: [] for name in chosen}
    for k in range(FOLDS):
        train = [p for p in passages if p.fold != k]
        test = [p for p in passages if p.fold == k]
        for name, decide in chosen.items():
            out[name].append(score_kept(ev, test, decide(train, test)))
    return out


def _cell(s: Score) -> str:
    return f"{s.recall:.3f} / {s.precision:.3f} / **{s.f1:.3f}** ({s.kept})"


def table(results: dict[str, list[Score]]) -> str:
    """The comparison as a Markdown table (recall / precision / F1 (figures kept)) and a verdict."""
    names = {
        "rules": "(a) rules",
        "model": "(b) LR, P ≥ 0.5",
        "model_tuned": "(b') LR, ridge and threshold from train",
        "all": "(c) keep all",
    }
    head = "| fold | " + " | ".join(names[n] for n in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    for k in range(FOLDS):
        lines.append(f"| {k} | " + " | ".join(_cell(results[n][k]) for n in results) + " |")
    pooled = {n: sum(s, Score(0, 0, 0)) for n, s in results.items()}
    lines.append("| all folds | " + " | ".join(_cell(pooled[n]) for n in results) + " |")
    spread = {n: np.array([s.f1 for s in scores]) for n, scores in results.items()}
    lines.append(
        "| F1 mean ± sd over folds | "
        + " | ".join(f"{v.mean():.3f} ± {v.std():.3f}" for v in spread.values())
        + " |"
    )
    gain = {n: spread[n] - spread["rules"] for n in results}
    lines.append(
        "| F1 minus (a), mean ± sd | – | "
        + " | ".join(f"{gain[n].mean():+.3f} ± {gain[n].std():.3f}" for n in list(results)[1:])
        + " |"
    )
    wins = {n: sum(b.f1 > a.f1 for a, b in zip(results["rules"], results[n], strict=True)) for n in results}
    lines.append(f"| folds with F1 above (a) | – | {' | '.join(str(wins[n]) for n in list(results)[1:])} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.parse_args()
    ev = evaluator()
    passages = read_corpus(load_corpus(), ev)
    n = sum(len(p.found) for p in passages)
    good = sum(sum(p.labels) for p in passages)
    print(
        f"{len(passages)} passages, {n} scored figures read ({good} match gold); "
        f"cells: recall / precision / F1 (figures kept)\n"
    )
    print(table(compare(passages, ev)))


if __name__ == "__main__":
    main()
