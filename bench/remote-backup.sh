#!/usr/bin/env bash
# Backups over ssh in one run: rdiffsharp pushing to 127.0.0.1 against `rsync -aHAX -e ssh` and
# rdiff-backup over ssh, through a private sshd started for the run (its own port, host key and
# client key; nothing of the system's ssh setup is used or changed).
#   1. a copy of TREE (default /usr/share): initial backup, no-change backup, 1% of the files
#      changed, restore of the latest backup from the remote repository (rsync: pulling the tree back);
#   2. a 50 ms round trip (bench/delay-proxy.py as ssh's ProxyCommand, 25 ms each way): a no-change
#      backup of the copy's man/ (or the whole copy when it has none);
#   3. a file of BIG_MIB MiB (default 1024) with 100 scattered 1 KiB edits, backed up again: the bytes
#      ssh carried each way, counted by the proxy, against the edits and the signature.
# Wall time of each step, peak RSS of the client and of the far side (the schema runs the server
# under /usr/bin/time).
#   bench/remote-backup.sh [TREE] [WORKDIR]   (WORKDIR default /tmp/rdiffsharp-remote; needs ~8x TREE
#                                              plus 4x BIG_MIB)
# A quick run: bench/remote-backup.sh /usr/share/doc /dev/shm/rb-quick  (BIG_MIB=64 for a small file)
# RDIFFSHARP=/path/to/rdiffsharp skips the build (default: dotnet publish of this worktree).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tree=${1:-/usr/share}
work=${2:-/tmp/rdiffsharp-remote}
big_mib=${BIG_MIB:-1024}
delay=${DELAY:-0.025}

missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null || missing+=(openssh-client)
command -v rsync >/dev/null || missing+=(rsync)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y -q "${missing[@]}" >/dev/null
fi
command -v rdiff-backup >/dev/null || { echo "needs rdiff-backup (apt-get install rdiff-backup)"; exit 1; }
python=/usr/bin/python3

mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ -n "${RDIFFSHARP:-}" ]; then
    ours=$RDIFFSHARP
else
    dotnet publish "$here/../src/RdiffCli" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
    ours="$work/bin/rdiffsharp"
fi
rm -rf "$work/src" "$work/remote" "$work/restore-"* "$work/big" "$work/sshd"
mkdir -p "$work/remote" "$work/sshd" "$work/big"
cp -a "$tree" "$work/src"
cd "$work"
man=src/man
[ -d "$man" ] || man=src

