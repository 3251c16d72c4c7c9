-- The CRM migration's load (issue 11, scale): since V21 the replay reads each file by member range, so the indexes
-- by event time serve no query but MAX(at_ms) (the default cut-over, once per run). Each cost a random B-tree insert
-- per migrated row: on H2, inserting 300,000 transactions took 2.4 x the CPU with the time index than without it
-- (benchmarks/README.md, "Loyalty migration, session 4"). The latest event time is now found by one scan.
DROP INDEX regla_migration_transaction_at;
DROP INDEX regla_migration_refund_at;
DROP INDEX regla_migration_redemption_at;
