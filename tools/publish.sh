#!/usr/bin/env bash
# Publishes ujail with NativeAOT into artifacts/ujail-aot and prints the path of the native binary (last line).
# The jail re-executes ujail itself as the trampoline of every `run`, so start-up time matters: the AOT binary
# starts in a few ms where the JIT apphost takes over a second (docs/bench.md).
# NativeAOT links with clang (lld if present) and needs zlib's headers; they are installed with apt-get when
# missing (root), else the script stops and says what to install.
#   tools/publish.sh            publish, then a smoke check (ujail --version, a jailed /bin/true)
#   tools/publish.sh --no-check publish only
set -euo pipefail
cd "$(dirname "$0")/.."
check=1
[ "${1:-}" = "--no-check" ] && check=0
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
command -v clang >/dev/null || missing+=(clang)
command -v ld.lld >/dev/null || missing+=(lld)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "publish: installing ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "publish: NativeAOT needs: ${missing[*]} (apt-get install them as root)" >&2
    exit 1
  fi
fi

out=artifacts/ujail-aot
rm -rf "$out"
# LiteDB's (run history) trim/AOT summaries IL2104/IL3053 stay warnings (see the csproj); anything else fails.
dotnet publish src/UjailOverlay.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out" -nologo -v quiet \
  -clp:NoSummary >&2
# Only the native binary and SQLite's native library are needed at run time; the rest is debug information.
rm -f "$out"/*.pdb
bin="$(pwd)/$out/ujail"
[ -x "$bin" ] || { echo "publish: $bin was not produced" >&2; exit 1; }

if [ $check = 1 ]; then
  smoke=$(mktemp -d /tmp/ujail-publish.XXXXXX)
  trap 'rm -rf "$smoke"' EXIT
  "$bin" --version >&2
  rc=0
  out_hi=$(timeout 60 "$bin" run --state "$smoke/state" -- /bin/sh -c 'echo hi; echo x > /tmp/ujail-publish-smoke') || rc=$?
  if [ $rc != 0 ] || [ "$out_hi" != hi ] || [ ! -f "$smoke/state/upper/tmp/ujail-publish-smoke" ] || [ -e /tmp/ujail-publish-smoke ]; then
    echo "publish: smoke check failed (status $rc, output '$out_hi'; the write must land in the state, not on the host)" >&2
    exit 1
  fi
  # A schema-1 state keeps its run history in history.db (LiteDB, not annotated for trimming): read it as it
  # is, then let a run import it.
  cp -r fixtures/statedirs-golden/v1 "$smoke/v1"
  if ! "$bin" state history "$smoke/v1" | grep -q 'vi /etc/passwd' \
     || ! timeout 60 "$bin" run --state "$smoke/v1" -- /bin/true \
     || [ -e "$smoke/v1/history.db" ] || [ "$("$bin" state history "$smoke/v1" | wc -l)" -lt 3 ]; then
    echo "publish: smoke check failed: a version-1 state's history.db was not read or not imported" >&2
    exit 1
  fi
  echo "publish: smoke check passed ($(du -h "$bin" | cut -f1) binary)" >&2
fi
echo "$bin"
