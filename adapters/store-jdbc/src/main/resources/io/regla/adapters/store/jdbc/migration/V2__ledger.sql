-- Loyalty points ledger: append-only entries per member. Balances are never stored; they are the sum of
-- the entries. Sized for millions of members and tens of millions of entries: every read is by member
-- (primary key prefix), the expiry run reads by expiry instant.

-- One row per member, locked (SELECT ... FOR UPDATE) while a posting is appended, so postings of one
-- member are serialised; entry_count numbers the member's entries.
CREATE TABLE regla_ledger_member (
    member_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    entry_count  BIGINT       NOT NULL
);

-- The unique key of a posting: the same source appended twice fails here, not on a prior read.
CREATE TABLE regla_ledger_posting (
    posting_kind VARCHAR(20)  NOT NULL,
    source_id    VARCHAR(200) NOT NULL,
    member_id    VARCHAR(200) NOT NULL,
    recorded_at  BIGINT       NOT NULL,
    PRIMARY KEY (posting_kind, source_id)
);

CREATE TABLE regla_ledger_entry (
    member_id    VARCHAR(200) NOT NULL,
    entry_no     BIGINT       NOT NULL,
    kind         VARCHAR(20)  NOT NULL,
    source_id    VARCHAR(200) NOT NULL,
    -- '' for entries that belong to no lot (a negative balance and its repayment)
    lot_id       VARCHAR(220) NOT NULL,
    points       BIGINT       NOT NULL,
    occurred_at  BIGINT       NOT NULL,
    available_at BIGINT,
    expires_at   BIGINT,
    recorded_at  BIGINT       NOT NULL,
    note         VARCHAR(500),
    PRIMARY KEY (member_id, entry_no)
);

-- The expiry run: lots (accrual rows carry expires_at) due by an instant.
CREATE INDEX regla_ledger_entry_expiry ON regla_ledger_entry (expires_at, member_id);
