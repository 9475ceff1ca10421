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

python3 - "$results" <<'PY'
# Counted from each test's own outcome in the TRX files (skipped tests are "NotExecuted").
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    for r in ET.parse(f).getroot().iter(ns + "UnitTestResult"):
        o = r.get("outcome")
        if o == "Passed": passed += 1
        elif o == "NotExecuted": skipped += 1
        else: failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
counted=$?
[ $counted -ne 0 ] && status=1
exit $status
