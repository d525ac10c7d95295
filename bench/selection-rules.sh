#!/usr/bin/env bash
# The cost of selection rules on a walk: no-change backups of a generated tree of 1,000,000 small
# files, without rules and with 50 exclude globs that match nothing (25 '**/*.nomatchN', 25 with a
# literal directory part), interleaved, RUNS rounds (default 3). Issue 5's target: at most 10% slower.
#   bench/selection-rules.sh [WORKDIR]   (default /tmp/rdiffsharp-many; reuses many-files.sh's tree)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/rdiffsharp-many}
runs=${RUNS:-3}
[ -x /usr/bin/time ] || { echo "needs time: apt-get install time"; exit 1; }
mkdir -p "$work"
dotnet publish "$here/../src/RdiffCli" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
cd "$work"
src=src-1000000
[ -d "$src" ] || python3 "$here/make-small-tree.py" "$src" 1000000
t=$(date +%s)
if [ -d repo-selection ]; then
    # Session times must grow: go on from the repository's last one.
    last=$("$work/bin/rdiffsharp" status --parsable-output repo-selection | sed -n 's/^last_finished: //p')
    ((last >= t)) && t=$last
else
    "$work/bin/rdiffsharp" --current-time "$t" "$src" repo-selection >/dev/null
fi
rules=()
for i in $(seq 1 25); do rules+=(--exclude "**/*.nomatch$i" --exclude "$src/d9$i*/cache$i"); done
plain="" ruled="" plain_cpu="" ruled_cpu=""
for ((r = 1; r <= runs; r++)); do
    t=$((t + 10)); sync
    /usr/bin/time -f "%e %U %S" -o time.txt "$work/bin/rdiffsharp" --current-time "$t" "$src" repo-selection >/dev/null
    read -r e u k <time.txt
    plain+="$e "; plain_cpu+="$(awk -v u="$u" -v k="$k" 'BEGIN { print u + k }') "
    t=$((t + 10)); sync
    /usr/bin/time -f "%e %U %S" -o time.txt "$work/bin/rdiffsharp" --current-time "$t" "${rules[@]}" "$src" repo-selection >/dev/null
    read -r e u k <time.txt
    ruled+="$e "; ruled_cpu+="$(awk -v u="$u" -v k="$k" 'BEGIN { print u + k }') "
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | sed -n "$(((runs + 1) / 2))p"; }
a=$(median "$plain") b=$(median "$ruled") ac=$(median "$plain_cpu") bc=$(median "$ruled_cpu")
slower() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f%%", (b / a - 1) * 100 }'; }
echo "| no-change backup of 1,000,000 files, median of $runs | no rules | 50 rules | slower by |"
echo "|---|---|---|---|"
echo "| wall ($plain/ $ruled) | $a s | $b s | $(slower "$a" "$b") |"
echo "| CPU, user + system ($plain_cpu/ $ruled_cpu) | $ac s | $bc s | $(slower "$ac" "$bc") |"
