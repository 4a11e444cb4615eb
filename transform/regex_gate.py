"""Faster scans with the same matches: a regex gated by the characters its matches can start with.

Python's `re` skips ahead quickly only when a pattern starts with a literal or a character class.
The reader's rules start with optional words, alternations and look-behinds ("(?:the\\s+)?first half",
"(?<![a-z])jan(?:uary)?"), so `re` tries the whole rule at every position of the text. `gated`
works out, from the parsed pattern, every character a match can begin with and puts a look-ahead
for them in front: a position that cannot start a match is refused after one character test.
The look-ahead admits a superset of the real first characters, so the matches are exactly the same.
Patterns whose first character cannot be bounded (".", a negated class, a pattern that can match
the empty string) are returned unchanged, and so are patterns anchored at the start ("^..."), which
`re` already tries at one position only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

_CATEGORY_CLASSES = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


class _Unbounded(Exception):
    """The first character of a match can be anything (or the pattern can match nothing)."""


def _char(code: int, fold: bool) -> str:
    ch = chr(code)
    chars = {ch, ch.lower(), ch.upper()} if fold else {ch}
    return "".join(re.escape(x) for x in sorted(chars))


def _class_items(items: list, fold: bool) -> str:
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(_char(av, fold))
        elif op is c.RANGE and not fold:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORY_CLASSES:
            out.append(_CATEGORY_CLASSES[av])
        else:  # a negated class, a case-folded range, an unknown category: anything may follow
            raise _Unbounded
    return "".join(out)


def _first(items: list, fold: bool) -> tuple[str, bool]:
    """(class text of possible first characters, whether the sequence can match the empty string)."""
    chars = ""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is c.LITERAL:
            return chars + _char(av, fold), False
        if op is c.IN:
            return chars + _class_items(av, fold), False
        if op is c.BRANCH:
            parts = [_first(list(branch), fold) for branch in av[1]]
            chars += "".join(p for p, _ in parts)
            if not any(nullable for _, nullable in parts):
                return chars, False
        elif op is c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            folded = fold or bool(add_flags & re.IGNORECASE and not sub.state.flags & re.IGNORECASE)
            inner, nullable = _first(list(sub), folded)
            chars += inner
            if not nullable:
                return chars, False
        elif op in _REPEATS:
            low, _high, sub = av
            inner, nullable = _first(list(sub), fold)
            chars += inner
            if low > 0 and not nullable:
                return chars, False
        elif op is c.ATOMIC_GROUP:
            inner, nullable = _first(list(av), fold)
            chars += inner
            if not nullable:
                return chars, False
        else:  # ANY, NOT_LITERAL, group references: unbounded
            raise _Unbounded
    return chars, True


def first_char_class(pattern: re.Pattern[str], parsed: sre_parse.SubPattern | None = None) -> str | None:
    """A character class ("[...]") holding every character a match of `pattern` can start with, or
    None when that cannot be bounded.

    `parsed`: the pattern as re's parser reads it, when the caller has it already.
    The class is used with the pattern's own flags, so a global IGNORECASE covers it; only a case-
    insensitive group inside a case-sensitive pattern ("(?i:crime)") has its letters folded here.
    """
    if parsed is None:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    try:
        chars, nullable = _first(list(parsed), False)
    except _Unbounded:
        return None
    return None if nullable or not chars else f"[{chars}]"


def _anchored_at_start(parsed: sre_parse.SubPattern) -> bool:
    items = list(parsed)
    while items and items[0][0] is c.SUBPATTERN:  # "(?:^...)", "(^...)"
        items = list(items[0][1][3])
    while items and items[0][0] is c.BRANCH:  # "^a|^b" only when every branch is anchored
        branches = items[0][1][1]
        return all(_anchored_at_start(branch) for branch in branches)
    return bool(items) and items[0][0] is c.AT and items[0][1] in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)


def gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead for its possible first characters in front (same matches, faster
    scans); unchanged when it starts with a plain literal or class (`re` skips ahead by itself then),
    has global inline flags, or its first character cannot be bounded."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if _anchored_at_start(parsed):
        return pattern  # "^..." is tried at the start only; a look-ahead in front would hide that from re
    items = [item for item in parsed if item[0] not in _ZERO_WIDTH]
    if not items or items[0][0] in (c.LITERAL, c.IN) and len(items) == len(list(parsed)):
        return pattern
    if pattern.pattern.lstrip().startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", pattern.pattern.lstrip()):
        return pattern
    first = first_char_class(pattern, parsed)
    if first is None:
        return pattern
    end = "\n" if pattern.flags & re.VERBOSE else ""  # a trailing "# comment" must not eat the ")"
    return re.compile(f"(?={first})(?:{pattern.pattern}{end})", pattern.flags)


def gated_compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, gated: for the reader's module-level patterns, which scan every
    sentence and the words around every number."""
    return gated(re.compile(source, flags))


