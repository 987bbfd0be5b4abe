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
for mountpoint in $(awk '{ print $5 }' /proc/self/mountinfo | sort -u); do
  case $mountpoint in /proc | /proc/* | /dev | /dev/pts | /dev/mqueue) continue ;; esac
  mount -o remount,bind,ro "$mountpoint" 2>/dev/null
done
mount -t tmpfs -o size=16m,mode=1777 tmpfs /dev/shm 2>/dev/null
mount --bind "$sandbox" "$sandbox" && mount -o remount,bind,rw "$sandbox" || {
  echo "sockgrade: could not make $sandbox writable" >&2
  exit 125
}
# The working directory was entered before the mounts: enter it again, through the writable one.
cd "$(pwd -P)" || exit 125
exec unshare --user --map-root-user --mount prlimit "$@"