# The private sshd: keys made for the run, key login for this user only.
mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N "" -f sshd/host_key
ssh-keygen -q -t ed25519 -N "" -f sshd/client_key
cp sshd/client_key.pub sshd/authorized_keys
port=$($python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >sshd/config <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/sshd/host_key
AuthorizedKeysFile $work/sshd/authorized_keys
PidFile $work/sshd/sshd.pid
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
LogLevel ERROR
EOF
/usr/sbin/sshd -D -f "$work/sshd/config" -E "$work/sshd/log" &
sshd_pid=$!
trap 'kill $sshd_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    $python -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break
    sleep 0.1
done
host="$(id -un)@127.0.0.1"
ssh_plain="ssh -i $work/sshd/client_key -p $port -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o Compression=no"
$ssh_plain "$host" true
proxy="$python $here/delay-proxy.py"
ssh_delayed="$ssh_plain -o ProxyCommand='$proxy --delay $delay %h %p'"
ssh_counted="$ssh_plain -o ProxyCommand='$proxy --delay 0 --count $work/wire.txt %h %p'"
far_time="/usr/bin/time -f %M -o $work/far.txt"
echo "tree: $tree, $(find src | wc -l) entries, $(du -sh src | cut -f1); delay test: $man, $(find "$man" | wc -l) entries; sshd on port $port"

declare -A seconds memory far
# run LABEL COMMAND...: wall time and peak RSS of COMMAND, and of the far side when it ran under
# $far_time. COMMAND may be one of the *_push functions below, which build the command line in cmd.
run() {
    local label=$1; shift
    if [ "$(type -t "$1")" = function ]; then "$@"; else cmd=("$@"); fi
    sync; sleep 1
    rm -f far.txt
    if ! /usr/bin/time -f "%e %M" -o time.txt "${cmd[@]}" >log.txt 2>&1; then
        echo "$label failed:"; cat log.txt; return 1
    fi
    read -r t m <time.txt
    seconds[$label]=$t
    memory[$label]=$((m / 1024))
    for _ in $(seq 50); do [ -s far.txt ] && break; sleep 0.1; done
    far[$label]=$([ -s far.txt ] && echo $(($(tail -1 far.txt) / 1024)) || echo "?")
}
# The three tools, each to its own directory under remote/ (SUFFIX tells the trees apart), over the ssh command SSH.
rsync_push() { cmd=(rsync -aHAX -e "$1" --rsync-path="$far_time rsync" "$2/" "$host:$work/remote/rsync$3/"); }
rb_push() { cmd=(rdiff-backup --current-time "$1" --remote-schema "$2 {h} $far_time rdiff-backup server" backup "$3" "$host::$work/remote/rb$4"); }
ours_push() { cmd=("$ours" --current-time "$1" --remote-schema "$2 {h} $far_time $ours server" "$3" "$host::$work/remote/ours$4"); }

t0=$(date +%s)
run rsync-initial  rsync_push "$ssh_plain" src ""
run rb-initial     rb_push $t0 "$ssh_plain" src ""
run ours-initial   ours_push $t0 "$ssh_plain" src ""
run rsync-nochange rsync_push "$ssh_plain" src ""
run rb-nochange    rb_push $((t0 + 10)) "$ssh_plain" src ""
run ours-nochange  ours_push $((t0 + 10)) "$ssh_plain" src ""
$python "$here/mutate-tree.py" src
run rsync-changed  rsync_push "$ssh_plain" src ""
run rb-changed     rb_push $((t0 + 20)) "$ssh_plain" src ""
run ours-changed   ours_push $((t0 + 20)) "$ssh_plain" src ""
run rsync-restore  rsync -aHAX -e "$ssh_plain" --rsync-path="$far_time rsync" "$host:$work/remote/rsync/" restore-rsync/
rm -rf restore-rsync
run rb-restore     rdiff-backup --remote-schema "$ssh_plain {h} $far_time rdiff-backup server" restore --at now "$host::$work/remote/rb" restore-rb
rm -rf restore-rb
ours_restore="not available"
if run ours-restore "$ours" --remote-schema "$ssh_plain {h} $far_time $ours server" -r now "$host::$work/remote/ours" restore-ours; then
    diff -r --no-dereference src restore-ours >/dev/null || { echo "the restore differs from the source"; exit 1; }
    ours_restore=""
fi
rm -rf restore-ours remote/rsync remote/rb remote/ours

# A 50 ms round trip: repositories of man/ made over the plain link, then a no-change backup through the proxy.
run rsync-man-initial rsync_push "$ssh_plain" "$man" -man
run rb-man-initial    rb_push $((t0 + 30)) "$ssh_plain" "$man" -man
run ours-man-initial  ours_push $((t0 + 30)) "$ssh_plain" "$man" -man
run rsync-man-delayed rsync_push "$ssh_delayed" "$man" -man
run rb-man-delayed    rb_push $((t0 + 40)) "$ssh_delayed" "$man" -man
run ours-man-delayed  ours_push $((t0 + 40)) "$ssh_delayed" "$man" -man

# One big file, 100 scattered 1 KiB edits: the bytes on the wire of the second backup.
$python - big/file "$big_mib" <<'EOF'
import os, sys
with open(sys.argv[1], "wb") as out:
    for _ in range(int(sys.argv[2])):
        out.write(os.urandom(1 << 20))
EOF
run rsync-big-initial rsync_push "$ssh_plain" big -big
run ours-big-initial  ours_push $((t0 + 50)) "$ssh_plain" big -big
changed=$($python - big/file <<'EOF'
import os, random, sys
size = os.path.getsize(sys.argv[1])
rng = random.Random(13)
with open(sys.argv[1], "r+b") as f:
    for offset in sorted(rng.sample(range(size - 1024), 100)):
        f.seek(offset)
        f.write(os.urandom(1024))
print(100 * 1024)
EOF
)
touch -d "+1 hour" big/file
declare -A up down
# counts NAME: the proxy's byte counts of the last connection (it writes them as it ends, after ssh).
counts() {
    for _ in $(seq 50); do [ -s wire.txt ] && break; sleep 0.1; done
    read -r "up[$1]" "down[$1]" <wire.txt
    rm -f wire.txt
}
rm -f wire.txt
run rsync-big-changed rsync_push "$ssh_counted" big -big
counts rsync
run ours-big-changed ours_push $((t0 + 60)) "$ssh_counted" big -big
counts ours
# What ssh costs with nothing to carry (a login that runs `true`), and carrying the signature's
# size of random bytes one way (its framing per byte).
sh -c "$ssh_counted $host true"
counts ssh
big_bytes=$((big_mib << 20))
block=$($python -c "n = max(($big_bytes + (1 << 20) - 1) >> 20, 1); b = 1 << (n - 1).bit_length(); print(min(max(b, 512), 1 << 20))")
signature=$((24 + (big_bytes + block - 1) / block * 20))
head -c $signature /dev/urandom | sh -c "$ssh_counted $host 'cat >/dev/null'"
counts raw

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a == "" || b == "") print "-"; else printf "%.2f", a / b }'; }
mib() { awk -v a="$1" 'BEGIN { printf "%.2f MiB", a / 1048576 }'; }
echo
echo "| step | rsync -aHAX -e ssh | rdiff-backup over ssh | rdiffsharp push | rdiffsharp / rsync | rdiffsharp / rdiff-backup |"
echo "|---|---|---|---|---|---|"
for step in initial nochange changed; do
    echo "| $step | ${seconds[rsync-$step]} s | ${seconds[rb-$step]} s | ${seconds[ours-$step]} s | $(ratio "${seconds[ours-$step]}" "${seconds[rsync-$step]}") | $(ratio "${seconds[ours-$step]}" "${seconds[rb-$step]}") |"
