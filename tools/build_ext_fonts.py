#!/usr/bin/env python3
"""Make the CJK extension fonts in resources/fonts/ from Debian's font packages.

WenQuanYi Micro Hei (the main font) has the common Han characters only. Names with
CJK Extension A-H characters (䶮, 𠮷, 𬱖, 𰻞) need outlines from elsewhere, in
TrueType form so that ReportLab can embed them:

    HanaMinA (fonts-hanazono)        Extension A, compatibility ideographs, part of B
    HanaMinB (fonts-hanazono)        Extensions B-F
    BabelStone Han (fonts-babelstone-han)   what both lack: Extension G and H

Each output keeps only Han ideographs (and radicals, strokes) that the fonts before
it in that chain do not have, no Private Use Area glyphs (a card's PUA code point
means a character of the card system's own, not the font's) and no hinting. That
cuts ~105 MB of source fonts to the sizes printed at the end.

Licences (texts in resources/fonts/): HanaMin under the Hanazono Font License
(unlimited use and modification; the fonts are also offered under the OFL, whose
reserved names a subset may not carry, hence the Hanazono choice); BabelStone Han
under the Arphic Public License, which allows subsetting and renaming with a
prominent notice of the change in the modified file (written into its name table)
and the modification freely available (this script and its output ship together).

    apt-get install fonts-hanazono fonts-babelstone-han      (or `apt-get download`
    python tools/build_ext_fonts.py [--source DIR]          and `dpkg-deb -x` to DIR)

Needs fontTools (`pip install fonttools`); the app itself does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "resources" / "fonts"
MAIN = FONTS / "wqy-microhei.ttc"

# (output file, family name, source file under the Debian fonts folder, source name)
CHAIN = [
    ("cd-hanext-a.ttf", "CounterDesk HanExt A", "hanazono/HanaMinA.ttf", "HanaMinA 2017-09-04"),
    ("cd-hanext-b.ttf", "CounterDesk HanExt B", "hanazono/HanaMinB.ttf", "HanaMinB 2017-09-04"),
    (
        "cd-hanext-g.ttf",
        "CounterDesk HanExt G",
        "babelstone/BabelStoneHan.ttf",
        "BabelStone Han 15.0.5",
    ),
]

# Han ideographs and what names can be spelt with; no symbols, no kana, no PUA.
HAN_RANGES = [
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x2FF0, 0x2FFF),  # ideographic description characters
    (0x3005, 0x3007),  # 々 〆 〇
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2FA1F),  # Extensions B, C, D, E, F, I; compatibility supplement
    (0x30000, 0x323AF),  # Extensions G, H
]


def _han(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in HAN_RANGES)


def _rename(font, family: str, source: str, today: str) -> None:
    """New family name (the subset is not the original font) and the notice of the change."""
    name = font["name"]
    notice = (
        f"Modified {today} by CounterDesk (tools/build_ext_fonts.py): subset of {source} "
        "to the Han ideographs that WenQuanYi Micro Hei lacks, hinting removed, renamed."
    )
    ps = family.replace(" ", "")
    for record in list(name.names):
        if record.nameID in (1, 4, 16, 21):
            record.string = family
        elif record.nameID == 3:
            record.string = f"{ps};{source}"
        elif record.nameID in (6, 20):
            record.string = ps
        elif record.nameID == 17 or record.nameID == 22:
            record.string = "Regular"
    name.setName(notice, 10, 3, 1, 0x409)
    name.setName(notice, 10, 1, 0, 0)
    for record in name.names:  # keep the original copyright, add the notice after it
        if record.nameID == 0:
            record.string = f"{record.toUnicode()} {notice}"


def build(source_dir: Path, today: str) -> list[tuple[str, int, int]]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    covered = set(TTFont(MAIN, fontNumber=0).getBestCmap())
    made = []
    for out, family, rel, source in CHAIN:
        font = TTFont(source_dir / rel)
        keep = sorted(cp for cp in font.getBestCmap() if _han(cp) and cp not in covered)
        options = subset.Options()
        options.hinting = False
        options.desubroutinize = True
        options.layout_features = ["vert", "vrt2"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.drop_tables += ["DSIG", "VORG", "vhea", "vmtx"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep)
        subsetter.subset(font)
        _rename(font, family, source, today)
        path = FONTS / out
        font.recalcTimestamp = False  # the source's dates: the same input makes the same file
        font.save(path)
        covered.update(keep)
        made.append((out, len(keep), path.stat().st_size))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("/usr/share/fonts/truetype"),
        help="folder holding hanazono/ and babelstone/ (default: the installed packages)",
    )
    parser.add_argument("--date", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    for _, _, rel, _ in CHAIN:
        if not (args.source / rel).is_file():
            print(f"missing {args.source / rel}: install fonts-hanazono fonts-babelstone-han")
            return 2
    for out, count, size in build(args.source, args.date):
        digest = hashlib.sha256((FONTS / out).read_bytes()).hexdigest()
        print(f"{out}: {count} characters, {size / 1e6:.1f} MB, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
