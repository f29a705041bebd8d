"""Write builder/trad.py: traditional characters and the simplified ones they stand for.

    pip install opencc-purepy && python tools/make_trad.py

From OpenCC's TSCharacters dictionary (Apache-2.0, as opencc-purepy ships it): every
one-to-one pair whose traditional character is not a GB2312 character (so no character a
simplified text uses — 於 of 於潜镇, 後, 著 — is ever changed) and whose simplified character is
in GB2312 (its 6,763 characters). Mirror sites of government portals
convert pages with OpenCC; the parser matches labels on the simplified forms.
"""

from __future__ import annotations

from pathlib import Path

import opencc_purepy

OUT = Path(__file__).resolve().parent.parent / "builder" / "trad.py"


def _gb2312(c: str) -> bytes | None:
    try:
        return c.encode("gb2312")
    except UnicodeEncodeError:
        return None


def main() -> None:
    source = Path(opencc_purepy.__file__).parent / "dicts" / "TSCharacters.txt"
    pairs: dict[str, str] = {}
    for line in source.read_text("utf-8").splitlines():
        trad, simple = line.split("\t")
        simple = simple.split(" ")[0]
        if len(trad) != 1 or len(simple) != 1 or trad == simple or _gb2312(trad):
            continue
        code = _gb2312(simple)
        if code and code[0] >= 0xB0:
            pairs[trad] = simple
    text = "".join(t + s for t, s in sorted(pairs.items()))
    lines = [text[i:i + 88] for i in range(0, len(text), 88)]
    body = "\n".join(f'    "{x}"' for x in lines)
    OUT.write_text(
        '"""Traditional characters and their simplified forms, in pairs (written by\n'
        "tools/make_trad.py from OpenCC's TSCharacters dictionary, Apache-2.0; "
        f'{len(pairs)} pairs)."""\n\n'
        f"PAIRS = (\n{body}\n)\n", "utf-8")
    print(f"{OUT}: {len(pairs)} pairs")


if __name__ == "__main__":
    main()
