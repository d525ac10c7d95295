#!/usr/bin/env bash
# The delta engine against librsync's rdiff, in one run, on delta-engine.md's case:
# a 1 GiB random file, then 100 scattered 1 KiB overwrites and a 4 KiB insertion near the start;
# plus two unrelated 1 GiB files. Prints a markdown table of medians (RUNS=5 by default).
#   bench/delta-1gib.sh [WORKDIR]      (needs ~6 GiB free; WORKDIR defaults to /tmp/rdiffsharp-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/rdiffsharp-bench}
runs=${RUNS:-5}
command -v rdiff >/dev/null && [ -x /usr/bin/time ] || { echo "needs rdiff and time: apt-get install rdiff time"; exit 1; }

# The engine as rdiffsharp ships it: a native executable (no JIT start-up or warm-up in the figures).
dotnet publish "$here/RdiffFiles" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="$work/bin/RdiffFiles"
python3 "$here/make-pair.py" "$work"
cd "$work"
cat old.bin new.bin other.bin >/dev/null   # warm the page cache: these are CPU figures, as in delta-engine.md

# Steps run interleaved, round after round, so that every tool meets the same machine: this VM's
# kernel write path varies several-fold from one second to the next. Each step first removes its
# outputs and lets writeback settle; a step's 4th field names what can go once the round no longer
# needs it, so that the tmpfs never holds more than the inputs and one round's outputs (a fuller
# memory makes every write slower). Outputs are checked in the last round. Figures are medians
# (and bests) of RUNS rounds.
steps=(
    "floor-write|floor.bin|$here/write-floor.sh new.bin floor.bin|"
    "rdiff-sig|new.sig|rdiff signature new.bin new.sig|floor.bin"
    "rdiff-delta|rdiff.delta|rdiff delta new.sig old.bin rdiff.delta|"
    "ours-reverse|copy.bin ours.delta|$ours reverse new.bin old.bin copy.bin ours.delta|new.sig"
    "rdiff-patch|rdiff.out|rdiff patch copy.bin ours.delta rdiff.out|"
    "ours-patch|ours.out|$ours patch copy.bin ours.delta ours.out|"
    "rdiff-sig-other|other.sig|rdiff signature other.bin other.sig|copy.bin rdiff.out ours.out"
    "rdiff-delta-other|rdiff-other.delta|rdiff delta other.sig old.bin rdiff-other.delta|"
    "ours-reverse-other|copy-other.bin ours-other.delta|$ours reverse other.bin old.bin copy-other.bin ours-other.delta|other.sig rdiff-other.delta"
)
declare -A times rss user sys
for ((round = 0; round < runs; round++)); do
    last=$((round == runs - 1))
    for step in "${steps[@]}"; do
        IFS='|' read -r label outputs cmd done_with <<<"$step"
        if ((last)); then
            case $label in
                rdiff-sig-other) cmp copy.bin new.bin && cmp rdiff.out old.bin && cmp ours.out old.bin ;;
            esac
        fi
        # shellcheck disable=SC2086
        rm -f $outputs $done_with; sync; sleep 1
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %M %U %S" -o time.txt $cmd >/dev/null
        read -r t m u k <time.txt
        times[$label]+="$t "
        user[$label]+="$u "
        sys[$label]+="$k "
        ((m / 1024 > ${rss[$label]:-0})) && rss[$label]=$((m / 1024))
        case $label in
            rdiff-delta) rdiff_delta_size=$(stat -c %s rdiff.delta) ;;
            ours-reverse) ours_delta_size=$(stat -c %s ours.delta) ;;
        esac
    done
    if ((!last)); then
        rm -f copy-other.bin ours-other.delta
    fi
done
median() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -n | sed -n "$(((runs + 1) / 2))p"; }
median_of() { tr ' ' '\n' <<<"$1" | grep . | sort -n | sed -n "$(((runs + 1) / 2))p"; }
best() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -n | head -1; }
declare -A seconds fastest cpu_user cpu_sys
for step in "${steps[@]}"; do
    label=${step%%|*}
    seconds[$label]=$(median "$label")
    fastest[$label]=$(best "$label")
    cpu_user[$label]=$(median_of "${user[$label]}")
    cpu_sys[$label]=$(median_of "${sys[$label]}")
