#!/usr/bin/env python3
"""modgraph: the module graph from the #include lines of include/LAYER/*.h
and src/LAYER/*.c.  Module X is include/LAYER/X.h with src/LAYER/X.c (main
has no header); X depends on Y when either file includes "Y.h".  The
layers, lowest first, are the Makefile's LAYERS.  Exits 1 and names the
file when a file includes from a higher layer, when a module's header and
source sit in different layers, when a header name is used twice, or when
the graph has a cycle.  --print prints one line per module: its layer and
its dependencies.  --root DIR reads another tree."""
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
if "--root" in sys.argv:  # another tree laid out the same way (tests)
    root = sys.argv[sys.argv.index("--root") + 1]


def layers():
    with open(os.path.join(root, "Makefile"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"LAYERS\s*=\s*(.*)", line)
            if m:
                return m.group(1).split()
    sys.exit("modgraph: no LAYERS line in the Makefile")


LAYERS = layers()
rank = {name: i for i, name in enumerate(LAYERS)}
layer_of = {}  # module -> layer
files = []  # (path, module, layer)
bad = []
for folder, ext in (("include", ".h"), ("src", ".c")):
    top = os.path.join(root, folder)
    for entry in sorted(os.listdir(top)):
        full = os.path.join(top, entry)
        if not os.path.isdir(full):
            bad.append(f"{folder}/{entry}: outside every layer folder")
            continue
        if entry not in rank:
            bad.append(f"{folder}/{entry}/: not a layer of the Makefile")
            continue
        for name in sorted(os.listdir(full)):
            if not name.endswith(ext):
                continue
            mod = name[: -len(ext)]
            path = f"{folder}/{entry}/{name}"
            if mod in layer_of and layer_of[mod] != entry:
                bad.append(f"{path}: module {mod} is also in "
                           f"{layer_of[mod]}/")
            if folder == "include" and mod in layer_of:
                bad.append(f"{path}: a second header named {name}")
            layer_of.setdefault(mod, entry)
            files.append((path, mod, entry))

deps = {mod: set() for mod in layer_of}
for path, mod, layer in files:
    with open(os.path.join(root, path), encoding="utf-8") as f:
        for num, line in enumerate(f, 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)\.h"', line)
            if not m:
                continue
            dep = m.group(1)
            if "/" in dep:
                bad.append(f"{path}:{num}: include by name, not by folder")
                continue
            if dep == mod or dep not in layer_of:
                continue
            if rank[layer_of[dep]] > rank[layer]:
                bad.append(f"{path}:{num}: {layer}/ includes {dep}.h from "
                           f"the higher layer {layer_of[dep]}/")
            deps[mod].add(dep)

state = {}  # 1: on the stack, 2: done


def visit(mod, stack):
    state[mod] = 1
    for dep in sorted(deps.get(mod, ())):
        if state.get(dep) == 1:
            cyc = stack[stack.index(dep):] + [dep]
            bad.append("cycle: " + " -> ".join(cyc))
            continue
        if not state.get(dep):
            visit(dep, stack + [dep])
    state[mod] = 2


for mod in sorted(deps):
    if not state.get(mod):
        visit(mod, [mod])
if "--print" in sys.argv:
    for mod in sorted(deps, key=lambda m: (rank[layer_of[m]], m)):
        print(f"{layer_of[mod]}/{mod}: " + " ".join(sorted(deps[mod])))
for line in bad:
    print("modgraph: " + line)
sys.exit(1 if bad else 0)
