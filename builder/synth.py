"""Synthetic annual reports: specs with known figures, rendered the ways real texts reach us.

A :class:`ReportSpec` holds every cell of the three tables (keyed by the codes of
:mod:`builder.codes`) plus prose. It can be rendered as extracted text in the layouts seen in the
wild (``tab``, ``cell-per-line``, ``pipe``, ``layout-columns``), as an HTML page and as a DOCX file
with real merged cells. The parser is tested against these renderings and against the outputs of
real extraction tools run on them (see ``tools/make_fixtures.py``).

All three tables are first built as one abstract grid of merged cells (the official template); the
renderers only decide how merged cells, labels and spacing come out.
"""

from __future__ import annotations

import html
import io
import math
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codes import (
    APPLICANT_COLUMNS,
    APPLICATION_COLUMNS,
    COLUMNS,
    RESULT_LEAVES_2019,
    RESULT_LEAVES_2021,
    REVIEW_COLUMNS,
    REVIEW_ROWS,
    TEMPLATES,
    Row,
    cell_keys,
    row,
    rows,
)
from .read import display_width

CellKey = tuple[str, str, str]
Number = int | float
LAYOUTS = ("tab", "cell-per-line", "pipe", "layout-columns")
MISSING_MARKS = ("", "/", "—", "-")
SECTION_HEADINGS = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}
SECTION_TABLES = {2: "proactive", 3: "applications", 4: "review_litigation"}
APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
PROACTIVE_CLAUSES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "2021": (
        ("第二十条第（一）项", ("rules", "normative_documents")),
        ("第二十条第（五）项", ("licensing",)),
        ("第二十条第（六）项", ("penalty", "coercion")),
        ("第二十条第（八）项", ("fees",)),
    ),
    "2019": (
        ("第二十条第（一）项", ("rules", "normative_documents")),
        ("第二十条第（五）项", ("licensing", "other_services")),
        ("第二十条第（六）项", ("penalty", "coercion")),
        ("第二十条第（八）项", ("fees",)),
        ("第二十条第（九）项", ("procurement",)),
    ),
}
RESULT_LEAVES = {"2021": RESULT_LEAVES_2021, "2019": RESULT_LEAVES_2019}


def format_number(value: Number) -> str:
    """A figure as a report prints it: ``12``, ``-3``, ``12.35``."""
    return str(value) if isinstance(value, int) else repr(float(value))


@dataclass
class ReportSpec:
    """One synthetic report: who, which year, every table cell, and the prose sections.

    ``values`` is keyed by ``(table, row, column)`` exactly as :func:`builder.codes.cell_keys`;
    ``None`` is a blank or missing cell, printed as ``missing_marks.get(key, "")``. ``prose`` maps
    a section number (1, 5, 6; 0 for a preamble before section 1) to its text, one paragraph a line.
    """

    body: str
    year: int
    template: str = "2021"
    province: str = ""
    prefecture: str = ""
    county: str = ""
    values: dict[CellKey, Number | None] = field(default_factory=dict)
    missing_marks: dict[CellKey, str] = field(default_factory=dict)
    prose: dict[int, str] = field(default_factory=dict)
    phone: str | None = None
    published: str | None = None  # YYYY-MM-DD, printed under the signature
    signature: str | None = None  # the body as signed at the end, if printed

    @property
    def title(self) -> str:
        return f"{self.body}{self.year}年政府信息公开工作年度报告"

    def value(self, table: str, row_code: str, column: str) -> Number | None:
        return self.values.get((table, row_code, column))

    def cell_text(self, key: CellKey) -> str:
        value = self.values.get(key)
        if value is None:
            return self.missing_marks.get(key, "")
        return format_number(value)

    def cells(self) -> list[dict[str, Any]]:
        return [{"table": t, "row": r, "column": c, "value": self.values.get((t, r, c))}
                for t, r, c in cell_keys(self.template)]

    def expected(self) -> dict[str, Any]:
        """The JSON-ready record a parser should recover from any rendering of this spec."""
        return {
            "body": self.body, "year": self.year, "template": self.template,
            "province": self.province, "prefecture": self.prefecture, "county": self.county,
            "signature": self.signature, "published": self.published, "phone": self.phone,
            "cells": self.cells(),
            "missing_marks": [{"table": t, "row": r, "column": c, "mark": m}
                              for (t, r, c), m in self.missing_marks.items()
                              if self.values.get((t, r, c)) is None],
        }


def rule_violations(spec: ReportSpec) -> list[str]:
    """R1–R4 as "rule where: message" lines, from the project's own checker (builder.check);
    empty when the spec is consistent (missing cells are skipped)."""
    from .check import table_rules

    out = []
    for f in table_rules(spec.values, spec.template):
        table, row, column = f.cells[0]
        where = column if f.rule in ("R1", "R2") else row
        out.append(f"{f.rule} {where}: {f.message}")
    return out


# --------------------------------------------------------------------------- random specs

# Real places (province, prefecture, county, body, telephone area code).
REAL_BODIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("浙江省", "杭州市", "临安区", "杭州市临安区於潜镇人民政府", "0571"),
    ("四川省", "成都市", "郫都区", "成都市郫都区安德街道办事处", "028"),
    ("湖南省", "长沙市", "浏阳市", "浏阳市大瑶镇人民政府", "0731"),
    ("广东省", "佛山市", "顺德区", "佛山市顺德区市场监督管理局", "0757"),
    ("江苏省", "苏州市", "吴江区", "苏州市吴江区震泽镇人民政府", "0512"),
    ("福建省", "泉州市", "晋江市", "晋江市安海镇人民政府", "0595"),
    ("河北省", "石家庄市", "正定县", "正定县正定镇人民政府", "0311"),
    ("湖北省", "宜昌市", "夷陵区", "宜昌市夷陵区小溪塔街道办事处", "0717"),
    ("陕西省", "西安市", "长安区", "西安市长安区人民政府", "029"),
    ("云南省", "大理白族自治州", "大理市", "大理市喜洲镇人民政府", "0872"),
    ("山西省", "晋中市", "平遥县", "平遥县古陶镇人民政府", "0354"),
    ("安徽省", "黄山市", "黟县", "黟县宏村镇人民政府", "0559"),
)


def _magnitude(rng: random.Random, scale: int) -> int:
    """A figure in 1..scale, log-uniform so that small and large ones both occur."""
    return min(scale, max(1, int(10 ** rng.uniform(0, math.log10(scale + 1)))))


def _decimal(rng: random.Random, scale: int) -> float:
    return round(rng.randint(0, scale) + rng.randint(1, 99) / 100, 2)


def random_values(rng: random.Random, template: str = "2021",
                  scale: int | None = None) -> dict[CellKey, Number | None]:
    """Non-zero figures in every cell that satisfy R1–R4 exactly."""
    scale = scale or rng.choice((9, 99, 999))
    values: dict[CellKey, Number | None] = {}
    for r in rows(template, "proactive"):
        for c in r.columns:
            key = ("proactive", r.code, c)
            if COLUMNS[c].decimal:
                values[key] = _decimal(rng, scale)
            elif c == "change":
                values[key] = rng.choice((-1, 1)) * _magnitude(rng, scale)
            else:
                values[key] = _magnitude(rng, scale)
    _fill_counts(values, template,
                 lambda leaves: {leaf: _magnitude(rng, scale) for leaf in leaves},
                 lambda: _magnitude(rng, scale),
                 lambda due: rng.randint(1, min(due - 1, scale)),
                 lambda: [_magnitude(rng, scale) for _ in REVIEW_COLUMNS[:-1]])
    return {k: values[k] for k in cell_keys(template)}


