#!/bin/bash
# ntpclock query --samples 4 against python3-ntplib, in turn, against one throwaway chronyd server
# on a loopback port: both keep the least-delay sample of 4 requests 2 s apart.
# Usage: benchmarks/idle/client_vs_ntplib.sh NTPCLOCK_JAR [ROUNDS]   (JAVA=... picks the JDK)
set -euo pipefail
JAR=$1
ROUNDS=${2:-5}
JAVA=${JAVA:-java}
DIR=$(mktemp -d)
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'pidfile %s/chronyd.pid\nport %s\nbindaddress 127.0.0.1\nallow 127.0.0.1\nlocal stratum 10\ncmdport 0\n' \
  "$DIR" "$PORT" > "$DIR/chrony.conf"
chronyd -f "$DIR/chrony.conf" -d -x -u root > "$DIR/chronyd.log" 2>&1 &
CHRONYD=$!
trap 'kill -TERM $CHRONYD 2>/dev/null; wait $CHRONYD 2>/dev/null; rm -rf "$DIR"' EXIT
sleep 2
for round in $(seq 1 "$ROUNDS"); do
  ours=$("$JAVA" -jar "$JAR" query --json --samples 4 "127.0.0.1:$PORT" 2>/dev/null \
    | /usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["offset"], d["delay"])')
  ntplib=$(/usr/bin/python3 - "$PORT" <<'PY'
import sys, time, ntplib
client, best = ntplib.NTPClient(), None
for i in range(4):
    r = client.request("127.0.0.1", port=int(sys.argv[1]), version=4)
    best = r if best is None or r.delay < best.delay else best
    if i < 3:
        time.sleep(2)
print("%.9f %.9f" % (best.offset, best.delay))
PY
)
  echo "round $round: ntpclock offset/delay $ours | ntplib $ntplib"
done
