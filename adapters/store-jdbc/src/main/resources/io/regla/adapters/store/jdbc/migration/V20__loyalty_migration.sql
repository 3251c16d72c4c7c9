-- Loyalty purchase history (issue 11): purchases and accepted refunds the processor has seen, so a refund
-- in a later run than its purchase finds it and refunds of one purchase add up across runs.
-- Instants are kept as the original ISO-8601 text (its offset is part of the record) and as epoch millis.
CREATE TABLE regla_loyalty_purchase (
    transaction_id VARCHAR(200)   NOT NULL PRIMARY KEY,
    member_id      VARCHAR(200)   NOT NULL,
    amount         DECIMAL(19, 4) NOT NULL,
    currency       VARCHAR(10),
    category       VARCHAR(100),
    channel        VARCHAR(100),
    merchant_id    VARCHAR(200),
    posted_at      VARCHAR(40)    NOT NULL
);

CREATE TABLE regla_loyalty_refund (
    refund_id      VARCHAR(200)   NOT NULL PRIMARY KEY,
    transaction_id VARCHAR(200)   NOT NULL,
    amount         DECIMAL(19, 4) NOT NULL
);
CREATE INDEX regla_loyalty_refund_tx ON regla_loyalty_refund (transaction_id);

-- The CRM migration: the legacy export's accepted rows (history kept as exported), its rejects with the
-- check that refused them, and checkpoints (one row per stage: the last committed batch) so a killed run
-- resumes where it stopped.
CREATE TABLE regla_migration_member (
    member_id      VARCHAR(200) NOT NULL PRIMARY KEY,
    document_id    VARCHAR(100),
    full_name      VARCHAR(300),
    email          VARCHAR(300),
    tier           VARCHAR(20)  NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    enrolled_on    DATE,
    points_balance BIGINT       NOT NULL
);

CREATE TABLE regla_migration_transaction (
    transaction_id VARCHAR(200)   NOT NULL PRIMARY KEY,
    member_id      VARCHAR(200)   NOT NULL,
    posted_at      VARCHAR(40)    NOT NULL,
    at_ms          BIGINT         NOT NULL,
    amount         DECIMAL(19, 4) NOT NULL,
    currency       VARCHAR(10),
    category       VARCHAR(100),
    merchant_id    VARCHAR(200),
    channel        VARCHAR(100)
);
CREATE INDEX regla_migration_transaction_at ON regla_migration_transaction (at_ms, transaction_id);
CREATE INDEX regla_migration_transaction_member ON regla_migration_transaction (member_id);

CREATE TABLE regla_migration_refund (
    refund_id      VARCHAR(200)   NOT NULL PRIMARY KEY,
    transaction_id VARCHAR(200)   NOT NULL,
    member_id      VARCHAR(200)   NOT NULL,
    refunded_at    VARCHAR(40)    NOT NULL,
    at_ms          BIGINT         NOT NULL,
    amount         DECIMAL(19, 4) NOT NULL
);
CREATE INDEX regla_migration_refund_at ON regla_migration_refund (at_ms, refund_id);
CREATE INDEX regla_migration_refund_tx ON regla_migration_refund (transaction_id);

CREATE TABLE regla_migration_redemption (
    redemption_id  VARCHAR(200) NOT NULL PRIMARY KEY,
    member_id      VARCHAR(200) NOT NULL,
    requested_at   VARCHAR(40)  NOT NULL,
    at_ms          BIGINT       NOT NULL,
    points         BIGINT       NOT NULL,
    reward_code    VARCHAR(100)
);
CREATE INDEX regla_migration_redemption_at ON regla_migration_redemption (at_ms, redemption_id);
CREATE INDEX regla_migration_redemption_member ON regla_migration_redemption (member_id);

CREATE TABLE regla_migration_reject (
    file_name  VARCHAR(40)  NOT NULL,
    line_no    BIGINT       NOT NULL,
    record_id  VARCHAR(200),
    check_code VARCHAR(60)  NOT NULL,
    detail     VARCHAR(500),
    PRIMARY KEY (file_name, line_no)
);
CREATE INDEX regla_migration_reject_record ON regla_migration_reject (file_name, record_id);

CREATE TABLE regla_migration_checkpoint (
    stage      VARCHAR(40)   NOT NULL PRIMARY KEY,
    position   BIGINT        NOT NULL,
    state      VARCHAR(4000)
);
