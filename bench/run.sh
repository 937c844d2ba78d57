#!/usr/bin/env bash
# Reruns the side-by-side comparison: builds the bench module through the reactor, then starts the
# sink and S3Proxy and every client, each in a JVM of its own, and writes bench/results/<time>/.
#   ./bench/run.sh                                  # everything, 3 rounds (about 90 minutes on 2 cores)
#   ./bench/run.sh rounds=1 servers=sink workloads=put4k clients=ferry,aws-netty warmup=5 measure=10
# Arguments are name=value: rounds, servers, workloads, clients, warmup and measure (seconds, for
# put4k and get1m), uploads (measured 1 GiB uploads per multipart run), clientJvm, jvm.<client>.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -pl bench -am package -DskipTests
fi
exec java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.ferry.bench.compare.Coordinator "$@"
