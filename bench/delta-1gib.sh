#!/usr/bin/env bash
# The delta engine against librsync's rdiff, in one run, on delta-engine.md's case:
# a 1 GiB random file, then 100 scattered 1 KiB overwrites and a 4 KiB insertion near the start;
# plus two unrelated 1 GiB files. Prints a markdown table of medians (RUNS=3 by default).
#   bench/delta-1gib.sh [WORKDIR]      (needs ~6 GiB free; WORKDIR defaults to /tmp/rdiffsharp-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/rdiffsharp-bench}
runs=${RUNS:-3}
command -v rdiff >/dev/null && [ -x /usr/bin/time ] || { echo "needs rdiff and time: apt-get install rdiff time"; exit 1; }

dotnet build "$here/RdiffBench" -c Release -v quiet -nologo >/dev/null
ours="$here/RdiffBench/bin/Release/net10.0/RdiffBench"
python3 "$here/make-pair.py" "$work"
cd "$work"
cat old.bin new.bin other.bin >/dev/null   # warm the page cache: these are CPU figures, as in delta-engine.md

# measure LABEL OUTPUTS... -- COMMAND: runs COMMAND $runs times, each after removing OUTPUTS and
# letting writeback settle; records the median wall time and the largest peak RSS.
declare -A seconds rss
measure() {
    local label=$1; shift
    local outputs=()
    while [ "$1" != "--" ]; do outputs+=("$1"); shift; done
    shift
    local times=() peak=0
    for ((i = 0; i < runs; i++)); do
        rm -f "${outputs[@]}"; sync; sleep 1
        /usr/bin/time -f "%e %M" -o time.txt "$@" >/dev/null
        read -r t m <time.txt
        times+=("$t")
        ((m > peak)) && peak=$m
    done
    seconds[$label]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
    rss[$label]=$((peak / 1024))
}

measure rdiff-sig new.sig -- rdiff signature new.bin new.sig
measure rdiff-delta rdiff.delta -- rdiff delta new.sig old.bin rdiff.delta
measure ours-reverse copy.bin ours.delta -- "$ours" reverse new.bin old.bin copy.bin ours.delta
measure rdiff-patch rdiff.out -- rdiff patch copy.bin ours.delta rdiff.out
measure ours-patch ours.out -- "$ours" patch copy.bin ours.delta ours.out
cmp copy.bin new.bin && cmp rdiff.out old.bin && cmp ours.out old.bin
rdiff_delta_size=$(stat -c %s rdiff.delta)
ours_delta_size=$(stat -c %s ours.delta)
measure rdiff-sig-other other.sig -- rdiff signature other.bin other.sig
measure rdiff-delta-other rdiff-other.delta -- rdiff delta other.sig old.bin rdiff-other.delta
measure ours-reverse-other copy-other.bin ours-other.delta -- "$ours" reverse other.bin old.bin copy-other.bin ours-other.delta
"$ours" patch copy-other.bin ours-other.delta other.out >/dev/null && cmp other.out old.bin
rm -f other.out rdiff.out ours.out

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
size=$(stat -c %s old.bin)
rdiff_reverse=$(awk -v a="${seconds[rdiff-sig]}" -v b="${seconds[rdiff-delta]}" 'BEGIN { print a + b }')
rdiff_other=$(awk -v a="${seconds[rdiff-sig-other]}" -v b="${seconds[rdiff-delta-other]}" 'BEGIN { print a + b }')
cat <<TABLE
| step (1 GiB, page cache warm, median of $runs) | rdiff (librsync $(dpkg-query -W -f='${Version}' librsync2 2>/dev/null || echo '?')) | RdiffSharp | ratio |
|---|---|---|---|
| reverse delta: rdiff signature + delta vs. our copy + index + scan | ${rdiff_reverse} s ($(mbps "$size" "$rdiff_reverse") MB/s) | ${seconds[ours-reverse]} s ($(mbps "$size" "${seconds[ours-reverse]}") MB/s) | $(ratio "$rdiff_reverse" "${seconds[ours-reverse]}")x faster |
| delta size (changed bytes: 106,496) | ${rdiff_delta_size} B | ${ours_delta_size} B | $(ratio "$rdiff_delta_size" "$ours_delta_size")x smaller |
| unrelated files: rdiff delta alone / signature + delta vs. ours | ${seconds[rdiff-delta-other]} s ($(mbps "$size" "${seconds[rdiff-delta-other]}") MB/s) / ${rdiff_other} s | ${seconds[ours-reverse-other]} s ($(mbps "$size" "${seconds[ours-reverse-other]}") MB/s) | $(ratio "${seconds[rdiff-delta-other]}" "${seconds[ours-reverse-other]}")x faster than delta alone |
| patch (restore the old file) | ${seconds[rdiff-patch]} s ($(mbps "$size" "${seconds[rdiff-patch]}") MB/s) | ${seconds[ours-patch]} s ($(mbps "$size" "${seconds[ours-patch]}") MB/s) | $(ratio "${seconds[rdiff-patch]}" "${seconds[ours-patch]}")x faster |
| peak RSS: delta / reverse; patch | ${rss[rdiff-delta]} MiB; ${rss[rdiff-patch]} MiB | ${rss[ours-reverse]} MiB; ${rss[ours-patch]} MiB | |
TABLE
