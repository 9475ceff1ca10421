#!/usr/bin/env bash
# The main job on an example: build ujail, install a package under the jail, run what it installed, show what
# changed — and show that the host did not change. Run as root (dpkg refuses to run otherwise; a normal user
# will be able to do this with --fake-root); as a normal user the demo installs with a plain script instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "== building ujail"
dotnet build src/UjailOverlay.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
ujail=src/UjailOverlay.Cli/bin/Release/net10.0/ujail
state=$(mktemp -d /tmp/ujail-demo.XXXXXX)/state
work=$(dirname "$state")
if [ "$(id -u)" = 0 ]; then
  dpkg-deb --root-owner-group -b fixtures/examples/hello-deb "$work/ujail-hello.deb" >/dev/null
  install=(dpkg -i "$work/ujail-hello.deb")
  program=ujail-hello
  watched=(/usr/bin/ujail-hello /etc/ujail-hello.conf)
else
  mkdir -p "$work/home"
  install=(/bin/sh -c "mkdir -p \$HOME/.local/bin && cp fixtures/examples/hello-deb/usr/bin/ujail-hello \$HOME/.local/bin/ && echo installed")
  program="$HOME/.local/bin/ujail-hello"
  watched=("$HOME/.local/bin/ujail-hello")
fi
echo "== before: on the host"
ls -l "${watched[@]}" 2>&1 || true
echo "== installing inside the jail: ${install[*]}"
"$ujail" run --state "$state" -- "${install[@]}"
echo "== running the installed program inside the jail (second run, same state)"
"$ujail" run --state "$state" -- $program || true
echo "== what the install changed (ujail diff)"
"$ujail" diff "$state" || true
echo "== after: on the host (unchanged)"
ls -l "${watched[@]}" 2>&1 || true
echo "== state directory: $state"
