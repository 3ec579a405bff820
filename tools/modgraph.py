#!/usr/bin/env python3
"""modgraph: the module graph from the #include lines of include/*.h and
src/*.c.  Module X is include/X.h with src/X.c; X depends on Y when either
file includes "Y.h".  Prints one line per module (its dependencies) with
--print; exits 1 and names the cycle when the graph has one."""
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
deps = {}
for folder, ext in (("include", ".h"), ("src", ".c")):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        if not name.endswith(ext):
            continue
        mod = name[: -len(ext)]
        with open(os.path.join(root, folder, name), encoding="utf-8") as f:
            for line in f:
                m = re.match(r'\s*#\s*include\s+"([^"/]+)\.h"', line)
                if m and m.group(1) != mod and os.path.exists(
                        os.path.join(root, "include", m.group(1) + ".h")):
                    deps.setdefault(mod, set()).add(m.group(1))
        deps.setdefault(mod, set())

state = {}  # 1: on the stack, 2: done


def visit(mod, stack):
    state[mod] = 1
    for dep in sorted(deps.get(mod, ())):
        if state.get(dep) == 1:
            cyc = stack[stack.index(dep):] + [dep]
            print("cycle: " + " -> ".join(cyc))
            sys.exit(1)
        if not state.get(dep):
            visit(dep, stack + [dep])
    state[mod] = 2


for mod in sorted(deps):
    if not state.get(mod):
        visit(mod, [mod])
if "--print" in sys.argv:
    for mod in sorted(deps):
        print(mod + ": " + " ".join(sorted(deps[mod])))