def _fill_counts(values: dict[CellKey, Number | None], template: str,
                 results: Callable[[tuple[str, ...]], dict[str, int]],
                 forward: Callable[[], int], over: Callable[[int], int],
                 outcomes: Callable[[], list[int]]) -> None:
    """The applications and reviews cells, drawn so that R1–R4 hold: each applicant column's
    results (``results(leaves)``: leaf -> figure), carried forward (``forward()``) and carried
    over (``over(due)``, due = results + carried forward), the new ones as R1 asks, the totals
    as R2, R3 and R4 ask; each review's or lawsuit's four outcomes (``outcomes()``)."""
    leaves = RESULT_LEAVES[template]
    for col in APPLICANT_COLUMNS:
        for leaf, figure in results(leaves).items():
            values[("applications", leaf, col)] = figure
        done = sum(values[("applications", leaf, col)] or 0 for leaf in leaves)
        ahead = forward()
        before = over(done + ahead)
        values[("applications", "results_total", col)] = done
        values[("applications", "carried_forward", col)] = ahead
        values[("applications", "carried_over", col)] = before
        values[("applications", "new", col)] = done + ahead - before
    for r in rows(template, "applications"):
        values[("applications", r.code, "total")] = sum(
            values[("applications", r.code, c)] or 0 for c in APPLICANT_COLUMNS)
    for r in REVIEW_ROWS:
        parts = outcomes()
        for c, p in zip(REVIEW_COLUMNS[:-1], parts, strict=True):
            values[("review_litigation", r.code, c)] = p
        values[("review_litigation", r.code, "total")] = sum(parts)


def _sparse_outcomes(rng: random.Random) -> list[int]:
    parts = [0] * (len(REVIEW_COLUMNS) - 1)
    if rng.random() < 0.3:
        parts[rng.randrange(len(parts))] = rng.choice((1, 1, 2, 3))
    return parts


def _small(rng: random.Random) -> int:
    return rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 9, 12, 15, 23, 37, 106))


def sparse_values(rng: random.Random, template: str = "2021") -> dict[CellKey, Number | None]:
    """Figures as most townships print them: R1–R4 hold, but nearly every cell is 0 — half of the
    proactive cells, the applications of an applicant column but for one to three results
    (a few small figures, a row often one figure besides its total), a review or lawsuit now
    and then. Zeros are where sums prove least: a row of one figure and its total adds up
    however the figure is cut."""
    values = random_values(rng, template, 9)
    for key, value in values.items():
        if key[0] == "proactive" and rng.random() < 0.5:
            values[key] = 0.0 if isinstance(value, float) else 0
    _fill_counts(values, template,
                 lambda leaves: {leaf: 0 for leaf in leaves} | (
                     {leaf: _small(rng) for leaf in rng.sample(leaves, rng.choice((1, 1, 2, 3)))}
                     if rng.random() < 0.55 else {}),
                 lambda: rng.choice((0, 0, 0, 0, 1, 2)),
                 lambda due: rng.choice((0, 0, 0, min(1, due))),
                 lambda: _sparse_outcomes(rng))
    return values


def random_spec(rng: random.Random, *, template: str = "2021", body: str | None = None,
                year: int | None = None, province: str | None = None,
                prefecture: str | None = None, county: str | None = None,
                scale: int | None = None, sparse: bool = False) -> ReportSpec:
    """A consistent random report (R1–R4 hold, every cell non-zero — or, ``sparse``, mostly
    zeros as townships print them: :func:`sparse_values`) with realistic prose.

    Deterministic for a given ``rng`` state. Unset places are drawn from :data:`REAL_BODIES`.
    """
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}")
    place = rng.choice(REAL_BODIES)
    place = next((p for p in REAL_BODIES if p[3] == body), place)
    if year is None:
        year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    values = sparse_values(rng, template) if sparse else random_values(rng, template, scale)
    phone = f"{place[4]}-{rng.randint(2000000, 8999999)}" if rng.random() < 0.7 else None
    spec = ReportSpec(
        body=body or place[3], year=year, template=template,
        province=province if province is not None else place[0],
        prefecture=prefecture if prefecture is not None else place[1],
        county=county if county is not None else place[2],
        values=values, phone=phone,
        published=f"{year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}",
    )
    if rng.random() < 0.5:
        spec.signature = spec.body
    spec.prose = random_prose(rng, spec)
    return spec


def _we(body: str) -> str:
    for suffix, word in (("镇人民政府", "我镇"), ("乡人民政府", "我乡"), ("街道办事处", "我街道"),
                         ("区人民政府", "我区"), ("县人民政府", "我县"), ("市人民政府", "我市"),
                         ("局", "我局"), ("镇", "我镇"), ("乡", "我乡")):
        if body.endswith(suffix):
            return word
    return "本机关"


_ACTIVE = (
    "{year}年，{we}严格落实《中华人民共和国政府信息公开条例》要求，通过{platform}主动公开政府信息{n_pub}条，"
    "其中政策文件{n1}条、工作动态{n2}条、通知公告{n3}条。",
    "围绕{focus}等重点领域，及时发布政策解读{n4}篇，回应社会关切{n5}次，切实增强公开实效。",
    "坚持以公开为常态、不公开为例外，对拟公开信息严格执行“三审三校”制度，确保信息准确、发布及时。",
    "充分发挥政务新媒体作用，依托“{short}发布”微信公众号推送信息{n6}条，拓宽群众获取政府信息的渠道。",
    "按照基层政务公开标准化规范化要求，动态更新政务公开事项清单，做到应公开尽公开。",
    "在便民服务中心设置政务公开专区，配备查阅终端，为群众提供政府信息查询、政策咨询等服务。",
)
_MANAGE = (
    "健全政府信息公开属性源头认定机制，公文拟制时同步确定公开属性，不公开的说明理由。",
    "严格落实保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    "对已公开的政策文件开展集中清理，及时标注失效、废止情况，确保公开信息准确有效。",
    "规范信息发布流程，明确信息采集、审核、发布各环节责任人，形成分工明确、衔接顺畅的工作机制。",
    "建立政府信息公开工作台账，对主动公开、依申请公开情况实行分类登记、动态管理。",
)
_PLATFORM = (
    "持续加强{platform}建设，优化栏目设置，规范栏目内容，全年更新栏目{n7}个。",
    "加强政务新媒体管理，对账号运营情况开展自查，及时整改错别字、链接失效等问题。",
    "完善网站无障碍和适老化功能，提升平台的易用性和可及性。",
    "推进村（居）务公开栏规范化建设，实现公开内容定期更新、及时维护。",
)
_OVERSIGHT = (
    "调整政务公开工作领导小组，明确分管领导和具体经办人员，形成主要领导亲自抓、分管领导具体抓的工作格局。",
    "组织工作人员参加上级政务公开业务培训{n8}次，提升业务能力。",
    "将政务公开工作纳入年度绩效考核，考核结果作为评先评优的重要依据。",
    "全年未发生政务公开工作责任追究情况，未收到有关政府信息公开的举报投诉。",
    "主动接受社会监督，公布监督电话，认真听取群众对政务公开工作的意见和建议。",
)
_PROBLEMS = (
    "政策解读形式较为单一，图解、视频等群众喜闻乐见的解读方式运用不多",
    "部分信息发布不够及时，时效性有待进一步提高",
    "政务公开工作人员多为兼职，业务能力有待加强",
    "基层政务公开标准化规范化建设仍需深化，公开内容与群众需求存在差距",
    "依申请公开答复文书的规范性还需进一步提升",
    "政务新媒体互动回应不够充分，部分留言回复不够及时",
)
_IMPROVE = (
    "丰富政策解读形式，综合运用图文、音视频等方式提升解读效果",
    "健全信息报送机制，明确发布时限，确保信息公开及时准确",
    "加强业务培训，定期组织学习交流，提升工作人员业务水平",
    "对标对表上级要求，持续推进基层政务公开标准化规范化建设",
    "规范依申请公开办理流程，严格落实法制审核，提高答复质量",
    "加强政务新媒体管理，及时回应群众关切",
)
_INTRO = ("{year}年，{we}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于"
          "全面推进政务公开的决策部署，认真执行《中华人民共和国政府信息公开条例》，以公开促落实、"
          "以公开强监管、以公开优服务，政府信息公开工作取得新成效。现将有关情况报告如下。")
