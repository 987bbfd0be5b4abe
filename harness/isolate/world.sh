# The world a check's programs live in, made once per check by its worker.
#   world.sh build ROOT DISK UID OPS
# makes ROOT (an empty folder) a small read-only root file system: what OPS lists ("bind PATH",
# read-only; "hide PATH", an empty folder over it; "link PATH TARGET", a symbolic link), a /dev
# with only null, zero, random and urandom, a few /etc files, and ROOT/sandbox (DISK bytes) for the
# programs' copies of the submission, whose sandbox/tmp (owned by UID) they see as /tmp. Then it
# holds a PID and mount namespace rooted there (world.sh hold) and prints "ready PID": program.sh
# starts every program in it. There /sandbox is read-only: the worker makes each copy and only
# then lets its program write in its own folder (World.grant, a writable bind inside), so no
# program can move or link a path the worker (root) is still to use.
fail() {
  echo "sockgrade: $1" >&2
  exit 125
}

build() {
  root=$1 disk=$2 uid=$3 ops=$4
  mount -t tmpfs -o size=1m,mode=755,nosuid,nodev sockgrade-root "$root" || fail "could not mount the programs' root on $root"
  cd "$root" || fail "could not enter $root"
  mkdir dev proc tmp etc sandbox
  mount -t tmpfs -o "size=$disk,mode=755,nosuid,nodev" sockgrade-sandbox sandbox || fail "could not mount the sandbox"
  # /tmp first: what OPS shows under /tmp (a checkout in a temporary folder) is shown inside it.
  mkdir -m 700 sandbox/tmp && chown "$uid:$uid" sandbox/tmp && mount --bind sandbox/tmp tmp || fail "could not make /tmp"
  IFS='
'
  for op in $ops; do
    what=${op%% *} rest=${op#* }
    case $what in
      bind)
        if [ -d "$rest" ]; then mkdir -p ".$rest"; else mkdir -p ".${rest%/*}" && : > ".$rest"; fi
        mount --bind -o ro,nosuid,nodev "$rest" ".$rest" || fail "could not show $rest to the programs" ;;
      hide)
        [ -d ".$rest" ] && { mount -t tmpfs -o size=64k,mode=755,nosuid,nodev sockgrade-hidden ".$rest" || fail "could not hide $rest"; } ;;
      link)
        ln -s "${rest#* }" ".${rest%% *}" || fail "could not link ${rest%% *}" ;;
    esac
  done
  unset IFS
  for device in null zero random urandom; do
    : > "dev/$device" && mount --bind "/dev/$device" "dev/$device" || fail "could not give the programs /dev/$device"
  done
  ln -s /proc/self/fd dev/fd && ln -s /proc/self/fd/0 dev/stdin && ln -s /proc/self/fd/1 dev/stdout && ln -s /proc/self/fd/2 dev/stderr
  printf 'root:x:0:0:root:/:/bin/sh\nstudent:x:%s:%s:student:/sandbox:/bin/sh\n' "$uid" "$uid" > etc/passwd
  printf 'root:x:0:\nstudent:x:%s:\n' "$uid" > etc/group
  # The machine's own name has an address of its own, as on Debian: a client that uses it instead of
  # the host it was given is seen doing so (client-address).
  printf '127.0.0.1\tlocalhost\n127.0.1.1\tsockgrade\n::1\tlocalhost ip6-localhost ip6-loopback\n' > etc/hosts
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > etc/nsswitch.conf
  # Other names are answered by the check's own name server (peers/dns.ts), inside the namespace.
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:2\n' > etc/resolv.conf
  mount -o remount,bind,ro "$root" || fail "could not make the programs' root read-only"
  exec unshare --pid --fork --mount --propagation private --kill-child sh "$0" hold "$root"
}

hold() {
  root=$1
  # This shell's PID as the worker sees it: the first after "NSpid:" (read by the shell itself).
  while read -r key value _; do [ "$key" = NSpid: ] && pid=$value; done < /proc/self/status
  mount -t proc -o nosuid,nodev,noexec proc "$root/proc" || fail "could not mount the programs' /proc"
  mount --bind "$root/proc/sys" "$root/proc/sys" && mount -o remount,bind,ro "$root/proc/sys" || fail "could not make /proc/sys read-only"
  mount --bind "$root/sandbox" "$root/sandbox" && mount -o remount,bind,ro,nosuid,nodev "$root/sandbox" || fail "could not make /sandbox read-only"
  # The old root goes entirely: nothing of the grader's file system stays reachable.
  cd "$root" && pivot_root . . && umount -l . && cd / || fail "could not enter the programs' root"
  echo "ready $pid"
  # PID 1 of the programs' PID namespace: it holds that namespace and this root until the check ends.
  exec sleep infinity > /dev/null 2>&1
}

case $1 in
  build) shift; build "$@" ;;
  hold) shift; hold "$@" ;;
  *) fail "world.sh: unknown step $1" ;;
esac
