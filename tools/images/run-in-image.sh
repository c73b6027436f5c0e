#!/bin/sh
# The local image table's entrypoint for a job "in an image": runs the image's entrypoint inside
# the image's file system (a buildah working container's root) as the image's user, in the image's
# working directory and with the image's environment, the way a container runtime would, minus
# the isolation a runtime adds (see README.md).
#   run-in-image.sh <rootfs> <uid:gid> <workdir> <env file: NAME=value lines> <entrypoint>...
# The job's environment (from the local Batch engine) passes through; the image's variables are
# set first and the job's own override them, as in a container, except PATH and HOME, which are
# the image's (the engine passes the host's).
set -eu
[ "$#" -ge 5 ] || { echo "usage: run-in-image.sh <rootfs> <uid:gid> <workdir> <env file> <entrypoint>..." >&2; exit 2; }
# A private mount namespace: /dev and /proc are mounted for this job only and vanish with it.
exec unshare --mount /bin/sh -c '
  set -eu
  rootfs=$1 user=$2 workdir=$3 envfile=$4
  shift 4
  while IFS= read -r line; do
    name=${line%%=*}
    case "$name" in PATH|HOME) export "$line" ;; *) eval "[ -n \"\${$name+set}\" ]" || export "$line" ;; esac
  done < "$envfile"
  mount --rbind /dev "$rootfs/dev"
  mount -t proc proc "$rootfs/proc"
  exec chroot --userspec="$user" "$rootfs" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$workdir" "$@"
' run-in-image "$@"
