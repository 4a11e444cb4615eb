"""Numbers that are not aggregate statistics, each refused by one named rule: labels and hotlines,
staff and individuals, one victim's loss, parts described by what they involved.

A refusal is cheaper to review than a low score: each rule says which pattern of writing it covers.
"""

from __future__ import annotations

import re

from transform.figures.model import SentenceView
from transform.figures.numbers import NumberMention, could_be_dialled
from transform.figures.qualifiers import change_direction
from transform.figures.segment import Sentence
from transform.regex_gate import fold_sentence, folded_words, gated_compile, may_hold

# Numbers of people who are not victims or arrested: "about 200 officers were redeployed".
_STAFF_AFTER = gated_compile(
    # on the number's own line: "15,637\nOfficers also ..." starts a new line, not a count of officers
    r"^[ \t]*(?:[\w-]+[ \t]+)?(?:police[ \t]+)?(?:officers?|staff|personnel|officials|employees|detectives"
    r"|constables)\b"
    r"|^[ \t]*(?:名)?(?:警員|警员|警務人員|警务人员|人員|人员|職員|职员)",
    re.IGNORECASE,
)


# The people one story is about: one victim, one customer.
_PERSON = (
    r"(?:victim|woman|man|lady|girl|boy|student|retiree|clerk|housewife|teacher|employee|pensioner"
    r"|businessman|businesswoman|accountant|nurse|doctor|resident|policyholder|customer|client"
    # the writer's own circle and a programme's callers: "A friend of mine lost HK$60,000"
    r"|friend|neighbour|neighbor|relative|colleague|caller|listener|reader|aunt|uncle|mother|father"
    r"|grandmother|grandfather|son|daughter|sister|brother|cousin"
    # one party to one deal: "One buyer in Tuen Mun lost HK$8,000 on a pair of sneakers"
    r"|buyer|shopper|seller|investor|job\s?seeker|applicant|tenant|landlord|tourist|user)"
)


# One person's story: "In one case, a 72-year-old retired teacher lost HK$14 million",
# "一名68歲女子……被騙去230萬元", "She then sent HK$232,500", "In one of the cases, ...", 事主轉帳共3000萬元.
_INDIVIDUAL = gated_compile(
    r"\b\d{1,3}-year-old\b|\d{1,3}\s*[歲岁]|^\s*(?:in\s+(?:one|another|a\s+separate)\s+case\b)"
    r"|^\W*in\s+one\s+of\s+the(?:se|m)?\s+cases\b"
    # "In Hong Kong, a retired teacher lost": a place may open the story
    r"|(?:^|[;:；：])\W*(?:in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,\s+)?"
    r"(?:(?:then|later|afterwards|eventually|subsequently|finally),?\s+)?"
    rf"(?:she|he|(?:the|one|a|an|another)\s+(?:[a-z-]+\s+){{0,2}}?{_PERSON})\b"
    r"|^\W*一名[^\s，,。]{0,6}?(?:事主|男子|女子|市民|受害人|女士|男士|長者|长者|學生|学生|教師|教师|老師|老师"
    r"|主婦|主妇|商人|護士|护士|醫生|医生|文員|文员|婦人|妇人|伯伯|婆婆|人士)"
    # one firm's loss: 其中一間物流公司……損失逾300萬元, "one logistics company lost HK$3 million"
    r"|一(?:間|间|家|所)[^\s，,。]{0,6}?(?:公司|機構|机构|企業|企业|商戶|商户|店|銀行|银行|醫院|医院|學校|学校)"
    r"|\b(?:one|an?|another)\s+(?:[a-z-]+\s+){0,2}?(?:company|firm|business|retailer|shop|hospital|school"
    r"|clinic|bank|charity)(?:\s+in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+(?:was|had|lost|paid|sent|transferred|handed)\b"
    # 商人被假官員呃走1200萬: a person cheated of an amount
    r"|(?:商人|男子|女子|老翁|婆婆|少女|事主|長者|长者|女士|男士|學生|学生)被[^，,。]{0,10}(?:呃|騙|骗)(?:走|去)"
    r"|\b(?:she|he)\s+(?:was|had|paid|sent|lost|transferred|deposited|handed)\b"
    # a step of the story: "The fraudsters then used her data to take out loans of HK$800,000"
    r"|^\W*(?:the\s+)?(?:fraudsters?|scammers?|swindlers?|culprits?|syndicates?|gang|they)\s+"
    r"(?:then|later|subsequently|eventually)\b"
    r"|^\s*(?:其中一宗|另一宗|一宗案件中|在一宗)|^\W*(?:該名|该名|男|女)?事主|退休婦|退休妇|主婦|主妇"
    # "Last month a retired teacher lost more than $5 million": a time phrase before the person
    r"|^\W*(?:(?:last|this|earlier\s+this)\s+(?:week|month|year)|yesterday|recently),?\s+(?:an?|one|another)\s+"
    r"(?:[a-z-]+\s+){0,2}?(?:victim|woman|man|teacher|student|retiree|pensioner|clerk|housewife|businessman"
    r"|businesswoman|nurse|doctor|resident)\b"
    # 有市民日前以2.4萬元購買……: "a citizen" opening the sentence is one person
    r"|^\W*有(?:一名|一位|位|名)?(?:市民|人|事主|受害人|長者|长者|學生|学生|婦人|妇人|男子|女子)"
    # one person telling their own story: 「我即刻過咗三千八百蚊」, "I lost $300"
    r"|「[^」]{0,40}我(?![們们哋])[^」]*$|\bI\s+(?:lost|paid|sent|transferred|handed|gave)\b"
    # the writer's own circle: 我阿姨上個月俾人呃咗8萬蚊 (not 俾人呃 alone:
    # 半年就俾人呃走咗44.8億 is the series)
    r"|我(?:的|嘅)?(?:阿姨|姨媽|姨妈|姑媽|姑妈|媽媽|妈妈|阿媽|老母|爸爸|老豆|阿爸|朋友|同事|鄰居|邻居|親戚|亲戚"
    r"|表姐|表妹|表哥|表弟|細佬|妹妹|姐姐|家姐|哥哥|弟弟|婆婆|公公|嫲嫲|爺爺|外婆|外公|舅父|叔叔)"
    # the largest case of the period: "The largest single loss in the period ... exceeded HK$100 million"
    r"|\b(?:the\s+)?(?:largest|biggest|highest)\s+(?:single|individual)\s+(?:loss|case|amount|transfer)\b"
    r"|單一(?:宗)?最大|單宗最大|单宗最大|最大(?:的)?一宗|涉(?:款|及金額|及金额)最(?:多|大|高)的一宗"
    # the case before a court: 案中五名受害人合共被騙去約6萬元, "In this case, the victims lost ..."
    r"|^\W*(?:(?:此|該|该|本)?案中|在(?:此|該|该|本)案中?)|^\W*in\s+(?:this|that|the)\s+case\b",
    re.IGNORECASE,
)

