-- The decision log (engine-api DecisionLog): one row per decision, written in batches by the engine's
-- background writer. Instants are epoch milliseconds (BIGINT) as in V1. No personal data: actions and
-- trace arrive masked, the facts only as a SHA-256.

CREATE TABLE regla_decision (
    decision_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    recorded_at  BIGINT        NOT NULL,
    rule_set     VARCHAR(200)  NOT NULL,
    version      VARCHAR(100)  NOT NULL,
    checksum     VARCHAR(64)   NOT NULL,
    as_of        BIGINT        NOT NULL,
    facts_hash   VARCHAR(64)   NOT NULL,
    actions      TEXT          NOT NULL,
    trace        TEXT
);

-- "recent decisions of a rule set (and version) in a time range", newest first
CREATE INDEX regla_decision_version_time ON regla_decision (rule_set, version, recorded_at);
CREATE INDEX regla_decision_time ON regla_decision (rule_set, recorded_at);