_AREAS = (
    ("财政信息", "全年公开部门预算、决算及“三公”经费等财政信息{n}条，细化到功能分类项级科目，"
                 "对专业性较强的名词作出解释说明。"),
    ("重大建设项目", "围绕批准服务、招标投标、征收土地、施工管理等环节，公开重大建设项目信息{n}条。"),
    ("公共资源配置", "及时公开公共资源交易公告、中标结果等信息{n}条，推进公共资源配置全流程透明。"),
    ("乡村振兴", "公开乡村振兴项目资金使用、惠农补贴发放等信息{n}条，主动接受群众监督。"),
    ("社会救助", "按月公开低保、特困供养人员名单及救助资金发放情况，全年公开社会救助信息{n}条。"),
    ("教育", "公开学校招生入学政策、学生资助等信息{n}条，保障群众的知情权和监督权。"),
    ("医疗卫生", "公开疫苗接种、医疗保障、基本公共卫生服务等信息{n}条。"),
    ("生态环境", "公开环境质量监测、污染防治、环境影响评价等信息{n}条，回应群众环境关切。"),
    ("安全生产", "公开安全生产检查、隐患排查整治、应急预案等信息{n}条，提高群众安全防范意识。"),
    ("食品药品", "公开食品药品抽检结果和日常监管信息{n}条。"),
    ("就业创业", "公开就业岗位、创业扶持政策、职业技能培训等信息{n}条，助力稳就业保民生。"),
    ("养老服务", "公开养老服务设施建设、高龄津贴发放等信息{n}条。"),
    ("政策解读", "坚持政策文件与解读材料同步组织、同步审签、同步部署，全年发布图解、视频等解读{n}篇。"),
    ("回应关切", "通过12345政务服务便民热线、政民互动平台等渠道受理群众咨询{n}件，均按时办结。"),
)
_ORDINALS = "一二三四五六七八九十"
_HEADINGS = (("（{n}）", "主动公开情况"), ("（{n}）", "依申请公开情况"),
             ("（{n}）", "政府信息管理情况"), ("（{n}）", "政府信息公开平台建设情况"),
             ("（{n}）", "监督保障情况"))


def random_prose(rng: random.Random, spec: ReportSpec) -> dict[int, str]:
    """Prose for sections 0 (preamble), 1, 5 and 6 whose figures agree with the tables."""
    we = _we(spec.body)
    short = re.sub(r"(人民政府|街道办事处|办事处|党群服务中心)$", "",
                   spec.body.replace(spec.prefecture, "").replace(spec.county, ""))
    if not short or short.endswith("局"):
        short = spec.county or spec.prefecture or short
    nums = {f"n{i}": rng.randint(1, 300) for i in range(1, 9)}
    nums["n_pub"] = nums["n1"] + nums["n2"] + nums["n3"]
    fmt = {"year": spec.year, "we": we, "short": short,
           "platform": rng.choice(("政府门户网站政府信息公开专栏", "政府信息公开平台", "政务公开专栏")),
           "focus": rng.choice(("乡村振兴、社会救助", "教育、医疗卫生", "就业创业、养老服务",
                                "财政预决算、重大建设项目")), **nums}
    # how much prose: "short" gives a few hundred characters, "long" about three thousand
    length = rng.choices(("short", "medium", "long"), weights=(1, 2, 1))[0]

    def pick(pool: tuple[str, ...], low: int = 1) -> list[str]:
        count = {"short": low, "medium": rng.randint(low, len(pool)), "long": len(pool)}[length]
        return [s.format(**fmt) for s in rng.sample(pool, count)]

    sections: list[list[str]] = [[] for _ in _HEADINGS]
    sections[0] = [_ACTIVE[0].format(**fmt)] + pick(_ACTIVE[1:], 0)
    p = spec.values
    issued_key = "issued" if spec.template == "2021" else "made"
    docs = p.get(("proactive", "normative_documents", issued_key))
    if docs is not None:
        sections[0].append(f"全年制发行政规范性文件{format_number(docs)}件，均按规定在政府信息公开专栏集中公开。")
    lic, pen = p.get(("proactive", "licensing", "decisions")), p.get(("proactive", "penalty", "decisions"))
    if lic is not None and pen is not None:
        sections[0].append(f"按照“双公示”要求公开行政许可决定{format_number(lic)}件、"
                           f"行政处罚决定{format_number(pen)}件。")

    def a(r: str) -> Number | None:
        return p.get(("applications", r, "total"))
    new, over, done, forward = a("new"), a("carried_over"), a("results_total"), a("carried_forward")
    if new:
        text = f"{spec.year}年，{we}共收到政府信息公开申请{format_number(new)}件"
        if over:
            text += f"，上年结转{format_number(over)}件"
        if done is not None:
            text += f"；办结{format_number(done)}件"
            granted, partial = a("granted"), a("partially_granted")
            if granted is not None and partial is not None:
                text += f"，其中予以公开{format_number(granted)}件、部分公开{format_number(partial)}件"
        if forward:
            text += f"，结转下年度继续办理{format_number(forward)}件"
        sections[1].append(text + "。")
    elif new == 0:
        sections[1].append(f"{spec.year}年，{we}未收到政府信息公开申请。")
    sections[1].append("所有申请均在法定期限内答复，答复内容经合法性审查，未出现超期答复情况。")
    review = p.get(("review_litigation", "review", "total"))
    suits = [x for r in ("litigation_direct", "litigation_after_review")
             if (x := p.get(("review_litigation", r, "total"))) is not None]
    if review and len(suits) == 2:
        sections[1].append(f"全年因政府信息公开工作被申请行政复议{format_number(review)}件，"
                           f"被提起行政诉讼{format_number(sum(suits))}件。")
    elif review == 0:
        sections[1].append("全年未发生因政府信息公开引起的行政复议、行政诉讼案件。")
    for i, pool in ((2, _MANAGE), (3, _PLATFORM), (4, _OVERSIGHT)):
        sections[i] = pick(pool)
    areas: list[str] = []
    if length != "short":
        count = len(_AREAS) if length == "long" else rng.randint(0, 4)
        areas = [f"{i + 1}.{name}。" + text.format(n=rng.randint(1, 200))
                 for i, (name, text) in enumerate(rng.sample(_AREAS, count))]
    style = rng.randrange(3)
    lines: list[str] = []
    for n, ((pattern, name), sentences) in enumerate(zip(_HEADINGS, sections, strict=True)):
        heading = pattern.format(n=_ORDINALS[n]) + name
        if style == 0:
            lines += [heading, "".join(sentences)]
        elif style == 1:
            lines.append(f"{n + 1}.{name.removesuffix('情况')}方面。" + "".join(sentences))
        else:
            lines.append(heading + "。" + "".join(sentences))
        if n == 0:
            lines += areas
    if length != "short":
        lines.insert(0, _INTRO.format(**fmt))
    problems = pick(_PROBLEMS, 2)
    improve = pick(_IMPROVE, 2)
    section5 = [
        "（一）存在的主要问题",
        "；".join(f"{_ORDINALS[i]}是{s}" for i, s in enumerate(problems)) + "。",
        "（二）改进情况",
        "；".join(f"{_ORDINALS[i]}是{s}" for i, s in enumerate(improve)) + "。",
    ]
    section6 = [rng.choice((f"本年度{we}未收取政府信息公开信息处理费。",
                            "本年度未收取信息处理费。",
                            "按照《政府信息公开信息处理费管理办法》规定，本年度未产生信息处理费。"))]
    if rng.random() < 0.5:
        section6.append(f"{spec.year}年共办理人大代表建议{rng.randint(1, 30)}件、政协委员提案"
                        f"{rng.randint(1, 30)}件，均已按期办结并答复。")
    section6.append(rng.choice(("无其他需要报告的事项。", "无其他需要报告事项。")))
    preamble = (f"本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
                f"要求编制，所列数据的统计期限为{spec.year}年1月1日至{spec.year}年12月31日。")
    if spec.phone:
        preamble += f"如对本报告有疑问，请与{spec.body}联系（电话：{spec.phone}）。"
    return {0: preamble, 1: "\n".join(lines), 5: "\n".join(section5), 6: "\n".join(section6)}


