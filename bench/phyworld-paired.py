#!/usr/bin/env python3
"""Paired comparison of two ModelEval PhyWorld runs over the same scenes (docs/BENCHMARKS.md, "PhyWorld").

  bench/phyworld-paired.py BASE_DIR NEW_DIR [SET=phyworld_in]

BASE_DIR and NEW_DIR are ModelEval output folders; scene i is SET/00000i.score.json in both. Prints each run's mean
velocity error and signed speed error, and the paired difference (new − base) with its standard error and how many
scenes got better: one draw of 50 scenes moves by ±0.02 with the noise alone, so compare runs scene by scene.
"""
import json, math, os, sys

def scores(folder, subset):
    d = os.path.join(folder, subset)
    out = {}
    for name in sorted(os.listdir(d)):
        if name.endswith(".score.json") and not name.startswith("vae-"):   # vae-*: the VAE round trip, the floor
            s = json.load(open(os.path.join(d, name)))
            if s.get("velocity_error") is not None:
                out[name] = (s["velocity_error"], s["speed"] - s["speed_truth"])
    return out

if len(sys.argv) < 3:
    sys.exit("usage: phyworld-paired.py BASE_DIR NEW_DIR [SET=phyworld_in]")
subset = sys.argv[3] if len(sys.argv) > 3 else "phyworld_in"
base, new = scores(sys.argv[1], subset), scores(sys.argv[2], subset)
common = sorted(set(base) & set(new))
if not common:
    sys.exit(f"phyworld-paired: no scene scored in both {sys.argv[1]} and {sys.argv[2]} ({subset})")
def mean(xs): return sum(xs) / len(xs)
def sd(xs):
    m = mean(xs); return math.sqrt(sum((x - m) ** 2 for x in xs) / max(1, len(xs) - 1))
for label, run in (("base", base), ("new", new)):
    err = [run[k][0] for k in common]; signed = [run[k][1] for k in common]
    print(f"{label}: velocity error {mean(err):.4f}, signed {mean(signed):+.4f}, spread (sd of signed) {sd(signed):.4f}")
diff = [new[k][0] - base[k][0] for k in common]
better = sum(1 for x in diff if x < 0)
print(f"paired new − base over {len(common)} scenes: {mean(diff):+.4f} ± {sd(diff) / math.sqrt(len(diff)):.4f} (better in {better})")
