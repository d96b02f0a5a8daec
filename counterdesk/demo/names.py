"""Name, ID and phone data for demo centers: what a Beijing subdistrict counter really sees.

Surname shares are the published top-100 list (公安部户籍人口统计, 2019/2020
editions; rounded percentages of the population). Given names follow the shape
of real registers: about a third of the people have a one-character given name
(王芳, 李强 — the two-character full names the counter searches most), most have
two, and a few carry a compound surname (欧阳, 司马).
"""

from __future__ import annotations

# (surname, share of population in percent), most common first.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.12), ("李", 7.00), ("张", 6.74), ("刘", 5.10), ("陈", 4.61),
    ("杨", 3.22), ("黄", 2.45), ("赵", 2.19), ("吴", 2.05), ("周", 1.94),
    ("徐", 1.73), ("孙", 1.54), ("马", 1.50), ("朱", 1.37), ("胡", 1.34),
    ("郭", 1.30), ("何", 1.17), ("林", 1.16), ("高", 1.14), ("罗", 1.12),
    ("郑", 1.07), ("梁", 0.97), ("谢", 0.86), ("宋", 0.79), ("唐", 0.78),
    ("许", 0.72), ("韩", 0.70), ("邓", 0.69), ("冯", 0.68), ("曹", 0.67),
    ("彭", 0.66), ("曾", 0.64), ("肖", 0.62), ("田", 0.61), ("董", 0.59),
    ("潘", 0.56), ("袁", 0.55), ("蔡", 0.54), ("蒋", 0.53), ("余", 0.52),
    ("于", 0.51), ("杜", 0.50), ("叶", 0.48), ("程", 0.47), ("魏", 0.46),
    ("苏", 0.45), ("吕", 0.44), ("丁", 0.43), ("任", 0.42), ("卢", 0.40),
    ("姚", 0.39), ("沈", 0.38), ("钟", 0.37), ("姜", 0.36), ("崔", 0.35),
    ("谭", 0.34), ("陆", 0.33), ("范", 0.32), ("汪", 0.31), ("廖", 0.30),
    ("石", 0.30), ("金", 0.29), ("韦", 0.29), ("贾", 0.28), ("夏", 0.28),
    ("付", 0.27), ("方", 0.27), ("邹", 0.26), ("熊", 0.26), ("白", 0.26),
    ("孟", 0.25), ("秦", 0.25), ("邱", 0.24), ("侯", 0.24), ("江", 0.24),
    ("尹", 0.23), ("薛", 0.23), ("闫", 0.22), ("段", 0.22), ("雷", 0.22),
    ("龙", 0.21), ("黎", 0.21), ("史", 0.21), ("陶", 0.20), ("贺", 0.20),
    ("毛", 0.19), ("郝", 0.19), ("顾", 0.19), ("龚", 0.18), ("邵", 0.18),
    ("万", 0.17), ("覃", 0.17), ("武", 0.17), ("钱", 0.16), ("戴", 0.16),
    ("严", 0.16), ("莫", 0.15), ("孔", 0.15), ("向", 0.15), ("常", 0.14),
)  # fmt: skip
# Compound surnames: rare, but they make four-character names.
COMPOUND_SURNAMES: tuple[tuple[str, float], ...] = (
    ("欧阳", 0.05), ("司马", 0.01), ("上官", 0.01), ("诸葛", 0.01), ("东方", 0.005),
)  # fmt: skip
# Share of people whose given name has one character (two-character full names).
SINGLE_GIVEN_SHARE = 0.30

# Given-name characters, most frequent first; weights fall off like a Zipf curve.
GIVEN_MALE = (
    "伟强磊军勇杰涛明超刚平辉鹏华飞斌宇浩凯健俊帆帅旭宁龙林波斌峰建国文博"
    "志海亮东兵晨阳鑫睿轩涵泽晨昊然子豪天佳一诚成刚毅永新康荣德"
)
GIVEN_FEMALE = (
    "芳娜敏静丽艳娟霞秀英燕玲萍红桂兰梅琳雪婷颖欣怡佳慧晶倩洁璐琪月"
    "瑶妍涵萱雨思晨诗梦悦婉清晓丹蕾薇莉萌楠梓"
)

# Beijing district codes as they appear on resident ID cards (110103/110104 are
# the former 崇文/宣武, still on the cards of people born before 2010).
BEIJING_AREAS = (
    "110101", "110102", "110103", "110104", "110105", "110106", "110107", "110108",
    "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117",
    "110118", "110119",
)  # fmt: skip
# Where residence-permit applicants come from (capital-city district codes).
MIGRANT_AREAS = (
    "130102", "130602", "370102", "410102", "420102", "430102", "510104", "230102",
    "220102", "210102", "340102", "360102", "140105", "610102", "120101", "320102",
)  # fmt: skip

MOBILE_PREFIXES = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157",
    "158", "159", "178", "182", "183", "184", "187", "188", "198", "130", "131",
    "132", "155", "156", "166", "175", "176", "185", "186", "133", "149", "153",
    "173", "177", "180", "181", "189", "191", "199",
)  # fmt: skip

STREETS = (
    "西长安街", "德胜门内大街", "新街口外大街", "阜成门内大街", "月坛北街", "展览路",
    "金融大街", "白纸坊东街", "广安门内大街", "牛街", "椿树园", "陶然亭路",
)  # fmt: skip

# How often a center sees each matter (by catalog code); unknown codes weigh 1.
MATTER_WEIGHTS = {
    "BJ-JD-001": 20, "BJ-JD-002": 9, "BJ-JD-003": 14, "BJ-JD-004": 2, "BJ-JD-005": 1.5,
    "BJ-JD-006": 2, "BJ-JD-007": 10, "BJ-JD-008": 7, "BJ-JD-009": 8, "BJ-JD-010": 8,
    "BJ-JD-011": 4, "BJ-JD-012": 1, "BJ-JD-013": 2, "BJ-JD-014": 1, "BJ-JD-015": 1.5,
    "BJ-JD-016": 4, "BJ-JD-017": 0.5, "BJ-JD-018": 1, "BJ-JD-019": 2, "BJ-JD-020": 2,
    "BJ-JD-021": 8, "BJ-JD-022": 1.5, "BJ-JD-023": 5, "BJ-JD-024": 2,
}  # fmt: skip
# Applicant age range per matter (years); others 18-75.
AGES = {
    "BJ-JD-001": (18, 55), "BJ-JD-007": (18, 59), "BJ-JD-008": (18, 59), "BJ-JD-009": (22, 42),
    "BJ-JD-010": (65, 95), "BJ-JD-011": (80, 100), "BJ-JD-016": (20, 60), "BJ-JD-019": (25, 60),
    "BJ-JD-021": (18, 59), "BJ-JD-023": (60, 85), "BJ-JD-024": (18, 59),
}  # fmt: skip
