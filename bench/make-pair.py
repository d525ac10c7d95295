#!/usr/bin/env python3
"""Makes delta-engine.md's benchmark pair in DIR:
old.bin  SIZE random bytes (default 1 GiB);
new.bin  old.bin with 100 scattered 1 KiB overwrites at 4 KiB-aligned offsets (seed 42)
         plus a 4 KiB random insertion at offset 64 KiB;
other.bin SIZE unrelated random bytes (the no-match case)."""
import os, random, sys

def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 30
    os.makedirs(out, exist_ok=True)
    chunk = 1 << 24
    for name in ("old.bin", "other.bin"):
        path = os.path.join(out, name)
        if not os.path.exists(path) or os.path.getsize(path) != size:
            with open(path, "wb") as f:
                left = size
                while left:
                    n = min(chunk, left)
                    f.write(os.urandom(n))
                    left -= n
    rng = random.Random(42)
    edits = sorted(rng.sample(range(size // 4096), 100))
    insert_at = 64 * 1024
    with open(os.path.join(out, "old.bin"), "rb") as src, open(os.path.join(out, "new.bin"), "wb") as dst:
        data = bytearray(src.read(insert_at))
        block = 0
        def patch(buf, base):
            for e in edits:
                off = e * 4096 - base
                if 0 <= off < len(buf):
                    n = min(1024, len(buf) - off)
                    buf[off:off + n] = rng.randbytes(n)
        patch(data, 0)
        dst.write(data)
        dst.write(rng.randbytes(4096))
        base = insert_at
        while True:
            data = bytearray(src.read(chunk))
            if not data:
                break
            patch(data, base)
            dst.write(data)
            base += len(data)

main()