# A sentence that cites the police's figures is about the series even when a court, a judge or a firm
# says it: "the judge noted that 36,405 deception cases had been reported", 法官判刑時引述警方數字指,
# 一家网络安全公司引用香港警方数据指出.
_CITES_FIGURES = gated_compile(
    r"\b(?:police|official|government)\s+(?:figures|statistics|data|numbers)\b"
    r"|\bfigures\s+(?:from|released\s+by|compiled\s+by)\s+(?:the\s+)?police\b"
    r"|\b\d{1,3}(?:,\d{3})+\s+(?:[a-z-]+\s+){0,2}cases\s+(?:had|have)\s+been\s+(?:reported|recorded)\b"
    r"|(?:引述|引用|援引)[^，,。；]{0,8}(?:數字|数字|數據|数据|統計|统计)"
    r"|警方(?:的)?(?:數字|数字|數據|数据|統計|统计)"
    # a judge citing the territory's count: 全港已錄得15 637宗, "across Hong Kong, 15,637 cases were recorded"
    r"|(?:全港|本港|香港)(?:已|共|合共)?(?:錄得|录得|接獲|接获|有)\s*\d"
    r"|\b(?:across|in)\s+Hong\s+Kong,?\s+(?:police\s+)?(?:recorded|logged|received)?\s*\d",
    re.IGNORECASE,
)


# The person the sentence opens on tells the figures: "She also noted that ...", "He told the panel".
_SPEAKER_AFTER = gated_compile(
    r"\s+(?:also\s+|further\s+|then\s+)?(?:noted|said|told|added|pointed\s+out|warned|explained|stressed"
    r"|cited|quoted|highlighted|mentioned|asked|urged|argued|revealed|disclosed|reported)\b",
    re.IGNORECASE,
)


_A_PERSON = gated_compile(
    rf"\b(?:one|an?|another)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON}|company|firm)\b"
    # ... or her own case: "A student said she had been asked to pay HK$800", "he had lost"
    r"|\b(?:she|he|they)\s+(?:had\s+)?(?:been\s+)?(?:asked|told|made|tricked|lost|paid|sent|transferred)\b",
    re.IGNORECASE,
)


def cites_figures(sentence: str) -> bool:
    """The sentence quotes the series' figures (`_CITES_FIGURES`): a court or a firm telling them
    does not make them one case's."""
    return bool(_CITES_FIGURES.search(sentence))


# Not a count of anything: a date written in digits ("between 2019-06-14 and 2019-07-26"), a range of
# amounts (損失百多元至四萬六千六百八十元不等, "ranging from HK$500 to HK$70,000"), a proportion ("one out
# of every two cases").
# Digit bounds, not \b: a Chinese character before the date is a word character to `re` (拘56人2022-11-16).
_DATE = gated_compile(r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})(?!\d)")
_RANGE_AFTER = gated_compile(r"^\s*(?:港?元|萬港?元|万港?元|宗|人|倍)?\s*不等")
_RANGE_BEFORE = gated_compile(
    r"\brang(?:ing|ed|es?)\s+(?:from\s+)?(?:[^.;\d]{0,8}[\d,.]+[^.;\d]{0,20}\bto\s+)?\S{0,4}$", re.IGNORECASE
)
_SMALL = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
# "one in three cases", "two in five of all crimes": only small numbers make a proportion ("in 2011" does not)
# (not "in 1H23", "in 2Q": a number glued to a letter is a code)
_SMALL_IN = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)(?![\d,.]|[a-z])"
_PROPORTION = gated_compile(
    rf"^\s*(?:out\s+of\s+(?:every\s+)?{_SMALL}\b|in\s+every\s+{_SMALL}\b|in\s+{_SMALL_IN})", re.IGNORECASE
)
_PROPORTION_BEFORE = gated_compile(
    rf"\b{_SMALL}\s+(?:out\s+of\s+(?:every\s+)?|in\s+every\s+)$|(?<![\d,.]){_SMALL_IN}\s+in\s+$"
    # 每一百宗罪案之中，差不多有47宗是騙案: so many in each hundred
    r"|每\s*(?:一)?\s*(?:百|千|十|100|1000|10)\s*(?:宗|個|个|人|名|起)?[^，。,;；\d]{0,8}[，,]?"
    r"\s*(?:差不多|大約|大约|約|约|近|接近)?\s*(?:有|就有)?\s*$",
    re.IGNORECASE,
)
# "some 400 000 alerts had been issued", "used more than five million times": counts of something the
# series does not count, named right after the number
_OTHER_THINGS_AFTER = gated_compile(
    # up to two words may say what kind: "2 million suspected scam calls", "10,000 suspected money mules"
    r"^\s*(?:(?!(?:cases?|crimes?|reports?|as|and|or|in|of|to|from|for|with|by|on|at|than|while|after"
    r"|before|since|were|was|are|is|the|a|an|who|which|that)\b)[a-z-]+\s+){0,2}?"
    r"(?:alerts?|warnings?|times|calls?|messages?|enquiries|inquiries|searches|downloads|visits|views"
    r"|users|transactions|participants|leaflets|posters|seminars|talks|hits"
    r"|schools|ambassadors|volunteers|members|websites|apps|mules|scammers|fraudsters|suspects"
    r"|counts\s+of|charges\s+of|deals|sq\s?ft|square\s+feet|flats|units|e-?mails|texts|links"
    r"|min|mins|minutes|hours|hrs|seconds|secs|episodes|pages|slides"  # "(14 min)": a duration
    r"|complaints|recommendations|applications|requests"  # an office's complaints, not crimes
    # a study's, a firm's
    r"|interviews|respondents|responses|questionnaires|intrusions|engagements|recipients)\b"
    r"|^\s*(?:次|個訊息|条信息|條訊息|通電話|通电话|人次|所學校|所学校|間學校|间学校|名大使|名義工|名义工)"
    # 三十多年來最低, "30 years", "a decade": a span of years, not a count (a year is written 2013年)
    r"|^\s*(?:多|餘|余)?\s*年(?:來|来|以來|以来|間|间|前|後|后|內|内)"
    r"|^\s*(?:多|餘|余)\s*年"
    r"|^\s*(?:-|\s)?(?:years?|decades?)\b"
    # 一百宗二手成交: deals
    r"|^\s*宗\s*(?:二手|一手|新盤|新盘|住宅|私宅|樓宇|楼宇)?(?:成交|交易|買賣|买卖|租賃|租赁)",
    re.IGNORECASE,
)
_NO_FOLD = 100  # no series grows a hundredfold in a period
# A footnote's mark right after a word or number: "by type, 2023(1)", "cases(2)", 數字(註1)
_FOOTNOTE_MARK_BEFORE = gated_compile(r"[^\s(（][(（](?:note|註|注)?\s*$", re.IGNORECASE)


