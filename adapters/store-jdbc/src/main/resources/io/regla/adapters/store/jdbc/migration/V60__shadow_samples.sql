-- Shadow samples (engine-api DecisionLog.writeShadow): decisions where a candidate version, run in shadow,
-- decided otherwise than the serving version, or failed. Bounded by the engine (a few per version pair).
-- Masked like regla_decision: actions and differences arrive masked, the facts only as a SHA-256.

CREATE TABLE regla_shadow_sample (
    sample_id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    recorded_at        BIGINT        NOT NULL,
    rule_set           VARCHAR(200)  NOT NULL,
    version            VARCHAR(100)  NOT NULL,
    candidate          VARCHAR(100)  NOT NULL,
    as_of              BIGINT        NOT NULL,
    facts_hash         VARCHAR(64)   NOT NULL,
    actions            TEXT          NOT NULL,
    candidate_actions  TEXT,
    difference         TEXT,
    error              VARCHAR(4000)
);

CREATE INDEX regla_shadow_sample_time ON regla_shadow_sample (rule_set, recorded_at);
