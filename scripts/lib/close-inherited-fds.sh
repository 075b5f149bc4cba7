# Sourced by the scripts that start test servers. Closes every descriptor the script inherited
# beyond stdin, stdout and stderr, so a server it starts holds none of its caller's: a caller
# waiting for one to close would otherwise wait for the server's whole life. Foundation's
# Process, for one, learns that its child ended when a socket it hands the child closes, and
# that socket can have any number (past 255 in a test process with many connections open).
# The descriptor bash reads the script from is kept, whatever its number.
close_inherited_fds() {
    local script fd
    script="$(readlink -f "$0")"
    for fd in /proc/$$/fd/*; do
        fd="${fd##*/}"
        [ "$fd" -gt 2 ] || continue
        [ "$(readlink -f "/proc/$$/fd/$fd" 2>/dev/null)" = "$script" ] && continue
        eval "exec $fd>&-" 2>/dev/null || true
    done
}
close_inherited_fds
