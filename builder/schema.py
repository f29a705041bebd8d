"""Table schemas of the data packages, defined once and used for every output.

Every resource (CSV file, SQLite table) of the corpus package and of the per-report packages is
described here: its fields with Chinese titles and English + Chinese descriptions, constraints,
primary key and foreign keys; and the package descriptors (Data Package v1,
``tabular-data-package``) and SQLite DDL made from them. Nothing else spells out a schema.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import PARSER_VERSION, codes
from .content import LEVELS, TRANSCRIPTIONS

RULES = ("R1", "R2", "R3", "R4", "R5", "W1", "W2", "W3")
SEVERITIES = ("inconsistency", "warning")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date
    title: str  # Chinese
    description: str  # English, then Chinese
    required: bool = False
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None

    def descriptor(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title,
                             "description": self.description}
        c: dict[str, Any] = {}
        if self.required:
            c["required"] = True
        if self.enum is not None:
            c["enum"] = list(self.enum)
        if self.minimum is not None:
            c["minimum"] = self.minimum
        if self.maximum is not None:
            c["maximum"] = self.maximum
        if self.pattern is not None:
            c["pattern"] = self.pattern
        if c:
            d["constraints"] = c
        return d


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # Chinese
    description: str  # English, then Chinese
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    code_list: bool = False  # code lists are in the corpus package only
    per_report: bool = True

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def schema(self, present: set[str] | None = None) -> dict[str, Any]:
        """Table Schema descriptor; foreign keys to resources not in ``present`` are left out."""
        d: dict[str, Any] = {"fields": [f.descriptor() for f in self.fields],
                             "missingValues": [""],
                             "primaryKey": list(self.primary_key)}
        fks = [fk for fk in self.foreign_keys if present is None or fk.resource in present]
        if fks:
            d["foreignKeys"] = [{"fields": list(fk.fields),
                                 "reference": {"resource": fk.resource,
                                               "fields": list(fk.reference)}}
                                for fk in fks]
        return d


# -- shared fields ---------------------------------------------------------------------------

REPORT_ID = Field("report_id", "string", "报告编号",
                  "Report id: the body id and the year. 报告编号：机关编号加报告年度。",
                  required=True, pattern=r"b[0-9a-f]{9}-[0-9]{4}")
TEMPLATE = Field("template", "string", "报告格式",
                 "Template of the report: 2021 (国办公开办函〔2021〕30号) or 2019 "
                 "(国办公开办函〔2019〕60号). 报告所用格式：2021 版或 2019 版。",
                 required=True, enum=codes.TEMPLATES)
LINE = Field("line", "integer", "原文行号",
             "Line of the source text the value was read from; empty when unknown. "
             "数值在原文中的行号；未知时为空。", minimum=1)
SOURCE = Field("source", "string", "原文位置",
               "Where the value stands in an original that is not plain text: page, table, row "
               "and column as in 第2页表1第5行第3列 (PDF), 表1第5行第3列 (Word, HTML); empty for "
               "a line of text (see line). 数值在原文中的位置（PDF 的页、表、行、列，Word/HTML 的表、行、列）；"
               "文本行时为空（见原文行号）。")
UNIT = Field("unit", "string", "单位",
             "The unit printed with an amount that the template takes as printed (the 2019 "
             "template's 采购总金额: 251000元, 25.1万元), or given by its column's heading; "
             "empty when none is printed, and for every other cell (the 2021 template's "
             "收费金额 is in 万元). The value is never converted. 模板要求照原文填写的金额（2019 版"
             "“采购总金额”）所写的单位，或其表头所注的单位；未写单位时为空，其他单元格均为空（2021 版"
             "“收费金额”单位为万元）。数值不换算。", enum=codes.AMOUNT_UNITS)
NUMBER = Field("number", "integer", "序号",
               "Number of the item within its report, from 1. 在本报告中的序号，从 1 开始。",
               required=True, minimum=1)


def _union(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _row_codes(table: str) -> tuple[str, ...]:
    return tuple(r.code for r in codes.all_row_codes(table))


def _column_codes(table: str) -> tuple[str, ...]:
    # Not codes.all_column_codes: it keeps only the 2021 columns of rows both templates share.
    return _union([c for template in codes.TEMPLATES for r in codes.rows(template, table)
                   for c in r.columns])


ALL_ROW_CODES = _union([c for t in codes.TABLES for c in _row_codes(t)])
ALL_COLUMN_CODES = _union([c for t in codes.TABLES for c in _column_codes(t)])

_VALUE_INT = ("The number as printed in the report; empty when the cell is blank, '/', '—' or "
              "missing (never 0 for a blank). 报告所列数字；单元格空白、为“/”“—”或缺失时为空，"
              "不以 0 代替。")


def _cell_table(table: str) -> Table:
    values: tuple[Field, ...]
    if table == "proactive":
        values = (Field("value", "number", "数值",
                        _VALUE_INT + " Counts are whole numbers; 'amount' is a decimal (万元 in "
                        "the 2021 template; in the 2019 template as printed, its unit in unit); "
                        "'change' (本年增/减, 2019 template) may be negative, so this column has "
                        "no minimum. 件数为整数；金额可为小数（2021 版单位为万元；2019 版照原文，单位见"
                        "“单位”）；2019 版“本年增/减”可为负数。"),
                  UNIT)
    else:
        values = (Field("value", "integer", "数值", _VALUE_INT + " A count: 0 or more. 件数。",
                        minimum=0),)
    return Table(
        name=table,
        title=codes.TABLE_TITLES[table],
        description=(f"{codes.TABLE_DESCRIPTIONS[table]}: one row per cell of the report's "
                     f"table (long format); row and column are the codes of the national "
                     f"template. {codes.TABLE_TITLES[table]}：每个单元格一行（长表），"
                     f"行、列为全国统一格式的代码。"),
        fields=(
            REPORT_ID, TEMPLATE,
            Field("row", "string", "行",
                  "Row code of the table (see resource rows). 表格行代码（见 rows）。",
                  required=True, enum=_row_codes(table)),
            Field("column", "string", "列",
                  "Column code of the table (see resource columns). 表格列代码（见 columns）。",
                  required=True, enum=_column_codes(table)),
            *values, LINE, SOURCE),
        primary_key=("report_id", "row", "column"),
        foreign_keys=(
            ForeignKey(("report_id", "template"), "reports", ("report_id", "template")),
            ForeignKey(("template", "row", "column"), "template_cells",
                       ("template", "row", "column")),
        ),
    )


def _count(name: str, title: str, description: str) -> Field:
    return Field(name, "integer", title, description, required=True, minimum=0)


REPORTS = Table(
    name="reports",
    title="报告",
    description=("One row per annual report: who published it, where, for which year, where "
                 "it came from and how completely it was read. 每份年度报告一行：发布机关、"
                 "地区、年度、来源及读取是否完整。"),
    fields=(
        REPORT_ID,
        Field("body_id", "string", "机关编号",
              "Stable id of the publishing body (hash of region and name). "
              "发布机关的稳定编号（由地区和名称生成）。",
              required=True, pattern=r"b[0-9a-f]{9}"),
        Field("body", "string", "机关名称",
              "Full name of the publishing body, as signed. 发布机关全称（以落款为准）。",
              required=True),
        Field("level", "string", "层级",
              "Level of the body: township, county, prefecture, province or department. "
              "机关层级：乡镇（街道）、县级、地市级、省级或政府部门。",
              required=True, enum=LEVELS),
        Field("province", "string", "省级行政区", "Province. 省级行政区。", required=True),
        Field("prefecture", "string", "地级行政区", "Prefecture. 地级行政区。"),
        Field("county", "string", "县级行政区", "County. 县级行政区。"),
        Field("region_code", "string", "行政区划代码",
              "Six-digit administrative division code of the county (or the region the body "
              "belongs to). 县级（或所属）行政区划代码，6 位。", pattern=r"[0-9]{6}"),
        Field("year", "integer", "报告年度", "Year reported on. 报告所涉年度。",
              required=True, minimum=codes.FIRST_YEAR, maximum=2100),
        TEMPLATE,
        Field("source_url", "string", "原文网址",
              "Address where the report was published. 报告原文的发布网址。"),
        Field("published", "date", "发布日期", "Date of publication. 发布日期。"),
        Field("retrieved", "date", "获取日期", "Date the report was retrieved. 获取日期。"),
        Field("path", "string", "文件路径",
              "Path of the report's text in the project repository (content/…). "
              "报告文本在项目仓库中的路径。", required=True),
        Field("complete", "boolean", "读取完整",
              "true when every table was read without error; false when some cells could "
              "not be read (only the cells that were read are included). 是否完整读取；为 "
              "false 时只收录已读取的单元格。", required=True),
        _count("cells", "单元格数",
               "Number of table cells read (blank ones included). 读取的单元格数（含空白）。"),
        _count("blank_cells", "空白单元格数",
               "Number of cells read as blank or missing. 空白或缺失的单元格数。"),
        _count("findings", "勾稽问题数",
               "Number of consistency findings (see resource findings). 勾稽关系问题数。"),
        _count("errors", "读取错误数",
               "Number of reading errors (see resource errors). 读取错误数。"),
        Field("layout", "string", "文本格式",
              "Layout of the source text the tables were read from. 原文表格的文本格式。"),
        Field("transcription", "string", "数字来源",
              "How the figures of a scanned report reached the text: ocr (read by optical "
              "character recognition, then checked by hand against the original) or typed "
              "(typed in by hand); empty when the text is the published file's own. Figures "
              "transcribed by hand or by OCR may carry errors the original does not have. "
              "扫描件的数字如何得到：ocr（OCR 识别后对照原件核对）或 typed（手工录入）；为空表示"
              "数字取自发布的文件本身。", enum=TRANSCRIPTIONS),
    ),
    primary_key=("report_id",),
)

FINDINGS = Table(
    name="findings",
    title="勾稽关系问题",
    description=("Consistency rules a report breaks (R1–R5) and soft warnings (W1–W3). The "
                 "figures are published as printed, never corrected. 报告违反的勾稽关系（R1–R5）"
                 "及提示（W1–W3）；数字按原文发布，不作更正。"),
    fields=(
        REPORT_ID, NUMBER,
        Field("rule", "string", "规则", "Rule id, see the project documentation. 规则编号。",
              required=True, enum=RULES),
        Field("severity", "string", "类别",
              "inconsistency (R rules) or warning (W rules). 不一致（R）或提示（W）。",
              required=True, enum=SEVERITIES),
        Field("message", "string", "说明", "What is wrong. 问题说明。", required=True),
        Field("cells", "string", "涉及单元格",
              "Cells involved, as table.row.column separated by ';'. 涉及的单元格，"
              "格式为 表.行.列，以“;”分隔。"),
        Field("expected", "string", "应为", "Expected value. 按规则应得的值。"),
        Field("found", "string", "实为", "Value found. 报告中的值。"),
        LINE,
    ),
    primary_key=("report_id", "number"),
    foreign_keys=(ForeignKey(("report_id",), "reports", ("report_id",)),),
)

ERRORS = Table(
    name="errors",
    title="读取错误",
    description=("Why a report is incomplete: problems met while reading its tables. "
                 "报告不完整的原因：读取表格时遇到的问题。"),
    fields=(
        REPORT_ID, NUMBER,
        Field("message", "string", "说明", "What went wrong. 问题说明。", required=True),
        LINE,
        Field("table", "string", "表", "Table code. 表格代码。", enum=codes.TABLES),
        Field("row", "string", "行", "Row code. 行代码。", enum=ALL_ROW_CODES),
        Field("column", "string", "列", "Column code. 列代码。", enum=ALL_COLUMN_CODES),
        Field("expected", "string", "应为", "What was expected. 应有内容。"),
        Field("found", "string", "实为", "What was found. 实际内容。"),
    ),
    primary_key=("report_id", "number"),
    foreign_keys=(ForeignKey(("report_id",), "reports", ("report_id",)),),
)

_TABLE = Field("table", "string", "表", "Table code. 表格代码。", required=True,
               enum=codes.TABLES)
_POSITION = Field("position", "integer", "顺序", "Position in the template, from 1. "
                  "在格式中的顺序，从 1 开始。", required=True, minimum=1)

ROWS = Table(
    name="rows",
    title="行代码",
    description="Row codes of the three tables, per template. 三张表的行代码（按格式版本）。",
    fields=(
        _TABLE, TEMPLATE,
        Field("row", "string", "行", "Row code. 行代码。", required=True, enum=ALL_ROW_CODES),
        _POSITION,
        Field("group", "string", "上级项目", "Heading the row stands under in the template. "
              "该行所属的上级项目。"),
        Field("label", "string", "名称", "Label in the template (Chinese). 格式中的名称。",
              required=True),
        Field("description", "string", "说明", "English description. 英文说明。",
              required=True),
    ),
    primary_key=("table", "template", "row"),
    code_list=True, per_report=False,
)

COLUMNS = Table(
    name="columns",
    title="列代码",
    description="Column codes of the three tables, per template. 三张表的列代码（按格式版本）。",
    fields=(
        _TABLE, TEMPLATE,
        Field("column", "string", "列", "Column code. 列代码。", required=True,
              enum=ALL_COLUMN_CODES),
        _POSITION,
        Field("label", "string", "名称", "Label in the template (Chinese). 格式中的名称。",
              required=True),
        Field("description", "string", "说明", "English description. 英文说明。",
              required=True),
        Field("decimal", "boolean", "小数",
              "true when values may be decimals (amounts), false for counts. "
              "数值可为小数（金额）时为 true，件数为 false。", required=True),
    ),
    primary_key=("table", "template", "column"),
    code_list=True, per_report=False,
)

TEMPLATE_CELLS = Table(
    name="template_cells",
    title="表格单元格",
    description=("Every cell of the template's tables: which columns each row has. "
                 "格式中各表的全部单元格：每行有哪些列。"),
    fields=(
        TEMPLATE, _TABLE,
        Field("row", "string", "行", "Row code. 行代码。", required=True, enum=ALL_ROW_CODES),
        Field("column", "string", "列", "Column code. 列代码。", required=True,
              enum=ALL_COLUMN_CODES),
        _POSITION,
        Field("row_label", "string", "行名称", "Row label. 行名称。", required=True),
        Field("column_label", "string", "列名称", "Column label for this row. 列名称。",
              required=True),
    ),
    # Row codes are unique across the tables of a template (checked in template_cell_rows).
    primary_key=("template", "row", "column"),
    foreign_keys=(
        ForeignKey(("table", "template", "row"), "rows", ("table", "template", "row")),
        ForeignKey(("table", "template", "column"), "columns",
                   ("table", "template", "column")),
    ),
    code_list=True, per_report=False,
)

CELL_TABLES = tuple(_cell_table(t) for t in codes.TABLES)
#: the cell tables with a unit field beside the value (Cell.unit)
UNIT_TABLES = frozenset(t.name for t in CELL_TABLES if any(f.name == "unit" for f in t.fields))
#: Every resource, in descriptor order.
TABLES: tuple[Table, ...] = (REPORTS, *CELL_TABLES, FINDINGS, ERRORS, ROWS, COLUMNS,
                             TEMPLATE_CELLS)
BY_NAME = {t.name: t for t in TABLES}
REPORT_TABLES = tuple(t for t in TABLES if t.per_report)
CODE_TABLES = tuple(t for t in TABLES if t.code_list)


# -- the code lists, from codes.py ---------------------------------------------------------

_COLUMN_DESCRIPTIONS_2019 = {
    ("proactive", "amount"): "procurement total amount, as printed with its unit "
                             "(2019 template)",
}


def code_rows() -> list[list[Any]]:
    out = []
    for table in codes.TABLES:
        for template in codes.TEMPLATES:
            for i, r in enumerate(codes.rows(template, table), 1):
                out.append([table, template, r.code, i, r.group, r.label, r.description])
    return out


def code_columns() -> list[list[Any]]:
    out = []
    for table in codes.TABLES:
        for template in codes.TEMPLATES:
            seen: dict[str, str] = {}
            for r in codes.rows(template, table):
                for c in r.columns:
                    seen.setdefault(c, r.column_title(c))
            for i, (c, label) in enumerate(seen.items(), 1):
                col = codes.COLUMNS[c]
                desc = col.description
                if template == "2019":
                    desc = _COLUMN_DESCRIPTIONS_2019.get((table, c), desc)
                out.append([table, template, c, i, label, desc, col.decimal])
    return out


def template_cell_rows() -> list[list[Any]]:
    out = []
    for template in codes.TEMPLATES:
        seen: set[tuple[str, str]] = set()
        for i, (table, row, column) in enumerate(codes.cell_keys(template), 1):
            if (row, column) in seen:
                raise ValueError(f"row code {row!r} is used by two tables of template "
                                 f"{template}: template_cells needs it unique")
            seen.add((row, column))
            r = codes.row(template, table, row)
            out.append([template, table, row, column, i, r.label, r.column_title(column)])
    return out


#: template -> (table, row, column) -> position in the template, to order a report's cells.
CELL_POSITIONS: dict[str, dict[tuple[str, str, str], int]] = {}
for _t in template_cell_rows():
    CELL_POSITIONS.setdefault(_t[0], {})[(_t[1], _t[2], _t[3])] = _t[4]


# -- SQLite -----------------------------------------------------------------------------------

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER",
             "date": "TEXT"}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sqlite_ddl(tables: tuple[Table, ...] = TABLES) -> list[str]:
    """CREATE TABLE statements with the same keys and constraints as the Table Schemas
    (booleans are 0/1; a referenced field set that is not a primary key gets UNIQUE)."""
    unique: dict[str, set[tuple[str, ...]]] = {}
    for t in tables:
        for fk in t.foreign_keys:
            if fk.reference != BY_NAME[fk.resource].primary_key:
                unique.setdefault(fk.resource, set()).add(fk.reference)
    out = []
    for t in tables:
        lines = []
        for f in t.fields:
            col = f"{quote(f.name)} {SQL_TYPES[f.type]}"
            if f.required:
                col += " NOT NULL"
            checks = []
            if f.type == "boolean":
                checks.append(f"{quote(f.name)} IN (0, 1)")
            if f.enum is not None:
                # an OR of comparisons, not IN (…): SQLite evaluates a CHECK's IN list of
                # constants by building it again for every row (0.6 s for the 175,000 cells
                # of 1,000 reports); the comparisons accept and refuse the same values
                checks.append("(" + " OR ".join(f"{quote(f.name)} = {sql_literal(v)}"
                                                for v in f.enum) + ")")
            if f.minimum is not None:
                checks.append(f"{quote(f.name)} >= {f.minimum}")
            if f.maximum is not None:
                checks.append(f"{quote(f.name)} <= {f.maximum}")
            if checks:
                col += f" CHECK ({' AND '.join(checks)})"
            lines.append(col)
        lines.append(f"PRIMARY KEY ({', '.join(map(quote, t.primary_key))})")
        for key in sorted(unique.get(t.name, ())):
            lines.append(f"UNIQUE ({', '.join(map(quote, key))})")
        for fk in t.foreign_keys:
            lines.append(f"FOREIGN KEY ({', '.join(map(quote, fk.fields))}) REFERENCES "
                         f"{quote(fk.resource)} ({', '.join(map(quote, fk.reference))})")
        out.append(f"CREATE TABLE {quote(t.name)} (\n  " + ",\n  ".join(lines) + "\n)")
    return out


# -- package descriptors ----------------------------------------------------------------------

NAME = "gov-disclosure-reports"
TITLE = "政府信息公开工作年度报告数据 / Government information-disclosure annual reports"
LICENSES = [{
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International, for the compilation and the "
             "tables derived by this project. The reports themselves are public government "
             "information, published by the bodies under the Regulations on the Disclosure of "
             "Government Information (《中华人民共和国政府信息公开条例》). 本汇编及派生表格采用 "
             "CC BY 4.0 许可；报告原文为各机关依法主动公开的政府信息。",
}]
KEYWORDS = ["政府信息公开", "年度报告", "government information disclosure", "annual reports",
            "China"]
DESCRIPTION = (
    "Tables of the annual reports on government information disclosure "
    "(政府信息公开工作年度报告) of Chinese government bodies, in the codes of the national "
    "template (国办公开办函〔2021〕30号; for 2019–2020, 〔2019〕60号). Each report's text is kept "
    "in the project's content/ folder with a YAML sidecar naming the body and the source; the "
    "project's parser (parser version {version}) reads its three tables cell by cell, with the "
    "source line of each value. Figures are published as printed: a blank cell is empty, never "
    "0; broken consistency rules are listed in findings, never corrected; a report whose tables "
    "could not be read in full has complete = false and only the cells that were read. "
    "各机关政府信息公开工作年度报告中的三张表格，按全国统一格式编码。由项目解析程序（版本 "
    "{version}）从报告原文逐格读取并记录所在行；数字按原文发布，空白不记为 0，勾稽关系问题单列"
    "而不更正；未能完整读取的报告标记为 complete = false，只收录已读取的单元格。"
)


def report_title(body: str, year: int) -> str:
    return f"{body}{year}年政府信息公开工作年度报告"


def head(name: str, title: str, description: str,
         sources: list[dict[str, str]]) -> dict[str, Any]:
    """Everything of a package descriptor but its resources."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "licenses": LICENSES,
        "sources": sources,
        "keywords": KEYWORDS,
        "parserVersion": PARSER_VERSION,
    }


