"""Make tests/fixtures/dataframes/ again: report pages read by pandas and written back out.

    python3 tools/dataframe_fixtures.py [OUT]   (OUT: tests/fixtures/dataframes/ unless given)

A researcher's or a scraper's script often reads a report page's tables with
``pandas.read_html`` and writes them out with a DataFrame's own writers, left at their
defaults: ``to_csv`` and ``to_excel`` write the row index (0, 1, 2 … in each table) before
every row and the column numbers read_html gave (0, 1, 2 …) above them, ``to_markdown`` and
``to_string`` print a blank cell as ``nan`` / ``NaN``. One file a report: the tables' CSVs one
after the other, as a loop of ``f.write(df.to_csv())`` leaves them; one Excel sheet a table.
Needs pandas, lxml, tabulate and openpyxl; none of them is a dependency of the project.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from extract import stable_zip  # noqa: E402

from builder import synth  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "dataframes"
FOLDERS = ("random-1", "missing-cells", "template-2019")
# the clean page, and the page as Word saves it (its row of column widths under each table
# is a row of empty cells: nan in to_markdown)
PAGES = ("plain", "word")


def outputs(html: str) -> dict[str, bytes]:
    import pandas as pd

    tables = pd.read_html(io.StringIO(html))
    excel = io.BytesIO()
    with pd.ExcelWriter(excel, engine="openpyxl") as writer:
        for n, df in enumerate(tables, 1):
            df.to_excel(writer, sheet_name=f"Sheet{n}")
    return {
        "to_csv.csv": "".join(df.to_csv() for df in tables).encode("utf-8"),
        "to_csv-index-false.csv": "".join(df.to_csv(index=False) for df in tables).encode(),
        "to_markdown.md": "\n\n".join(df.to_markdown() for df in tables).encode("utf-8"),
        "to_string.txt": "\n\n".join(df.to_string() for df in tables).encode("utf-8"),
        "to_excel.xlsx": stable_zip(excel.getvalue()),
    }


def main(out: Path) -> None:
    specs = synth.fixture_specs()
    out.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        for page in PAGES:
            html = synth.render_html(specs[folder], page)  # plain: the folder's report.html
            for name, data in outputs(html).items():
                (out / f"{folder}-{page}.{name}").write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else OUT)