# --- the characters a match must hold ------------------------------------------------------------------

_MAX_ALTERNATIVES = 64


def _product(a: list[frozenset[str]], b: list[frozenset[str]]) -> list[frozenset[str]]:
    """A sequence needs one alternative of each part: every union of one of `a` and one of `b`."""
    out = list(dict.fromkeys(x | y for x in a for y in b))
    if len(out) <= _MAX_ALTERNATIVES:
        return out
    # Too many: either part alone is still needed (a match of the sequence holds a match of each).
    bounded = [part for part in (a, b) if all(part) and len(part) <= _MAX_ALTERNATIVES]
    return min(bounded, key=len) if bounded else [frozenset.intersection(*out)]


def _needs(items: list, fold: bool) -> list[frozenset[str]]:
    """Alternatives (any one suffices) of characters a match of `items` must all hold."""
    alts: list[frozenset[str]] = [frozenset()]
    for op, av in items:
        if op is c.LITERAL and not (fold and chr(av).lower() != chr(av).upper()):
            alts = _product(alts, [frozenset(chr(av))])
        elif op is c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            alts = _product(alts, _needs(list(sub), fold or bool(add_flags & re.IGNORECASE)))
        elif op is c.BRANCH:
            either = [alt for branch in av[1] for alt in _needs(list(branch), fold)]
            alts = _product(alts, list(dict.fromkeys(either)))
        elif op in _REPEATS and av[0] > 0:
            alts = _product(alts, _needs(list(av[2]), fold))
        elif op is c.ATOMIC_GROUP:
            alts = _product(alts, _needs(list(av), fold))
        # classes, look-arounds, optional parts and anything else need nothing for sure
    return alts