# --------------------------------------------------------------------------- the seed reports

_SEED_PROSE: dict[str, dict[int, str]] = {
    "000_3a385cc824326c81": {
        1: "本报告旨在全面总结和评估许良镇人民政府在信息公开领域的各项工作，以提升政府透明度和公信力，促进法治政府和服务型政府建设。\n"
           "（一）主动公开情况。2023年，我镇在博爱县政府信息公开平台累计主动公开各类信息72条，及时主动发布党政重大活动、政务动态、服务信息、宣传文化、民生实事等信息，内容涵盖工作动态、政府信息公开工作和其他。\n"
           "（二）依申请公开办理情况。2023年，许良镇未收到政府信息公开申请，未收到因政府信息公开工作提起的行政复议和行政诉讼。\n"
           "（三）政府信息资源的规范化、标准化管理情况。许良镇注重加强和完善政府信息公开制度建设，根据《中华人民共和国政府信息公开条例》和保密制度要求，结合许良镇工作实际，不断健全相关制度。\n"
           "（四）政府信息公开平台建设情况。2023年我镇注册许良风采微信公众号，努力搭建及时回应关切和便民服务平台。\n"
           "（五）政府信息公开监督保障及教育培训情况。一是加强政府信息公开队伍建设；二是加强监督，建立长效管理机制；三是建立考核机制，考评结果纳入年终部门考核排名。",
        5: "2023年，我镇政务公开工作虽然取得了一定成效，但对照上级的要求和群众需求，还存在着一些问题。一是对政务公开工作主动性还不够；二是在信息公开的时效性还有待于进一步加强。\n"
           "（二）改进情况：\n"
           "一是提高政务公开主动性；二是提高政务公开时效性；三是进一步夯实责任。",
        6: "2023年，全县政府信息公开工作未发生收取信息处理费情况。无其他报告事项。",
    },
    "001_6a1ea5d47ca6a7aa": {
        1: "(一) 主动公开：2023年度，焦店镇紧紧围绕全镇经济社会发展和群众关切，通过平顶山市新华区政府门户网站的政府公开目录公开政务信息45条，其中辖区行政村简介10条，公告公示15条，政策解读16条，应急预案4条。\n"
           "(二) 依申请公开：2023年收到政府信息公开申请1件，已办结1件。依申请公开按期答复，办理结果经过合法性审查。暂未发生行政复议和行政诉讼情况。\n"
           "(三) 政府信息管理：2023年度，焦店镇人民政府制定了《焦店镇人民政府信息公开目录》、《焦店镇人民政府信息公开指南》，进一步明确了责任主体、公开时限、方式和监督渠道等。\n"
           "(四) 政府信息公开平台建设：2023年度，政务微信公众号“魅力焦店”关注量突破2000，发布信息800余条。\n"
           "(五) 监督保障：2023年度，焦店镇及时调整政务公开领导小组，明确分管领导及具体承办人员。全年未发生政务公开责任追究和社会评议事件。",
        5: "(一) 2023年度存在的主要问题：1、政府信息公开长效机制有待进一步完善。2、政务公开力量薄弱，目前只有一位专职承办人员。\n"
           "(二) 2022年度改进情况：1、拓宽信息来源，加大宣传力度；2、继续拓宽信息公开方式，畅通公开渠道。",
        6: "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生政府信息公开处理费。",
    },
    "002_e9b0b4183da4b0c6": {
        1: "2023年，海青镇政务公开工作按照市委市政府指示与《中华人民共和国政府信息公开条例》要求，持续深化政务公开，加大重点领域主动公开力度。\n"
           "（一）主动公开情况\n"
           "2023年对外主动公开重点工作信息2条，在微信公众号推送信息51条。\n"
           "（二）依申请公开情况\n"
           "2023年度海青镇无依申请公开事项。\n"
           "政府信息管理情况\n"
           "1、加强组织领导，形成了主要领导亲自抓，分管领导具体抓，各相关站办积极参与的良好氛围。\n"
           "政府信息公开平台建设\n"
           "海青镇以官方微信公众号为主体的政务信息公开平台，本年度共公布政府信息数51条，阅读量1万次。\n"
           "监督保障\n"
           "认真学习贯彻落实新修订的《中华人民共和国政府信息公开条例》，严格执行信息发布审核机制。",
        5: "（一）存在的主要问题\n"
           "一是政府信息公开的广度深度不够；二是依申请公开政府信息的社会知晓度还不高；三是宣传手段还不够丰富。\n"
           "（二）整改情况\n"
           "一是健全公开制度；二是加强指导培训；三是综合运用微信小程序等形式开展多元化解读。",
        6: "我镇2023年未收取信息处理费，无其他需要报告事项。",
    },
    "003_72e63e07ec6d25fd": {
        0: "本年度报告根据《中华人民共和国政府信息公开条例》制作。所列数据统计期限为2023年1月1日至2023年12月31日。如对本年度报告有疑问,请与林西县林西镇党群服务中心联系(电话0476-5326621)。",
        1: "(一)主动公开情况\n"
           "2023年,我镇政务信息通过“三务公开”大数据平台、林西县人民政府网站及镇、村级公示栏同步公开,总计公开2821条,其中镇级数据平台:三务公开271条;补贴公开61条;村级数据平台:594条;林西县人民政府网站公开工作信息53条。\n"
           "(二)依申请公开情况\n"
           "2023年,我镇收到依申请公开政府信息数为0件,我镇未发生因信息公开引起的行政诉讼和行政复议案件。\n"
           "(三)政府信息管理情况\n"
           "2023年,我镇按照国家保密法有关规定和政府信息公开条例的要求,对政府信息进行了分级保护,设置专职信息管理人员一名。\n"
           "(四)平台建设情况\n"
           "2023年,三务公开办公室工作人员自主学习召开了8个行政村专职人员的培训。\n"
           "(五)监督保障情况\n"
           "将镇机构职能简介、指南、制度、法定公开内容,全部在三务公开大数据平台按照公开流程进行了公开。",
        5: "相较于2022年,我镇政府信息公开工作取得了一定进步,但还存在较大差距,主要表现为:\n"
           "1、政府信息公开涉及面较窄。2、政府信息公开重点没有抓牢。3、政府信息公开没开通新渠道。\n"
           "针对存在的上述问题,重点从以下几个方面加以改进。\n"
           "1、加强政务服务工作队伍建设。2、加强重点工作力度。3、加强相关业务知识培训。",
        6: "本年度本机关未收取费用",
    },
    "004_51f69ccf0222012c": {
        0: "2023年以来，别斯托别乡深入学习贯彻《中华人民共和国政府信息公开条例》，坚持依法公开原则编制2023年度政府信息公开年度报告。\n"
           "如对本报告有任何疑问，请联系：别斯托别乡政府信息公开工作领导小组办公室，联系电话：0999-5027300。",
        1: "1.主动公开方面。本乡在2023年度严格按照上级要求主动公开政务，不断优化公开内容和形式。\n"
           "2.依申请公开方面。我乡公开公示了依申请公开办理单位、办理地址、受理时间等。2023年度我乡未收到政府信息依申请公开。\n"
           "3.政府信息管理方面。一是不断优化信息收集、存储、分发和保护等环节；二是严查信息的准确性。\n"
           "4.政务公开平台建设方面。定期更新搜索栏常见关键词，实时更新公开信息内容。\n"
           "5.强化督导方面。坚持将政务公开纳入绩效考核体系，对下辖11个村进行督导。",
        5: "(一) 工作中存在的主要问题和困难\n"
           "一是日常工作繁忙，投入到政务公开的时间不够；二是政务信息公开的信息质量不高。\n"
           "(二) 具体的解决办法和改进措施\n"
           "(一) 加强队伍建设。(二) 强化沟通协作。(三) 优化平台功能。(四) 健全监督机制。",
        6: "本年度未收取政府信息公开信息处理费。",
    },
}

