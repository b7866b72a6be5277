#!/usr/bin/env bash
# What the Dockerfile's runtime stage does, checked without a Docker engine (run by .ci/run; needs the npm registry):
#  1. a production install of the built tree in a temp copy (`npm ci --omit=dev`, no packages/sandbox) has no dev tools;
#  2. `node dist/main.js` with NODE_ENV=production runs against the emulators in a separate process
#     (`npm run sandbox:serve`): /healthz, /readyz, the identity it runs as, SIGTERM exits 0;
#  3. NODE_ENV=production without AZURE_SUBSCRIPTION_IDS exits non-zero with one line and no stack.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '\n== check-production: %s\n' "$*"; }
fail() {
  printf '\ncheck-production FAILED: %s\n' "$*" >&2
  for f in "${work:-/nonexistent}"/*.out; do [ -f "$f" ] && { printf -- '--- %s\n' "$f" >&2; tail -n 40 "$f" >&2; }; done
  exit 1
}

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Polls a condition (a shell command) until it holds or the deadline passes: waits on state, not on time.
wait_until() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${seconds}s waiting for: $what"
    sleep 0.5
  done
}

log "npm run build"
npm run build >"$work/build.out" 2>&1 || fail "npm run build"

log "runtime stage: npm ci --omit=dev in a copy with dist/, cards/, manifest/ and no packages/sandbox"
app="$work/app"
mkdir -p "$app"
cp package.json package-lock.json "$app/"
cp -r dist cards manifest "$app/"
(cd "$app" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error) >"$work/install.out" 2>&1 || fail "npm ci --omit=dev"
for pkg in tsx azurite @microsoft/m365agentsplayground selfsigned typescript vitest @palisade/sandbox; do
  [ ! -e "$app/node_modules/$pkg" ] || fail "the production install contains $pkg"
done
echo "no tsx, azurite, Agents Playground, selfsigned, typescript, vitest or sandbox in the production install"

log "emulators in their own process: npm run sandbox:serve"
# node itself (not npm run) so that the pid we kill at the end is the emulators' process, not a wrapper
node --conditions=source --import tsx packages/sandbox/src/serve.ts --data-dir "$work/emulators" >"$work/emulators.out" 2>&1 &
pids+=($!)
wait_until "the emulators' READY line" 120 grep -q '^READY ' "$work/emulators.out"

log "node dist/main.js with NODE_ENV=production against them"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
(
  set -a
  . "$work/emulators/production.env"
  set +a
  cd "$app"
  PORT=$port HOST=127.0.0.1 PALISADE_DATA_DIR="$work/data" exec node dist/main.js
) >"$work/palisade.out" 2>&1 &
palisade=$!
pids+=($palisade)

http_status() { node -e "fetch(process.argv[1]).then(r=>r.text().then(t=>{console.log(r.status+' '+t)})).catch(e=>{console.log('000 '+e.message)})" "$1"; }
healthz_ok() { http_status "http://127.0.0.1:$port/healthz" | grep -q '^200 '; }
wait_until "/healthz 200" 60 healthz_ok
healthz=$(http_status "http://127.0.0.1:$port/healthz")
echo "/healthz → $healthz"
echo "$healthz" | grep -q '"mode":"azure"' || fail "/healthz does not say azure mode: $healthz"
readyz=$(http_status "http://127.0.0.1:$port/readyz")
echo "/readyz → $readyz"
echo "$readyz" | grep -q '^200 .*"ready":true' || fail "/readyz is not ready: $readyz"
wait_until "the startup identity log line" 60 grep -q '"msg":"Azure access checked"' "$work/palisade.out"
grep '"msg":"Azure access checked"' "$work/palisade.out" | grep -q '"objectId":"5a1e0b0e-0000-4000-8000-00000000a15d"' || fail "the identity log line does not name the sandbox principal"
secret=$(grep '^AZURE_CLIENT_SECRET=' "$work/emulators/production.env" | cut -d= -f2-)
! grep -qF "$secret" "$work/palisade.out" || fail "the client secret reached the log"
echo "runs as the sandbox principal; sees $(grep -o '"clusters":[0-9]*' "$work/palisade.out" | head -1)"

kill -TERM "$palisade"
set +e
wait "$palisade"
code=$?
set -e
[ "$code" -eq 0 ] || fail "SIGTERM: exit code $code (expected 0)"
grep -q '"msg":"stopped"' "$work/palisade.out" || fail "no 'stopped' log line after SIGTERM"
echo "SIGTERM → drained, exit 0"

log "NODE_ENV=production without AZURE_SUBSCRIPTION_IDS"
set +e
out=$(cd "$app" && env -i PATH="$PATH" HOME="$work" NODE_ENV=production MicrosoftAppId=00000000-0000-4000-8000-000000000001 \
  MicrosoftAppType=SingleTenant MicrosoftAppPassword=not-a-secret MicrosoftAppTenantId=00000000-0000-4000-8000-000000000002 \
  node dist/main.js 2>&1)
code=$?
set -e
echo "exit $code: $out"
[ "$code" -ne 0 ] || fail "exited 0"
[ "$(printf '%s\n' "$out" | grep -c .)" -eq 1 ] || fail "expected one line, got: $out"
! printf '%s' "$out" | grep -qE '^\s+at ' || fail "printed a stack trace"
printf '%s' "$out" | grep -q 'AZURE_SUBSCRIPTION_IDS' || fail "the line does not name AZURE_SUBSCRIPTION_IDS"

log "passed"
