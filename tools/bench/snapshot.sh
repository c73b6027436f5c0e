#!/bin/sh
# The code of one commit, with this checkout's bench harness and node_modules, bundles built:
# what tools/bench/compare.ts runs side by side to show what each change did.
#
#   tools/bench/snapshot.sh <commit> <dir>
set -e
commit=$1
dir=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "$commit" ] || [ -z "$dir" ]; then echo "usage: tools/bench/snapshot.sh <commit> <dir>" >&2; exit 2; fi
rm -rf "$dir"
mkdir -p "$dir"
git -C "$root" archive "$commit" | tar -x -C "$dir"
rm -rf "$dir/tools/bench" "$dir/tools/bench-batch"
cp -r "$root/tools/bench" "$root/tools/bench-batch" "$dir/tools/"
ln -s "$root/node_modules" "$dir/node_modules"
cd "$dir" && NX_DAEMON=false node apps/cli/bin/framefarm.js --help > /dev/null
echo "built $dir"
