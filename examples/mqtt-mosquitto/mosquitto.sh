#!/bin/sh
# Starts Debian's mosquitto on 127.0.0.1:$1 with mosquitto.conf, or the configuration file named by $2, both next to
# this script, in the foreground.
# exec: the harness's signals and kills reach mosquitto itself.
# The bound in mosquitto-broker.yaml was read in mosquitto 2.0's source (docs/corpus-mqtt.md): refuse another series.
set -eu
port=${1:?usage: mosquitto.sh PORT [CONF]}
conf=${2:-mosquitto.conf}
broker=$(command -v mosquitto || true)
if [ -z "$broker" ] && [ -x /usr/sbin/mosquitto ]; then
  broker=/usr/sbin/mosquitto   # /usr/sbin is not on a non-root user's PATH on Debian
fi
if [ -z "$broker" ]; then
  echo "mosquitto.sh: mosquitto is not installed (Debian: apt-get install mosquitto)" >&2
  exit 2
fi
version=$("$broker" -h 2>/dev/null | sed -n 's/^mosquitto version \([0-9.]*\).*/\1/p')
case "$version" in
  2.0.*) ;;
  *) echo "mosquitto.sh: mosquitto ${version:-of unknown version} is not the 2.0 series the specs' bounds were read from" >&2
     exit 2 ;;
esac
exec "$broker" -c "$(dirname "$0")/$conf" -p "$port"
