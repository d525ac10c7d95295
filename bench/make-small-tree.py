#!/usr/bin/env python3
"""Generates COUNT small files (0-200 bytes) in directories of 1,000, for memory checks."""
import os
import sys

root, count = sys.argv[1], int(sys.argv[2])
for index in range(count):
    directory = os.path.join(root, f"d{index // 1000:04d}")
    if index % 1000 == 0:
        os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, f"file-{index:07d}.txt"), "wb") as handle:
        handle.write(b"x" * (index % 201))
