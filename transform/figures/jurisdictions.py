"""Which place a figure is about: Hong Kong unless the words name another place.

Chinese-language news often sets Hong Kong figures next to Singapore, Taiwan or Macao ones; those
must never be stored as Hong Kong. Place words are found per sentence; the extractor carries the
last place named through the rest of a paragraph, and a new paragraph starts again from Hong Kong.
A paragraph in Simplified Chinese that names no place is not Hong Kong text ("本地" there is Singapore
or a Mainland city): Hong Kong media and the Government write Traditional Chinese. Its figures get the
jurisdiction "unknown".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transform.regex_gate import gated_compile, words_in

__all__ = [
    "PLACE_TERMS",
    "Place",
    "find_places",
    "looks_simplified",
    "place_terms_in",
    "script_counts",
    "script_of",
]

PLACE_TERMS: dict[str, tuple[str, ...]] = {
    "HK": ("Hong Kong", "HKSAR", "本港", "香港", "全港", "港府", "香港警方", "Hongkong"),
    # A police region or district of Hong Kong: its figures are a part of Hong Kong's, not Hong Kong's.
    "HK-REGION": (
        "新界南總區",
        "新界北總區",
        "九龍東總區",
        "九龍西總區",
        "港島總區",
        "東九龍總區",
        "西九龍總區",
        "新界南总区",
        "新界北总区",
        "九龙东总区",
        "九龙西总区",
        "港岛总区",
        "东九龙总区",
        "西九龙总区",
        "警區",
        "警区",
        "新界南",
        "新界北",
        "九龍東",
        "九龍西",
        "九龙东",
        "九龙西",
        "New Territories South Region",
        "New Territories North Region",
        "Kowloon East Region",
        "Kowloon West Region",
        "Hong Kong Island Region",
    ),
    # Cities and currencies say the place as well as its name does: 吉隆坡, 新台幣, 新元, 澳門元.
    "SG": ("Singapore", "Singaporean", "新加坡", "星洲", "獅城", "狮城", "新元", "新幣", "新币"),
    "TW": (
        "Taiwan",
        "Taiwanese",
        "台灣",
        "臺灣",
        "台湾",
        "全台",
        "台警",
        "台北",
        "臺北",
        "新北",
        "台中",
        "臺中",
        "高雄",
        "新台幣",
        "新台币",
        "新臺幣",
        "臺南",
        "台南",
        "桃園",
        # its police: the National Police Agency and its Criminal Investigation Bureau
        "警政署",
        "刑事警察局",
        "刑事局",
        "National Police Agency",
        "Taipei",
        "Kaohsiung",
    ),
    "MO": (
        "Macao",
        "Macau",
        "澳門",
        "澳门",
        "本澳",  # "this Macao": how Macao's press names its own place
        "司警",
        "氹仔",
        "路環",
        "路环",
        "澳門元",
        "澳门元",
        "葡幣",
        "葡币",
        "Judiciary Police",  # Macao's police (司法警察局); Hong Kong's is the Hong Kong Police Force
    ),
    "CN": (
        "mainland China",
        "the Mainland",
        "the mainland",
        "Mainland China",
        "China's",
        "中國內地",
        "內地",
        "内地",
        "全國",
        "全国",
        "中國",
        "中国",
        "公安部",
        # the Mainland's police ranks say the place as its name does (Hong Kong writes 警員; not 公安,
        # which in Hong Kong is public order: 妨礙公安罪)
        "民警",
        "輔警",
        "辅警",
        "Ministry of Public Security",
        "nationwide",
        "across the border",
        "Across the border",
        "mainland police",
        "Mainland police",
        "mainland authorities",
        "Mainland authorities",
        # its provinces, cities and public-security bureaux (not 上海 or 北京: Shanghai Street and Peking
        # Road are Hong Kong's)
        "廣東",
        "广东",
        "深圳",
        "廣州",
        "广州",
        "Guangdong",
        "Shenzhen",
        "Guangzhou",
        "公安局",
        "公安機關",
        "公安机关",
    ),
    "GB": ("United Kingdom", "Britain", "British", "the UK", "英國", "英国"),
    "US": ("United States", "the US", "the U.S.", "American", "美國", "美国", "FBI"),
    "AU": (
        "Australia",
        "Australian",
        "Australians",
        "Sydney",
        "Melbourne",
        "澳洲",
        "澳大利亞",
        "澳大利亚",
        "悉尼",
    ),
    "JP": ("Japan", "Japanese", "Tokyo", "日本", "東京", "东京"),
    "KR": (
        "South Korea",
        "Korea",
        "Korean",
        "Seoul",
        "韓國",
        "韩国",
        "首爾",
        "首尔",
        # its currency after a scale word ("196 billion won"); "won" alone is a verb
        "million won",
        "billion won",
        "trillion won",
    ),
    "MY": (
        "Malaysia",
        "Malaysian",
        "馬來西亞",
        "马来西亚",
        "大馬",
        "大马",
        "吉隆坡",
        "Kuala Lumpur",
        "令吉",
        "ringgit",
    ),
    "TH": ("Thailand", "Thai", "Bangkok", "泰國", "泰国", "曼谷"),
    # the region's other scam-compound and call-centre countries a story names beside Hong Kong
    "PH": ("Philippines", "Philippine", "Manila", "菲律賓", "菲律宾"),
    "KH": ("Cambodia", "Cambodian", "柬埔寨"),
    "MM": ("Myanmar", "緬甸", "缅甸"),
    "VN": ("Vietnam", "Vietnamese", "越南"),
    "ID": ("Indonesia", "Indonesian", "印尼"),
    "IN": ("India", "Indian", "印度"),
    "CA": ("Canada", "Canadian", "加拿大"),
    # "Our country": how a Singapore, Malaysian or Mainland paper names its own place; never Hong Kong,
    # which writes 本港. Which country it is the words do not say: not Hong Kong is what matters.
    "OTHER": ("我國", "我国", "本國", "本国"),
    # Figures for the whole world (a security firm's count of attacks): no single jurisdiction's series.
    "WORLD": (
        "globally",
        "Globally",
        "worldwide",
        "Worldwide",
        "around the world",
        "across the world",
        "全球",
        "全世界",
        "世界各地",
    ),
}

# Characters that exist only in Simplified Chinese (their Traditional forms differ).
# Each pair is one word's two forms, and neither form is a word of the other script; the crime-news
# words are here so that a short sentence ("2023年科技罪案錄得15637宗，按年上升47.3%。") shows its script.
_SCRIPT_PAIRS = (
    (
        "这们说时会为个来国发对经现东车长门问间关还进过动应样类开实与网诈骗计较达报记亿万币罚损级",
        "這們說時會為個來國發對經現東車長門問間關還進過動應樣類開實與網詐騙計較達報記億萬幣罰損級",
    ),
    (
        "录减获贷单账钱银证询处区务员团让从购买卖货资职爱恋电话邮骇统给约则数总页线讯义际击调侦缉办头两",
        "錄減獲貸單賬錢銀證詢處區務員團讓從購買賣貨資職愛戀電話郵駭統給約則數總頁線訊義際擊調偵緝辦頭兩",
    ),
    ("齐罗额传变归强岁声双结营业产见觉认识试该请谈", "齊羅額傳變歸強歲聲雙結營業產見覺認識試該請談"),
)
_SIMPLIFIED_ONLY = set("".join(simp for simp, _trad in _SCRIPT_PAIRS))
_TRADITIONAL_ONLY = set("".join(trad for _simp, trad in _SCRIPT_PAIRS))


@dataclass(frozen=True)
class Place:
    """A place word in the text with the jurisdiction code it names."""

    start: int
    end: int
    code: str


def _compile() -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, code, term): a pattern is tried only when its term is in the text (case-sensitive)."""
    pairs = [(t, code) for code, terms in PLACE_TERMS.items() for t in terms]
    # a brief's heading writes the place in capitals ("MACAO - ...", "KUALA LUMPUR:"); not Hong Kong, which
    # needs no naming, and whose wire dateline ("HONG KONG, (Reuters) -") says where a story was filed
    pairs += [
        (t.upper(), code)
        for t, code in list(pairs)
        if t.isascii() and len(t) >= 4 and t.upper() != t and code not in ("HK", "HK-REGION")
    ]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    out = []
    for term, code in pairs:
        pattern = rf"\b{re.escape(term)}\b" if term.isascii() else re.escape(term)
        # English "Mainland"/"China" as adjectives of people or syndicates do not place a statistic.
        out.append((gated_compile(pattern), code, term))
    return out


