#!/usr/bin/env bash
# Peak memory of a reverse delta as files grow: 1 GiB and 10 GiB random files, each against a copy
# with 100 scattered 1 KiB overwrites. Prints peak RSS (whole process, .NET runtime included) and
# the time. Needs about 3 × 10 GiB free in WORKDIR (default /tmp/rdiffsharp-memory).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/rdiffsharp-memory}
mkdir -p "$work"
# The engine as rdiffsharp ships it: a native executable (no JIT start-up or warm-up in the figures).
dotnet publish "$here/RdiffFiles" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="$work/bin/RdiffFiles"
cd "$work"
echo "| file | peak RSS (process) | managed heap at the end | time | delta |"
echo "|---|---|---|---|---|"
for gib in 1 10; do
    old="old-$gib.bin"
    new="new-$gib.bin"
    if [ ! -f "$old" ]; then
        head -c "$((gib << 30))" /dev/urandom >"$old"
    fi
    cp "$old" "$new"
    for i in $(seq 1 100); do
        dd if=/dev/urandom of="$new" bs=1024 count=1 seek=$(((RANDOM * 32768 + RANDOM) % (gib << 20))) conv=notrunc status=none
    done
    rm -f copy.bin delta; sync
    summary=$(/usr/bin/time -f "%M %e" -o time.txt "$ours" reverse "$new" "$old" copy.bin delta)
    read -r kb seconds <time.txt
    heap=$(sed -n 's/.*managed heap \([0-9]*\) MiB.*/\1/p' <<<"$summary")
    echo "| $gib GiB | $((kb / 1024)) MiB | ${heap} MiB | ${seconds} s | $(stat -c %s delta) B |"
    rm -f copy.bin delta "$new"
done
echo "runtime alone (the tool's usage message): $(/usr/bin/time -f %M "$ours" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d MiB", $1 / 1024 }')"
