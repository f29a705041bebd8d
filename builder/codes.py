"""The data contract: table, row and column codes of the national template.

Codes (English, stable) are the only keys used anywhere in the project; Chinese labels are
titles. ``keys`` are the normalised label fragments that identify a row in a report's text
(see ``parse.match_row``); they are regular expressions searched in the normalised label run.
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATES = ("2021", "2019")
#: the first year whose reports have the national template's tables (国办公开办函〔2019〕60号
#: came with the reports for 2019; earlier reports are free prose)
FIRST_YEAR = 2019
TABLES = ("proactive", "applications", "review_litigation")

# the template's six sections (一、总体情况 … 六、其他需要报告的事项), by number
SECTION_TITLES = {1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
                  4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况",
                  6: "其他需要报告的事项"}
TABLE_TITLES = {
    "proactive": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况",
}
TABLE_DESCRIPTIONS = {
    "proactive": "Proactive disclosure (article 20 of the Regulations)",
    "applications": "Disclosure applications received and how they were handled",
    "review_litigation": "Administrative reviews and lawsuits about disclosure",
}


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    description: str
    decimal: bool = False


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    description: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]
    group: str = ""
    column_titles: tuple[str, ...] = ()

    def column_title(self, column: str) -> str:
        if self.column_titles:
            return self.column_titles[self.columns.index(column)]
        return COLUMNS[column].label


def _cols(*items: tuple[str, str, str] | tuple[str, str, str, bool]) -> dict[str, Column]:
    return {c[0]: Column(*c) for c in items}


COLUMNS: dict[str, Column] = _cols(
    # proactive, 2021
    ("issued", "本年制发件数", "documents issued this year"),
    ("repealed", "本年废止件数", "documents repealed this year"),
    ("in_force", "现行有效件数", "documents in force"),
    ("decisions", "本年处理决定数量", "decisions made this year"),
    ("amount", "本年收费金额（单位：万元）", "amount collected this year, 10,000 yuan", True),
    # proactive, 2019
    ("made", "本年新制作数量", "documents made this year (2019 template)"),
    ("published", "本年新公开数量", "documents newly published this year (2019 template)"),
    ("total_published", "对外公开总数量", "documents published in total (2019 template)"),
    ("previous_items", "上一年项目数量", "items in the previous year (2019 template)"),
    ("change", "本年增/减", "change this year, may be negative (2019 template)"),
    ("items", "采购项目数量", "procurement items (2019 template)"),
    # applications
    ("natural_person", "自然人", "natural persons"),
    ("commercial", "商业企业", "legal persons: commercial enterprises"),
    ("research", "科研机构", "legal persons: research institutions"),
    ("public_interest", "社会公益组织", "legal persons: public-interest organisations"),
    ("legal_services", "法律服务机构", "legal persons: legal-services institutions"),
    ("other_org", "其他", "legal persons: other organisations"),
    ("total", "总计", "total"),
    # review / litigation
    ("upheld", "结果维持", "decision upheld"),
    ("corrected", "结果纠正", "decision corrected"),
    ("other", "其他结果", "other outcome"),
    ("pending", "尚未审结", "not yet concluded"),
)

APPLICANT_COLUMNS = ("natural_person", "commercial", "research", "public_interest",
                     "legal_services", "other_org")
APPLICATION_COLUMNS = APPLICANT_COLUMNS + ("total",)
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

_DOC3 = ("issued", "repealed", "in_force")

PROACTIVE_2021 = (
    Row("rules", "规章", "rules (第二十条第（一）项)", _DOC3, (r"规章",)),
    Row("normative_documents", "行政规范性文件", "normative documents (（一）)", _DOC3,
        (r"规范性文件",)),
    Row("licensing", "行政许可", "administrative licensing (（五）)", ("decisions",),
        (r"行政许可",)),
    Row("penalty", "行政处罚", "administrative penalties (（六）)", ("decisions",), (r"行政处罚",)),
    Row("coercion", "行政强制", "administrative coercion (（六）)", ("decisions",), (r"行政强制",)),
    Row("fees", "行政事业性收费", "administrative fees (（八）)", ("amount",),
        (r"事业[性型]收费", r"行政事业[性型]")),
)

_2019_DOC = ("made", "published", "total_published")
_2019_ITEMS = ("previous_items", "change", "decisions")
_2019_ITEM_TITLES = ("上一年项目数量", "本年增/减", "处理决定数量")
PROACTIVE_2019 = (
    Row("rules", "规章", "rules", _2019_DOC, (r"规章",)),
    Row("normative_documents", "规范性文件", "normative documents", _2019_DOC, (r"规范性文件",)),
    Row("licensing", "行政许可", "administrative licensing", _2019_ITEMS, (r"行政许可",),
        column_titles=_2019_ITEM_TITLES),
    Row("other_services", "其他对外管理服务事项", "other external management services",
        _2019_ITEMS, (r"对外管理服务",), column_titles=_2019_ITEM_TITLES),
    Row("penalty", "行政处罚", "administrative penalties", _2019_ITEMS, (r"行政处罚",),
        column_titles=_2019_ITEM_TITLES),
    Row("coercion", "行政强制", "administrative coercion", _2019_ITEMS, (r"行政强制",),
        column_titles=_2019_ITEM_TITLES),
    Row("fees", "行政事业性收费", "administrative fees", ("previous_items", "change"),
        (r"事业[性型]收费", r"行政事业[性型]")),
    Row("procurement", "政府集中采购", "centralised government procurement",
        ("items", "amount"), (r"集中采购",), column_titles=("采购项目数量", "采购总金额")),
)

_A = APPLICATION_COLUMNS
# a key whose words name the row only at a label's start, after its numbering (其他, which
# ends other labels too; numbered 3., 3、, (3) or ③ as Word's circled numbering prints it)
LABEL_START = r"(?:^|[\d.、)\u2460-\u2473])"
_ROWS_HEAD = (
    Row("new", "一、本年新收政府信息公开申请数量", "new applications this year", _A,
        (r"本年新收", r"新收政府信息")),
    Row("carried_over", "二、上年结转政府信息公开申请数量", "carried over from last year", _A,
        (r"上一?年度?(?:结转|转结)",)),
    Row("granted", "（一）予以公开", "granted", _A, (r"予以公开",), "三、本年度办理结果"),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partially granted", _A, (r"部分公开",), "三、本年度办理结果"),
    Row("withheld_state_secret", "1.属于国家秘密", "withheld: state secret", _A,
        (r"国家秘密",), "（三）不予公开"),
    Row("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开",
        "withheld: prohibited by other laws", _A, (r"禁止公开", r"法规禁止"), "（三）不予公开"),
    Row("withheld_security_stability", "3.危及“三安全一稳定”",
        "withheld: endangers security and stability", _A, (r"三安全", r"一稳定", r"危及"),
        "（三）不予公开"),
    Row("withheld_third_party_rights", "4.保护第三方合法权益",
        "withheld: third-party rights", _A, (r"第三方",), "（三）不予公开"),
    Row("withheld_internal_affairs", "5.属于三类内部事务信息", "withheld: internal affairs", _A,
        (r"内部事务",), "（三）不予公开"),
    Row("withheld_process_information", "6.属于四类过程性信息",
        "withheld: process information", _A, (r"过程性",), "（三）不予公开"),
    Row("withheld_enforcement_files", "7.属于行政执法案卷", "withheld: enforcement files", _A,
        (r"执法案卷",), "（三）不予公开"),
    Row("withheld_query_matters", "8.属于行政查询事项", "withheld: query matters", _A,
        (r"查询事项",), "（三）不予公开"),
    Row("unavailable_not_held", "1.本机关不掌握相关政府信息", "unavailable: not held", _A,
        (r"不掌握",), "（四）无法提供"),
    Row("unavailable_needs_creation", "2.没有现成信息需要另行制作",
        "unavailable: would need to be created", _A, (r"另行制作", r"没有现成"),
        "（四）无法提供"),
    Row("unavailable_unclear", "3.补正后申请内容仍不明确", "unavailable: still unclear", _A,
        (r"仍不明确", r"补正后"), "（四）无法提供"),
    Row("not_processed_complaint", "1.信访举报投诉类申请",
        "not processed: petitions and complaints", _A, (r"信访", r"举报投诉"), "（五）不予处理"),
    Row("not_processed_duplicate", "2.重复申请", "not processed: duplicate", _A,
        (r"重复申请",), "（五）不予处理"),
    Row("not_processed_publication", "3.要求提供公开出版物", "not processed: publications", _A,
        (r"出版物",), "（五）不予处理"),
    Row("not_processed_excessive", "4.无正当理由大量反复申请",
        "not processed: excessive repeated requests", _A, (r"大量反[复覆]", r"反[复覆]申请"),
        "（五）不予处理"),
    Row("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息",
        "not processed: confirmation of information held", _A,
        (r"重新出具", r"确认或", r"已获取信息"), "（五）不予处理"),
)
_ROWS_TAIL = (
    Row("results_total", "（七）总计", "total of results", _A, (r"(?:总计|合计)$",),
        "三、本年度办理结果"),
    Row("carried_forward", "四、结转下年度继续办理", "carried forward to next year", _A,
        (r"结转下年", r"继续办理"),),
)
APPLICATIONS_2021 = _ROWS_HEAD + (
    Row("other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other: applicant did not complete the application", _A,
        (r"不补正", r"无正当理由逾期", r"申请人无正当理由"), "（六）其他处理"),
    Row("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other: applicant did not pay the fee", _A,
        (r"缴纳费用", r"收费通知", r"申请人逾期未"), "（六）其他处理"),
    Row("other_other", "3.其他", "other: other", _A, (LABEL_START + r"其[他它]$",), "（六）其他处理"),
) + _ROWS_TAIL
APPLICATIONS_2019 = _ROWS_HEAD + (
    Row("other_handling", "（六）其他处理", "other handling (2019 template)", _A,
        (r"其[他它]处理$",), "三、本年度办理结果"),
) + _ROWS_TAIL

RESULT_LEAVES_2021 = tuple(r.code for r in APPLICATIONS_2021[2:-2])
RESULT_LEAVES_2019 = tuple(r.code for r in APPLICATIONS_2019[2:-2])

_R = REVIEW_COLUMNS
REVIEW_ROWS = (
    Row("review", "行政复议", "administrative review", _R, ()),
    Row("litigation_direct", "行政诉讼·未经复议直接起诉", "lawsuit without prior review", _R, ()),
    Row("litigation_after_review", "行政诉讼·复议后起诉", "lawsuit after review", _R, ()),
)

ROWS: dict[str, dict[str, tuple[Row, ...]]] = {
    "2021": {"proactive": PROACTIVE_2021, "applications": APPLICATIONS_2021,
             "review_litigation": REVIEW_ROWS},
    "2019": {"proactive": PROACTIVE_2019, "applications": APPLICATIONS_2019,
             "review_litigation": REVIEW_ROWS},
}


def rows(template: str, table: str) -> tuple[Row, ...]:
    return ROWS[template][table]


def row(template: str, table: str, code: str) -> Row:
    for r in ROWS[template][table]:
        if r.code == code:
            return r
    raise KeyError(code)


#: the units an amount taken as printed may have (parse.UNIT_AS_PRINTED; the cell tables'
#: unit): 元, alone or with a multiple
AMOUNT_UNITS = ("元", "百元", "千元", "万元", "百万元", "千万元", "亿元")


def cell_keys(template: str) -> list[tuple[str, str, str]]:
    """Every (table, row, column) of a template, in template order."""
    return [(t, r.code, c) for t in TABLES for r in ROWS[template][t] for c in r.columns]


def all_row_codes(table: str) -> list[Row]:
    """Rows of a table across both templates (union, 2021 first), for code lists."""
    seen: dict[str, Row] = {}
    for template in TEMPLATES:
        for r in ROWS[template][table]:
            seen.setdefault(r.code, r)
    return list(seen.values())


def all_column_codes(table: str) -> list[Column]:
    """Columns of a table across both templates (union, 2021 first)."""
    seen: dict[str, Column] = {}
    for template in TEMPLATES:
        for r in ROWS[template][table]:
            for c in r.columns:
                seen.setdefault(c, COLUMNS[c])
    return list(seen.values())