# A total with a part taken out is not the series: "excluding deception, overall crime fell by 185",
# 去除詐騙類案件後，整體罪案減少185宗.
_EXCLUDING = gated_compile(
    r"\b(?:excluding|except\s+for|not\s+counting|leaving\s+out)\b"
    r"|(?:去除|撇除|扣除|除去|剔除|不計|不计)[^，,。；;]{0,12}(?:後|后|外)",
    re.IGNORECASE,
)


# A range of rates ("下降約14.3%至44.5%", 升幅介乎四成至1.8倍, "between 20 and 30 per cent"), a change over
# several years ("the rate of increase in the past three years"), a measure per head ("the loss per
# capita rose 67.7 percent", 人均損失): none is a year-on-year change of a series.
_RATE = r"[\d.一二三四五六七八九十兩两]+\s*(?:%|per\s?cent|percent|成|倍)"
_RATE_RANGE_AFTER = gated_compile(
    r"^\s*(?:至|到|-|–|\bto\b)\s*(?:約|约|about\s+)?[\d.一二三四五六七八九十兩两]+\s*(?:%|成|倍|per\s?cent|percent)",
    re.IGNORECASE,
)
_RATE_RANGE_BEFORE = gated_compile(
    rf"(?:介乎|介於|介于|\bbetween\s+)\s*$|{_RATE}\s*(?:至|到|-|–|\bto\b)\s*$", re.IGNORECASE
)
_SEVERAL_YEARS = gated_compile(
    r"\b(?:in|over|during|for)\s+the\s+(?:past|last)\s+(?:few|several|two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r"\s+(?:years|decades?)\b|\bin\s+recent\s+years\b|過去(?:數|几|幾|兩|两|二|三|四|五|六|七|八|九|十|\d+)年|近(?:年|幾年|几年)"
    r"|(?:19|20)\d\d\s*年\s*(?:至|到|-|–)\s*(?:19|20)\d\d\s*年(?:間|间|期間|期间|內|内)?"
    # 五年間罪案增加逾五成, "Over the five years, crime rose by half"
    r"|(?:兩|两|二|三|四|五|六|七|八|九|十|(?<!\d)\d{1,2})\s*年(?:間|间|之間|之间)"
    r"|\b(?:over|across)\s+(?:the\s+|those\s+|these\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
    r"\s+years\b",
    re.IGNORECASE,
)
# 這類案件近年有增無減，去年全年共錄得638宗，較前年上升34%: a year named after the span is the change's
_ONE_YEAR_NAMED = gated_compile(
    r"去年|今年|前年|(?:19|20)\d\d\s*年(?!\s*(?:至|到|-|–))|\b(?:last|this)\s+year\b|\bin\s+(?:19|20)\d\d\b(?!\s*(?:to|-|–))",
    re.IGNORECASE,
)
# ... or after it: "a rise of roughly 4 per cent over two years", 兩年間上升4%
_SEVERAL_YEARS_AFTER = gated_compile(
    r"\b(?:over|in|across|within)\s+(?:the\s+(?:past|last)\s+)?(?:two|three|four|five|six|seven|eight|nine|ten"
    r"|\d+)\s+years\b",
    re.IGNORECASE,
)
_PER_HEAD = gated_compile(
    r"\bper\s+(?:capita|victim|head|person)\b|人均|平均每(?:宗|名|人|個|个)", re.IGNORECASE
)


# A change on the quarter or month before, not on the same period a year earlier.
_SEQUENTIAL = gated_compile(
    r"\b(?:quarter|month|week)[\s-]+(?:on|over)[\s-]+(?:quarter|month|week)\b|\bsequential(?:ly)?\b"
    # (較上季, 比上月 need no rule: 上季 and 上月 are periods, and a change on them is no year-on-year one)
    r"|\b(?:q-o-q|m-o-m|qoq)\b|按季|按月|環比|环比|(?:較|较|比|與|与)前(?:一)?(?:個|个)?(?:季|月)"
    r"|\b(?:compared\s+(?:with|to)|against|from|on|over)\s+the\s+(?:previous|preceding|prior|last)\s+"
    r"(?:quarter|month|week)\b",
    re.IGNORECASE,
)
# A change stated on the same period a year before: a sequential phrase elsewhere in the sentence is
# not its comparison ("up 3% on the quarter and 10% year on year").
_YEAR_ON_YEAR_WORDS = gated_compile(
    r"\byear[\s-]+on[\s-]+year\b|\ba\s+year\s+(?:earlier|before|ago)\b|\bsame\s+period\b|按年|同期",
    re.IGNORECASE,
)


