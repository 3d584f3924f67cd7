"""Write the gold JSONL files from the readings below (run: python tests/gold/build_gold.py).

The lists were written by reading the texts, not from annotator output.  Offsets are code points
into the raw corpus file (for the treaties the ingested canonical text is the raw text; for the
book, `foedus.annotate.evaluate` maps each span by its text, see docs/annotators.md).
ACTOR lists: every occurrence of each string inside the document's scope is gold (longest first,
no overlaps); an `entity` of None with `ambiguous` marks names the policy leaves unresolved.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from foedus.corpus.catalogue import PACKAGED_CATALOGUE, find_corpus_root, load_catalogue

HERE = Path(__file__).parent
CHINA = {"ambiguous": True}

TREATY_ACTORS: dict[str, dict[str, str | None]] = {
    "nato-1949.en": {
        "United Nations": "Q1065",
        "Security Council": "Q37470",
        "France": "Q142",
        "Turkey": "Q43",
        "United States of America": "Q30",
        "United States": "Q30",
        "Belgium": "Q31",
        "Canada": "Q16",
        "Luxembourg": "Q32",
        "Netherlands": "Q55",
        "United Kingdom": "Q145",
    },
    "nato-1949.zh": {"联合国": "Q1065"},
    "anzus-1951.en": {
        "United Nations": "Q1065",
        "United States of America": "Q30",
        "United States": "Q30",
        "Australia": "Q408",
        "New Zealand": "Q664",
        "Philippines": "Q928",
        "Japan": "Q17",
        "British Commonwealth of Nations": "Q7785",
    },
    "anzus-1951.zh": {
        "美": "Q30",
        "澳": "Q408",
        "新": "Q664",
        "联合国": "Q1065",
        "美国": "Q30",
        "菲律宾": "Q928",
        "日本": "Q17",
        "日": "Q17",
        "澳大利亚": "Q408",
        "新西兰": "Q664",
        "英联邦": "Q7785",
    },
    "seato-1954.en": {
        "United Nations": "Q1065",
        "Republic of the Philippines": "Q928",
        "United States of America": "Q30",
        "Australia": "Q408",
        "France": "Q142",
        "New Zealand": "Q664",
        "Pakistan": "Q843",
        "Kingdom of Thailand": "Q869",
        "United Kingdom of Great Britain and Northern Ireland": "Q145",
        "Cambodia": "Q424",
        "Laos": "Q819",
        "State of Vietnam": None,
        "JOHN FOSTER DULLES": None,
        "R. G. CASEY": None,
        "ZAFRULLA KHAN": None,
        "CARLOS P. GARCIA": None,
        "G. LA CHAMBRE": None,
        "CLIFTON WEBB": None,
        "H. ALEXANDER SMITH": None,
        "MICHAEL J. MANSFIELD": None,
        "FRANCISCO A. DELGADO": None,
        "TOMAS L. CABILI": None,
        "LORENZO M. TAÑADA": None,
        "CORNELIO T. VILLAREAL": None,
        "WAN WAITHAYAKON KROMMUN NARADHIP BONGSPRABANDH": None,
    },
    "seato-1954.zh": {"联合国": "Q1065"},
    "us-philippines-1951.en": {"Security Council": "Q37470", "United Nations": "Q1065"},
    "us-philippines-1951.zh": {
        "美": "Q30",
        "菲": "Q928",
        "联合国安全理事会": "Q37470",
        "安全理事会": "Q37470",
        "联合国": "Q1065",
    },
    "us-roc-1954.en": {
        "UNITED STATES OF AMERICA": "Q30",
        "REPUBLIC OF CHINA": "Q865",
        "United Nations": "Q1065",
        "United States of America": "Q30",
        "Republic of China": "Q865",
        "John Foster Dulles": None,
        "George K. C. Yeh": None,
    },
    "us-roc-1954.zh": {"中华民国": "Q865", "美利坚合众国": "Q30", "联合国": "Q1065"},
    "sino-soviet-1950.zh": {
        "中": "Q148",
        "苏": "Q15180",
        "中华人民共和国中央人民政府": None,
        "苏维埃社会主义共和国联盟最高苏维埃主席团": None,
        "中华人民共和国": "Q148",
        "苏维埃社会主义共和国联盟": "Q15180",
        "日本": "Q17",
        "联合国组织": "Q1065",
        "中国政务院": None,
        "周恩来": None,
        "苏联": "Q15180",
        "安得列·扬努阿勒耶维赤·维辛斯基": None,
        "同盟国": None,
    },
    "us-japan-1951.en": {
        "Japan": "Q17",
        "United States of America": "Q30",
        "Allied Powers": None,
        "United Nations": "Q1065",
    },
    "us-japan-1951.zh": {
        "日本": "Q17",
        "美利坚合众国": "Q30",
        "盟国": None,
        "联合国": "Q1065",
        "美国": "Q30",
    },
}
# Single characters are gold only where these contexts hold (by reading).
SINGLE_CHAR_CONTEXT = {
    "anzus-1951.zh": ["美澳新安全条约", "对日和约"],
    "us-philippines-1951.zh": ["美菲共同防御条约", "美菲两国"],
    "sino-soviet-1950.zh": ["中苏友好同盟互助条约", "中苏两国"],
}

# Per-article primary type (OBLIGATION type, or "other" with the COMMITMENT subtype) and defense strength.
ARTICLES: dict[str, dict[str, tuple[str, str | None, str | None]]] = {
    "nato-1949.en": {
        "1": ("nonaggression", None, None),
        "2": ("other", "other", None),
        "3": ("other", "mutual-aid", None),
        "4": ("consultation", None, "weak"),
        "5": ("defense", None, "strong"),
        "6": ("other", "other", None),
        "7": ("other", "other", None),
        "8": ("other", "other", None),
        "9": ("other", "council", None),
        "10": ("other", "accession", None),
        "11": ("other", "ratification", None),
        "12": ("consultation", None, "weak"),
        "13": ("other", "withdrawal", None),
        "14": ("other", "ratification", None),
    },
    "nato-1949.zh": {
        "1": ("nonaggression", None, None),
        "2": ("other", "other", None),
        "3": ("other", "mutual-aid", None),
        "4": ("consultation", None, "weak"),
        "5": ("defense", None, "strong"),
    },
    "anzus-1951.zh": {
        "1": ("nonaggression", None, None),
        "2": ("other", "mutual-aid", None),
        "3": ("consultation", None, "weak"),
    },
    "anzus-1951-draft-1951-07-12.en": {
        "1": ("nonaggression", None, None),
        "2": ("other", "mutual-aid", None),
        "3": ("consultation", None, "weak"),
        "4": ("defense", None, "weak"),
        "5": ("other", "other", None),
        "6": ("other", "other", None),
        "7": ("other", "council", None),
        "8": ("other", "council", None),
        "9": ("other", "ratification", None),
        "10": ("other", "duration", None),
        "11": ("other", "ratification", None),
    },
    "seato-1954.en": {
        "5": ("consultation", None, "weak"),
        "6": ("other", "other", None),
        "7": ("other", "accession", None),
        "8": ("other", "other", None),
        "9": ("other", "ratification", None),
    },
    "seato-1954.zh": {
        "1": ("nonaggression", None, None),
        "2": ("other", "mutual-aid", None),
        "3": ("other", "other", None),
    },
    "us-philippines-1951.en": {
        "2": ("other", "mutual-aid", None),
        "3": ("consultation", None, "weak"),
        "4": ("defense", None, "weak"),
        "5": ("other", "other", None),
        "6": ("other", "other", None),
    },
    "us-philippines-1951.zh": {
        "1": ("nonaggression", None, None),
        "2": ("other", "mutual-aid", None),
        "3": ("consultation", None, "weak"),
        "4": ("defense", None, "weak"),
    },
    "us-roc-1954.en": {
        "1": ("nonaggression", None, None),
        "9": ("other", "ratification", None),
        "10": ("other", "duration", None),
    },
    "us-roc-1954.zh": {
        "1": ("nonaggression", None, None),
        "2": ("other", "mutual-aid", None),
        "3": ("other", "other", None),
        "4": ("consultation", None, "weak"),
        "5": ("defense", None, "weak"),
    },
    "us-rok-1953.en": {
        "1": ("nonaggression", None, None),
        "2": ("consultation", None, "weak"),
        "3": ("defense", None, "weak"),
        "4": ("other", "bases", None),
        "5": ("other", "ratification", None),
        "6": ("other", "duration", None),
    },
    "sino-soviet-1950.zh": {"1": ("defense", None, "strong"), "2": ("other", "other", None)},
    "us-japan-1960.zh": {
        "1": ("nonaggression", None, None),
        "2": ("other", "other", None),
        "3": ("other", "mutual-aid", None),
        "4": ("consultation", None, "weak"),
    },
    "us-japan-1951.zh": {"1": ("other", "bases", None)},
}

TREATY_DATES = {
    "nato-1949.en": [("fourth day of April, 1949", "1949-04-04")],
    "seato-1954.en": [("September 8, 1954", "1954-09-08"), ("eighth day of September, 1954", "1954-09-08")],
    "us-roc-1954.en": [
        ("2 DECEMBER 1954", "1954-12-02"),
        ("second day of December of the Year One Thousand Nine Hundred and Fifty-four", "1954-12-02"),
    ],
    "sino-soviet-1950.zh": [("一九五○年二月十四日", "1950-02-14")],
    "us-rok-1953.en": [("October 1, 1953", "1953-10-01")],
}
TREATY_EVENTS = {
    "sino-soviet-1950.zh": [("第二次世界战争", "world-war-2")],
    "us-roc-1954.zh": [("上次大战", "world-war-2")],
    "us-roc-1954.en": [("the last war", "world-war-2")],
    "us-philippines-1951.zh": [("上次大战", "world-war-2")],
}

BOOK = "xiao-2012-balance-of-threat"
# Book scopes: (first words, last words) of each annotated stretch; footnotes are excluded below.
BOOK_SCOPES = [
    ("联盟理论研究是一个", "不同风险倾向。"),
    ("In today's global anarchy", "enhances utility."),
    ("第二次世界大战后，为了制衡", "MF2521237, HKU Main Library. tif."),
]
BOOK_ACTORS = {
    "苏联": "Q15180",
    "美国": "Q30",
    "希腊": "Q41",
    "土耳其": "Q43",
    "英国": "Q145",
    "英": "Q145",
    "法": "Q142",
    "比": "Q31",
    "荷": "Q55",
    "卢": "Q32",
    "捷克斯洛伐克": "Q33946",
    "芬兰": "Q33",
    "苏": "Q15180",
    "芬": "Q33",
    "德国": "Q183",
    "加拿大": "Q16",
    "美国参议院": "Q66096",
    "联合国": "Q1065",
    "北大西洋组织": "Q7184",
    "北大西洋公约组织": "Q7184",
    "北约": "Q7184",
    "NATO": "Q7184",
    "法国": "Q142",
    "荷兰": "Q55",
    "比利时": "Q31",
    "卢森堡": "Q32",
    "挪威": "Q20",
    "丹麦": "Q35",
    "冰岛": "Q189",
    "意大利": "Q38",
    "葡萄牙": "Q45",
    "联邦德国": "Q713750",
    "西班牙": "Q29",
    "美国国会": "Q11268",
    "乔治·凯南": None,
    "日本": "Q17",
    "菲律宾": "Q928",
    "澳大利亚": "Q408",
    "新西兰": "Q664",
    "美国中央情报局": "Q37230",
    "印度": "Q668",
    "美": "Q30",
    "美国国家安全委员会": None,
    "大西洋联盟": "Q7184",
    "里约组织": None,
    "洛维特": None,
    "共产党和工人党情报局": None,
    # Preface (en)
    "United States": "Q30",
    "US": "Q30",
    "Soviet Union": "Q15180",
    "Japan": "Q17",
    "Philippines": "Q928",
    "France": "Q142",
    "Britain": "Q145",
    "SEATO": None,
    "Vietminh": None,
}
BOOK_SINGLE_CHAR_CONTEXT = ["英、法、比、荷、卢五国", "《苏芬友好", "美苏对抗"]
BOOK_CHINA = {  # context -> entity (None = ambiguous by policy)
    "中国革命胜利": "Q148",
    "共产党在中国的发展": "Q148",
    "在共产党控制中国后": "Q148",
    "判定中国可能": None,
    "Soviet Union and China": None,
}
BOOK_DATES = [
    ("1947 年 3 月", "1947-03"),
    ("1947 年 9 月", "1947-09"),
    ("1947 年 9 月）", "1947-09"),
    ("1948 年）", "1948"),
    ("1948 年 3 月 17 日", "1948-03-17"),
    ("1948年4月6日", "1948-04-06"),
    ("1948年4月22日", "1948-04-22"),
    ("1948年6月", "1948-06"),
    ("7月14日", "1948-07-14"),
    ("1949年3月", "1949-03"),
    ("4月4日", "1949-04-04"),
    ("1952年2月18日", "1952-02-18"),
    ("1955年5月6日", "1955-05-06"),
    ("1982年", "1982"),
    ("1949年10月", "1949-10"),
    ("1948年提出", "1948"),
    ("1949年5月", "1949-05"),
    ("1949年底", "1949"),
    ("1945—1977", "1945/1977"),
    ("in 1950", "1950"),
    ("in 1951", "1951"),
    ("in 1954", "1954"),
    ("1950s", "1950s"),
    ("in 1969", "1969"),
    ("In 1977", "1977"),
]
BOOK_EVENTS = [
    ("第二次世界大战后，为了", "world-war-2"),
    ("杜鲁门主义", "truman-doctrine"),
    ("二月事件", "czechoslovak-coup-1948"),
    ("范登堡决议", "vandenberg-resolution"),
    ("World War II", "world-war-2"),
    ("after the war", "world-war-2"),
    ("Korean War", "korean-war"),
    ("Geneva Conference", "geneva-conference-1954"),
    ("Nixon Doctrine", "nixon-doctrine"),
    ("series of military victories against France", "vietminh-victories-1954"),
    ("第二次世界大战后决策理论", "world-war-2"),
]
# THREAT: (context that locates it, span inside the context, attributes)
BOOK_THREATS = [
    ("balance potential threats", "threats", {}),
    ("dealing with threats", "threats", {}),
    ("when states face external threats", "threats", {}),
    ("a high level of threat", "threat", {"intensity": "high"}),
    ("a low level of threat", "threat", {"intensity": "low"}),
    (
        "weak threats from the Soviet Union",
        "threats",
        {"intensity": "low", "source": "Q15180", "target": "Q30", "region": "asia", "date": "1945"},
    ),
    (
        "shook the power equilibrium",
        "shook the power equilibrium",
        {"intensity": "high", "direction": "rising", "region": "asia", "date": "1950"},
    ),
    (
        "Korean peninsula to prevent communist expansion",
        "communist expansion",
        {"intensity": "high", "target": "Q30", "region": "east-asia", "date": "1950"},
    ),
    (
        "further losses to communist expansion",
        "communist expansion",
        {"intensity": "high", "target": "Q30", "region": "asia", "date": "1950"},
    ),
    (
        "imminent communist threat",
        "communist threat",
        {"intensity": "high", "target": "Q30", "region": "southeast-asia", "date": "1954"},
    ),
    ("similar threat perceptions", "threat", {"date": "1954"}),
    (
        "communist threats decreased",
        "communist threats",
        {
            "intensity": "low",
            "direction": "falling",
            "target": "Q30",
            "region": "southeast-asia",
            "date": "1954",
        },
    ),
    ("制衡潜在的威胁", "威胁", {}),
    ("既能制衡威胁", "威胁", {}),
    ("当国家面对外部威胁", "威胁", {}),
    ("利用联盟制衡威胁", "威胁", {}),
    ("在面临外部威胁时", "威胁", {}),
    ("大国面临外部威胁", "威胁", {}),
    ("选择联盟战略制衡威胁", "威胁", {}),
    ("预期外部威胁高时", "威胁", {"intensity": "high"}),
    ("预期外部威胁低时", "威胁", {"intensity": "low"}),
    ("共产主义阵营的威胁", "威胁", {"source": "Q15180", "target": "Q30", "date": "1945"}),
    ("苏联所带来的威胁", "威胁", {"source": "Q15180", "target": "Q30", "region": "europe", "date": "1948"}),
    ("来自苏联的压力", "压力", {"source": "Q15180", "target": "Q30", "region": "europe", "date": "1948"}),
    ("这一地区的侵略", "侵略", {"intensity": "high", "region": "europe", "date": "1948"}),
    ("国家安全的武装进攻", "武装进攻", {"intensity": "high", "target": "Q30", "date": "1948"}),
    (
        "最大威胁来自苏联",
        "威胁",
        {"intensity": "high", "source": "Q15180", "region": "europe", "date": "1948"},
    ),
    (
        "苏联对西方的威胁",
        "威胁",
        {"intensity": "high", "source": "Q15180", "region": "global", "date": "1948"},
    ),
    ("苏联威胁到西欧", "威胁", {"source": "Q15180", "target": "Q30", "region": "europe", "date": "1948"}),
    (
        "影响力不断扩大",
        "影响力不断扩大",
        {"intensity": "high", "direction": "rising", "region": "asia", "date": "1949"},
    ),
    ("威胁着亚洲国家", "威胁", {"intensity": "high", "source": "Q15180", "region": "asia", "date": "1949"}),
    ("阴谋和外交压力", "外交压力", {"source": "Q15180", "region": "asia", "date": "1949"}),
    ("不再可能威胁到美国", "威胁", {"source": "Q15180", "target": "Q30", "region": "asia", "date": "1949"}),
    ("共产主义颠覆活动", "颠覆活动", {"intensity": "high", "region": "southeast-asia", "date": "1949"}),
    (
        "共产主义进攻的目标",
        "进攻",
        {"intensity": "high", "source": "Q15180", "region": "southeast-asia", "date": "1949"},
    ),
    ("为共产主义所席卷", "席卷", {"intensity": "high", "region": "southeast-asia", "date": "1949"}),
    ("带来多大的威胁", "威胁", {"region": "asia", "date": "1949"}),
]
# Modality of the THREAT and CLAIM entries above and below, by their context; every other one is
# asserted.  Hypothetical: not asserted of a time and place (a condition, a possibility, a general
# rule of the model); negated: denied.
NOT_ASSERTED = {
    "balance potential threats": "hypothetical",
    "dealing with threats": "hypothetical",
    "when states face external threats": "hypothetical",
    "a high level of threat": "hypothetical",
    "a low level of threat": "hypothetical",
    "similar threat perceptions": "negated",
    "制衡潜在的威胁": "hypothetical",
    "既能制衡威胁": "hypothetical",
    "当国家面对外部威胁": "hypothetical",
    "利用联盟制衡威胁": "hypothetical",
    "在面临外部威胁时": "hypothetical",
    "大国面临外部威胁": "hypothetical",
    "选择联盟战略制衡威胁": "hypothetical",
    "预期外部威胁高时": "hypothetical",
    "预期外部威胁低时": "hypothetical",
    "国家安全的武装进攻": "hypothetical",
    "不再可能威胁到美国": "negated",
    "为共产主义所席卷": "hypothetical",
    "带来多大的威胁": "hypothetical",
    # claims: the model's general rules
    "即双边联盟和多边联盟": "hypothetical",
    "两种选择：双边联盟和多边联盟": "hypothetical",
    "多边联盟能获得": "hypothetical",
    "双边联盟获得的": "hypothetical",
    "强义务的多边联盟反映": "hypothetical",
    "最强的风险寻求": "hypothetical",
    "弱义务的双边联盟显示": "hypothetical",
    "最强的规避风险": "hypothetical",
    "选择强义务的多边联盟战略": "hypothetical",
    "选择弱义务的双边联盟战略": "hypothetical",
    "（收益或损失占优）": "hypothetical",
    "placed in a domain of losses and they": "hypothetical",
    "multilateral alliance strategy with strong": "hypothetical",
    "with strong commitments to avoid": "hypothetical",
    "placed in a domain of gains and they": "hypothetical",
    "bilateral alliance strategy with weak": "hypothetical",
    "with weak commitments to pursue": "hypothetical",
}
# CLAIM: mentions of the model's variables in the author's voice (context, span, about, value, subject)
BOOK_CLAIMS = [
    ("即双边联盟和多边联盟", "双边联盟", "alliance-form", "bilateral", None),
    ("即双边联盟和多边联盟", "多边联盟", "alliance-form", "multilateral", None),
    ("两种选择：双边联盟和多边联盟", "双边联盟", "alliance-form", "bilateral", None),
    ("两种选择：双边联盟和多边联盟", "多边联盟", "alliance-form", "multilateral", None),
    ("多边联盟能获得", "多边联盟", "alliance-form", "multilateral", None),
    ("双边联盟获得的", "双边联盟", "alliance-form", "bilateral", None),
    ("强义务的多边联盟反映", "强义务", "commitment", "strong", None),
    ("强义务的多边联盟反映", "多边联盟", "alliance-form", "multilateral", None),
    ("最强的风险寻求", "风险寻求", "strategy", "risk-seeking", None),
    ("弱义务的双边联盟显示", "弱义务", "commitment", "weak", None),
    ("弱义务的双边联盟显示", "双边联盟", "alliance-form", "bilateral", None),
    ("最强的规避风险", "规避风险", "strategy", "risk-averse", None),
    ("选择强义务的多边联盟战略", "强义务", "commitment", "strong", None),
    ("选择强义务的多边联盟战略", "多边联盟战略", "alliance-form", "multilateral", None),
    ("选择弱义务的双边联盟战略", "弱义务", "commitment", "weak", None),
    ("选择弱义务的双边联盟战略", "双边联盟战略", "alliance-form", "bilateral", None),
    ("（收益或损失占优）", "收益或损失占优", "domain", "gains", None),
    ("placed in a domain of losses and they", "domain of losses", "domain", "losses", None),
    (
        "multilateral alliance strategy with strong",
        "multilateral alliance strategy",
        "alliance-form",
        "multilateral",
        None,
    ),
    ("with strong commitments to avoid", "strong commitments", "commitment", "strong", None),
    ("placed in a domain of gains and they", "domain of gains", "domain", "gains", None),
    (
        "bilateral alliance strategy with weak",
        "bilateral alliance strategy",
        "alliance-form",
        "bilateral",
        None,
    ),
    ("with weak commitments to pursue", "weak commitments", "commitment", "weak", None),
    ("a high level of threat", "high level of threat", "threat", "high", None),
    ("a low level of threat", "low level of threat", "threat", "low", None),
    ("was in a domain of gains in Asia", "domain of gains", "domain", "gains", "Q30"),
    ("take less risky behavior", "less risky behavior", "strategy", "risk-averse", "Q30"),
    ("forming bilateral alliances was", "bilateral alliances", "alliance-form", "bilateral", "Q30"),
    ("was placed in a domain of losses", "domain of losses", "domain", "losses", "Q30"),
    (
        "built bilateral alliances with the Philippines",
        "bilateral alliances",
        "alliance-form",
        "bilateral",
        "Q30",
    ),
    ("proposed a NATO-type alliance", "NATO-type alliance", "alliance-form", "multilateral", "Q30"),
    ("a series of bilateral alliances and", "bilateral alliances", "alliance-form", "bilateral", "Q30"),
]


def occurrences(text: str, needle: str, start: int, end: int) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text[start:end])]


def actor_spans(
    text: str, scopes: list[tuple[int, int]], names: dict[str, str | None], singles: list[str]
) -> list[tuple[int, int, str | None]]:
    taken: list[tuple[int, int, str | None]] = []
    for name in sorted(names, key=len, reverse=True):
        for s0, e0 in scopes:
            for off in occurrences(text, name, s0, e0):
                s = s0 + off
                e = s + len(name)
                if len(name) == 1 and not any(
                    c in text[max(0, s - 12) : s + 12]
                    and text.find(c, max(0, s - 12)) <= s < text.find(c, max(0, s - 12)) + len(c)
                    for c in singles
                ):
                    continue
                if name.isascii() and re.match(r"\w", text[e : e + 1] or " "):
                    continue  # inside a longer word
                if not any(s < te and ts < e for ts, te, _ in taken):
                    taken.append((s, e, names[name]))
    return sorted(taken)


def locate(text: str, context: str, span: str, scopes: list[tuple[int, int]]) -> int:
    for s0, e0 in scopes:
        i = text.find(context, s0, e0)
        if i >= 0:
            return i + context.index(span)
    raise SystemExit(f"gold context not found: {context!r}")


def book_scopes(text: str) -> list[tuple[int, int]]:
    """The annotated stretches, paragraph by paragraph, without footnote blocks."""
    scopes = []
    for head, tail in BOOK_SCOPES:
        s = text.index(head)
        e = text.index(tail, s) + len(tail)
        for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text[s:e]):
            block = m.group(0).strip()
            if block and not re.match(r"(?:<sup>|[①②③④⑤]|---)", block):
                start = s + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                scopes.append((start, start + len(block)))
    return scopes


def line(doc: str, s: int, e: int, text: str, label: str, entity: str | None = None, **attrs) -> dict:
    return {
        "document": doc,
        "start": s,
        "end": e,
        "text": text[s:e],
        "left": text[max(0, s - 12) : s],
        "right": text[e : e + 12],
        "label": label,
        "entity": entity,
        "attributes": attrs,
    }


def main() -> None:
    root = find_corpus_root()
    cat = load_catalogue(PACKAGED_CATALOGUE)
    treaty_lines, book_lines = [], []
    for doc_id in sorted(set(TREATY_ACTORS) | set(ARTICLES) | set(TREATY_DATES)):
        text = (root / cat.get(doc_id).path).read_text(encoding="utf-8")
        scopes = [(0, len(text))]
        labels = ["ACTOR"] if doc_id in TREATY_ACTORS else []
        labels += ["DATE"] if doc_id in TREATY_DATES else []
        labels += ["EVENT"] if doc_id in TREATY_EVENTS else []
        treaty_lines.append(
            {"document": doc_id, "scope": [[0, len(text), text[:15], text[-15:]]], "labels": labels}
        )
        for s, e, qid in actor_spans(
            text, scopes, TREATY_ACTORS.get(doc_id, {}), SINGLE_CHAR_CONTEXT.get(doc_id, [])
        ):
            treaty_lines.append(line(doc_id, s, e, text, "ACTOR", qid))
        for span, value in TREATY_DATES.get(doc_id, []):
            for off in occurrences(text, span, 0, len(text)):
                treaty_lines.append(line(doc_id, off, off + len(span), text, "DATE", value=value))
        for span, event in TREATY_EVENTS.get(doc_id, []):
            for off in occurrences(text, span, 0, len(text)):
                treaty_lines.append(line(doc_id, off, off + len(span), text, "EVENT", event=event))
        for number, (type_, subtype, strength) in ARTICLES.get(doc_id, {}).items():
            attrs = {"type": type_, "article": number}
            if subtype:
                attrs["subtype"] = subtype
            if strength:
                attrs["strength"] = strength
            treaty_lines.append(
                {
                    "document": doc_id,
                    "start": None,
                    "end": None,
                    "text": None,
                    "label": "ARTICLE",
                    "entity": None,
                    "attributes": attrs,
                }
            )
    text = (root / cat.get(BOOK).path).read_text(encoding="utf-8")
    scopes = book_scopes(text)
    book_lines.append(
        {
            "document": BOOK,
            "scope": [[s, e, text[s : s + 8], text[max(s, e - 8) : e]] for s, e in scopes],
            "labels": ["ACTOR", "DATE", "EVENT", "THREAT", "CLAIM"],
        }
    )
    actors = actor_spans(text, scopes, BOOK_ACTORS, BOOK_SINGLE_CHAR_CONTEXT)
    for context, entity in BOOK_CHINA.items():
        span = "China" if "China" in context else "中国"
        s = locate(text, context, span, scopes)
        actors.append((s, s + len(span), entity if entity else "AMBIGUOUS"))
    for s, e, qid in sorted(actors):
        if qid == "AMBIGUOUS":
            book_lines.append(
                line(BOOK, s, e, text, "ACTOR", None, ambiguous=True, candidates=["Q148", "Q865"])
            )
        else:
            book_lines.append(line(BOOK, s, e, text, "ACTOR", qid))
    for span, value in BOOK_DATES:
        core = re.sub(r"^in |^In |提出$|）$", "", span)
        s = locate(text, span, core, scopes)
        book_lines.append(line(BOOK, s, s + len(core), text, "DATE", value=value))
    for context, event in BOOK_EVENTS:
        span = context.split("后")[0] if "后" in context else context
        for s0, e0 in scopes:
            for off in occurrences(text, span, s0, e0):
                if context == span or text.startswith(context, s0 + off):
                    book_lines.append(line(BOOK, s0 + off, s0 + off + len(span), text, "EVENT", event=event))
    for context, span, attrs in BOOK_THREATS:
        s = locate(text, context, span, scopes)
        modality = NOT_ASSERTED.get(context, "asserted")
        book_lines.append(line(BOOK, s, s + len(span), text, "THREAT", **attrs, modality=modality))
    for context, span, about, value, subject in BOOK_CLAIMS:
        s = locate(text, context, span, scopes)
        book_lines.append(
            line(
                BOOK,
                s,
                s + len(span),
                text,
                "CLAIM",
                about=about,
                value=value,
                subject=subject,
                modality=NOT_ASSERTED.get(context, "asserted"),
            )
        )
    dedup = {json.dumps(x, ensure_ascii=False, sort_keys=True): x for x in book_lines}
    for name, rows in (("treaties.jsonl", treaty_lines), ("book.jsonl", list(dedup.values()))):
        with (HERE / name).open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(name, len(rows))


if __name__ == "__main__":
    main()
