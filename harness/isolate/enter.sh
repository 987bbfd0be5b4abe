# Runs first inside a check's fresh namespaces, as root of its user namespace, once sockgrade has
# written the namespace's ID map (userns.ts): what all programs of the check share, then the worker.
set -e
ip link set lo up
# Every IPv4 address is this namespace's own: a client aimed at a lab machine's LAN address reaches
# the check's server here, and no packet can be sent anywhere else (there is no other interface).
ip route add local 0.0.0.0/0 dev lo
# Ports below 1024 are ordinary here: a handout's port is the lab's, not a privilege.
echo 0 > /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null || true
# No program may make a user namespace: root in one, it could mount file systems of any size.
# (Written before the PID namespace's own /proc is mounted: through that one it is refused.)
echo 0 > /proc/sys/user/max_user_namespaces
# The grader's machine name is not the student's business; `sockgrade` resolves (world.sh's hosts).
echo sockgrade > /proc/sys/kernel/hostname
mount -t proc -o nosuid,nodev,noexec proc /proc
exec "$@"
