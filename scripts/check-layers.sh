#!/usr/bin/env bash
# make layers (and the first step of make test): the targets' imports point one way.
#
# Reads the package manifest (swift package dump-package) and every `import` line of every
# target's sources, and fails when
#   1. a file imports a target of this package, or a product of a package dependency, that its
#      target does not declare as a dependency in Package.swift;
#   2. a file imports a module that is neither of those nor a toolchain module (TOOLCHAIN below);
#   3. a target depends on a target of its own layer or of a layer above it (LAYERS below);
#   4. a target has something in its dependency closure that KEEP_OUT forbids it;
#   5. a target is missing from LAYERS, or LAYERS names a target the package does not have.
# Test targets may depend on any target that is not a test; their imports are checked as 1 and 2.
#
# LAYERS is the one place the layer order is written; docs/ARCHITECTURE.md draws it.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(${SWIFT:-swift} package dump-package)
exec python3 - "$manifest" <<'PY'
import json, os, re, sys

# Lowest first. A target may depend only on targets in layers below its own.
LAYERS = [
    ("system libraries", ["COpenBLAS"]),
    ("numerics", ["NumericalMethods", "NameMatching", "LinearAlgebra"]),
    ("laws and prices", ["Distributions", "Pricing"]),
    ("simulation; the thread store beside it", ["Simulation", "ThreadStore"]),
    ("scenario files; fitting, synthetic logs and the LiteLLM importer beside them",
     ["Scenario", "Fitting", "SyntheticData", "LiteLLMImport"]),
    ("composition of a run; reports", ["Composition", "Reports"]),
    ("programs", ["tokencast", "tokencast-bench", "tokencast-accuracy", "FuzzHarness"]),
    ("the fuzzer's driver", ["tokencast-fuzz"]),
    ("test support", ["TestSupport"]),
]

# What must stay out of a target's dependency closure (targets or products), and why.
KEEP_OUT = {
    "Scenario": (["ThreadStore", "Fitting", "GRDB"], "scenario files are read without the thread store (Composition resolves fit:)"),
    "Reports": (["ThreadStore", "Fitting", "Composition", "GRDB"], "reports render results and know nothing of the store"),
    "Simulation": (["ThreadStore", "GRDB", "Yams"], "the kernel reads no files"),
    "tokencast": (["SyntheticData", "TestSupport"], "generators of test data are not shipped in the product"),
    "ThreadStore": (["PostgresNIO"], "the store opens no network connection (LiteLLMImport does, above it)"),
    "Fitting": (["PostgresNIO", "LiteLLMImport"], "fits read the store, never a server"),
}

# Modules that come with the toolchain; importing one needs no declaration.
TOOLCHAIN = {
    "Swift", "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking",
    "FoundationXML", "Dispatch", "Glibc", "Musl", "Darwin", "WinSDK", "ucrt", "Android", "CoreFoundation", "os",
    "Synchronization", "_Concurrency", "_StringProcessing", "RegexBuilder", "Observation",
    "Testing", "XCTest",
}

manifest = json.loads(sys.argv[1])
targets = {t["name"]: t for t in manifest["targets"]}
errors = []

def deps(t):
    """(package targets, products) that target t declares."""
    names, products = set(), set()
    for d in t["dependencies"]:
        if "byName" in d:
            names.add(d["byName"][0])
        elif "target" in d:
            names.add(d["target"][0])
        elif "product" in d:
            products.add(d["product"][0])
    # A by-name dependency that is no target of this package is a product.
    products |= {n for n in names if n not in targets}
    return names & set(targets), products

declared = {name: deps(t) for name, t in targets.items()}
all_products = set().union(*(p for _, p in declared.values()))

# 5. every target in exactly one layer
rank = {}
for i, (_, names) in enumerate(LAYERS):
    for n in names:
        if n in rank:
            errors.append(f"scripts/check-layers.sh: {n} is in two layers")
        rank[n] = i
for name, t in targets.items():
    if t["type"] != "test" and name not in rank:
        errors.append(f"Package.swift: target {name} is in no layer: add it to LAYERS in scripts/check-layers.sh")
for n in rank:
    if n not in targets:
        errors.append(f"scripts/check-layers.sh: LAYERS names {n}, which Package.swift does not declare")

# 3. dependencies point down
for name, t in targets.items():
    names, _ = declared[name]
    for d in sorted(names):
        if t["type"] == "test":
            if targets[d]["type"] == "test":
                errors.append(f"Package.swift: test target {name} depends on test target {d}")
            continue
        if name in rank and d in rank and rank[d] >= rank[name]:
            where = "its own layer" if rank[d] == rank[name] else "a layer above it"
            errors.append(
                f"Package.swift: {name} ({LAYERS[rank[name]][0]}) depends on {d}, in {where} "
                f"({LAYERS[rank[d]][0]}): dependencies point down the layers in scripts/check-layers.sh")

# 4. closures
def closure(name, seen=None):
    seen = set() if seen is None else seen
    names, products = declared.get(name, (set(), set()))
    for p in products:
        seen.add(p)
    for d in names:
        if d not in seen:
            seen.add(d)
            closure(d, seen)
    return seen

for name, (banned, why) in KEEP_OUT.items():
    if name not in targets:
        errors.append(f"scripts/check-layers.sh: KEEP_OUT names {name}, which Package.swift does not declare")
        continue
    reached = closure(name)
    for b in banned:
        if b in reached:
            errors.append(f"Package.swift: {name} depends on {b} (directly or through another target): {why}")

# 1, 2. imports against declarations
IMPORT = re.compile(
    r"^\s*(?:@[\w]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][\w]*)")

def target_dir(name, t):
    if t.get("path"):
        return t["path"]
    return os.path.join("Tests" if t["type"] == "test" else "Sources", name)

def imports(path):
    """(line number, module) of every import outside comments and string literals."""
    found, in_block, in_string = [], False, False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if in_string:
                if '"""' in stripped:
                    in_string = False
                continue
            if in_block:
                if "*/" in stripped:
                    in_block = False
                continue
            if stripped.startswith("/*") and "*/" not in stripped:
                in_block = True
                continue
            m = IMPORT.match(line)
            if m:
                found.append((number, m.group(1)))
            elif stripped.count('"""') == 1:
                in_string = True
    return found

for name, t in sorted(targets.items()):
    if t["type"] == "system":
        continue
    directory = target_dir(name, t)
    names, products = declared[name]
    for root, _, files in os.walk(directory):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(root, file)
            for number, module in imports(path):
                if module == name or module in TOOLCHAIN:
                    continue
                if module in targets:
                    if module not in names:
                        errors.append(
                            f"{path}:{number}: {name} imports {module} but does not declare it in Package.swift"
                            + ("" if t["type"] == "test" or module not in rank or name not in rank or rank[module] < rank[name]
                               else f" (and {module} is not below {name}: an upward import)"))
                elif module in all_products:
                    if module not in products:
                        errors.append(f"{path}:{number}: {name} imports {module} but does not declare the product in Package.swift")
                else:
                    errors.append(
                        f"{path}:{number}: {name} imports {module}, which is no target of this package, no declared product "
                        "and no toolchain module (TOOLCHAIN in scripts/check-layers.sh)")

if errors:
    for e in errors:
        print("error: " + e, file=sys.stderr)
    print(f"check-layers: {len(errors)} error(s)", file=sys.stderr)
    sys.exit(1)
order = " < ".join("{" + ", ".join(names) + "}" for _, names in LAYERS)
print(f"check-layers: {len(targets)} targets, imports and dependencies point down: {order}")
PY
