#!/usr/bin/env bash
# Lists the source files with logic that have no test file of their own (docs/RELIABILITY.md).
#
# A file has logic when it declares a function, initialiser or computed property whose body
# branches (if, guard, switch, ?:, for, while) or does arithmetic; plain data types do not count.
# It is covered by Tests/<Target>Tests/**/<File>Tests.swift, by a test file with a line
# `// Tests: <File>.swift, ...` (several small sources may share one file), or, with --loose, by
# any test file that names a type the source file declares (exercised by another file's tests).
# Prints one missing file a line; exit status 1 when any is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "$@" <<'PY'
import os, re, sys

logic = re.compile(r'\b(if|guard|switch|for|while)\b|\?\s|[^=!<>]=\s*[^=].*[+\-*/]\s|\breduce\b|\bmap\b')
decl = re.compile(r'\b(func|init|var\s+\w+\s*:[^={]*\{)')
skip_targets = {"COpenBLAS", "tokencast-bench", "tokencast-accuracy", "FuzzHarness", "tokencast"}
loose = "--loose" in sys.argv
tests = {}
named = set()
corpus = []
for root, _, files in os.walk("Tests"):
    for f in files:
        if not f.endswith(".swift"):
            continue
        p = os.path.join(root, f)
        target = p.split(os.sep)[1]
        tests.setdefault(target, set()).add(f[:-len("Tests.swift")] if f.endswith("Tests.swift") else None)
        text = open(p, encoding="utf-8").read()
        corpus.append(text)
        for line in text.splitlines():
            m = re.match(r'\s*// Tests: (.*)', line)
            if m:
                named.update(x.strip() for x in m.group(1).split(","))
missing = []
for root, _, files in os.walk("Sources"):
    if root == "Sources":
        continue
    target = root.split(os.sep)[1]
    if target in skip_targets:
        continue
    for f in sorted(files):
        if not f.endswith(".swift"):
            continue
        p = os.path.join(root, f)
        body = open(p, encoding="utf-8").read()
        code = "\n".join(l for l in body.splitlines() if not l.strip().startswith("//"))
        if not decl.search(code) or not logic.search(code):
            continue
        name = f[:-len(".swift")]
        if name in tests.get(target + "Tests", set()) or f in named:
            continue
        if loose:
            types = re.findall(r'^(?:public |internal |package )?(?:final )?(?:struct|enum|class|actor|extension) (\w+)', code, re.M)
            if any(re.search(r'\b' + t + r'\b', c) for t in types for c in corpus):
                continue
        missing.append(p)
for p in sorted(missing):
    print(p)
sys.exit(1 if missing else 0)
PY
