#!/usr/bin/env bash
# Installs, on Debian or Ubuntu as root, the optional tools the harness uses that this machine lacks; elsewhere it
# installs nothing and says the command. One script for the main command and for CI, so the two cannot drift.
#
#   scripts/install-prerequisites.sh check   # what `check` uses: nginx (proxy-idle/*), ip, iptables, sysctl (kernel backend)
#   scripts/install-prerequisites.sh tests   # and what the tests drive: chromium, the corpus's python3 and mosquitto
#
# HARNESS_INSTALL_PREREQUISITES=false makes it a no-op (bin/heartbeat-harness calls it before `check`).
set -euo pipefail

scope=${1:-check}
[ "${HARNESS_INSTALL_PREREQUISITES:-true}" = false ] && exit 0

# package name, then the command that proves it is there ("-" when only dpkg can tell).
check_packages=(procps:sysctl nginx-light:nginx iproute2:ip iptables:iptables)
test_packages=(chromium:chromium chromium-driver:chromedriver python3:python3 python3-aiohttp:- python3-tornado:-
  mosquitto:mosquitto)
case "$scope" in
  check) wanted=("${check_packages[@]}") ;;
  tests) wanted=("${check_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 check|tests" >&2; exit 2 ;;
esac

present() {
  local package=${1%%:*} command=${1#*:}
  if [ "$command" != - ]; then
    command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] || [ -x "/sbin/$command" ]
  else
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'
  fi
}

missing=()
for entry in "${wanted[@]}"; do
  present "$entry" || missing+=("${entry%%:*}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "heartbeat-harness: not installed here: ${missing[*]}; on Debian or Ubuntu, as root: $command" >&2
  exit 0
fi

# A machine whose package mirror failed once is not asked again at every run; deleting the file asks again.
failed_before=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/heartbeat-harness/install-failed
if [ "$scope" = check ] && [ -f "$failed_before" ]; then
  echo "heartbeat-harness: not installed here: ${missing[*]} (installing failed before; $failed_before): $command" >&2
  exit 0
fi

echo "heartbeat-harness: installing ${missing[*]} (HARNESS_INSTALL_PREREQUISITES=false to skip)" >&2
export DEBIAN_FRONTEND=noninteractive
# Before a run, bounded: a machine without a reachable mirror gives up in about a minute instead of waiting on apt's
# retries. CI (tests) keeps apt's own retries.
apt_options=(-o Acquire::Retries=3)
update_limit=600
if [ "$scope" = check ]; then
  apt_options=(-o Acquire::Retries=0 -o Acquire::http::Timeout=10 -o Acquire::https::Timeout=10)
  update_limit=120
fi
# shellcheck disable=SC2086  # one word per package
if ! timeout "$update_limit" apt-get "${apt_options[@]}" update -qq \
    || ! timeout 900 apt-get "${apt_options[@]}" install -y -qq --no-install-recommends ${missing[*]} >/dev/null; then
  echo "heartbeat-harness: could not install ${missing[*]}; install them yourself: $command" >&2
  mkdir -p "$(dirname "$failed_before")" && date > "$failed_before"
  exit 1
fi
# Debian starts the packaged nginx on port 80 and mosquitto on 1883; the harness runs its own of each.
if command -v systemctl >/dev/null 2>&1; then systemctl stop nginx mosquitto 2>/dev/null || true; fi
if command -v nginx >/dev/null 2>&1 && [ -f /run/nginx.pid ]; then nginx -s stop 2>/dev/null || true; fi
pkill -x mosquitto 2>/dev/null || true
