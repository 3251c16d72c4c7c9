-- The CRM migration replays its history a chunk of members at a time (issue 11, scale): each file is read by
-- member range. Transactions and redemptions have their member index since V20; refunds get theirs here.
CREATE INDEX regla_migration_refund_member ON regla_migration_refund (member_id);
