#!/usr/bin/env bash
# Runs RdiffSharp's whole test suite on a fresh Debian machine with the .NET 10 SDK:
# installs the Debian packages the tests use (when missing), builds everything, runs every test,
# and ends with one line "N passed, N failed". Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"

# Peers the tests run for real: librsync's rdiff (delta format), rdiff-backup 2.2 (the repository format), acl and attr (getfacl, setfattr);
# strace (the order of syncs and renames), python3 (a rename-exchange race), util-linux (setpriv, mount);
# openssh-server and openssh-client (a real sshd on 127.0.0.1 for the remote tests).
packages=(rdiff rdiff-backup acl attr tzdata strace python3 util-linux openssh-server openssh-client)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing ${missing[*]} ..."
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { echo "could not install ${missing[*]}; install them and run again"; echo "0 passed, 1 failed"; exit 1; }
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
# A hung test host is killed and counted as a failure instead of stalling CI.
dotnet test RdiffSharp.sln -c Release --logger trx --results-directory "$results" --blame-hang-timeout 10m "$@"
status=$?

passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done
if ((status != 0 && failed == 0)); then
    # The build or a test host failed before reporting: count it, never hide it.
    failed=1
fi
echo "$passed passed, $failed failed"
((failed == 0))
