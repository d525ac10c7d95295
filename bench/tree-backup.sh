#!/usr/bin/env bash
# Whole-tree backups in one run: rdiffsharp against `rsync -aHAX` and rdiff-backup on a copy of a
# real tree (default /usr/share): initial backup, a no-change backup, a backup after 1% of the files
# changed, restore of the latest and of the oldest version; wall time and peak RSS of each.
#   bench/tree-backup.sh [TREE] [WORKDIR]   (WORKDIR default /tmp/rdiffsharp-tree; needs ~8x the tree)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tree=${1:-/usr/share}
work=${2:-/tmp/rdiffsharp-tree}
command -v rsync >/dev/null && command -v rdiff-backup >/dev/null && [ -x /usr/bin/time ] ||
    { echo "needs rsync, rdiff-backup and time: apt-get install rsync rdiff-backup time"; exit 1; }

dotnet publish "$here/../src/RdiffCli" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="$work/bin/rdiffsharp"
rm -rf "$work/src" "$work/rsync" "$work/rb" "$work/ours" "$work"/restore-*
mkdir -p "$work"
cp -a "$tree" "$work/src"
cd "$work"
echo "tree: $tree, $(find src | wc -l) entries, $(du -sh src | cut -f1)"

declare -A seconds memory
run() {   # run LABEL COMMAND...
    local label=$1; shift
    sync; sleep 1
    /usr/bin/time -f "%e %M" -o time.txt "$@" >/dev/null 2>log.txt || { echo "$label failed:"; cat log.txt; exit 1; }
    read -r t m <time.txt
    seconds[$label]=$t
    memory[$label]=$((m / 1024))
}
# rdiff-backup's session times must differ by a second at least; ours take --current-time alike.
t0=$(date +%s)
run rsync-initial   rsync -aHAX src/ rsync/
run rb-initial      rdiff-backup --current-time $t0 backup src rb
run ours-initial    "$ours" --current-time $t0 src ours
run rsync-nochange  rsync -aHAX src/ rsync/
run rb-nochange     rdiff-backup --current-time $((t0 + 10)) backup src rb
run ours-nochange   "$ours" --current-time $((t0 + 10)) src ours
python3 "$here/mutate-tree.py" src
run rsync-changed   rsync -aHAX src/ rsync/
run rb-changed      rdiff-backup --current-time $((t0 + 20)) backup src rb
run ours-changed    "$ours" --current-time $((t0 + 20)) src ours
run rb-restore-latest   rdiff-backup restore --at now rb restore-rb-latest
run ours-restore-latest "$ours" -r now ours restore-ours-latest
run rb-restore-oldest   rdiff-backup restore --at $t0 rb restore-rb-oldest
run ours-restore-oldest "$ours" -r $t0 ours restore-ours-oldest
diff -r --no-dereference src restore-ours-latest >/dev/null && diff -r --no-dereference restore-rb-oldest restore-ours-oldest >/dev/null ||
    { echo "restores differ"; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "| step | rsync -aHAX | rdiff-backup | rdiffsharp | rdiffsharp / rsync | rdiffsharp / rdiff-backup |"
echo "|---|---|---|---|---|---|"
for step in initial nochange changed; do
    echo "| $step | ${seconds[rsync-$step]} s | ${seconds[rb-$step]} s | ${seconds[ours-$step]} s | $(ratio "${seconds[ours-$step]}" "${seconds[rsync-$step]}") | $(ratio "${seconds[ours-$step]}" "${seconds[rb-$step]}") |"
done
for step in restore-latest restore-oldest; do
    echo "| $step | (initial ${seconds[rsync-initial]} s) | ${seconds[rb-$step]} s | ${seconds[ours-$step]} s | $(ratio "${seconds[ours-$step]}" "${seconds[rsync-initial]}") | $(ratio "${seconds[ours-$step]}" "${seconds[rb-$step]}") |"
done
echo
echo "| peak RSS (MiB) | rsync | rdiff-backup | rdiffsharp |"
echo "|---|---|---|---|"
for step in initial nochange changed; do
    echo "| $step | ${memory[rsync-$step]} | ${memory[rb-$step]} | ${memory[ours-$step]} |"
done
for step in restore-latest restore-oldest; do
    echo "| $step | | ${memory[rb-$step]} | ${memory[ours-$step]} |"
done
