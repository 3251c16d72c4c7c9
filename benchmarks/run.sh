#!/usr/bin/env bash
# Runs the Regla benchmarks (never part of `mvn verify`).
#
#   benchmarks/run.sh [JMH options] [benchmark regexp]   JMH, e.g. benchmarks/run.sh -f 1 -wi 2 -w 1s -i 3 -r 1s
#   benchmarks/run.sh kafka-stream [EVENTS] [ROUNDS]     loyalty on Kafka Streams: events/s on one partition vs the batch processor
#   benchmarks/run.sh heap [N]                           retained heap per compiled version (default N=50)
#   benchmarks/run.sh migration M T DIR [BATCH] [h2|postgres] [anc] [threads=N] [noplain] [order=member|time] [export=DIR] [stop=load]
#                                                        loyalty CRM migration (issue 11), -Xmx4g; order=time: the export
#                                                        in time order as a core-banking CRM writes it (default member);
#                                                        export=DIR: migrate that export, not a generated one; stop=load:
#                                                        end after the load
#   benchmarks/run.sh before-check M T DIR [ROUNDS]     loyalty migration's before check: two passes vs one shared read, thread CPU
#   benchmarks/run.sh replay-ratio M T DIR [BATCH] [MEMBERS_PER_CHUNK] [ROUNDS] [anc] [exec]   loyalty replay in memory, engine vs plain Java
#   benchmarks/run.sh ledger-commit-costs DB DIR [ROUNDS] [MEMBERS_PER_CHUNK]   the replay's ledger appends on H2 per dropped index
#   benchmarks/run.sh h2-row-costs DIR [ROWS]            what one appended row costs embedded H2 (the floor under the migration)
#   benchmarks/run.sh rule-costs M T DIR [ROUNDS]         loyalty replay per rule construct (variants of the rules in DIR/variants), us/event
#   benchmarks/run.sh interleaved [ROUNDS]               target ratios measured turn by turn (robust to a busy neighbour)
#   benchmarks/run.sh quality-memory [N...]              live heap of a data-quality check of N records (default 100k 1M 4M)
#   benchmarks/run.sh service-ratios [N] [ROUNDS]       service dashboard charts at N conversations (1,000,000), median ms
#                                                        and ratio to a fixed baseline, turn by turn (issue 12)
#   benchmarks/run.sh report FILE.json                   medians and target ratios from a JMH JSON result (-rf json)
#   benchmarks/run.sh peers [ROUNDS]                     Regla vs Easy Rules and Evrete (and the alpha network compiler), turn by turn
#   benchmarks/run.sh coldstart [N] [--one RULE-SET]     JVM start -> one decision with each bundled version (or of one
#                                                        rule set), median of N (10): DRL, precompiled, start-up index, flags
#   benchmarks/run.sh coldstart-cds [N] [--one RULE-SET] the same, plus the index + flags with an AppCDS archive
#
# It builds the module and what it needs through the reactor (`mvn package`, tests skipped; nothing is
# installed), then starts JMH with the module's runtime classpath, which the build writes to
# benchmarks/target/runtime-classpath.txt. SKIP_BUILD=1 reuses the last build; REGLA_MVN_FLAGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  mvn -B -q ${REGLA_MVN_FLAGS:-} -pl benchmarks -am package -DskipTests
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"

if [ "${1:-}" = kafka-stream ]; then
  shift
  exec java -Xmx2g -cp "$CP" io.regla.benchmarks.kafka.LoyaltyStreamThroughput "$@"
fi

if [ "${1:-}" = heap ]; then
  shift
  exec java -XX:+UseSerialGC -Xmx1g -cp "$CP" io.regla.benchmarks.HeapPerVersion "$@"
