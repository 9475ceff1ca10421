#!/usr/bin/env bash
# Builds everything and runs every test project; prints "N passed, N failed, N skipped" counted from the
# test results themselves (TRX files), and exits non-zero when any test failed or a test run broke.
set -uo pipefail
cd "$(dirname "$0")/.."
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! dotnet build UjailOverlay.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  case "$name" in *.CrashWriter) continue ;; esac
  dotnet test "$proj" -c Release --no-build -nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false \
    || status=1
done

# The overlay's model tests once more as an unprivileged user (uid 65534), where the kernel's EACCES/EPERM are
# the reference for the overlay's permission checks. Needs root to switch users; runs a world-readable copy of
# the built tests (the worktree may sit under /root, 0700) with its own HOME. A pass that cannot run is counted
# as a failure through $results/*.broken (one reason per line), never as nothing.
unprivileged_pass() {
  local trx=UjailOverlay.Core.Tests.unprivileged.trx bin=tests/UjailOverlay.Core.Tests/bin/Release/net10.0 tmp
  if ! command -v setpriv >/dev/null; then echo "setpriv not found (util-linux)"; return 1; fi
  if [ ! -f "$bin/UjailOverlay.Core.Tests.dll" ]; then echo "$bin/UjailOverlay.Core.Tests.dll missing"; return 1; fi
  tmp=$(mktemp -d /tmp/ujail-unprivileged-XXXXXX) || { echo "cannot make a temp dir"; return 1; }
  mkdir -p "$tmp/home" "$tmp/results" && cp -r "$bin" "$tmp/bin" && chmod -R a+rX "$tmp" \
    && chown -R 65534:65534 "$tmp/home" "$tmp/results" || { echo "cannot prepare $tmp"; rm -rf "$tmp"; return 1; }
  (cd "$tmp" && umask 022 && setpriv --reuid=65534 --regid=65534 --clear-groups \
     env HOME="$tmp/home" DOTNET_CLI_HOME="$tmp/home" TMPDIR="$tmp/home" \
     dotnet test "$tmp/bin/UjailOverlay.Core.Tests.dll" --filter Category=Model \
       --logger "trx;LogFileName=$trx" --results-directory "$tmp/results")
  local rc=$?
  if [ -f "$tmp/results/$trx" ]; then cp "$tmp/results/$trx" "$results/$trx"; else echo "no $trx produced (dotnet test exit $rc)"; fi
  rm -rf "$tmp"
  [ -f "$results/$trx" ]
}

if [ "$(id -u)" = 0 ]; then
  echo "unprivileged pass: model tests as uid 65534"
  if ! why=$(unprivileged_pass 2>&1 | tail -n 20); then
    echo "unprivileged pass could not run: $why"
    echo "unprivileged model pass could not run: $(echo "$why" | tail -n 1)" >> "$results/unprivileged.broken"
    status=1
  else
    echo "$why" | grep -E "Failed|error" | head -n 20
  fi
else
  echo "unprivileged pass skipped: not root (the pass above already ran the model tests as uid $(id -u))"
fi

python3 - "$results" <<'PY'
# Counted from each test's own outcome in the TRX files (skipped tests are "NotExecuted"); a pass that could not
# run at all left a reason in a *.broken file and counts as one failure per reason. The unprivileged TRX must
# hold at least one executed test, or that pass counts as failed too.
import glob, os, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
failures = []
for f in glob.glob(sys.argv[1] + "/*.trx"):
    executed = 0
    for r in ET.parse(f).getroot().iter(ns + "UnitTestResult"):
        o = r.get("outcome")
        if o == "Passed": passed += 1; executed += 1
        elif o == "NotExecuted": skipped += 1
        else:
            failed += 1; executed += 1
            failures.append((os.path.basename(f), r))
    if "unprivileged" in os.path.basename(f) and executed == 0:
        print(f"{os.path.basename(f)}: no test executed"); failed += 1
# Each failed test's message and the head of its stack trace and output, so a CI log alone says why.
for trx, r in failures:
    print(f"FAILED {r.get('testName')} ({trx}, {r.get('duration')})")
    for tag, limit in (("Message", 60), ("StackTrace", 12), ("StdOut", 80)):
        el = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}{tag}") if tag != "StdOut" else r.find(f"{ns}Output/{ns}StdOut")
        if el is not None and el.text:
            lines = el.text.rstrip().splitlines()
            shown = lines if tag != "StdOut" else lines[-limit:]
            for line in shown[:limit]: print(f"  {tag.lower()}: {line}")
for f in glob.glob(sys.argv[1] + "/*.broken"):
    for line in open(f):
        if line.strip(): print(line.strip()); failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
counted=$?
[ $counted -ne 0 ] && status=1
exit $status
