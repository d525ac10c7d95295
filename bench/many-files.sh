#!/usr/bin/env bash
# Peak memory as the tree grows: generated trees of 100,000 and 1,000,000 small files, an initial
# and a no-change backup of each; memory must stay flat (nothing holds the whole tree).
#   bench/many-files.sh [WORKDIR]   (default /tmp/rdiffsharp-many; needs ~10 GB and 2.2M inodes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/rdiffsharp-many}
[ -x /usr/bin/time ] || { echo "needs time: apt-get install time"; exit 1; }
mkdir -p "$work"
dotnet publish "$here/../src/RdiffCli" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="$work/bin/rdiffsharp"
cd "$work"
echo "| files | initial backup | peak RSS | no-change backup | peak RSS |"
echo "|---|---|---|---|---|"
t0=$(date +%s)
for count in 100000 1000000; do
    [ -d "src-$count" ] || python3 "$here/make-small-tree.py" "src-$count" "$count"
    rm -rf "repo-$count"; sync
    /usr/bin/time -f "%e %M" -o time1.txt "$ours" --current-time "$t0" "src-$count" "repo-$count" >/dev/null
    /usr/bin/time -f "%e %M" -o time2.txt "$ours" --current-time "$((t0 + 10))" "src-$count" "repo-$count" >/dev/null
    read -r t1 m1 <time1.txt
    read -r t2 m2 <time2.txt
    echo "| $count | $t1 s | $((m1 / 1024)) MiB | $t2 s | $((m2 / 1024)) MiB |"
    rm -rf "repo-$count"
done
