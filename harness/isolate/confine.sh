# Starts one student program inside the check's namespace: every file system read-only except the
# check's sandbox folder, a small private /dev/shm, then a nested user namespace so that the
# program cannot undo any of it, and its resource limits.
# Usage: confine.sh SANDBOX MAX-PROCESSES PRLIMIT-ARGS... -- COMMAND...
sandbox=$1
processes=$2
shift 2
# The kernel ignores RLIMIT_NPROC for the real root user; where a pids cgroup can be made (as
# root), it limits the program's processes instead. sockgrade removes it after the check.
cgroup=/sys/fs/cgroup/pids/${sandbox##*/}-$$
if mkdir "$cgroup" 2>/dev/null; then
  echo "$processes" > "$cgroup/pids.max" && echo $$ > "$cgroup/cgroup.procs" || rmdir "$cgroup"
fi
mount --make-rprivate / 2>/dev/null
# Every mount read-only, keeping its other flags: a user namespace may not clear nosuid, nodev,
# noexec or the atime flags. /proc is the check's own; of it only /proc/sys reaches the host.
# mountinfo writes a space, tab or backslash in a path as octal. What cannot be made read-only
# stops the program: it is not started with a host file system it could write to.
awk '{ print $6, $5 }' /proc/self/mountinfo | sort -u | while read -r options escaped; do
  # Decoded only when escaped: a sed per mount would slow every program's start.
  case $escaped in
    *\\*) mountpoint=$(printf '%s\n' "$escaped" | sed 's/\\040/ /g; s/\\011/\t/g; s/\\134/\\/g') ;;
    *) mountpoint=$escaped ;;
  esac
  case $mountpoint in /proc | /proc/*) continue ;; esac
  flags=${options#r[ow]}
  mount -o "remount,bind,ro$flags" "$mountpoint" 2>/dev/null || {
    echo "sockgrade: could not make $mountpoint read-only for the student's program" >&2
    exit 125
  }
done || exit 125
mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys || {
  echo "sockgrade: could not make /proc/sys read-only for the student's program" >&2
  exit 125
}
mount -t tmpfs -o size=16m,mode=1777,nosuid,nodev tmpfs /dev/shm 2>/dev/null
mount --bind "$sandbox" "$sandbox" && mount -o remount,bind,rw "$sandbox" || {
  echo "sockgrade: could not make $sandbox writable" >&2
  exit 125
}
# The working directory was entered before the mounts: enter it again, through the writable one.
cd "$(pwd -P)" || exit 125
exec unshare --user --map-root-user --mount prlimit "$@"
