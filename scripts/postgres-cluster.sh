# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster for the data tests.
#   start_test_postgres   installs Debian's postgresql when missing, starts a cluster in a temporary
#                         folder as the postgres user on 127.0.0.1 (a free port) and exports
#                         DASHBOARD_TEST_POSTGRES (a connection string for the superuser).
#   stop_test_postgres    stops it and removes the folder (test.sh traps EXIT to call it).
# Every failure is loud: the PostgreSQL run is part of the test command, never skipped.

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

start_test_postgres() {
    if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
        echo "Installing postgresql for the data tests…"
        if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        # Debian's package would start a cluster of its own; ours is separate, so none is needed.
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    fi
    local bin
    bin=$(pg_bin)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "postgres: no initdb under /usr/lib/postgresql/*/bin after installing postgresql" >&2
        return 1
    fi
    # The postgres user must own its folder; mktemp makes it private to root first.
    PG_TEST_DIR=$(mktemp -d /tmp/dashboard-pg.XXXXXX)
    chown postgres:postgres "$PG_TEST_DIR"
    chmod 700 "$PG_TEST_DIR"
    as_postgres "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
    # Throwaway data: no fsync. Loopback only; the socket lives in our folder, not /var/run.
    local port started=0
    for _ in 1 2 3 4 5; do
        port=$(( 20000 + RANDOM % 40000 ))
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        if as_postgres "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 start \
            -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
            started=1
            break
        fi
    done
    if [ $started -ne 1 ]; then
        echo "postgres: the test cluster did not start:" >&2
        cat "$PG_TEST_DIR/server.log" >&2 || true
        return 1
    fi
    export DASHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    echo "postgres: $("$bin/postgres" --version) on 127.0.0.1:$port ($PG_TEST_DIR)"
}

stop_test_postgres() {
    if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR" ]; then
        as_postgres "$(pg_bin)/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PG_TEST_DIR"
    fi
}