fi
if [ "${1:-}" = migration ]; then
  # issue 11's scale run: MEMBERS TRANSACTIONS WORKDIR [BATCH], heap capped at the 4 GiB target
  shift
  # ParallelGC: a batch job wants throughput; G1 cost the 30,000-member run 30 % more process CPU (benchmarks/README.md,
  # "Loyalty migration, session 5: pipeline")
  exec java -Xmx4g -XX:+UseParallelGC -cp "$CP" io.regla.benchmarks.loyalty.LoyaltyMigrationBenchmark "$@"
fi
if [ "${1:-}" = before-check ]; then
  # the before check (contracts + profile) turn by turn: the two passes it made against one shared read
  shift
  exec java -Xmx2g -XX:+UseParallelGC -cp "$CP" io.regla.rules.loyalty.migration.BeforeCheckRatio "$@"
fi
if [ "${1:-}" = replay-ratio ]; then
  # the replay's rules cost alone, in memory: engine (chunks of members) vs plain Java, turn by turn
  shift
  exec java -Xmx4g -cp "$CP" io.regla.benchmarks.loyalty.LoyaltyReplayRatio "$@"
fi
if [ "${1:-}" = ledger-commit-costs ]; then
  # what each ledger index costs the replay's ordered commits on H2, turn by turn (DB: a migration run's H2 file)
  shift
  exec java -Xmx4g -XX:+UseParallelGC -cp "$CP" io.regla.benchmarks.loyalty.LedgerCommitCosts "$@"
fi
if [ "${1:-}" = h2-row-costs ]; then
  # the floor: per-row CPU and wall of H2 appends in the migration's shapes and orders
  shift
  exec java -Xmx4g -XX:+UseParallelGC -cp "$CP" io.regla.benchmarks.loyalty.H2RowCosts "$@"
fi
if [ "${1:-}" = rule-costs ]; then
  # what each construct of the loyalty rules costs per event in the replay, turn by turn
  shift
  exec java -Xmx4g -cp "$CP" io.regla.benchmarks.loyalty.LoyaltyRuleCosts "$@"
fi
if [ "${1:-}" = interleaved ]; then
  shift
  exec java -cp "$CP" io.regla.benchmarks.InterleavedRatios "$@"
fi
if [ "${1:-}" = peers ]; then
  shift
  exec java -cp "$CP" io.regla.benchmarks.peers.PeerRatios "$@"
fi
if [ "${1:-}" = coldstart ] || [ "${1:-}" = coldstart-cds ]; then
  # Jars only (the module's own jar, not target/classes): as an application ships, and what AppCDS needs.
  JARS="$(ls benchmarks/target/benchmarks-*.jar | grep -v -e sources -e tests | head -1):$(cat benchmarks/target/runtime-classpath.txt)"
  if [ "$1" = coldstart-cds ]; then
    shift
    ARCHIVE=benchmarks/target/first-decision.jsa
    # A dynamic archive (Java 13+) of the classes loaded by one decision with each bundled version, dumped at
    # exit with the launcher's flags, as bin/regla makes one on its first run; its notes on classes it cannot
    # archive (Drools' generated ones) go to benchmarks/target/first-decision-dump.log.
    rm -f "$ARCHIVE"
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$ARCHIVE" \
      -Xlog:cds*=warning:file=benchmarks/target/first-decision-dump.log -cp "$JARS" \
      io.regla.benchmarks.coldstart.FirstDecision >/dev/null
    exec java -cp "$JARS" io.regla.benchmarks.coldstart.ColdStart "$@" --cds "$ARCHIVE"
  fi
  shift
  exec java -cp "$JARS" io.regla.benchmarks.coldstart.ColdStart "$@"
fi
if [ "${1:-}" = quality-memory ]; then
  shift
  exec java -XX:+UseSerialGC -Xmx1g -cp "$CP" io.regla.benchmarks.quality.QualityMemory "$@"
fi
if [ "${1:-}" = service-ratios ]; then
  shift
  exec java -Xmx2g -cp "$CP" io.regla.benchmarks.service.ServiceChartRatios "$@"
fi
if [ "${1:-}" = report ]; then
  shift
  exec java -cp "$CP" io.regla.benchmarks.BenchReport "$@"
fi
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