def required_chars(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of characters, one of which a text must hold in full for `pattern` to match anywhere in it.

    "(?:截至)?\\d+月\\d+日" needs {月, 日}; "今年|this year" needs {今, 年} or {t, h, i, s, y, e, a, r}.
    Letters are left out under IGNORECASE (either case would do). A text holding none of the sets
    cannot match, so a scan of it can be skipped without changing any result; () means "no bound".
    """
    alts = _needs(list(sre_parse.parse(pattern.pattern, pattern.flags)), bool(pattern.flags & re.IGNORECASE))
    return () if any(not alt for alt in alts) else tuple(alts)


def may_match(needs: tuple[frozenset[str], ...], chars: set[str] | frozenset[str]) -> bool:
    """Whether a text holding the characters `chars` can match a pattern with `required_chars` `needs`."""
    return not needs or any(alt <= chars for alt in needs)


ASCII_LOWER = str.maketrans({chr(code): chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})
_ASCII_CAPITALS = re.compile("[A-Z]+")


def ascii_lower(text: str) -> str:
    """`text.translate(ASCII_LOWER)`, faster: `translate` looks every character up in the table
    (a Chinese text is thousands of look-ups), while an ASCII text is lowered by `str.lower` alone
    and another has only its runs of capitals lowered."""
    if text.isascii():
        return text.lower()
    return _ASCII_CAPITALS.sub(lambda m: m.group().lower(), text)


def lowered_source(source: str) -> str:
    """A case-insensitive pattern's source with its ASCII letters lowered, for text lowered the same
    way (`text.translate(ASCII_LOWER)`, which keeps every offset).

    Compiled without IGNORECASE it finds the same spans: `re` cannot use a gate's character class
    to skip ahead when it must fold case at every character, and case folding costs each test.
    Escapes (\\S, \\D, \\B) and group names are kept as written.
    """
    out, i = [], 0
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif source.startswith(("(?P<", "(?P="), i):
            close = source.index(">" if source[i + 3] == "<" else ")", i)
            out.append(source[i : close + 1])
            i = close + 1
        else:
            out.append(source[i].translate(ASCII_LOWER))
            i += 1
    return "".join(out)


# --- the words a match must hold ---------------------------------------------------------------------


def _better(a: list[str], b: list[str]) -> list[str]:
    """Of two bounds on the same match, the one whose shortest word is longer (a longer word is rarer
    in a text), then the one with fewer words."""
    return max(a, b, key=lambda words: (min(map(len, words)), -len(words)))


def _words(items: list) -> list[str]:
    """Words (literal strings), one of which every match of the sequence `items` holds; [""] when
    none is known. Zero-width items consume nothing, so the literals on either side of one are
    written next to each other in the match."""
    best, run = [""], ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if op in _ZERO_WIDTH:
            continue
        best, run = _better(best, [run]), ""
        if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
            best = _better(best, _words(list(av[3])))
        elif op is c.BRANCH:
            either = list(dict.fromkeys(word for branch in av[1] for word in _words(list(branch))))
            if all(either) and len(either) <= _MAX_ALTERNATIVES:
                best = _better(best, either)
        elif op in _REPEATS and av[0] > 0:
            best = _better(best, _words(list(av[2])))
        elif op is c.ATOMIC_GROUP:
            best = _better(best, _words(list(av)))
    return _better(best, [run])


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Words one of which a text must hold for `pattern` to match anywhere in it; () means "no bound".

    A finer gate than `required_chars` where a text holds every letter: an English text holds the
    letters of "half" and "quarter" whether or not it holds either word. "(?:first|second)\\s+half"
    needs "half"; "今年|去年" needs one of the two. A case-insensitive pattern is not bounded (a word
    may be written in either case, and `re` folds more than ASCII).
    """
    if pattern.flags & re.IGNORECASE:
        return ()
    words = _words(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not all(words):
        return ()
    # a text holding 今年 holds 年: the longer word adds no test
    return tuple(w for w in words if not any(o != w and o in w for o in words))


def may_hold(words: tuple[str, ...], text: str) -> bool:
    """Whether `text` can match a pattern whose `required_words` are `words`."""
    return not words or any(word in text for word in words)


# Word lists by their first character: of the hundreds of needles of a table, a text can hold only
# those whose first character it holds, so only those get a substring test.
_BY_FIRST: dict[tuple[str, ...], dict[str, list[str]]] = {}


def words_in(words: tuple[str, ...], text: str) -> list[str]:
    """The `words` that are substrings of `text` (in no particular order); the same set as
    `[w for w in words if w in text]`, with a test only for words whose first character is in `text`."""
    index = _BY_FIRST.get(words)
    if index is None:
        index = _BY_FIRST[words] = {}
        for word in words:
            index.setdefault(word[:1], []).append(word)
    found = list(index.get("", ()))  # an empty word is in every text
    for first in index.keys() & set(text):
        found.extend(word for word in index[first] if word in text)
    return found


# --- the words a case-insensitive match must hold ---------------------------------------------------

# re's IGNORECASE matches an ASCII letter to these too, which `str.lower` leaves as they are or spells
# with two characters (İ -> "i̇"); every other character it matches to an ASCII letter is that letter
# in either case (tests/transform/test_regex_gate.py checks this over every code point).
_FOLDS_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def fold_case(text: str) -> str:
    """`text` lowered for `may_hold` with `folded_words`: a case-insensitive match of a pattern holds
    one of its folded words in the folded text."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDS_TO_ASCII).lower()


def folded_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """`required_words` of a case-insensitive pattern, lowered: one of them is in `fold_case(text)`
    wherever the pattern matches in `text`; () means "no bound".

    Each character of a match of a literal word is, under IGNORECASE, the word's character in either
    case or one of `_FOLDS_TO_ASCII` (an ASCII letter), or the character itself (digits, spaces,
    Chinese): `fold_case` turns each into the word's own character lowered. A word holding a cased
    letter outside ASCII (É, Σ ...) gives no bound, since its folds are not checked here.
    """
    if not pattern.flags & re.IGNORECASE:
        return ()
    words = _words(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not all(words) or any(
        not ch.isascii() and (ch.lower() != ch or ch.upper() != ch) for word in words for ch in word
    ):
        return ()
    lowered = list(dict.fromkeys(word.lower() for word in words))
    return tuple(w for w in lowered if not any(o != w and o in w for o in lowered))


# A sentence's `fold_case`, kept for the next asks: each number of a sentence gates the same patterns.
fold_sentence = lru_cache(maxsize=64)(fold_case)
