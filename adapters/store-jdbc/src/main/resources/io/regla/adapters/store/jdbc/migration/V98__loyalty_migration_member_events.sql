-- The CRM migration's replay reads each chunk of members' events by member range (issue 11, scale). A real CRM export is
-- in time (or id) order, and H2 keeps a table's rows in insertion order: with an index on member_id alone every event
-- read was a random row fetch after the index lookup. Each member index now carries every column the replay reads, so
-- a chunk's events are one range scan of the index, in member order whatever order the rows were loaded in, and the row
-- is never fetched (benchmarks/README.md, "Loyalty migration, session 10: reads"). The indexes on member_id alone served
-- nothing else: these serve the same lookups. No query's result changes.
DROP INDEX regla_migration_transaction_member;
DROP INDEX regla_migration_refund_member;
DROP INDEX regla_migration_redemption_member;
CREATE INDEX regla_migration_transaction_member_events
    ON regla_migration_transaction (member_id, transaction_id, posted_at, amount, currency, category, merchant_id, channel);
CREATE INDEX regla_migration_refund_member_events
    ON regla_migration_refund (member_id, refund_id, transaction_id, refunded_at, amount);
CREATE INDEX regla_migration_redemption_member_events
    ON regla_migration_redemption (member_id, redemption_id, requested_at, points, reward_code);
