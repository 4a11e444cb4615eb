"""The jurisdiction of a number: Hong Kong unless a place is named in its own clause or sentence, or
the paragraph or whole text is about another place (a Macao paper, a Simplified paragraph about the
Mainland). A place named in passing does not move the story there.
"""

from __future__ import annotations

import re

from transform.figures.jurisdictions import Place, find_places, looks_simplified
from transform.figures.model import CJK, Context, Figure, SentenceView
from transform.figures.numbers import NumberMention
from transform.regex_gate import gated_compile

# Words only a text about Hong Kong uses: its police, its bureau, its currency, its legislature.
_HK_MARKERS = gated_compile(
    r"警务处|警務處|保安局|港元|港币|港幣|立法会|立法會|特区政府|特區政府|本港|香港警方|全港"
    r"|商业罪案调查科|商業罪案調查科|反诈骗协调中心|反詐騙協調中心|网络安全及科技罪案调查科|防骗易|守网者|18222"
    # in English: its legislature and bureau (Macao has a Legislative Assembly, Taiwan a Legislative Yuan)
    r"|Legislative Council|LegCo|Security Bureau"
)


# "加強與內地執法機關合作", "working closely with mainland authorities": a place the police work with
# is their partner, not where the figures were counted.
_PARTNER_BEFORE = gated_compile(
    r"(?:與|与|同|跟|聯同|联同)$|(?i:(?:cooperat\w*|co-operat\w*|work\w*|collaborat\w*|liais\w*|partner\w*)"
    r"\s+(?:closely\s+)?with\s+(?:the\s+)?(?:authorities\s+(?:in|of)\s+)?$)"
)
_PARTNER_AFTER = gated_compile(r"[^，,；;。]{0,16}?(?:合作|聯手|联手|協作|协作|交換|交换|交流)")


def _partner(text: str, place: Place) -> bool:
    """The place is the police's partner in the clause (與內地執法機關合作), not the figures' place."""
    before = text[max(0, place.start - 48) : place.start]
    if not _PARTNER_BEFORE.search(before):
        return False
    return not CJK.match(before[-1:]) or bool(_PARTNER_AFTER.match(text, place.end))


_WHOLE_COUNTRY = gated_compile(r"全國|全国|(?i:nationwide)")


def read_jurisdiction(view: SentenceView, num: NumberMention, ctx: Context) -> tuple[str, str, str]:
    """(jurisdiction, rule, the words that decided it)."""
    text = view.sentence.text
    places = find_places(text, view.place_terms)
    rel = num.start - view.sentence.start
    c_end = view.sentence.clause_bounds(num.start)[1] - view.sentence.start
    # a place after the number counts only in its own clause ("805 cases, ... posing as Mainland police"
    # names the Mainland in another clause, about the swindlers)
    usable = [p for p in places if (p.end <= rel or p.start < c_end) and not _partner(text, p)]
    if usable:
        before = [p for p in usable if p.end <= rel]
        place = before[-1] if before else usable[0]
        # 全國, "nationwide": the whole of the country the sentence has named (吉隆坡警方表示，全國...)
        named = [p for p in before[:-1] if p.code not in ("CN", "HK", "HK-REGION")]
        if _WHOLE_COUNTRY.fullmatch(text[place.start : place.end]) and named:
            place = named[-1]
        return place.code, "named", text[place.start : place.end]
    if num.currency in ("TWD", "SGD", "MOP", "CNY"):
        return {"TWD": "TW", "SGD": "SG", "MOP": "MO", "CNY": "CN"}[num.currency], "currency", num.raw
    if ctx.place == "unknown":
        return "unknown", "unnamed_simplified", "a Simplified Chinese paragraph naming no place"
    if ctx.place:
        return ctx.place, "carried", "the place of the sentences before"
    return "HK", "default", "no other place named"


# A sentence that opens on a place is about it: "In Singapore, ...", "Macao police said", 新加坡警方 ...
_TOPIC_PLACE_GAP = gated_compile(
    r"^\W{0,3}(?:in|on|over\s+in|meanwhile,?\s+in|而|另外|至於|至于|在)?\s*$", re.IGNORECASE
)


# "Losses to voice phishing in South Korea dropped", "Scam reports in Singapore rose": the place ends the
# subject of the sentence's main verb, so the sentence (and the ones after it) are about that place.
_SUBJECT_ENDS_ON_PLACE = gated_compile(r"(?:in|of)\s+$", re.IGNORECASE)
_MAIN_VERB_AFTER = gated_compile(
    r"(?:'s)?\s+(?:(?:have|has|had)\s+)?(?:fell|rose|dropped|climbed|increased|decreased|declined|jumped|soared"
    r"|eased|grew|surged|doubled|were|was|reached|hit|totall?ed|numbered|stood|continued|remained|kept"
    r"|edged|went)\b"
)


def _opens_on_place(text: str, place: Place) -> bool:
    """The sentence is about `place`: it opens on it ("In Singapore, ...") or the place ends the subject
    of its main verb ("Fraud losses in Korea fell ..."), within its first words."""
    before = text[: place.start]
    if _TOPIC_PLACE_GAP.match(before):
        return True
    if len(before.split()) > 7 or re.search(r"[,;:，；：]", before):
        return False  # past the subject
    return bool(_SUBJECT_ENDS_ON_PLACE.search(before)) and bool(_MAIN_VERB_AFTER.match(text, place.end))


