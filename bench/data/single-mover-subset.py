#!/usr/bin/env python3
"""Make a data set folder of the clips in which a single object moves (left, right, up or down) and the camera stays.

Such a clip cannot be captioned right without its direction word, and with `tessera world dataset --any-start` its
first frame does not tell the direction either: the data that taught world-tiny to follow "up" and "down" (session 5,
models/world-tiny/MODEL.md). The new folder holds symbolic links to the source clips and a filtered
shard-*/index.jsonl per source shard, so it costs no space; `tessera train dit --data OUT` reads it like any data set.

    bench/data/single-mover-subset.py OUT SOURCE_DIR [SOURCE_DIR ...]
"""
import json
import os
import sys


def main(out, sources):
    if os.path.exists(out):
        sys.exit(f"{out} already exists; pass a new folder")
    os.makedirs(out)
    total, shard_no, manifest = 0, 0, None
    for source in sources:
        manifest_path = os.path.join(source, "dataset.json")
        if not os.path.isfile(manifest_path):
            sys.exit(f"{source}: no dataset.json; pass folders made by `tessera world dataset`")
        manifest = manifest or json.load(open(manifest_path))
        for name in sorted(n for n in os.listdir(source) if n.startswith("shard-")):
            shard = os.path.join(source, name)
            keep = []
            for line in open(os.path.join(shard, "index.jsonl")):
                if not line.strip():
                    continue
                entry = json.loads(line)
                truth = json.load(open(os.path.join(shard, entry["truth"])))
                objects = truth["objects"]
                if len(objects) == 1 and objects[0]["motion"] == "move" and truth.get("camera") == "none":
                    keep.append((line if line.endswith("\n") else line + "\n", entry))
            target = os.path.join(out, f"shard-{shard_no:05d}")
            shard_no += 1
            os.makedirs(target)
            for _, entry in keep:
                for f in (entry["video"], entry["truth"]):
                    os.symlink(os.path.abspath(os.path.join(shard, f)), os.path.join(target, f))
            with open(os.path.join(target, "index.jsonl"), "w") as index:
                index.writelines(line for line, _ in keep)
            total += len(keep)
    manifest["count"] = total
    with open(os.path.join(out, "dataset.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print(f"{out}: {total} single-mover clips from {shard_no} shards")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