done
if [ -z "$ours_restore" ]; then
    echo "| restore latest (rsync: pull) | ${seconds[rsync-restore]} s | ${seconds[rb-restore]} s | ${seconds[ours-restore]} s | $(ratio "${seconds[ours-restore]}" "${seconds[rsync-restore]}") | $(ratio "${seconds[ours-restore]}" "${seconds[rb-restore]}") |"
else
    echo "| restore latest (rsync: pull) | ${seconds[rsync-restore]} s | ${seconds[rb-restore]} s | $ours_restore | | |"
fi
echo "| $man no change, 50 ms round trip | ${seconds[rsync-man-delayed]} s | ${seconds[rb-man-delayed]} s | ${seconds[ours-man-delayed]} s | $(ratio "${seconds[ours-man-delayed]}" "${seconds[rsync-man-delayed]}") | $(ratio "${seconds[ours-man-delayed]}" "${seconds[rb-man-delayed]}") |"
echo "| ($man initial, no delay) | ${seconds[rsync-man-initial]} s | ${seconds[rb-man-initial]} s | ${seconds[ours-man-initial]} s | $(ratio "${seconds[ours-man-initial]}" "${seconds[rsync-man-initial]}") | $(ratio "${seconds[ours-man-initial]}" "${seconds[rb-man-initial]}") |"
echo
echo "| peak RSS, MiB (client / far side) | rsync | rdiff-backup | rdiffsharp |"
echo "|---|---|---|---|"
for step in initial nochange changed restore man-delayed big-initial big-changed; do
    [ -n "${memory[ours-$step]:-}" ] || [ -n "${memory[rsync-$step]:-}" ] || continue
    cell() { [ -n "${memory[$1]:-}" ] && echo "${memory[$1]} / ${far[$1]}" || echo "-"; }
    echo "| $step | $(cell rsync-$step) | $(cell rb-$step) | $(cell ours-$step) |"
done
echo
echo "$big_mib MiB file, 100 scattered 1 KiB edits ($changed changed bytes); signature of the mirror copy: $signature B (blocks of $block B)"
echo "target: at most 2 x $changed + $signature = $((2 * changed + signature)) B, ssh's own framing aside"
echo
echo "| second backup of the file | to the repository side | from the repository side | total | time |"
echo "|---|---|---|---|---|"
echo "| rsync -aHAX -e ssh | ${up[rsync]} B ($(mib "${up[rsync]}")) | ${down[rsync]} B ($(mib "${down[rsync]}")) | $((up[rsync] + down[rsync])) B | ${seconds[rsync-big-changed]} s |"
echo "| rdiffsharp push | ${up[ours]} B ($(mib "${up[ours]}")) | ${down[ours]} B ($(mib "${down[ours]}")) | $((up[ours] + down[ours])) B | ${seconds[ours-big-changed]} s |"
echo "| (ssh login running true) | ${up[ssh]} B | ${down[ssh]} B | $((up[ssh] + down[ssh])) B | |"
echo "| (ssh carrying $signature random bytes) | ${up[raw]} B | ${down[raw]} B | $((up[raw] + down[raw])) B | |"
framing=$(awk -v raw="${up[raw]}" -v login="${up[ssh]}" -v n=$signature 'BEGIN { printf "%.5f", (raw - login) / n }')
ours_net=$(awk -v u="${up[ours]}" -v d="${down[ours]}" -v lu="${up[ssh]}" -v ld="${down[ssh]}" -v f="$framing" 'BEGIN { printf "%d", (u - lu) / f + (d - ld) / f }')
echo "rdiffsharp on the ssh wire / target: $(ratio $((up[ours] + down[ours])) $((2 * changed + signature))); without ssh's login and framing (x$framing per byte): about $ours_net B, $(ratio "$ours_net" $((2 * changed + signature))) of the target"
