# shellcheck shell=bash
# Shell helpers shared by the size-sweep benchmarks (compile_bench.sh,
# compiled_autograd_bench.sh). Sourced, never run: it lives in bench/lib/ so
# that bench/run.sh, which runs every bench/*.sh, does not take it for a
# benchmark. A driver run prints one line `result <label> <count> <t1> <t2> ...`
# (times in seconds); these helpers repeat runs, keep the best, and summarise.

# How many runs a size gets (the best counts; the neighbours on a shared
# machine only add time): 5 up to 10^3, 3 up to 10^4, 1 above.
bench_reps() {
  local n=$1
  if [ "$n" -le 1000 ]; then
    echo 5
  elif [ "$n" -le 10000 ]; then
    echo 3
  else
    echo 1
  fi
}

# bench_best REPS COMMAND...: runs COMMAND up to REPS times and keeps, field by
# field, the smallest time of its `result` lines. Sets BENCH_BEST (that line,
# empty when a run failed), BENCH_STATUS (0, or the failing run's exit status;
# 124 means `timeout` killed it) and BENCH_OUT (the last run's output).
bench_best() {
  local reps=$1 line
  shift
  BENCH_BEST="" BENCH_STATUS=0 BENCH_OUT=""
  for _ in $(seq "$reps"); do
    BENCH_OUT=$("$@" 2>&1) || BENCH_STATUS=$?
    line=$(grep '^result ' <<<"$BENCH_OUT" || true)
    if [ "$BENCH_STATUS" != 0 ] || [ -z "$line" ]; then
      [ "$BENCH_STATUS" != 0 ] || BENCH_STATUS=1
      BENCH_BEST=""
      return
    fi
    BENCH_BEST=$(awk -v a="$line" -v b="$BENCH_BEST" 'BEGIN {
      n = split(a, x, " "); if (b != "") split(b, y, " ");
      out = x[1] " " x[2] " " x[3];
      for (i = 4; i <= n; ++i) out = out " " (b != "" && y[i] < x[i] ? y[i] : x[i]);
      print out }')
  done
}

# bench_failure LABEL N UNIT LIMIT WIDTH: prints the table row (label padded to
# WIDTH) for a size that bench_best reported as failed, and appends a note to
# the caller's `notes` array. Returns 0 for a timeout (a capped size, not an
# error), 1 for a crash or a wrong result.
bench_failure() {
  local label=$1 n=$2 unit=$3 limit=$4 width=$5
  if [ "$BENCH_STATUS" = 124 ]; then
    printf "  %-${width}s %6d  did not finish within %s s\n" "$label" "$n" "$limit"
    notes+=("$label: $n $unit did not finish within $limit s; larger sizes skipped")
    return 0
  fi
  printf "  %-${width}s %6d  failed\n" "$label" "$n"
  notes+=("$label: $n $unit failed (status $BENCH_STATUS): $(tail -n 1 <<<"${BENCH_OUT:-(no output)}")")
  return 1
}

# bench_machine: the conditions the figures were taken under.
bench_machine() {
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
}

# bench_extremes TABLE LABEL SIZES...: from the associative array named TABLE
# (keys "LABEL,size"), prints "smallest-size value largest-size value" over the
# sizes that have a value, or nothing when none has.
bench_extremes() {
  local -n table=$1
  local label=$2 lo_n="" lo="" hi_n="" hi="" n v
  shift 2
  for n in "$@"; do
    v=${table[$label,$n]:-}
    [ -n "$v" ] || continue
    [ -n "$lo" ] || { lo=$v lo_n=$n; }
    hi=$v hi_n=$n
  done
  [ -z "$lo" ] || echo "$lo_n $lo $hi_n $hi"
}

# bench_ratio A B: A / B with two decimals (0 when B is 0).
bench_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}
