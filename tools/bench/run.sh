#!/usr/bin/env bash
# ujail's benchmark: seven workloads, each timed N times natively, under ujail (a fresh state directory per
# run), under Debian's proot (plain `proot`, path translation without an overlay: the nearest peer) and under
# `strace -f --seccomp-bpf -e trace=%file`. Prints a table of medians and ratios to native and saves it to
# artifacts/bench/<date>[-tmpfs].md. See docs/bench.md.
#
#   tools/bench/run.sh [--tmpfs | --root DIR] [-n N] [--only LIST] [--modes LIST] [--ujail PATH]
#                      [--timeout SECONDS] [--no-counts] [--keep]
#     --tmpfs        work in /dev/shm (tmpfs) instead of /tmp (this checkout's filesystem, ext4 here)
#     --root DIR     work in DIR (work dirs are DIR/ujail-bench-*)
#     -n N           runs per workload and mode (default 5; the median is reported)
#     --only LIST    workloads, comma-separated: tar,stat,rm,git,make,loop,startup (default: all)
#     --modes LIST   modes, comma-separated: native,ujail,proot,strace (default: all; native is always run)
#     --ujail PATH   the ujail to measure (default: artifacts/ujail-aot/ujail, published by tools/publish.sh if
#                    missing; the JIT apphost, with a warning, if the publish fails)
#     --timeout S    bound on each timed run (default 900 s; a start-up launch is bounded by 60 s)
#     --no-counts    skip the extra, untimed `ujail run --trace` per workload that counts intercepted calls
#     --keep         keep the work directory
# Inputs (tarball, git repository, C project) are generated once into /tmp/ujail-bench-cache and copied into the
# work directory; the work directory is removed at the end.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 LC_ALL=C

runs=5 root=/tmp fsname="" only="tar,stat,rm,git,make,loop,startup" modes="native,ujail,proot,strace"
ujail="" per_run_timeout=900 counts=1 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tmpfs) root=/dev/shm; fsname=tmpfs ;;
    --root) root=$2; shift ;;
    -n) runs=$2; shift ;;
    --only) only=$2; shift ;;
    --modes) modes=$2; shift ;;
    --ujail) ujail=$2; shift ;;
    --timeout) per_run_timeout=$2; shift ;;
    --no-counts) counts=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case ",$modes," in *,native,*) ;; *) modes="native,$modes" ;; esac
IFS=, read -r -a workloads <<<"$only"
IFS=, read -r -a mode_list <<<"$modes"
say() { echo "bench: $*" >&2; }
for w in "${workloads[@]}"; do
  case $w in tar|stat|rm|git|make|loop|startup) ;; *) say "unknown workload $w"; exit 2 ;; esac
done
for m in "${mode_list[@]}"; do
  case $m in native|ujail|proot|strace) ;; *) say "unknown mode $m"; exit 2 ;; esac
done

# ---- tools ---------------------------------------------------------------------------------------------------
need=()
for t in proot:proot strace:strace git:git make:make gcc:gcc tar:tar timeout:coreutils awk:gawk; do
  command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${need[*]}"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
  else
    say "missing tools: ${need[*]}"; exit 1
  fi
fi

# ---- ujail: the AOT binary, else the JIT apphost ---------------------------------------------------------------
kind=AOT
if [ -z "$ujail" ]; then
  ujail=$repo/artifacts/ujail-aot/ujail
  if [ ! -x "$ujail" ]; then
    say "publishing the NativeAOT ujail (tools/publish.sh)"
    if ! tools/publish.sh --no-check >&2; then
      say "WARNING: the NativeAOT publish failed; measuring the JIT apphost (start-up will be far slower)"
      dotnet build src/UjailOverlay.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || { say "build failed"; exit 1; }
      ujail=$repo/src/UjailOverlay.Cli/bin/Release/net10.0/ujail kind=JIT
    fi
  fi
fi
[ -x "$ujail" ] || { say "no ujail at $ujail"; exit 1; }
[ -f "$(dirname "$ujail")/ujail.dll" ] && kind=JIT
[ $kind = JIT ] && say "WARNING: $ujail is the JIT apphost, not the NativeAOT binary"
ujail=$(readlink -f "$ujail")

