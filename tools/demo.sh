#!/usr/bin/env bash
# The main job on an example: build ujail, install a package under the jail, run what it installed, show what
# changed — and show that the host did not change. As root, or as a normal user (then with --fake-root).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "== building ujail"
dotnet build src/UjailOverlay.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
ujail=src/UjailOverlay.Cli/bin/Release/net10.0/ujail
state=$(mktemp -d /tmp/ujail-demo.XXXXXX)/state
work=$(dirname "$state")
dpkg-deb --root-owner-group -b fixtures/examples/hello-deb "$work/ujail-hello.deb" >/dev/null
install=(dpkg -i "$work/ujail-hello.deb")
program=ujail-hello
watched=(/usr/bin/ujail-hello /etc/ujail-hello.conf)
# dpkg insists on root: a normal user runs it with --fake-root (uid 0 inside, owners and modes kept virtually).
fake=()
[ "$(id -u)" = 0 ] || fake=(--fake-root)
echo "== before: on the host"
ls -l "${watched[@]}" 2>&1 || true
echo "== installing inside the jail: ${install[*]}"
"$ujail" run --state "$state" "${fake[@]}" -- "${install[@]}"
echo "== running the installed program inside the jail (second run, same state)"
"$ujail" run --state "$state" "${fake[@]}" -- $program || true
echo "== what the install changed (ujail diff)"
"$ujail" diff "$state" || true
echo "== after: on the host (unchanged)"
ls -l "${watched[@]}" 2>&1 || true
echo "== state directory: $state"