def carried_place(view: SentenceView, figures: list[Figure], carried: str | None) -> str | None:
    """The place the next sentences are about: Hong Kong again once it is named; another place only when
    this sentence's figures were placed there or the sentence opens on it. A place named in passing
    (a victim who flew to Thailand, a Nigerian syndicate) does not move the story there."""
    places = find_places(view.sentence.text, view.place_terms)
    if not places:
        return carried
    if any(p.code == "HK" for p in places):
        return None if places[-1].code == "HK" else carried
    placed = [f.jurisdiction for f in figures if f.jurisdiction not in ("HK", "unknown")]
    if placed:
        return placed[-1]
    opening = places[0]
    if _opens_on_place(view.sentence.text, opening):
        return opening.code
    return carried


_RELATIONAL_PLACE = gated_compile(r"(?i:across the border|nationwide|the mainland)|內地|内地|全國|全国")


def place_of_text(text: str) -> str | None:
    """The place a text is about when it never names Hong Kong: a Macao paper's review of Macao's
    crime names Macao and not Hong Kong; its figures are Macao's even in sentences naming no place."""
    # a place the police work with (將與香港、澳門警方加強情資交換) does not make the text that place's
    places = [p for p in find_places(text) if not _partner(text, p)]
    if not places or any(p.code == "HK" for p in places) or _HK_MARKERS.search(text):
        return None
    # "across the border", 內地: words that speak from Hong Kong do not make a text another place's
    own = [
        p for p in places if p.code != "HK-REGION" and not _RELATIONAL_PLACE.fullmatch(text[p.start : p.end])
    ]
    if not own:
        return None
    codes = [p.code for p in own]
    # named in two sentences at least: one sentence about Singapore beside one that names no place
    # does not make the text Singapore's (nor do 內地 or "the mainland", which speak from Hong Kong:
    # 假冒內地官員 beside 內地公安部門 is one sentence about the Mainland)
    top = max(set(codes), key=codes.count)
    sentences = {_sentence_index(text, p.start) for p in own if p.code == top}
    return top if len(sentences) >= 2 else None


_SENTENCE_END = gated_compile(r"[。！？!?\n]|\.(?=\s)")


def _sentence_index(text: str, at: int) -> int:
    return len(_SENTENCE_END.findall(text, 0, at))


# Words of Hong Kong's own writing that a Simplified text keeps when it is the Government's Simplified
# release or a Hong Kong story reprinted: its districts, Cantonese, its police's and its laws' names,
# its terms for the crimes (科技罪案 where the Mainland writes 网络犯罪, 傀儡户口 for mule accounts).
# Not shared with Singapore or Mainland writing (a Singapore paper's 骗案 and 宗 are not here).
_HK_VOCABULARY = gated_compile(
    r"九龙|九龍|新界|港岛|港島|北角|屯门|屯門|旺角|观塘|觀塘|元朗|荃湾|荃灣|湾仔|灣仔|铜锣湾|銅鑼灣|尖沙咀"
    r"|深水埗|将军澳|將軍澳|葵涌|黄大仙|黃大仙|油尖旺|天水围|天水圍|红磡|紅磡|柴湾|柴灣|大屿山|大嶼山"
    r"|港男|港女|港人|港警|港府|港区国安法|港區國安法|反修例|修例风波|修例風波"
    r"|唔|冇|嘅|咗|喺|啲|佢哋|乜嘢|係咪"
    r"|科技罪案|科技罪行|网罪科|網罪科|商罪科|傀儡户口|傀儡戶口|防骗视伏器|防騙視伏器|警务处处长|警務處處長"
    r"|电话骗案|電話騙案|网上情缘骗案|網上情緣騙案|裸聊勒索"  # the Hong Kong police's series names
    # 警方今日（八月九日）表示: the date as the Government's press releases write it
    r"|今日\s*[（(][〇一二三四五六七八九十]{1,3}月[〇一二三四五六七八九十]{1,3}日[）)]"
)


def is_hong_kong_simplified(text: str) -> bool:
    """A whole text in Simplified Chinese that says it is about Hong Kong: the Government's own Simplified
    releases (sc.isd.gov.hk) and Mainland reprints of Hong Kong news. Its paragraphs that name no place
    are Hong Kong's. A Simplified paragraph quoted inside an English or Traditional text is not.
    """
    cjk = len(CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if not looks_simplified(text) or cjk < latin / 2:
        return False
    # 内地 and "the mainland" speak from Hong Kong (内地方面，公安部门...): they open no other place
    places = [p for p in find_places(text) if not _RELATIONAL_PLACE.fullmatch(text[p.start : p.end])]
    own_words = [m.start() for m in (_HK_MARKERS.search(text), _HK_VOCABULARY.search(text)) if m]
    if places and places[0].code not in _HONG_KONG and not any(at < places[0].start for at in own_words):
        return False  # a text that opens elsewhere ("新加坡警方公布 ...") is about that place
    return bool(own_words) or any(p.code in _HONG_KONG for p in places)


_HONG_KONG = frozenset({"HK", "HK-REGION"})  # a police region (新界南總區) is a part of Hong Kong