# ---- inputs, generated once ------------------------------------------------------------------------------------
cache=/tmp/ujail-bench-cache
if [ ! -f $cache/v1.done ]; then
  say "generating inputs in $cache"
  rm -rf $cache && mkdir -p $cache/src
  # a) 300 directories x 20 files of 1-8 KiB, deterministic pseudo-random text
  (cd $cache/src && awk 'BEGIN { srand(1); for (d = 0; d < 300; d++) { dir = sprintf("tree/d%03d", d);
      system("mkdir -p " dir); for (f = 0; f < 20; f++) { p = sprintf("%s/f%02d.txt", dir, f);
      n = 1024 + int(rand() * 7168); line = ""; s = "";
      while (length(s) < n) { s = s sprintf("%08x %08x %08x %08x\n", rand()*4294967295, rand()*4294967295, rand()*4294967295, rand()*4294967295) }
      printf "%s", substr(s, 1, n) > p; close(p) } } }')
  tar cf $cache/tree.tar -C $cache/src tree
  # d) a git repository: 500 files in 25 directories, 20 commits
  mkdir -p $cache/repo
  (cd $cache/repo && git init -q -b main . &&
    export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench \
           GIT_COMMITTER_EMAIL=bench@example.invalid GIT_AUTHOR_DATE=@1700000000 GIT_COMMITTER_DATE=@1700000000 &&
    for c in $(seq 1 20); do
      awk -v c=$c 'BEGIN { srand(c); for (i = 0; i < 500; i++) { if (c > 1 && (i + c) % 20 != 0) continue;
        d = sprintf("m%02d", i % 25); system("mkdir -p " d); p = sprintf("%s/file%03d.c", d, i);
        printf "/* file %d, revision %d */\n", i, c > p; for (l = 0; l < 40; l++) printf "int f%d_%d(int x) { return x * %d + %d; }\n", i, l, int(rand()*1000), c > p;
        close(p) } }'
      git add -A && git commit -q -m "commit $c"
    done)
  # e) a C project: 40 .c files (39 modules and main.c) and a Makefile
  mkdir -p $cache/cproj
  (cd $cache/cproj && for i in $(seq 1 39); do
      { echo "#include <string.h>"; echo "#include \"mods.h\""
        for f in $(seq 1 12); do
          echo "static int helper${f}(const char *s, int k) { int h = k; for (size_t j = 0; j < strlen(s); j++) h = h * 31 + s[j] * ${f}; return h; }"
        done
        echo "int mod${i}(int x) { int h = x;"
        for f in $(seq 1 12); do echo "  h ^= helper${f}(\"module ${i} step ${f}\", h);"; done
        echo "  return h; }"; } > m$i.c
      echo "int mod$i(int x);" >> mods.h
    done
    { echo '#include <stdio.h>'; echo '#include "mods.h"'; echo 'int main(void) { int h = 1;'
      for i in $(seq 1 39); do echo "  h = mod$i(h);"; done; echo '  printf("%d\n", h); return 0; }'; } > main.c
    printf 'CC ?= cc\nCFLAGS ?= -O2\nSRCS := $(wildcard *.c)\nOBJS := $(SRCS:.c=.o)\nprog: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n%%.o: %%.c mods.h\n\t$(CC) $(CFLAGS) -c -o $@ $<\nclean:\n\trm -f prog $(OBJS)\n' > Makefile)
  touch $cache/v1.done
fi

# ---- the work directory ------------------------------------------------------------------------------------------
mkdir -p "$root"
work=$(mktemp -d "$root/ujail-bench-XXXXXX")
root_fs=$(findmnt -n -o FSTYPE --target "$work" 2>/dev/null || stat -f -c %T "$work")
[ -z "$fsname" ] && fsname=$root_fs
cleanup() { if [ $keep = 0 ]; then rm -rf "$work"; else say "kept $work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
say "work directory $work ($root_fs), ujail $ujail ($kind), $runs runs per workload and mode"
cp "$cache/tree.tar" "$work/tree.tar"
cp -a "$cache/repo" "$work/repo"
cp -a "$cache/cproj" "$work/cproj"
mkdir "$work/tree-base" && tar xf "$work/tree.tar" -C "$work/tree-base"   # b) extracted natively, once
tree=$work/tree-base/tree

# ---- workloads: setup (untimed) and command (timed, run by /bin/sh -c in the run directory) -------------------
# Output goes to the harness's /dev/null (an inherited descriptor): no command opens /dev/null for writing itself,
# which ujail does not yet allow (docs/bench.md). Every command runs in a fresh run directory R; "expect" names a path (relative to R) that must exist after a
# successful run (for ujail, in the state's upper tree), or "!path" that must not (native, proot, strace).
setup() { # workload R
  case $1 in
    tar) mkdir "$2/dst" ;;
    rm) cp -a "$tree" "$2/victim" ;;
    make) cp -a "$work/cproj" "$2/cproj" ;;
    loop) mkdir "$2/loop" ;;
  esac
}
command_of() { # workload R
  case $1 in
    tar) echo "tar xf '$work/tree.tar' -C '$2/dst'" ;;
    stat) echo "find '$tree' -printf '%s %m %u %T@\n'" ;;
    rm) echo "rm -rf '$2/victim'" ;;
    git) echo "git clone -q '$work/repo' '$2/clone' && cd '$2/clone' && git status" ;;
    make) echo "make -s -j2 -C '$2/cproj'" ;;
    loop) echo "cd '$2/loop' && i=0; while [ \$i -lt 2000 ]; do touch f\$i; mv f\$i g\$i; i=\$((i+1)); done" ;;
  esac
}
expect_of() {
  case $1 in
    tar) echo "dst/tree/d299/f19.txt" ;;
    rm) echo "!victim" ;;
    git) echo "clone/m24/file499.c" ;;
    make) echo "cproj/prog" ;;
    loop) echo "loop/g1999" ;;
  esac
}
describe() {
  case $1 in
    tar) echo "tar xf, 6,301 entries" ;;
    stat) echo "stat storm (find -printf)" ;;
    rm) echo "rm -rf, 6,301 entries" ;;
    git) echo "git clone + status" ;;
    make) echo "make -j2, 40 C files" ;;
    loop) echo "shell loop, 2,000 touch+mv" ;;
    startup) echo "start-up, /bin/true x50" ;;
  esac
}

