-- Data health over time (regla quality check --record): per run and dataset the records read and the findings
-- per check code. Append-only. Instants are epoch milliseconds, as in V1.

CREATE TABLE regla_quality_run (
    run_id    VARCHAR(64)   NOT NULL,
    dataset   VARCHAR(200)  NOT NULL,
    ran_at    BIGINT        NOT NULL,
    records   BIGINT        NOT NULL,
    errors    BIGINT        NOT NULL,
    warnings  BIGINT        NOT NULL,
    PRIMARY KEY (run_id, dataset)
);

-- regla quality history <dataset> reads one dataset's runs in time order
CREATE INDEX regla_quality_run_dataset ON regla_quality_run (dataset, ran_at);

CREATE TABLE regla_quality_run_check (
    run_id      VARCHAR(64)   NOT NULL,
    dataset     VARCHAR(200)  NOT NULL,
    check_code  VARCHAR(200)  NOT NULL,
    findings    BIGINT        NOT NULL,
    PRIMARY KEY (run_id, dataset, check_code)
);
