# The cleanup-under-load scenario (BENCH_SCENARIO=cleanup samples/bench/run), sourced by run once
# WildFly serves bench-db_pg.war, whose timer runs every second, with one session per visitor:
#  1. adds BENCH_CLEANUP_LIVE live rows and BENCH_CLEANUP_EXPIRED rows that all expire within the
#     second before one instant BENCH_CLEANUP_LEAD seconds later (a backlog, as after the timer was
#     off), then VACUUM ANALYZE and CHECKPOINT, so that neither the insert nor the autovacuum and
#     checkpoint it would cause falls into a measured window (after a warm-up of the server by wrk);
#  2. has started the visitors before that (src/bench/Visitors.java), so that the insert is their
#     warm-up too: each reads and writes its own session at BENCH_CLEANUP_RATE requests per second;
#  3. measures their latency before the instant (from BENCH_CLEANUP_WARMUP s after the checkpoint,
#     and not before they keep their pace: see cleanup_report.py), while
#     the timer's first run after the instant removes the rows (from the run's start to its
#     "Cleared" log line), and for 10 s after;
#  4. writes a report with rows per second and the p99 during the cleanup divided by the p99 before.
# Knobs: BENCH_CLEANUP_EXPIRED=1000000 BENCH_CLEANUP_LIVE=100000 BENCH_CLEANUP_RATE=25
#        BENCH_CLEANUP_LEAD=180 BENCH_CLEANUP_WARMUP=30 BENCH_CLEANUP_BATCH (the engine's default:
#        SESSION_CLEAR_EXPIRED_BATCH_SIZE)

expired_rows="${BENCH_CLEANUP_EXPIRED:-1000000}"
live_rows="${BENCH_CLEANUP_LIVE:-100000}"
rate="${BENCH_CLEANUP_RATE:-25}"
lead="${BENCH_CLEANUP_LEAD:-180}"
cleanup_warmup="${BENCH_CLEANUP_WARMUP:-30}"
for knob in BENCH_CLEANUP_EXPIRED BENCH_CLEANUP_LIVE BENCH_CLEANUP_RATE BENCH_CLEANUP_LEAD BENCH_CLEANUP_WARMUP BENCH_CLEANUP_BATCH; do
  if [ -n "${!knob:-}" ] && ! [[ "${!knob}" =~ ^[0-9]+$ ]]; then
    die "$knob must be a whole number, not '${!knob}'"
  fi
done

psql_bench() {
  psql -h 127.0.0.1 -U postgres -d test -qAt -v ON_ERROR_STOP=1 "$@"
}

# Half a second past a whole second: the timer's run at the next whole second finds every row expired.
echo "Warming the server up (wrk, as fast as it serves, 15 s of reads and 15 s of writes)..."
load 0 db_pg read 15
load 0 db_pg write 15

expire_at=$(($(date +%s) + lead)).5
# The visitors start before the rows go in: the minute of inserting, vacuuming and checkpointing is
# their warm-up too (started right after it, they fell behind their pace for up to 80 s). Should
# the scenario fail or be interrupted, run's exit trap stops them.
stop_file="$work/visitors.stop"
samples="$work/visitors.csv"
rm -f "$stop_file" "$samples"
echo "Starting $connections visitors at $rate requests/s each (reads and writes alternately)..."
java "$bench/src/bench/Visitors.java" "$url/bench-db_pg/api/" "$work/cookies-db_pg.txt" "$rate" "$stop_file" "$samples" &
visitors=$!
echo "Adding $live_rows live rows and $expired_rows rows that expire at $(date -d "@$expire_at" '+%T.%1N')..."
psql_bench <<SQL || die "could not add the rows"
SET search_path = cloakroom_bench;
INSERT INTO cloakroom_session (session_key, session_data, expire_date, session_version)
SELECT substr(md5('live' || i) || md5('l' || i), 1, 40), '{"name":"bob","visits":3}',
       (now() AT TIME ZONE 'UTC') + interval '1 day', 0
FROM generate_series(1, $live_rows) AS i;
INSERT INTO cloakroom_session (session_key, session_data, expire_date, session_version)
SELECT substr(md5('expired' || i) || md5('e' || i), 1, 40), '{"name":"eve","visits":3}',
       (to_timestamp($expire_at) AT TIME ZONE 'UTC') - i * interval '1 microsecond', 0
FROM generate_series(1, $expired_rows) AS i;
SQL
psql_bench -c 'VACUUM ANALYZE cloakroom_bench.cloakroom_session' -c 'CHECKPOINT' || die "VACUUM ANALYZE or CHECKPOINT failed"
left=$(python3 -c "import time; print(int($expire_at - time.time()))")
[ "$left" -ge $((cleanup_warmup + 30)) ] ||
  die "only $left s are left before the rows expire, less than the warm-up and 30 s of baseline: raise BENCH_CLEANUP_LEAD"

started=$(date +%s.%N)
echo "The rows are in; warm-up $cleanup_warmup s, then the baseline until the rows expire in $left s..."

# The run that removes the rows ends with INFO "Cleared N expired sessions" (N counted with separators).
deadline=$((SECONDS + lead + 900))
until grep -qE "Cleared [0-9,.  ]{5,} expired sessions" "$log"; do
  if ! kill -0 "$visitors" 2>/dev/null; then die "the visitors stopped early"; fi
  [ "$SECONDS" -lt "$deadline" ] || die "the cleanup did not finish within 15 minutes"
  sleep 1
done
echo "The cleanup ran; 10 s more of visits after it..."
sleep 10
touch "$stop_file"
wait "$visitors" || die "the visitors failed"

remaining=$(psql_bench -c "SELECT count(*) FROM cloakroom_bench.cloakroom_session WHERE expire_date < now() AT TIME ZONE 'UTC'")
live_after=$(psql_bench -c "SELECT count(*) FROM cloakroom_bench.cloakroom_session")
stamp=$(date +%Y-%m-%d-%H%M)
report="$bench/target/cleanup-$stamp.md"
python3 "$bench/src/bench/cleanup_report.py" "$samples" "$log" \
  --started "$started" --warmup "$cleanup_warmup" --expire-at "$expire_at" \
  --expired "$expired_rows" --live "$live_rows" --remaining "$remaining" --rows-after "$live_after" \
  --header "$(date '+%Y-%m-%d %H:%M %Z'); $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //'); $(java -version 2>&1 | head -n 1); WildFly $wildfly_version, PostgreSQL $(psql_bench -c 'SHOW server_version' | cut -d ' ' -f 1)" \
  --settings "$connections visitors at $rate requests/s each; batch size ${BENCH_CLEANUP_BATCH:-default}" \
  >"$report" || die "no report (raw: $samples, log: $log)"
echo
cat "$report"
echo
echo "Report: ${report#"$root"/} (raw figures: ${samples#"$root"/}; took $((SECONDS / 60)) min $((SECONDS % 60)) s)"
