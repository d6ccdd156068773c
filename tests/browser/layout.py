#!/usr/bin/env python3
"""Reads the data-layout findings of tests/browser/layout.js from a dumped DOM.

    layout.py DOM.html LABEL

Prints one line per problem, prefixed FAIL:, and a summary; exits 1 when there
is a problem or the check could not run (no findings, or a canary that was not
caught), else 0.
"""
import html
import json
import re
import sys


def main():
    dom, label = sys.argv[1], sys.argv[2]
    m = re.search(r'data-layout="([^"]*)"', open(dom, encoding="utf-8").read())
    if not m:
        print(f"FAIL: {label}: the layout check did not run")
        return 1
    d = json.loads(html.unescape(m.group(1)))
    bad = 0
    if not d["canary"]:
        print(f"FAIL: {label}: a character no font has was not caught; the glyph check is blind")
        bad += 1
    for key in ("missing", "overflow", "overlap"):
        for item in d[key]:
            print(f"FAIL: {label}: {key}: {item}")
            bad += 1
    print(f"{label}: {d['charts']} charts, {d['chars']} distinct non-ASCII characters checked, "
          f"{bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