wrap_of() { # mode R -> the wrapper argv, one word a line
  case $1 in
    native) ;;
    ujail) printf '%s\n' "$ujail" run --state "$2/state" -- ;;
    proot) echo proot ;;
    strace) printf '%s\n' strace -f --seccomp-bpf -e trace=%file -o /dev/null ;;
  esac
}

now_ns() { date +%s%N; }

# run_one workload mode -> echoes "ms status"; status is 0, a command's exit status, 124 (timeout) or "check"
run_one() {
  local w=$1 m=$2 r rc=0 t0 t1 wrap=() cmd exp
  r=$(mktemp -d "$work/run.XXXXXX")
  setup "$w" "$r"
  mapfile -t wrap < <(wrap_of "$m" "$r")
  if [ "$w" = startup ]; then
    t0=$(now_ns)
    for _ in $(seq 50); do
      (cd "$r" && timeout 60 "${wrap[@]}" /bin/true) </dev/null >/dev/null 2>"$r.err" || { rc=$?; break; }
    done
    t1=$(now_ns)
    if [ "$rc" != 0 ]; then say "$w/$m: status $rc: $(head -c 300 "$r.err" | tr '\n' ' ')"; fi
    rm -f "$r.err"
  else
    cmd=$(command_of "$w" "$r")
    t0=$(now_ns)
    (cd "$r" && timeout "$per_run_timeout" "${wrap[@]}" /bin/sh -c "$cmd") </dev/null >/dev/null 2>"$r.err" || rc=$?
    t1=$(now_ns)
    if [ $rc = 0 ] && exp=$(expect_of "$w") && [ -n "$exp" ]; then
      case "$m:$exp" in
        ujail:!*) ;;   # the host copy stays; the whiteouts are in the state
        ujail:*) [ -e "$r/state/upper$r/$exp" ] || rc=check ;;
        *:!*) [ ! -e "$r/${exp#!}" ] || rc=check ;;
        *) [ -e "$r/$exp" ] || rc=check ;;
      esac
    fi
    if [ "$rc" != 0 ]; then say "$w/$m: status $rc: $(head -c 300 "$r.err" | tr '\n' ' ')"; fi
    rm -f "$r.err"
  fi
  rm -rf "$r"
  echo "$(( (t1 - t0) / 1000000 )) $rc"
}

# intercepted calls of one ujail run of a workload (untimed): "count top-calls"
count_calls() {
  local w=$1 r trace n top
  r=$(mktemp -d "$work/count.XXXXXX")
  setup "$w" "$r"
  trace=$r.trace
  if [ "$w" = startup ]; then
    (cd "$r" && timeout 60 "$ujail" run --state "$r/state" --trace "$trace" -- /bin/true) </dev/null >/dev/null 2>&1
  else
    (cd "$r" && timeout "$per_run_timeout" "$ujail" run --state "$r/state" --trace "$trace" -- /bin/sh -c "$(command_of "$w" "$r")") \
      </dev/null >/dev/null 2>&1
  fi
  # one line per intercepted (USER_NOTIF) call, "name[tid] = result"; a failed handler adds a stack trace
  n=$(grep -c '^[a-z0-9_]*\[' "$trace" 2>/dev/null)
  top=$(grep '^[a-z0-9_]*\[' "$trace" 2>/dev/null | sed 's/\[.*//' | sort | uniq -c | sort -rn | head -4 |
    awk '{printf "%s%s %s", (NR>1?", ":""), $2, $1}')
  failed=$(grep -c 'handler failed' "$trace" 2>/dev/null)
  [ "${failed:-0}" != 0 ] && top="$top; $failed handler failures"
  rm -rf "$r" "$trace"
  echo "${n:-0}|$top"
}