_PATTERNS = _compile()


def _positions() -> dict[str, list[int]]:
    """Term -> its places in _PATTERNS (longest first): find_places tries only the terms present."""
    out: dict[str, list[int]] = {}
    for index, (_pattern, _code, term) in enumerate(_PATTERNS):
        out.setdefault(term, []).append(index)
    return out


_POSITIONS = _positions()
_TERMS = tuple(_POSITIONS)  # every place term once, longest first
_SIMPLIFIED_RE = gated_compile("[" + "".join(sorted(_SIMPLIFIED_ONLY)) + "]")
_TRADITIONAL_RE = gated_compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")


def place_terms_in(text: str) -> frozenset[str]:
    """The place terms present in `text`: found once per text, then passed to find_places for each
    of its sentences, which can hold no other."""
    return frozenset(words_in(_TERMS, text))


def find_places(text: str, within: frozenset[str] | None = None) -> list[Place]:
    """Place words in `text`, longest first where they overlap, in text order. `within`: the
    place_terms_in the whole text that `text` is part of, to test fewer."""
    return list(_places(text, within))


# Kept: a sentence is asked for its places by each of its numbers and once more for the place carried
# to the next sentence. Places are frozen; each caller gets its own list.
@lru_cache(maxsize=256)
def _places(text: str, within: frozenset[str] | None) -> tuple[Place, ...]:
    taken: list[Place] = []
    present = words_in(_TERMS, text) if within is None else [t for t in within if t in text]
    for i in sorted(i for t in present for i in _POSITIONS[t]):  # only the terms present, longest first
        pattern, code, _term = _PATTERNS[i]
        for m in pattern.finditer(text):
            if not any(p.start < m.end() and m.start() < p.end for p in taken):
                taken.append(Place(m.start(), m.end(), code))
    return tuple(sorted(taken, key=lambda p: p.start))


def script_counts(text: str) -> tuple[int, int]:
    """(Simplified-only, Traditional-only) characters in `text`."""
    return len(_SIMPLIFIED_RE.findall(text)), len(_TRADITIONAL_RE.findall(text))


def script_of(text: str, least: int = 2) -> str | None:
    """ "simplified" or "traditional" when the Chinese in `text` shows which (at least `least`
    characters that exist in one script only, more than of the other), else None. A sentence is
    short: one such character and none of the other script decide it."""
    simp, trad = script_counts(text)
    if simp >= least and simp > trad:
        return "simplified"
    return "traditional" if trad >= least and trad > simp else None


def looks_simplified(text: str) -> bool:
    """True when the Chinese in `text` is written in Simplified characters."""
    return script_of(text) == "simplified"
