#!/usr/bin/env python3
"""Changes 1% of the regular files of a tree, deterministically: every 100th file in sorted order
gets 1 KiB overwritten in its middle (or appended, when smaller than 2 KiB), and its mtime moves on
by one hour so that every tool sees the change."""
import os
import sys

root = sys.argv[1]
files = []
for directory, dirs, names in os.walk(root):
    dirs.sort()
    for name in sorted(names):
        path = os.path.join(directory, name)
        if os.path.isfile(path) and not os.path.islink(path):
            files.append(path)
changed = 0
for index, path in enumerate(files):
    if index % 100 != 0:
        continue
    stat = os.stat(path)
    patch = bytes((index + i) % 251 for i in range(1024))
    with open(path, "r+b") as handle:
        if stat.st_size < 2048:
            handle.seek(0, os.SEEK_END)
        else:
            handle.seek(stat.st_size // 2)
        handle.write(patch)
    os.utime(path, (stat.st_atime, stat.st_mtime + 3600))
    changed += 1
print(f"changed {changed} of {len(files)} files")
