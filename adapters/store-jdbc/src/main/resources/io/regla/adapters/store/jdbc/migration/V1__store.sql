-- Facts, outbox and cursors. Portable between H2 2.x and PostgreSQL: instants are epoch milliseconds
-- (BIGINT), so ordering and comparison need no time-zone handling on either side.

CREATE TABLE regla_fact (
    fact_type   VARCHAR(200)  NOT NULL,
    fact_id     VARCHAR(500)  NOT NULL,
    body        TEXT          NOT NULL,
    -- SHA-256 of body: "same content" is decided on this, as CLOB/TEXT columns do not compare alike on every database
    body_hash   CHAR(64)      NOT NULL,
    version     BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL,
    PRIMARY KEY (fact_type, fact_id)
);

CREATE TABLE regla_outbox (
    entry_key    VARCHAR(500)  NOT NULL PRIMARY KEY,
    channel      VARCHAR(100)  NOT NULL,
    payload_type VARCHAR(200)  NOT NULL,
    payload      TEXT          NOT NULL,
    status       VARCHAR(20)   NOT NULL,
    attempts     INT           NOT NULL,
    due_at       BIGINT        NOT NULL,
    lease_owner  VARCHAR(200),
    last_error   VARCHAR(2000),
    provider_id  VARCHAR(500),
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    version      BIGINT        NOT NULL
);

CREATE INDEX regla_outbox_due ON regla_outbox (channel, status, due_at);
CREATE INDEX regla_outbox_status ON regla_outbox (status, due_at);

CREATE TABLE regla_cursor (
    name        VARCHAR(200)   NOT NULL PRIMARY KEY,
    cursor_value VARCHAR(4000) NOT NULL,
    updated_at  BIGINT         NOT NULL
);