def corpus_head(sources: list[dict[str, str]]) -> dict[str, Any]:
    n = len(sources)
    return head(NAME, TITLE, DESCRIPTION.format(version=PARSER_VERSION)
                + f" This package holds {n} reports; each also has a package of its own "
                f"(reports/<report_id>/). 本数据包收录 {n} 份报告，每份另有单独的数据包。",
                sources)


def report_head(report_id: str, path: str, title: str,
                source: dict[str, str]) -> dict[str, Any]:
    return head(report_id, title, DESCRIPTION.format(version=PARSER_VERSION)
                + f" This package holds one report, {report_id} ({path}); the code lists "
                f"(rows, columns, template_cells) are in the corpus package {NAME}. "
                f"本数据包收录一份报告；代码表见汇总数据包。", [source])


def resource(table: Table, path: str, present: frozenset[str], data: bytes) -> dict[str, Any]:
    """A resource descriptor with the file's size and hash (frictionless checks both)."""
    return {"name": table.name, "path": path, "profile": "tabular-data-resource",
            "title": table.title, "description": table.description, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(data),
            "hash": file_hash(data), "schema": table.schema(set(present))}


def file_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def package_descriptor(head: dict[str, Any], tables: Sequence[Table], paths: dict[str, str],
                       data: dict[str, bytes]) -> dict[str, Any]:
    """``head`` plus one resource per table; ``paths`` maps a table to its file's path and
    ``data`` that path to the file's bytes. Foreign keys to tables not in the package are
    left out (the per-report packages have no code lists)."""
    present = frozenset(t.name for t in tables)
    return dict(head, resources=[resource(t, paths[t.name], present, data[paths[t.name]])
                                 for t in tables])