def _not_a_change_of_a_series(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A range of rates, a change over several years, a change on the period before, or a change of a
    measure per head."""
    if _RATE_RANGE_AFTER.match(text[num.end : num.end + 16]):
        return True
    c_start, c_end = sent.clause_bounds(num.start)
    if _SEQUENTIAL.search(text, c_start, c_end):
        return True
    # "Compared with the previous quarter, cases fell 5.2%", 按季比較，數字下跌5.2%: the sentence's opening
    if _SEQUENTIAL.search(text, sent.start, c_start) and not _YEAR_ON_YEAR_WORDS.search(text, c_start, c_end):
        return True
    before = text[sent.start : num.start]
    if _RATE_RANGE_BEFORE.search(before[-16:]):
        return True
    span = _SEVERAL_YEARS.search(text, sent.start, c_start)
    if (
        span is not None
        and not _YEAR_ON_YEAR_WORDS.search(text, c_start, c_end)
        and not _ONE_YEAR_NAMED.search(text, span.end(), num.start)
    ):
        return True  # 2017年至2022年間，數字增加了240%: the span opens the sentence
    return bool(
        _SEVERAL_YEARS.search(text, c_start, num.start)
        or _SEVERAL_YEARS_AFTER.search(text, num.end, c_end)
        or _PER_HEAD.search(before)
    )


# "20 to 30 romance scam reports a month", 每月約20至30宗: a range of counts, a count per day or month.
_COUNT_RANGE_AFTER = gated_compile(r"^\s*(?:to|-|–|至|到)\s*(?:about\s+|約|约)?\d", re.IGNORECASE)
_COUNT_RANGE_BEFORE = gated_compile(
    r"(?<![\d,.])(?!(?:19|20)\d\d\b)\d[\d,]*\s*(?:to|-|–|至|到)\s*(?:about\s+|約|约)?$", re.IGNORECASE
)
_FROM_BEFORE = gated_compile(r"(?:\bfrom|\bbetween|由|從|从)\s*(?:about\s+|約|约)?$", re.IGNORECASE)
_FROM_IN = gated_compile(r"\b(?:from|between)\b|由|從|从", re.IGNORECASE)
# "grew more modestly, by 1,154 to 19,897": "by" makes the pair a change and the level it reached
# even when the verb is in the clause before
_BY_BEFORE = gated_compile(
    r"\bby\s+(?:about\s+|some\s+|nearly\s+|almost\s+)?(?:[\d,.]+\s+to\s+)?$", re.IGNORECASE
)
_PER_PERIOD_AFTER = gated_compile(
    r"^[^.;,\d]{0,40}?\b(?:a|per|each|every)\s+(?:day|week|month)\b|^[^。；，\d]{0,10}?每(?:日|天|週|周|月)",
    re.IGNORECASE,
)


_TO_OPENS = gated_compile(r"[,，]\s*to\s+$", re.IGNORECASE)


def _range_or_rate_of_counts(text: str, sent: Sentence, num: NumberMention) -> bool:
    """ "20 to 30 cases", "30 reports a month": a range of counts or a count per day, week or month."""
    after = text[num.end : min(sent.end, num.end + 50)]
    if _PER_PERIOD_AFTER.match(after):
        return True
    before = text[max(sent.start, num.start - 20) : num.start]
    if change_direction(text[sent.clause_bounds(num.start)[0] : num.start]):
        return False  # "increased by 11,901 to 39,824": a change and the level it reached
    if _TO_OPENS.search(before) and change_direction(text[sent.start : num.start]):
        return False  # "went up 52.1 per cent, an increase of 147, to 429": the level after the change
    if _BY_BEFORE.search(before):
        return False
    if _COUNT_RANGE_AFTER.match(after) and not _FROM_BEFORE.search(before):
        return True
    # the second member: "from 8 129 to 8 699" is a change, whatever separates the thousands
    window = (max(sent.start, num.start - 40), num.start)
    return bool(_COUNT_RANGE_BEFORE.search(before)) and not _FROM_IN.search(text, *window)


def _not_a_count(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A date, a range of values or a proportion: the number measures no period's cases or losses."""
    if any(m.start() <= num.start - sent.start < m.end() for m in _DATE.finditer(sent.text)):
        return True
    if num.form == "count" and _range_or_rate_of_counts(text, sent, num):
        return True
    if _RANGE_AFTER.match(text[num.end : num.end + 8]):
        return True
    before = text[max(sent.start, num.start - 40) : num.start]
    if _RANGE_BEFORE.search(before) or _PROPORTION_BEFORE.search(before):
        return True
    return num.form == "count" and bool(_PROPORTION.match(text[num.end : num.end + 20]))


# Numbers that label or describe, not count: "section 161", "(Cap. 200)", 第200章, "a 24-hour hotline",
# "a 33 000-strong Force", ages ("aged 20 to 30", 年約20至30歲), the hotline number (致電18222).
_LABEL_BEFORE = gated_compile(
    r"(?:\b(?:sections?|s\.|cap\.?|chapter|article|rule|regulation|paragraph|clause|no\.|aged?"
    r"|table|chart|annex|appendix|exhibit"  # "Table 1: Deception cases by type"
    r"|room|flat|floor|block|tower|gate|exit|platform|shop|unit)"  # "in Room 2": a place's number
    # "My mother, who is 78, was one of those 39,824": an age, and a figure pointed at again
    r"|\b(?:who|she|he)\s+(?:is|was)\s*$|\bone\s+of\s+(?:those|these|the)\s*$"
    r"|\b(?:aged?|ages)\s+(?:under|below|over|above|between|from|up\s+to|at\s+least)"
    r"|hotline|helpline|help\s+line|hot\s+line|熱線|热线|致電|致电|撥打|拨打|致電熱線|第)\s*$",
    re.IGNORECASE,
)


_LABEL_AFTER = gated_compile(
    r"^(?:-[a-z]|\s*(?:條|条|章|歲|岁|years?\s+old\b|號|号))|^\s*(?:至|to|-)\s*\d+\s*(?:歲|岁)"
    r"|^\s*(?:hotline|helpline|help\s+line|熱線|热线)"  # "the 18222 hotline": its number, not a count
    r"|^/\s",  # "1/ Overall crime in 2024: ...": a thread's item number
    re.IGNORECASE,
)
# "in early 2022", "by late 2019": a year, not a count of 2022 things
_YEAR_AS_TIME_BEFORE = gated_compile(r"\b(?:early|late|mid|mid-|end\s+of|start\s+of)\s*-?\s*$", re.IGNORECASE)


_HOTLINE_BEFORE = gated_compile(
    r"(?:hotline|helpline|help\s+line|熱線|热线|致電|致电|撥打|拨打|call|dial)[^\d。.;；]{0,25}$",
    re.IGNORECASE,
)


# One victim's story told without "a man": "An employee was tricked into transferring HK$200 million in
# that case"; one event's loss: "a one-off loss of HK$3.5 million" (a firm's, in its results).
_ONE_VICTIM = gated_compile(
    r"\bwas\s+(?:tricked|cheated|duped|deceived|conned|swindled)\b|\bin\s+(?:that|this|the\s+same)\s+case\b"
    r"|\ban?\s+one-off\s+(?:loss|write-?off|charge)\b",
    re.IGNORECASE,
)


_AMOUNT_BEFORE = gated_compile(r"(?:\d|million|billion|mn|bn|m)\s*$", re.IGNORECASE)


def _one_victim(sentence: str) -> bool:
    """Someone "was cheated" in the sentence; not when what "was swindled" is the amount itself
    ("HK$1.7 million was swindled in 2013")."""
    return any(not _AMOUNT_BEFORE.search(sentence[: m.start()]) for m in _ONE_VICTIM.finditer(sentence))


def tells_one_story(sentence: str) -> bool:
    """The sentence tells one victim's or one firm's case ("One trading company in Kwun Tong lost $3.6
    million in a single transaction last month"): its date is the case's, no period for the sentences
    after it."""
    return bool(_INDIVIDUAL.search(sentence)) or _one_victim(sentence)


# A paragraph's number at the start of its line ("2. In 2024, 94 747 crimes were recorded"), 2)
_PARAGRAPH_NUMBER_AFTER = gated_compile(r"[.)）、]\s?")


_SECTION_TITLE_AFTER = gated_compile(r"[ \t]+[A-Z\u4e00-\u9fff]")


def _numbers_a_paragraph(text: str, num: NumberMention) -> bool:
    line_start = text.rfind("\n", 0, num.start) + 1
    if (
        num.form != "count"
        or num.value >= 1000
        or text[line_start : num.start].strip() not in ("", "(", "（")
    ):
        return False
    # "2. In 2024", "(1) Provisional figures", "1.4 Deception cases." (a section's number)
    return bool(_PARAGRAPH_NUMBER_AFTER.match(text, num.end)) or bool(
        re.fullmatch(r"\d{1,2}\.\d{1,2}", num.raw) and _SECTION_TITLE_AFTER.match(text, num.end)
    )


def _footnote_mark(text: str, num: NumberMention) -> bool:
    return (
        num.form == "count"
        and num.value < 10
        and bool(_FOOTNOTE_MARK_BEFORE.search(text[max(0, num.start - 6) : num.start]))
        and text[num.end : num.end + 1] in (")", "）")
    )


# "Of the 19 080 cases, 26 involved ransomware", 在這19 080宗案件中，26宗涉及勒索軟件: the whole a part is
# taken from, restated to name the part; the part is the news, the whole was given before.
_WHOLE_OF_A_PART_BEFORE = gated_compile(
    r"(?:^|[;；。，,]\s*)(?:(?i:of|out\s+of|among)\s+(?i:the|these|those|all)\s+(?i:about\s+)?"
    r"|(?:在)?(?:這|这|該|该|上述|此)\s*)$"
)
_WHOLE_OF_A_PART_AFTER = gated_compile(
    r"\s*(?:[A-Za-z-]+\s+){0,4}?[A-Za-z-]*\s*,|\s*(?:宗|起)(?:案件|個案|个案|騙案|骗案)?(?:中|當中|当中|之中)"
)


# "online shopping 8,950; investment 6,330; others 9,707", 其他類別9 707宗: the rest of a list by type,
# no series of its own and not the whole
_THE_REST_BEFORE = gated_compile(
    r"(?:^|[;；,，:：|、])\s*(?:(?i:others?|other\s+(?:types|kinds|scams|frauds|cases)|the\s+rest)"
    r"|其他(?:類別|类别|騙案|骗案|類型|类型)?)\s*[:：]?\s*$"
)


def _whole_of_a_part(text: str, sent: Sentence, num: NumberMention) -> bool:
    return bool(
        _WHOLE_OF_A_PART_BEFORE.search(text[max(sent.start, num.start - 24) : num.start])
        and _WHOLE_OF_A_PART_AFTER.match(text, num.end)
    )


def _is_label(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A section, chapter, hotline, age or hyphenated size ("33 000-strong"): it names, it does not count."""
    before = text[max(sent.start, num.start - 16) : num.start]
    return bool(
        _numbers_a_paragraph(text, num)
        or (re.fullmatch(r"(?:19|20)\d\d", num.raw) is not None and _YEAR_AS_TIME_BEFORE.search(before))
        or _LABEL_BEFORE.search(before)
        or _LABEL_AFTER.match(text[num.end : num.end + 12])
        or (
            num.form == "count"
            and _HOTLINE_BEFORE.search(text[max(sent.start, num.start - 30) : num.start])
            and could_be_dialled(num.raw, text[num.end : num.end + 12])
        )
    )


# Rates per population are not counts: "1 197 cases per 100 000 population".
_PER_BEFORE = gated_compile(r"\bper\s*$|每\s*$", re.IGNORECASE)


_PER_AFTER = gated_compile(
    r"^\s*(?:\w+\s+){0,2}per\s+(?:\d|capita|head|population)|^\s*(?:宗)?(?:\s*)?每", re.IGNORECASE
)


# "The crime rate measured by crimes per 100,000 population stood at 728": a rate, however it is worded.
_RATE_NAMED_BEFORE = gated_compile(
    r"\bcrime\s+rate\b|\bper\s+(?:100|1,?000|10,?000|100,?000)\s+(?:population|people|persons|residents)\b"
    r"|罪案率|每十萬人|每十万人|每10萬人|每10万人",
    re.IGNORECASE,
)


# An average is no total: "HK$83,000 on average in each case", 每宗平均損失8.3萬元, "an average of 109 a day"
# (anywhere in the number's clause); "a monthly average of 13 cases", 平均每月13宗 (right before a count).
_AVERAGE = gated_compile(r"\baverage\b|\bper\s+case\b|\beach\s+case\b|平均|每宗", re.IGNORECASE)
_AVERAGE_BEFORE = gated_compile(
    r"\baverage(?:\s+of)?\s+(?:about\s+|some\s+|around\s+)?$|\b(?:daily|weekly|monthly)\s+average\b[^\d]{0,12}$"
    r"|平均(?:每[日天週周月年])?(?:有|約|约|錄得|录得)?\s*$",
    re.IGNORECASE,
)


def _rate_or_average(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A count that is a rate per population or an average, an amount that is an average: not the
    count or the total of a period."""
    c_start, c_end = sent.clause_bounds(num.start)
    if _AVERAGE.search(text, c_start, c_end):
        return True
    return num.form == "count" and bool(
        _PER_BEFORE.search(text[max(0, num.start - 6) : num.start])
        or _PER_AFTER.match(text[num.end : num.end + 30])
        or _RATE_NAMED_BEFORE.search(text[c_start : num.start])
        or _AVERAGE_BEFORE.search(text[max(sent.start, num.start - 30) : num.start])
    )


# Bodies other than the police that count what reaches them (incidents, complaints, enquiries): their
# figures are not the police series, even when they name a kind of fraud ("HKCERT handled 7,000
# incidents, including 3,000 phishing cases"; 私隱專員公署接獲2,000宗投訴).
_OTHER_BODY = gated_compile(
    r"\b(?:HKCERT|Hong\s+Kong\s+Computer\s+Emergency\s+Response\s+Team|PCPD|(?:the\s+)?Privacy\s+Commissioner"
    r"|Consumer\s+Council|HKMA|(?:Hong\s+Kong\s+)?Monetary\s+Authority|OFCA|Communications\s+Authority"
    r"|Office\s+of\s+the\s+Communications\s+Authority)\b"
    r"|香港電腦保安事故協調中心|香港电脑保安事故协调中心|私隱專員|私隐专员|消費者委員會|消费者委员会|消委會|消委会"
    r"|金管局|金融管理局|通訊事務管理局|通讯事务管理局"
    # one bank or firm telling its own numbers: "One mid-sized bank said it had reimbursed victims ..."
    r"|\b(?:one|a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:bank|lender|insurer|firm|company|bank's|lender's)\s+said\b"
    r"|(?:一間|一家)[^，,。]{0,6}(?:銀行|银行|保險公司|保险公司)(?:表示|指|稱|称)",
    re.IGNORECASE,
)


# "Citing figures from the Police, the HKMA said ...", 金管局引述警方數字: the police's count, passed on.
_CITING_POLICE = gated_compile(
    r"\b(?:citing|quoting|according\s+to)\s+(?:the\s+)?(?:figures|data|statistics|numbers)?\s*(?:from\s+)?"
    r"(?:the\s+)?police\b|\bpolice\s+(?:figures|data|statistics)\b|引述警方|引用警方|根據警方|根据警方|警方數字|警方数字",
    re.IGNORECASE,
)


def _another_bodys_count(before: str) -> bool:
    """The sentence so far names another body (HKCERT, the HKMA ...) as the source, not the police."""
    return bool(_OTHER_BODY.search(before)) and not _CITING_POLICE.search(before)


# A span that is no calendar period ("in less than a year", "in the past 12 months", 短短數月內): a figure
# of it belongs to no period of the series.
_ROLLING = gated_compile(
    r"\bin\s+(?:less|under|fewer)\s+than\s+(?:a|an|one|two|three|six|\d+)\s+(?:years?|months?|weeks?)\b"
    r"|\bwithin\s+(?:a|an|one|two|three|six|\d+)\s+(?:years?|months?|weeks?)\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:\d+|two|three|four|six|nine|twelve|eighteen)"
    r"\s+(?:months|weeks)\b"
    r"|\bin\s+(?:just\s+|only\s+)?(?:a\s+few|several)\s+(?:months|weeks)\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:month|week|fortnight|few\s+(?:months|weeks))\b"
    r"|\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}\b)?(?!\s*,?\s*(?:19|20)\d\d)"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\d{1,2}\s*日)?(?:起)?至今|自\s*\d{1,2}\s*月|過去(?:一|1)(?:個|个)?(?:月|星期|週|周)|过去(?:一|1)(?:个)?(?:月|星期|周)"
    r"|(?:短短|僅僅|仅仅)?(?:數|数|幾|几)(?:個|个)?月(?:內|内|間|间)|不足一年|過去(?:12|十二)個月|过去(?:12|十二)个月"
    # the month or week so far: "since the start of this month", "so far this week", 本月至今, 今個星期以來
    r"|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:this|the)\s+(?:month|week)\b"
    r"|\bso\s+far\s+this\s+(?:month|week)\b|\bthis\s+(?:month|week)\s+(?:so\s+far|to\s+date)\b|\b(?:month|week)-to-date\b"
    r"|(?:本月|今個月|今个月|這個月|这个月|本週|本周|今個星期|今个星期|這星期|这星期)(?:至今|以來|以来|迄今)"
    # days, not months: "in the first 12 days of December", 首10日, 過去三天
    r"|\b(?:in\s+|over\s+|during\s+)?the\s+(?:first|past|last|previous)\s+(?:\d+|two|three|four|five|six|seven|ten)"
    r"\s+days\b|(?:首|頭|头|前|過去|过去)\s*(?:\d+|[一二三四五六七八九十兩两]+)\s*(?:日|天)(?![\d一二三四五六七八九十])",
    re.IGNORECASE,
)

# A count of one day: "Yesterday three cases were reported", 昨日再接獲3宗 (not "police said yesterday
# that ...", 警方昨日公布, 今日（22日）指: the day the figures were told, not counted).
_ONE_DAY = gated_compile(
    r"\b(?:yesterday|today|last\s+night|this\s+morning)\b|昨日|昨天|今日|今天|當日|当日", re.IGNORECASE
)
_TOLD = gated_compile(
    r"\b(?:said|says|told|tells|announced|announces|revealed|disclosed|stated|released|published|briefed)\b"
    r"|表示|公布|公佈|指出|指(?=[，,：:\s])|透露|稱|称|說|说|宣布|發表|发表|會見|会见",
    re.IGNORECASE,
)


def counted_on_one_day(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A day word before the number in its clause or the one before, not the day something was told.
    (The extractor asks only when the sentence names no period of its own: "Yesterday three cases
    were reported" in a text about 2015 is no figure of 2015.)"""
    c_start, _ = sent.clause_bounds(num.start)
    days = list(_ONE_DAY.finditer(text, max(sent.start, c_start - 40), num.start))
    return bool(days) and not _TOLD.search(text, max(sent.start, days[-1].start() - 12), num.start)


# A forecast or a target is no statistic of a period: "police expect the number to exceed 45,000",
# 預計全年數字將超過45 000宗.
_FORECAST = gated_compile(
    r"\b(?:expects?|expected|forecasts?|forecast|projects?|projected|predicts?|predicted|anticipates?|anticipated)\b"
    r"|\b(?:on\s+(?:course|track)|set|likely)\s+to\b|預計|预计|預料|预料|預期|预期|料將|料将|估計將|估计将|有望",
    re.IGNORECASE,
)


# The sum of the kinds a text has listed is no series: 上表六類合共約三萬宗, "the six types together
# accounted for about 30,000 cases".
_SUM_OF_KINDS = gated_compile(
    r"(?:[兩二三四五六七八九十]|\d)\s*(?:類|类|種|种|項|项)(?:騙案|骗案|案件|罪案)?\s*(?:合共|合計|合计|共|加起來|加起来)"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d)\s+(?:types|kinds|categories)\b"
    r"(?:\s+of\s+[a-z]+)?\s+(?:together|combined)\b",
    re.IGNORECASE,
)
# The words one of which each match of these holds (regex_gate.folded_words): a sentence holding none
# of a pattern's words is not scanned for it, for any of its numbers.
_EXCLUDING_WORDS = folded_words(_EXCLUDING)
_OTHER_BODY_WORDS = folded_words(_OTHER_BODY)
_ROLLING_WORDS = folded_words(_ROLLING)
_FORECAST_WORDS = folded_words(_FORECAST)


# A market's numbers: "Harbourline's shares closed 0.8 per cent higher at HK$62.35", 股價收報62.35元.
_MARKET = gated_compile(
    r"\b(?:shares|stock|stocks|index)\s+(?:closed|rose|fell|ended|gained|lost|slipped|climbed|jumped|dropped)\b"
    # "the sector index up 0.4 per cent by the close"
    r"|\bindex\s+(?:was\s+)?(?:up|down)\b|\bby\s+the\s+close\b"
    r"|股價|股价|收市|收報|收报|恒指|恆指|呎租|尺租|樓價|楼价|成交價|成交价",
    re.IGNORECASE,
)
# One district's count is no territory-wide series: 區內同期則有約1 000宗罪案, "in the district".
_ONE_DISTRICT = gated_compile(r"區內|区内|本區|本区|該區|该区")  # (in English: _IN_THE_DISTRICT)


# A limit, not an amount lost: "first-time payments above HK$50,000", 超過5萬元的轉賬.
_THRESHOLD_BEFORE = gated_compile(
    r"\b(?:payments?|transfers?|transactions?|withdrawals?|remittances?)\s+"
    r"(?:(?:of|worth)\s+)?(?:above|over|exceeding|of\s+more\s+than|below|under|up\s+to|beyond)\s*$"
    # an insurer's cover: "reimburses up to HK$200,000 per incident"
    r"|\b(?:reimburs\w*|cover(?:s|ed|ing)?|compensat\w*|pays?\s+out|insured?)\b[^.;]{0,60}?\bup\s+to\s*$"
    # a policy's limits: "Limits from HK$500,000 to HK$10 million"
    r"|\blimits?\s+(?:of\s+|from\s+|up\s+to\s+)?(?:HK\$\s*[\d,.]+\s*(?:million|m|bn|billion)?\s+to\s+)?$"
    # a share of the victims under a sum: "around 70 per cent of victims lost less than HK$5,000"
    r"|\b(?:per\s?cent|%)\s+of\s+(?:the\s+|all\s+)?(?:victims|cases|them)\b[^.;]{0,30}?"
    r"\b(?:less\s+than|fewer\s+than|more\s+than|under|below|over|above)\s*(?:HK\$|\$|US\$)?\s*$"
    r"|(?:成|%|％)(?:的)?(?:受害人|事主|個案|个案)[^，,。；]{0,10}?(?:少於|少于|低於|低于|多於|多于|超過|超过|高於|高于)\s*$",
    re.IGNORECASE,
)
# A correction's wrong number: "misstated the number of crimes ... as 92,076", 誤報為92 076宗.
_MISSTATED_BEFORE = gated_compile(
    r"\b(?:misstated|misreported|misquoted|wrongly|incorrectly|erroneously|mistakenly)\b[^.;]{0,80}?\bas\s+$"
    r"|(?:誤|误|錯|错)(?:報|报|植|寫|写|引)(?:為|为|成)\s*$",
    re.IGNORECASE,
)


# ... or the correction says so after it: 涉及損失「逾70萬元」，數字有誤
_MISSTATED_AFTER = gated_compile(
    r"[^，,。；;\d]{0,6}[，,]?\s*(?:(?:此|該|该)?(?:數字|数字))?(?:有誤|有误|錯誤|错误|不正確|不正确)"
)


def misstated(text: str, sent: Sentence, at: int, end: int) -> bool:
    """The number at `at`..`end` is the wrong one a correction names. It is read (the next sentence's
    "The correct figure is 90,276" counts the same thing) but not kept."""
    return bool(_MISSTATED_BEFORE.search(text, max(sent.start, at - 120), at)) or bool(
        _MISSTATED_AFTER.match(text, end, sent.end)
    )


_IN_THE_DISTRICT = gated_compile(
    r"\b(?:in|across)\s+the\s+(?:district|estate|neighbourhood)\b"
    # "In Kwun Tong Police District, 2 418 crimes", "in Wan Chai District": one named district
    r"|\b(?i:in|across|within)\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Police\s+)?District\b(?!\s+Councils?\b)",
    re.IGNORECASE,
)
# An audit's or a study's sample: "Auditors examined 50 deception cases ... in 18 of them", 審計署抽查了
# 2020年的60宗個案，發現其中14宗: the cases looked at, and the parts of them, are not the series'.
_SAMPLED = gated_compile(
    r"\b(?:examined|sampled|reviewed|audited|inspected|checked|studied|analysed|analyzed)\s+"
    r"(?:a\s+(?:random\s+)?sample\s+of\s+)?(?:\d|(?:some|about|around)\s+\d)"
    r"|\b(?:a|our|the|its|their)\s+(?:random\s+)?sample\s+of\s+(?:\d|(?:some|about|around)\s+\d)"
    r"|(?:抽查|抽樣|抽样|抽取了|抽選了?|抽选了?|審視了|审视了|審查了|审查了)[^，。；]{0,30}?\d",
    re.IGNORECASE,
)
# What a writer's own business counted: "Our telemetry logged ...", "Across our client base, ...".
_OWN_DATA = gated_compile(
    r"\b(?:our|my)\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?(?:telemetry|team|clients?|client\s+base|customers?"
    r"|customer\s+base|cardholders?|cardholder\s+base|members|portfolio|users|platform|network|sensors"
    r"|engagements|helpline|branches)\b"
    r"|本行|本公司|我們的客戶|我们的客户|本會會員|本会会员",
    re.IGNORECASE,
)
# Not counts of the series: customers and firms counted by a business (企業客戶較去年多約四成), visitors
# (訪港旅客人次按年大跌九成).
_CUSTOMERS = gated_compile(
    r"(?:(?:企業|企业|個人|个人)?(?:客戶|客户|投保人|會員|会员)(?:數目|数目|人數|人数)?|旅客|访客|訪客|人次|入住率)"
    r"[^，。；]{0,6}$"
)
# A business's own measures: "its profit for 2012 fell 8 per cent to HK$412 million", revenue, sales
_BUSINESS_MEASURE = gated_compile(
    r"\b(?:its|their|the\s+(?:company|group|firm|bank)'s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:profits?|revenues?|earnings|turnover|sales|dividends?)\b|(?:純利|盈利|營業額|营业额|收入)",
    re.IGNORECASE,
)


def not_a_statistic(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A count of staff, a label, or an amount in one person's story: not a statistic of a period."""
    if num.form == "count" and _STAFF_AFTER.match(text[num.end : num.end + 40]):
        return True
    if num.form == "count" and _OTHER_THINGS_AFTER.match(text[num.end : num.end + 40]):
        return True
    if num.form == "fold" and num.value >= _NO_FOLD:
        return True  # "used 5 000 000 times": a count of uses, not a multiple of a series
    if _footnote_mark(text, num):
        return True
    if num.form in ("count", "money") and (_is_label(text, sent, num) or _whole_of_a_part(text, sent, num)):
        return True
    if num.form == "count" and _THE_REST_BEFORE.search(text[max(sent.start, num.start - 24) : num.start]):
        return True
    if num.form in ("count", "money") and _rate_or_average(text, sent, num):
        return True
    if num.form in ("count", "money") and _not_a_count(text, sent, num):
        return True
    # every window below lies in the sentence: its words are in the sentence's
    folded = fold_sentence(sent.text)
    before = text[sent.start : num.start]  # a slice: _INDIVIDUAL's ^ is the sentence's start
    c_start, c_end = sent.clause_bounds(num.start)
    if (may_hold(_EXCLUDING_WORDS, folded) and _EXCLUDING.search(before)) or (
        may_hold(_OTHER_BODY_WORDS, folded) and _another_bodys_count(before)
    ):
        return True
    if may_hold(_ROLLING_WORDS, folded) and _ROLLING.search(text, sent.start, c_end):
        return True  # in the number's clause or before it
    if may_hold(_FORECAST_WORDS, folded) and _FORECAST.search(text, c_start, num.start):
        return True
    if _SUM_OF_KINDS.search(text, c_start, num.start):
        return True
    if _MARKET.search(text, c_start, c_end) or _ONE_DISTRICT.search(text, c_start, num.start):
        return True
    if num.form == "money" and _THRESHOLD_BEFORE.search(text, max(sent.start, num.start - 60), num.start):
        return True
    if _IN_THE_DISTRICT.search(text, sent.start, c_end):  # "842 crimes were reported in the district"
        return True
    if _SAMPLED.search(text, sent.start, num.end) or _OWN_DATA.search(text, sent.start, c_end):
        return True
    if num.form == "percent" and _CUSTOMERS.search(text, c_start, num.start):
        return True
    if _BUSINESS_MEASURE.search(text, c_start, num.start):
        return True
    if num.form in ("percent", "fold") and _not_a_change_of_a_series(text, sent, num):
        return True
    if num.form != "money":
        return False
    if _one_victim(sent.text):
        return True
    story = _INDIVIDUAL.search(before)
    if story is not None and (said := _SPEAKER_AFTER.match(before, story.end())):
        # "She also noted that telephone deception had climbed ...": a speaker, not a victim, unless she
        # tells a case ("She told the hall that one Form Five boy had paid HK$8,000")
        return bool(_A_PERSON.search(before, said.end()))
    return story is not None and not cites_figures(before[story.end() :])


# "其中324宗為網上拍賣或購物相關罪行", "of which 169 involved companies": a part of the figure before,
# described by what it involved. Unless the words name one of the series, the part is not a figure.
_PART_OPEN = gated_compile(
    r"(?:其中|當中|当中|包括|of\s+(?:which|them|these|those)|among\s+(?:them|these|which)|including)\s*"
    r"(?:約|约|逾|近|超過|超过|多達|多达|(?:about|some|around|nearly|over)\s+)?$",  # 當中約一千宗
    re.IGNORECASE,
)


_PART_DESCRIBED = gated_compile(
    r"^\s*(?:宗|起|個案|个案|cases?|reports?)?\s*(?:為|为|涉及|涉|屬|属|是|were|was|involved|involving|concerned"
    r"|related\s+to|in\s+relation\s+to"
    # 當中一千多宗與口罩有關: a part described by what it had to do with
    r"|(?:與|与|跟|和)[^，,。；;]{1,20}?(?:有關|有关|相關|相关))",
    re.IGNORECASE,
)


# 當中涉及長者的個案有2,000宗: in Chinese the part is described before its number.
_ZH_PART_BEFORE = gated_compile(
    r"(?:其中|當中|当中)\s*(?:涉及|涉|關於|关于|有關|有关)?[^，,。；;\d]{1,20}?"
    r"(?:的)?(?:個案|个案|案件|案|受害人|事主)(?:中)?\s*(?:有|共|達|达|錄得|录得|佔|占|為|为)?\s*$"
)
# 涉及長者的個案有1 204宗, 針對學生的騙案共300宗: cases described by whom or what they involved, with no
# opener (其中) needed: the words between 涉及 and 的 say the part; a series named there (涉及網購的騙案) is
# the figure's category, not a part.
_ZH_INVOLVING_BEFORE = gated_compile(
    r"(?:涉及|涉|針對|针对)([^，,。；;\d的]{1,12})的(?:個案|个案|案件|騙案|骗案|罪案|案)"
)
# 學生受騙的個案, 長者受害的案件: cases described by who was cheated.
_ZH_VICTIM_PART = gated_compile(
    r"(?:長者|长者|老人|學生|学生|學童|学童|青少年|兒童|儿童|婦女|妇女|公司|企業|企业|商戶|商户|外傭|外佣"
    r"|家庭傭工|家庭佣工|退休人士)[^，,。；;\d]{0,4}(?:受騙|受骗|受害|被騙|被骗)的(?:個案|个案|案件|騙案|骗案)"
)
# "Older victims reported about 800 such cases", "elderly people lost HK$400 million": a part by victim.
_EN_VICTIM_PART = gated_compile(
    r"\b(?:older|elderly|younger|young|student|teenage|female|male|senior|retired)\s+"
    r"(?:victims|people|residents|citizens|persons|users)\b"
    r"|\bvictims\s+aged\s+\d+\s+(?:or|and)\s+(?:over|above|older|under|below|younger)\b",
    re.IGNORECASE,
)
# "Companies were the victims in 3,000 of the cases": a part by victim, named by no category.
_IN_N_OF_THE = gated_compile(r"^\s*(?:cases\s+)?of\s+(?:the|these|those|them|all)\b", re.IGNORECASE)
# "Phone and e-mail scams together made up 6,000 cases", 兩類騙案合共: a total of two series is neither.
_COMBINED = gated_compile(
    r"\b(?:together|combined|jointly|between\s+them|in\s+all)\b|合共|合計|合计|加起來|加起来|共計|共计",
    re.IGNORECASE,
)


def untracked_part(text: str, view: SentenceView, num: NumberMention) -> bool:
    """A part of a series described by what it involved (victims, methods), or a total of two series:
    not a figure of any series the project tracks."""
    c_start, c_end = view.sentence.clause_bounds(num.start)
    named_before = [
        t for t in view.categories if c_start <= t.start and t.end <= num.start and t.key != "unknown"
    ]
    joined = len(named_before) >= 2 or (
        named_before and re.search(r"\band\b|及|和|與|与|、", text[c_start : named_before[-1].start])
    )
    if joined and _COMBINED.search(text, c_start, min(c_end, num.end + 12)):
        return True
    if (
        not named_before
        and re.search(r"\bin\s+$", text[c_start : num.start])
        and _IN_N_OF_THE.match(text[num.end : c_end])
    ):
        return True
    zh_part = _ZH_PART_BEFORE.search(text[c_start : num.start])
    if zh_part and not [t for t in view.categories if c_start + zh_part.start() <= t.start < num.start]:
        return True
    if _ZH_VICTIM_PART.search(text, c_start, num.start) or _EN_VICTIM_PART.search(
        text, view.sentence.start, num.start
    ):
        return True
    involving = _ZH_INVOLVING_BEFORE.search(text[c_start : num.start])
    if involving:
        s, e = c_start + involving.start(1), c_start + involving.end(1)
        if not [t for t in view.categories if t.start < e and s < t.end and t.key != "unknown"]:
            return True
    if not _PART_DESCRIBED.match(text[num.end : c_end]):
        return False
    # 其中N宗涉及..., or 4515宗騙案有3750宗涉及...: another figure of the clause in the same unit is the
    # whole ("15,637 cases involving losses of HK$2.03 billion were recorded": cases are no whole of money)
    whole_before = any(n.form == num.form and c_start <= n.start and n.end <= num.start for n in view.numbers)
    if not (_PART_OPEN.search(text[c_start : num.start]) or whole_before):
        return False
    named = [t for t in view.categories if num.end <= t.start < c_end and t.key != "unknown"]
    return not named