median() { sort -n | awk '{a[NR]=$1} END { if (NR == 0) print ""; else if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2) }'; }

date_tag=$(date +%Y-%m-%d-%H%M)
raw=$(mktemp "$work/raw.XXXXXX")
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)
for w in "${workloads[@]}"; do
  for i in $(seq "$runs"); do
    for m in "${mode_list[@]}"; do
      read -r ms st < <(run_one "$w" "$m")
      echo "$w $m $i $ms $st" >> "$raw"
      say "$w $m run $i: $ms ms${st:+ (status $st)}"
    done
  done
  if [ $counts = 1 ] && [[ ",$modes," == *,ujail,* ]]; then
    echo "$w calls $(count_calls "$w")" >> "$raw"
  fi
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(( $(date +%s) - started ))

# ---- the table ---------------------------------------------------------------------------------------------------
med() { awk -v w="$1" -v m="$2" '$1 == w && $2 == m && $5 == "0" { print $4 }' "$raw" | median; }
fails() { awk -v w="$1" -v m="$2" '$1 == w && $2 == m && $5 != "0" { n++; s = $5 } END { if (n) printf "%d failed (status %s)", n, s }' "$raw"; }
cell() { # workload mode native-median
  local v f
  v=$(med "$1" "$2"); f=$(fails "$1" "$2")
  if [ -z "$v" ]; then echo "${f:-not run}"; return; fi
  if [ "$1" = startup ]; then
    awk -v v="$v" -v n="$3" -v f="$f" 'BEGIN { printf "%d (%+.1f ms/launch)%s", v, (v - n) / 50, (f ? "; " f : "") }'
  else
    awk -v v="$v" -v n="$3" -v f="$f" 'BEGIN { printf "%d (%.2f×)%s", v, (n > 0 ? v / n : 0), (f ? "; " f : "") }'
  fi
}
table=$(mktemp "$work/table.XXXXXX")
{
  echo "### $(date -u +'%Y-%m-%d %H:%M UTC'): $fsname ($work)"
  echo
  echo "Median of $runs runs, ms (ratio to native). ujail: $kind binary, a fresh state directory per run."
  echo "Kernel $(uname -r), $(nproc) CPUs; load average $load_start at the start, $load_end at the end; ${elapsed} s in all."
  echo
  header="| workload | native | ujail | proot | strace |"
  [ $counts = 1 ] && header="$header ujail intercepted calls (top) |"
  echo "$header"
  echo "| --- | ---: | ---: | ---: | ---: |$([ $counts = 1 ] && echo " --- |")"
  for w in "${workloads[@]}"; do
    n=$(med "$w" native)
    if [ "$w" = startup ] && [ -n "$n" ]; then
      ncell=$(awk -v v="$n" 'BEGIN { printf "%d (%.1f ms/launch)", v, v / 50 }')
    else
      ncell=${n:-$(fails "$w" native)}
    fi
    line="| $(describe "$w") | $ncell"
    for m in ujail proot strace; do
      if [[ ",$modes," == *,$m,* ]]; then line="$line | $(cell "$w" "$m" "${n:-0}")"; else line="$line | —"; fi
    done
    if [ $counts = 1 ]; then
      c=$(awk -v w="$w" '$1 == w && $2 == "calls" { $1 = ""; $2 = ""; sub(/^  /, ""); print }' "$raw")
      line="$line | ${c%%|*} (${c#*|})"
    fi
    echo "$line |"
  done
} > "$table"
mkdir -p "$repo/artifacts/bench"
suffix=""; [ "$root" = /dev/shm ] && suffix=-tmpfs
out="$repo/artifacts/bench/$date_tag$suffix.md"
{ cat "$table"; echo; echo '<details><summary>raw runs (workload mode run ms status)</summary>'; echo; echo '```';
  cat "$raw"; echo '```'; echo '</details>'; } > "$out"
echo
cat "$table"
echo
say "saved $out"