def descriptor_json(head: dict[str, Any], tables: Sequence[Table], paths: dict[str, str],
                    data: dict[str, bytes]) -> bytes:
    """``json.dumps(package_descriptor(...), ensure_ascii=False, indent=2)`` plus a newline,
    as bytes, made faster: json's indenting encoder is pure Python, so the parts every
    package shares are encoded once and the rest filled in (a test checks the equality)."""
    present = frozenset(t.name for t in tables)
    items = []
    for t in tables:
        d = data[paths[t.name]]
        items.append(_fill(_resource_json(t.name, paths[t.name], present),
                           {"bytes": str(len(d)), "hash": json.dumps(file_hash(d))}))
    values = {k: json.dumps(head[k], ensure_ascii=False) for k in ("name", "title",
                                                                  "description")}
    values["sources"] = json.dumps(head["sources"], ensure_ascii=False,
                                   indent=2).replace("\n", "\n  ")
    values["resources"] = "[\n    " + ",\n    ".join(items) + "\n  ]"
    return (_fill(_head_json(), values) + "\n").encode("utf-8")


_SENTINEL = re.compile(r'"@@(\w+)@@"')


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace each quoted "@@key@@" by its JSON text, in one pass."""
    return _SENTINEL.sub(lambda m: values[m.group(1)], template)


@functools.cache
def _resource_json(table: str, path: str, present: frozenset[str]) -> str:
    d = resource(BY_NAME[table], path, present, b"")
    d.update(bytes="@@bytes@@", hash="@@hash@@")
    return json.dumps(d, ensure_ascii=False, indent=2).replace("\n", "\n    ")


@functools.cache
def _head_json() -> str:
    h = head("@@name@@", "@@title@@", "@@description@@", "@@sources@@")  # type: ignore[arg-type]
    return json.dumps(dict(h, resources="@@resources@@"), ensure_ascii=False, indent=2)


@functools.cache
def format_digest() -> bytes:
    """Digest of everything a per-report descriptor takes from code rather than from the
    report's files: a report whose files and head are unchanged has an unchanged descriptor
    while this is unchanged."""
    paths = tuple(f"{t.name}.csv" for t in REPORT_TABLES)
    present = frozenset(t.name for t in REPORT_TABLES)
    parts = [PARSER_VERSION, _head_json()] + [
        _resource_json(t.name, p, present) for t, p in zip(REPORT_TABLES, paths, strict=True)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).digest()
