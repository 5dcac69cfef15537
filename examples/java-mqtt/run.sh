#!/bin/sh
# Runs one of this project's mains: run.sh CLASS [ARGS...], e.g. run.sh MoquetteBroker 1883 or run.sh PahoClient
# 127.0.0.1 1883. Paths are relative to this script's directory, so the specs can start it from anywhere.
# exec: the harness's signals (SIGSTOP, SIGTERM, kill) reach the JVM itself.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
class=${1:?usage: run.sh CLASS [ARGS...]}
shift
if [ ! -d "$here/target/lib" ] || [ ! -f "$here/target/java-mqtt.jar" ]; then
  echo "run.sh: $here/target/lib is missing; build it first: mvn -B -q -f examples/java-mqtt/pom.xml package" >&2
  exit 2
fi
exec java -cp "$here/target/java-mqtt.jar:$here/target/lib/*" "example.$class" "$@"
