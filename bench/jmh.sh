#!/usr/bin/env bash
# Runs the JMH microbenchmarks (signing, aws-chunked encoding, checksums) after building the bench
# module through the reactor. Extra arguments go to JMH: ./bench/jmh.sh ChecksumBenchmark -p algorithm=CRC32C
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -pl bench -am package -DskipTests
fi
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main "$@"