done
"$ours" patch copy-other.bin ours-other.delta other.out >/dev/null && cmp other.out old.bin
rm -f other.out rdiff.out ours.out floor.bin time.txt copy-other.bin ours-other.delta rdiff-other.delta

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
size=$(stat -c %s old.bin)
rdiff_reverse=$(awk -v a="${seconds[rdiff-sig]}" -v b="${seconds[rdiff-delta]}" 'BEGIN { print a + b }')
rdiff_reverse_best=$(awk -v a="${fastest[rdiff-sig]}" -v b="${fastest[rdiff-delta]}" 'BEGIN { print a + b }')
rdiff_other=$(awk -v a="${seconds[rdiff-sig-other]}" -v b="${seconds[rdiff-delta-other]}" 'BEGIN { print a + b }')
cat <<TABLE
| step (1 GiB, page cache warm; median of $runs rounds, best in brackets) | rdiff (librsync $(dpkg-query -W -f='${Version}' librsync2 2>/dev/null || echo '?')) | RdiffSharp | ratio |
|---|---|---|---|
| reverse delta: rdiff signature + delta vs. our copy + index + scan | ${rdiff_reverse} s [${rdiff_reverse_best}] ($(mbps "$size" "$rdiff_reverse") MB/s) | ${seconds[ours-reverse]} s [${fastest[ours-reverse]}] ($(mbps "$size" "${seconds[ours-reverse]}") MB/s) | $(ratio "$rdiff_reverse" "${seconds[ours-reverse]}")x faster [$(ratio "$rdiff_reverse_best" "${fastest[ours-reverse]}")x] |
| delta size (changed bytes: 106,496) | ${rdiff_delta_size} B | ${ours_delta_size} B | $(ratio "$rdiff_delta_size" "$ours_delta_size")x smaller |
| unrelated files: rdiff delta alone / signature + delta vs. ours | ${seconds[rdiff-delta-other]} s ($(mbps "$size" "${seconds[rdiff-delta-other]}") MB/s) / ${rdiff_other} s | ${seconds[ours-reverse-other]} s [${fastest[ours-reverse-other]}] ($(mbps "$size" "${seconds[ours-reverse-other]}") MB/s) | $(ratio "${seconds[rdiff-delta-other]}" "${seconds[ours-reverse-other]}")x faster than delta alone |
| patch (restore the old file) | ${seconds[rdiff-patch]} s [${fastest[rdiff-patch]}] ($(mbps "$size" "${seconds[rdiff-patch]}") MB/s) | ${seconds[ours-patch]} s [${fastest[ours-patch]}] ($(mbps "$size" "${seconds[ours-patch]}") MB/s) | $(ratio "${seconds[rdiff-patch]}" "${seconds[ours-patch]}")x faster [$(ratio "${fastest[rdiff-patch]}" "${fastest[ours-patch]}")x] |
| the machine's floor: cat writing 1 GiB into a new file | ${seconds[floor-write]} s [${fastest[floor-write]}] ($(mbps "$size" "${seconds[floor-write]}") MB/s) | | |
| peak RSS: delta / reverse; patch | ${rss[rdiff-delta]} MiB; ${rss[rdiff-patch]} MiB | ${rss[ours-reverse]} MiB; ${rss[ours-patch]} MiB | |
TABLE

sum() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }
cat <<CPU

| CPU seconds, median of $runs (user / system) | rdiff | RdiffSharp |
|---|---|---|
| reverse delta (rdiff: signature + delta) | $(sum "${cpu_user[rdiff-sig]}" "${cpu_user[rdiff-delta]}") / $(sum "${cpu_sys[rdiff-sig]}" "${cpu_sys[rdiff-delta]}") | ${cpu_user[ours-reverse]} / ${cpu_sys[ours-reverse]} |
| unrelated files (rdiff: signature + delta) | $(sum "${cpu_user[rdiff-sig-other]}" "${cpu_user[rdiff-delta-other]}") / $(sum "${cpu_sys[rdiff-sig-other]}" "${cpu_sys[rdiff-delta-other]}") | ${cpu_user[ours-reverse-other]} / ${cpu_sys[ours-reverse-other]} |
| patch | ${cpu_user[rdiff-patch]} / ${cpu_sys[rdiff-patch]} | ${cpu_user[ours-patch]} / ${cpu_sys[ours-patch]} |
| cat writing 1 GiB (the floor) | ${cpu_user[floor-write]} / ${cpu_sys[floor-write]} | |
CPU