_SEED_PLACES = {
    "000_3a385cc824326c81": ("博爱县许良镇人民政府", "河南省", "焦作市", "博爱县"),
    "001_6a1ea5d47ca6a7aa": ("新华区焦店镇人民政府", "河南省", "平顶山市", "新华区"),
    "002_e9b0b4183da4b0c6": ("海青镇", "山东省", "青岛市", "黄岛区"),
    "003_72e63e07ec6d25fd": ("林西县林西镇党群服务中心", "内蒙古自治区", "赤峰市", "林西县"),
    "004_51f69ccf0222012c": ("别斯托别乡", "新疆维吾尔自治区", "伊犁哈萨克自治州", "新源县"),
}


def seed_specs() -> dict[str, ReportSpec]:
    """The five seed reports (2023, template 2021) with the figures they print."""
    out: dict[str, ReportSpec] = {}
    for name, (body, province, prefecture, county) in _SEED_PLACES.items():
        values: dict[CellKey, Number | None] = {k: 0 for k in cell_keys("2021")}
        out[name] = ReportSpec(body=body, year=2023, province=province, prefecture=prefecture,
                               county=county, values=values, prose=dict(_SEED_PROSE[name]))
    for r in ("new", "partially_granted", "results_total"):
        for c in ("natural_person", "total"):
            out["001_6a1ea5d47ca6a7aa"].values[("applications", r, c)] = 1
    out["003_72e63e07ec6d25fd"].values[("proactive", "penalty", "decisions")] = 5
    out["003_72e63e07ec6d25fd"].phone = "0476-5326621"
    seed4 = out["004_51f69ccf0222012c"]
    seed4.phone, seed4.signature, seed4.published = "0999-5027300", "新源县别斯托别乡人民政府", "2024-01-19"
    return out


def missing_cells_spec(spec: ReportSpec, rng: random.Random) -> ReportSpec:
    """A copy of ``spec`` with blank, ``/``, ``—`` and ``-`` cells (kept as missing, not 0);
    the prose is drawn again so that it does not state the figures the tables lack."""
    marks: dict[CellKey, str] = {
        ("proactive", "fees", "amount"): "/",
        ("proactive", "coercion", "decisions"): "—",
        ("applications", "carried_over", "natural_person"): "",
        ("applications", "carried_over", "total"): "",
    }
    for c in APPLICATION_COLUMNS:
        marks[("applications", "withheld_query_matters", c)] = "—"
    for c in REVIEW_COLUMNS:
        marks[("review_litigation", "litigation_after_review", c)] = "-"
    marks[("proactive", "rules", "issued")] = ""
    values = {k: (None if k in marks else v) for k, v in spec.values.items()}
    out = ReportSpec(**{**spec.__dict__, "values": values, "missing_marks": marks})
    out.prose = random_prose(rng, out)
    return out


def blank_zeros(spec: ReportSpec, rng: random.Random, mark: str | None = None) -> ReportSpec:
    """A copy of ``spec`` with 2–12 of its zero cells left blank or marked (``/``, ``—``, ``-``;
    one mark per report, drawn unless given), as some reports print the cells they have nothing
    for: missing, not 0. The prose is drawn again, as in :func:`missing_cells_spec`."""
    mark = rng.choice(("", "", "/", "—", "-")) if mark is None else mark
    zeros = [k for k, x in spec.values.items() if x == 0]
    blank = set(rng.sample(zeros, min(len(zeros), rng.randint(2, 12))))
    values = {k: (None if k in blank else v) for k, v in spec.values.items()}
    marks = {**spec.missing_marks, **{k: mark for k in blank}}
    out = ReportSpec(**{**spec.__dict__, "values": values, "missing_marks": marks})
    out.prose = random_prose(rng, out)
    return out


def fixture_specs() -> dict[str, ReportSpec]:
    """Every spec under ``tests/fixtures/rendered/<name>/``, by directory name."""
    out = {f"seed-{name[:3]}": spec for name, spec in seed_specs().items()}
    picks = (("random-1", 101, 999, 0, 2023), ("random-2", 202, 9, 1, 2022),
             ("random-3", 303, 99, 2, 2021), ("random-4", 4, 999, 3, 2024))
    for name, seed, scale, place, year in picks:
        province, prefecture, county, body, _ = REAL_BODIES[place]
        out[name] = random_spec(random.Random(seed), body=body, year=year, province=province,
                                prefecture=prefecture, county=county, scale=scale)
    province, prefecture, county, body, _ = REAL_BODIES[4]
    rng = random.Random(505)
    out["missing-cells"] = missing_cells_spec(random_spec(
        rng, body=body, year=2023, province=province, prefecture=prefecture, county=county,
        scale=99), rng)
    province, prefecture, county, body, _ = REAL_BODIES[5]
    out["template-2019"] = random_spec(random.Random(606), template="2019", body=body, year=2020,
                                       province=province, prefecture=prefecture, county=county,
                                       scale=99)
    return out


# --------------------------------------------------------------------------- the table grids

@dataclass(frozen=True)
class GridCell:
    """A cell of the official table; a merged cell appears once, at its top-left slot."""

    text: str
    kind: str  # "title" | "head" | "note" | "group" | "label" | "value"
    rowspan: int = 1
    colspan: int = 1
    key: CellKey | None = None


@dataclass(frozen=True)
class TableGrid:
    table: str
    ncols: int
    rows: tuple[tuple[GridCell, ...], ...]

    def slots(self) -> list[list[tuple[str, GridCell]]]:
        """Per row and column: ("origin"|"col"|"row"|"rowcol", cell). "col" is a slot covered
        by a cell of the same row (colspan), "row" the first column of a cell from a row above
        (rowspan), "rowcol" any other covered slot."""
        placed: dict[tuple[int, int], tuple[GridCell, int, int]] = {}
        for r, cells in enumerate(self.rows):
            c = 0
            for cell in cells:
                while (r, c) in placed:
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if (r + dr, c + dc) in placed:
                            raise ValueError(f"{self.table}: overlapping cells at {r + dr},{c + dc}")
                        placed[(r + dr, c + dc)] = (cell, r, c)
                c += cell.colspan
        out: list[list[tuple[str, GridCell]]] = []
        for r in range(len(self.rows)):
            line = []
            for c in range(self.ncols):
                if (r, c) not in placed:
                    raise ValueError(f"{self.table}: row {r} has no cell in column {c}")
                cell, r0, c0 = placed[(r, c)]
                state = ("origin" if c == c0 else "col") if r == r0 else (
                    "row" if c == c0 else "rowcol")
                line.append((state, cell))
            out.append(line)
        return out

    def positions(self) -> Iterator[tuple[int, int, GridCell]]:
        for r, line in enumerate(self.slots()):
            for c, (state, cell) in enumerate(line):
                if state == "origin":
                    yield r, c, cell


def _value(spec: ReportSpec, key: CellKey, colspan: int = 1) -> GridCell:
    return GridCell(spec.cell_text(key), "value", colspan=colspan, key=key)


def _spread(cells: list[GridCell], width: int) -> tuple[GridCell, ...]:
    """Let the last cell span what the row leaves free (as the template does)."""
    last = cells[-1]
    extra = width - len(cells)
    return tuple(cells[:-1]) + (GridCell(last.text, last.kind, 1, 1 + extra, last.key),)


def _column_title(template: str, r: Row, column: str) -> str:
    # the 2019 template prints 处理决定数量 where the 2021 one has 本年处理决定数量
    if template == "2019" and column == "decisions":
        return "处理决定数量"
    return r.column_title(column)


