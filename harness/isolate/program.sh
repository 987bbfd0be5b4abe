# Starts one student program in its check's world (world.sh): in the check's cgroups, in the
# programs' PID and mount namespace, in its folder, as an unprivileged user with no capabilities
# and no way to gain any, under its resource limits.
# Usage: program.sh HOLDER-PID CWD UID CGROUPS PRLIMIT-ARGS... -- COMMAND...
# (CGROUPS: colon-separated cgroup folders, or empty)
holder=$1 cwd=$2 uid=$3 cgroups=$4
shift 4
IFS=:
for dir in $cgroups; do
  echo $$ > "$dir/cgroup.procs" || { echo "sockgrade: could not put the program in $dir" >&2; exit 125; }
done
unset IFS
# As root sockgrade maps UID to an unprivileged user of the host; otherwise the program stays the
# grader's user (root of the check's user namespace) without any capability.
if [ "$uid" = 0 ]; then who=; else who="--reuid=$uid --regid=$uid --clear-groups"; fi
exec nsenter --target "$holder" --mount --pid -- env --chdir="$cwd" --unset=PWD \
  setpriv $who --inh-caps=-all --ambient-caps=-all --bounding-set=-all --no-new-privs prlimit "$@"