def table_grids(spec: ReportSpec) -> list[TableGrid]:
    """The three tables of ``spec`` as merged-cell grids, in template order."""
    t = spec.template
    grid: list[tuple[GridCell, ...]] = []
    for clause, codes in PROACTIVE_CLAUSES[t]:
        members = [row(t, "proactive", code) for code in codes]
        grid.append((GridCell(clause, "title", colspan=4),))
        heads = [GridCell(_column_title(t, members[0], c), "head") for c in members[0].columns]
        grid.append((GridCell("信息内容", "head"),) + _spread(heads, 3))
        for r in members:
            cells = [_value(spec, ("proactive", r.code, c)) for c in r.columns]
            grid.append((GridCell(r.label, "label"),) + _spread(cells, 3))
    proactive = TableGrid("proactive", 4, tuple(grid))

    app_rows = rows(t, "applications")
    results = [r for r in app_rows if r.group]
    grid = [
        (GridCell(APPLICATIONS_NOTE, "note", rowspan=3, colspan=3),
         GridCell("申请人情况", "head", colspan=7)),
        (GridCell(COLUMNS["natural_person"].label, "head", rowspan=2),
         GridCell("法人或其他组织", "head", colspan=5),
         GridCell(COLUMNS["total"].label, "head", rowspan=2)),
        tuple(GridCell(COLUMNS[c].label, "head") for c in APPLICANT_COLUMNS[1:]),
    ]
    for r in app_rows:
        cells: list[GridCell] = []
        if not r.group:
            cells.append(GridCell(r.label, "label", colspan=3))
        else:
            if r is results[0]:
                cells.append(GridCell(r.group, "group", rowspan=len(results)))
            if r.group == results[0].group:
                cells.append(GridCell(r.label, "label", colspan=2))
            else:
                members = [x for x in app_rows if x.group == r.group]
                if r is members[0]:
                    cells.append(GridCell(r.group, "group", rowspan=len(members)))
                cells.append(GridCell(r.label, "label"))
        cells += [_value(spec, ("applications", r.code, c)) for c in r.columns]
        grid.append(tuple(cells))
    applications = TableGrid("applications", 10, tuple(grid))

    heads = [COLUMNS[c].label for c in REVIEW_COLUMNS]
    kinds = [r.label.split("·")[-1] for r in REVIEW_ROWS]
    review = TableGrid("review_litigation", 15, (
        (GridCell(kinds[0], "head", colspan=5), GridCell("行政诉讼", "head", colspan=10)),
        tuple(GridCell(h, "head", rowspan=2) for h in heads)
        + (GridCell(kinds[1], "head", colspan=5), GridCell(kinds[2], "head", colspan=5)),
        tuple(GridCell(h, "head") for h in heads * 2),
        tuple(_value(spec, ("review_litigation", r.code, c)) for r in REVIEW_ROWS
              for c in REVIEW_COLUMNS),
    ))
    return [proactive, applications, review]


# --------------------------------------------------------------------------- text layouts

_PIPE_NOISE = {
    "自然人": "自 然 人", "商业企业": "商业 企业", "科研机构": "科研 机构",
    "社会公益组织": "社会公 益组织", "法律服务机构": "法律服务 机构",
    "三、本年度办理结果": "三、本年度办 理结果", "（三）不予公开": "(三) 不予公 开",
    "（四）无法提供": "(四) 无法提供", "（五）不予处理": "(五) 不予处理",
    "4.无正当理由大量反复申请": "4 .无正当理由大量反复申请", "3.其他": "3、其他",
}
_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})
_REVIEW_HEADS = {COLUMNS[c].label for c in REVIEW_COLUMNS[:-1]}


def _style(cell: GridCell, table: str, layout: str) -> str:
    """How a layout prints a cell's text (label variants as seen in the seeds)."""
    text = cell.text
    if cell.kind == "value":
        return text
    if layout == "tab":
        if table == "applications" and cell.kind in ("label", "group"):
            text = re.sub(r"^（(.)）", r"(\1) ", text)
            text = text.replace("（", " (").replace("）", ")").replace("，", ", ")
            text = re.sub(r"^(\d)\.", r"\1. ", text)
        elif cell.kind == "note":
            text = text.replace("（", "(").replace("）", ")")
        elif table == "review_litigation" and text in _REVIEW_HEADS:
            text = text[:2] + " " + text[2:]
    elif layout == "cell-per-line":
        if text in ("商业企业", "科研机构") or (table == "review_litigation"
                                               and text in _REVIEW_HEADS):
            text = text[:2] + "\n" + text[2:]
    elif layout == "pipe":
        text = _PIPE_NOISE.get(text, text).translate(_HALF)
    return text


def _pad_value(text: str, column: int, table: str) -> str:
    """Stray spaces around numbers, as in seed 002."""
    if table == "proactive":
        return ("\u3000\u3000", " \u3000", " ")[min(column - 1, 2)] + text
    if table == "applications":
        return f"{text} " if column == 9 else f" {text}"
    return text


def _tab_lines(grid: TableGrid) -> list[str]:
    # every slot printed; merged slots blank
    return ["\t".join(_style(cell, grid.table, "tab") if state == "origin" else ""
                      for state, cell in line) for line in grid.slots()]


def _cell_per_line_lines(grid: TableGrid) -> list[str]:
    # real cells and one blank per cell reaching down from a row above; a blank line after a row
    out: list[str] = []
    for line in grid.slots():
        for c, (state, cell) in enumerate(line):
            if state == "origin":
                text = _style(cell, grid.table, "cell-per-line")
                if cell.kind == "value":
                    text = _pad_value(text, c, grid.table)
                out.append("\t" + text)
            elif state == "row":
                out.append("\t")
        out.append("")
    return out


def _pipe_row(grid: TableGrid, cells: tuple[GridCell, ...], fill: bool) -> list[str]:
    # real cells only, each ending in " |"; with ``fill``, the row's last cell padded with "|"
    # to the grid width
    texts = [_style(cell, grid.table, "pipe") + " |" for cell in cells]
    if fill and len(cells) < grid.ncols:
        texts[-1] += " " + "|" * (grid.ncols - len(cells))
    return texts


def _pipe_lines(grid: TableGrid) -> list[str]:
    # every row padded but the table's last
    return [text for r, cells in enumerate(grid.rows)
            for text in _pipe_row(grid, cells, r < len(grid.rows) - 1)]




_NO_LINE_START = "，。；、：）》”！？,.;:)"


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if display_width(current + ch) > width and current and ch not in _NO_LINE_START:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current] if current or not lines else lines


_COLUMN_WIDTHS = {"proactive": (20, 18, 18, 18),
                  "applications": (12, 14, 34) + (8,) * 7,
                  "review_litigation": (5,) * 15}
_GAP, _INDENT = 2, 2


def _layout_lines(grid: TableGrid) -> list[str]:
    """Cells placed in aligned columns like ``pdftotext -layout``: labels wrapped within their
    column (a long label goes on over several lines, its numbers on the first), merged labels
    flowing down the rows they span, heads centred."""
    widths = _COLUMN_WIDTHS[grid.table]
    x = [_INDENT + sum(widths[:i]) + _GAP * i for i in range(len(widths))]

    def span_width(c: int, n: int) -> int:
        return sum(widths[c:c + n]) + _GAP * (n - 1)

    placed = list(grid.positions())
    wrapped = {(r, c): _wrap(cell.text, span_width(c, cell.colspan)) for r, c, cell in placed}
    heights = [1] * len(grid.rows)
    for r, c, cell in placed:
        if cell.rowspan == 1:
            heights[r] = max(heights[r], len(wrapped[(r, c)]))
    for r, c, cell in placed:
        spanned = range(r, r + cell.rowspan)
        missing = len(wrapped[(r, c)]) - sum(heights[i] for i in spanned)
        if missing > 0:
            heights[r + cell.rowspan - 1] += missing
    starts = [sum(heights[:i]) for i in range(len(heights))]
    canvas: list[list[tuple[int, str]]] = [[] for _ in range(sum(heights))]
    for r, c, cell in placed:
        width = span_width(c, cell.colspan)
        for i, text in enumerate(wrapped[(r, c)]):
            offset = 0
            if cell.kind in ("head", "value"):
                offset = max(0, (width - display_width(text)) // 2)
            canvas[starts[r] + i].append((x[c] + offset, text))
    out = []
    for items in canvas:
        line = ""
        for pos, text in sorted(items):
            line += " " * max(pos - display_width(line), 1 if line else 0) + text
        out.append(line.rstrip())
    return out


def _pipe_marked_lines(grid: TableGrid) -> list[str]:
    # pipe cells with a lone "|" before every row, as some converters print a page's table
    # (a blank cell is a lone "|" too)
    return [text for cells in grid.rows for text in ["|", *_pipe_row(grid, cells, True)]]


_TABLE_LINES = {"tab": _tab_lines, "cell-per-line": _cell_per_line_lines, "pipe": _pipe_lines,
                "layout-columns": _layout_lines,
                # not one of LAYOUTS (the benchmark's): a variant of pipe text
                "pipe-marked": _pipe_marked_lines}


def _blocks(spec: ReportSpec) -> list[tuple[str, Any]]:
    """The document in reading order: ("title"|"heading"|"para"|"table"|"sign", content)."""
    grids = table_grids(spec)
    out: list[tuple[str, Any]] = [("title", spec.title)]
    preamble = spec.prose.get(0, "")
    if spec.phone and spec.phone not in preamble:
        preamble += f"\n如对本报告有疑问，请与{spec.signature or spec.body}联系，联系电话：{spec.phone}。"
    out += [("para", p) for p in preamble.splitlines() if p.strip()]
    for n, heading in SECTION_HEADINGS.items():
        out.append(("heading", heading))
        if n in SECTION_TABLES:
            out.append(("table", grids[n - 2]))
        else:
            out += [("para", p) for p in spec.prose.get(n, "").splitlines() if p.strip()]
    if spec.signature:
        out.append(("sign", spec.signature))
    if spec.published:
        y, m, d = (int(part) for part in spec.published.split("-"))
        out.append(("sign", f"{y}年{m}月{d}日"))
    return out


def render_text(spec: ReportSpec, layout: str, tables_last: bool = False) -> str:
    """The report as text extracted in one of :data:`LAYOUTS`; with ``tables_last``, its
    tables after all of its paragraphs (as a script writes a Word file's paragraphs, then its
    tables)."""
    if layout not in _TABLE_LINES:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    lines: list[str] = []
    blocks = _blocks(spec)
    if tables_last:
        blocks = [b for b in blocks if b[0] != "table"] + [b for b in blocks if b[0] == "table"]
    for kind, content in blocks:
        if kind == "table":
            lines += _TABLE_LINES[layout](content)
            if layout in ("tab", "layout-columns"):
                lines.append("")
            continue
        if layout == "layout-columns":
            if kind == "title":
                lines += ["", " " * 10 + content, ""]
            elif kind == "para":
                lines += ["  " + part for part in _wrap("\u3000\u3000" + content, 80)]
            elif kind == "sign":
                lines.append(" " * 56 + content)
            else:
                lines += ["", content, ""]
        elif layout == "tab":
            lines += [content, ""]
        else:
            lines.append(content)
    if layout == "tab":
        lines = ["", ""] + lines
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- HTML and DOCX

HTML_STYLES = ("plain", "word", "cms")


def _span_attrs(cell: GridCell, word: bool = False) -> str:
    """A merged cell's rowspan/colspan attributes; Word writes colspan first, unquoted."""
    spans = (("colspan", cell.colspan), ("rowspan", cell.rowspan)) if word else (
        ("rowspan", cell.rowspan), ("colspan", cell.colspan))
    return "".join((f" {name}={n}" if word else f' {name}="{n}"') for name, n in spans if n > 1)


def render_html(spec: ReportSpec, style: str = "plain") -> str:
    """A full HTML page with the tables as published: rowspan/colspan merged cells.

    ``style``: ``plain`` (clean markup), ``word`` (what Word's 'Save as Web Page' writes: Mso
    paragraphs and spans in every cell, ``<o:p>``, conditional comments, attributes wrapped over
    CRLF lines, a hidden row of column widths) or ``cms`` (what the editors of government
    sites write: every cell a ``<p>`` of ``<span>``s, ``<br/>`` in blank cells, ``&nbsp;``
    indents, a ``<style>`` and a ``<script>`` in the body)."""
    if style == "word":
        return _render_word_html(spec)
    if style == "cms":
        return _render_cms_html(spec)
    esc = html.escape
    out = ['<!DOCTYPE html>', '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{esc(spec.title)}</title>", "</head>", "<body>"]
    for kind, content in _blocks(spec):
        if kind == "title":
            out.append(f'<h1 style="text-align:center">{esc(content)}</h1>')
        elif kind == "heading":
            out.append(f"<p><strong>{esc(content)}</strong></p>")
        elif kind == "para":
            out.append(f'<p style="text-indent:2em">{esc(content)}</p>')
        elif kind == "sign":
            out.append(f'<p style="text-align:right">{esc(content)}</p>')
        else:
            out.append('<table border="1" cellspacing="0" cellpadding="4">')
            out.append("<tbody>")
            for cells in content.rows:
                tds = []
                for cell in cells:
                    attrs = _span_attrs(cell)
                    if cell.kind in ("value", "head", "title"):
                        attrs += ' style="text-align:center"'
                    tds.append(f"<td{attrs}>{esc(cell.text)}</td>")
                out.append("<tr>" + "".join(tds) + "</tr>")
            out += ["</tbody>", "</table>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def saved_html(spec: ReportSpec, style: str = "plain") -> bytes:
    """The page's bytes as its publisher saves them: Word writes the local code page (GB2312,
    declared in its meta tag), the others UTF-8."""
    page = render_html(spec, style)
    if style == "word":
        return page.replace("charset=utf-8", "charset=gb2312").encode("gb18030")
    return page.encode("utf-8")


_WORD_CELL = ("  <td{attrs} valign=top style='width:{w}pt;border:solid windowtext 1.0pt;\r\n"
              "  border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>"
              "\r\n  <p class=MsoNormal{align}>{content}</p>\r\n  </td>")


_WORD_RUNS = re.compile(r"([0-9A-Za-z.%-]+)|([^0-9A-Za-z.%-]+)")  # Latin, or the rest


def _word_runs(text: str, size: str = "16.0pt") -> str:
    """Word's runs: digits and Latin in their own ``lang=EN-US`` span, the rest in a CJK span
    whose attributes wrap onto the next line."""
    esc = html.escape
    out = []
    for latin, other in _WORD_RUNS.findall(text):
        if latin:
            out.append(f"<span lang=EN-US style='font-size:{size};font-family:\"Times New "
                       f"Roman\",serif'>{esc(latin)}</span>")
        else:
            out.append(f"<span\r\nstyle='font-size:{size};font-family:仿宋_GB2312'>{esc(other)}</span>")
    return "".join(out)


def _render_word_html(spec: ReportSpec) -> str:
    esc = html.escape
    out = ['<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:'
           'office:office"\r\nxmlns:w="urn:schemas-microsoft-com:office:word"\r\n'
           'xmlns="http://www.w3.org/TR/REC-html40">', "", "<head>",
           '<meta http-equiv=Content-Type content="text/html; charset=utf-8">',
           "<meta name=ProgId content=Word.Document>",
           '<meta name=Generator content="Microsoft Word 15">',
           f"<title>{esc(spec.title)}</title>",
           "<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n  <o:Author>user</o:Author>"
           "\r\n </o:DocumentProperties>\r\n</xml><![endif]-->",
           "<style>\r\n<!--\r\n /* Style Definitions */\r\n p.MsoNormal, li.MsoNormal, "
           "div.MsoNormal\r\n\t{margin:0cm;\r\n\ttext-align:justify;\r\n\tfont-size:10.5pt;}"
           "\r\n-->\r\n</style>", "</head>", "",
           "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>", "",
           "<div class=WordSection1 style='layout-grid:15.6pt'>", ""]
    for kind, content in _blocks(spec):
        if kind == "title":
            out.append("<p class=MsoNormal align=center style='text-align:center'><b>"
                       + _word_runs(content, "22.0pt")
                       + "<span lang=EN-US><o:p></o:p></span></b></p>")
        elif kind == "heading":
            out.append("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
                       "<b>" + _word_runs(content) + "</b><span lang=EN-US><o:p></o:p></span></p>")
        elif kind == "para":
            out.append("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
                       + _word_runs(content) + "<span lang=EN-US><o:p></o:p></span></p>")
        elif kind == "sign":
            out.append("<p class=MsoNormal align=right style='text-align:right'>"
                       + _word_runs(content) + "<span lang=EN-US><o:p></o:p></span></p>")
        else:
            out.append("<div align=center>\r\n\r\n<table class=MsoNormalTable border=1 "
                       "cellspacing=0 cellpadding=0\r\n style='border-collapse:collapse;"
                       "border:none;mso-border-alt:solid windowtext .5pt'>")
            for r, cells in enumerate(content.rows):
                out.append(f" <tr style='mso-yfti-irow:{r};height:19.85pt'>")
                for cell in cells:
                    attrs = _span_attrs(cell, word=True)
                    center = cell.kind in ("value", "head", "title")
                    align = " align=center style='text-align:center'" if center else ""
                    if cell.text:
                        text = _word_runs(cell.text, "10.5pt") + "<span lang=EN-US><o:p></o:p></span>"
                    else:
                        text = "<span lang=EN-US><o:p>&nbsp;</o:p></span>"
                    out.append(_WORD_CELL.format(attrs=attrs, w=64.5 * cell.colspan, align=align,
                                                 content=text))
                out.append(" </tr>")
            out.append(" <![if !supportMisalignedColumns]>\r\n <tr height=0>")
            out += ["  <td width=86 style='border:none'></td>" for _ in range(content.ncols)]
            out.append(" </tr>\r\n <![endif]>\r\n</table>\r\n\r\n</div>")
            out.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    out += ["", "</div>", "", "</body>", "", "</html>"]
    return "\r\n".join(out) + "\r\n"


def _render_cms_html(spec: ReportSpec) -> str:
    esc = html.escape
    font = 'style="font-family: 仿宋_GB2312, 仿宋; font-size: 16px;"'
    out = ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
           '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml"><head>',
           '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />',
           f"<title>{esc(spec.title)}_政府信息公开年报</title>",
           '<script type="text/javascript">var _hmt = _hmt || []; if (a < b && c > d) {}</script>',
           "</head><body>", '<div class="header"><a href="/">首页</a> &gt; <a href="/zfxxgk/">'
           "政府信息公开</a> &gt; 政府信息公开年报</div>",
           f'<div class="article"><h2 class="title">{esc(spec.title)}</h2>',
           '<div class="info">发布时间：<span>2024-01-20</span>&nbsp;&nbsp;来源：本站</div>',
           '<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{margin-top:0;'
           "margin-bottom:12px;line-height:1.8;font-size:12pt;}</style>",
           '<div class="view TRS_UEDITOR trs_paper_default trs_web">']
    for kind, content in _blocks(spec):
        if kind == "title":
            continue
        if kind == "heading":
            out.append(f'<p style="text-indent: 2em; line-height: 1.75em;"><strong><span {font}>'
                       f"{esc(content)}</span></strong></p>")
        elif kind == "para":
            out.append(f'<p style="text-indent: 2em; text-align: justify; line-height: 1.75em;">'
                       f"<span {font}>&nbsp;&nbsp;{esc(content)}</span></p>")
        elif kind == "sign":
            out.append(f'<p style="text-align: right;"><span {font}>{esc(content)}</span></p>')
        else:
            out.append('<table width="100%" border="1" cellspacing="0" cellpadding="0" '
                       'style="border-collapse:collapse;" align="center"><tbody>')
            for r, cells in enumerate(content.rows):
                tds = []
                for cell in cells:
                    attrs = _span_attrs(cell)
                    inner = f"<span {font}>{esc(cell.text)}</span>" if cell.text else "<br/>"
                    tds.append(f'<td{attrs} valign="middle" style="word-break: break-all; '
                               f'border-width: 1px; border-style: solid;"><p style="text-align: '
                               f'center; line-height: 1.5em;">{inner}</p></td>')
                first = ' class="firstRow"' if r == 0 else ""
                out.append(f"<tr{first}>" + "".join(tds) + "</tr>")
            out.append("</tbody></table>")
            out.append("<p><br/></p>")
    out += ["</div></div></div>", '<div class="footer">主办单位：' + esc(spec.signature or spec.body)
            + "</div>",
            "<script>document.write('<div class=\"share\"></div>'); var s = '</p>';</script>",
            "</body></html>"]
    return "\n".join(out) + "\n"


_DOCX_WIDTHS_CM = {"proactive": (4.0, 4.3, 4.3, 4.4),
                   "applications": (1.4, 1.8, 4.4) + (1.34,) * 7,
                   "review_litigation": (17.0 / 15,) * 15}
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_docx(spec: ReportSpec, path: str | Path, page_numbers: bool = False,
               borders: bool = True) -> None:
    """A real .docx (python-docx) with merged table cells (gridSpan/vMerge); with
    ``page_numbers`` a footer "— N —" and a header "第 N 页 共 M 页", as printed documents carry;
    without ``borders`` the tables have no ruled lines (a PDF of it has no table to find).
    The file is byte-for-byte deterministic: fixed core properties and zip timestamps."""
    import datetime as dt

    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    if page_numbers:
        _page_fields(section.footer.paragraphs[0], ("— ", "PAGE", " —"), WD_ALIGN_PARAGRAPH)
        _page_fields(section.header.paragraphs[0], ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"),
                     WD_ALIGN_PARAGRAPH)
    for kind, content in _blocks(spec):
        if kind == "table":
            _docx_table(document, content, Cm, Pt, WD_ALIGN_PARAGRAPH, WD_CELL_VERTICAL_ALIGNMENT,
                        borders)
            document.add_paragraph()
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(content)
        if kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold, run.font.size = True, Pt(16)
        elif kind == "sign":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            paragraph.paragraph_format.first_line_indent = Pt(21)

    # drop parts of python-docx's default template that a report would not carry (a thumbnail
    # of another document, a second copy of the styles): smaller, more realistic fixtures
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in ("thumbnail", "stylesWithEffects"):
                rels.pop(rid)
    when = dt.datetime.fromisoformat(spec.published or f"{spec.year + 1}-01-15")
    props = document.core_properties
    props.author = props.last_modified_by = ""
    props.title, props.subject = spec.title, "政府信息公开工作年度报告"
    props.created = props.modified = props.last_printed = when
    props.revision, props.comments, props.keywords, props.category = 1, "", "", ""
    buffer = io.BytesIO()
    document.save(buffer)
    _write_zip_deterministic(buffer.getvalue(), Path(path))


def _page_fields(paragraph: Any, parts: tuple[str, ...], align: Any) -> None:
    """Text and PAGE / NUMPAGES fields in a header or footer paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = align.CENTER
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), part)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)  # noqa: SLF001 - python-docx has no field API
        else:
            paragraph.add_run(part)


def _docx_table(document: Any, grid: TableGrid, cm: Any, pt: Any, align: Any,
                valign: Any, borders: bool = True) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table = document.add_table(rows=len(grid.rows), cols=grid.ncols)
    if borders:
        table.style = "Table Grid"
    table.autofit = False
    # narrow cell margins (0.05 cm) so that five-digit figures fit their column
    table._tbl.tblPr.append(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="28" w:type="dxa"/>'
        '<w:right w:w="28" w:type="dxa"/></w:tblCellMar>'))
    widths = _DOCX_WIDTHS_CM[grid.table]
    for i, width in enumerate(widths):
        table._tbl.tblGrid.gridCol_lst[i].w = cm(width)
        for cell in table.columns[i].cells:
            cell.width = cm(width)
    for r, c, spec_cell in list(grid.positions()):
        cell = table.cell(r, c)
        if spec_cell.rowspan > 1 or spec_cell.colspan > 1:
            cell = cell.merge(table.cell(r + spec_cell.rowspan - 1, c + spec_cell.colspan - 1))
        cell.text = spec_cell.text
        cell.vertical_alignment = valign.CENTER
        for paragraph in cell.paragraphs:
            if spec_cell.kind in ("value", "head", "title"):
                paragraph.alignment = align.CENTER
            for run in paragraph.runs:
                run.font.size = pt(9)


def _write_zip_deterministic(data: bytes, path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            out.writestr(member, src.read(info.filename))
