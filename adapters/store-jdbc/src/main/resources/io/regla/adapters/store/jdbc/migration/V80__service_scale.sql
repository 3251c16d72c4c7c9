-- Customer service at a million conversations (issue 12): aggregates for the charts that read conversation rows
-- (2 medians, 6 retention), rebuilt by the import for what it touches (idempotent: always recomputed from the
-- conversations). The import's next refresh fills them for conversations stored before this migration
-- (JdbcServiceRepository.refreshAggregates rebuilds them whole when they are empty and conversations are not).

-- Chart 2 medians: per start day and agent ('' for none), a histogram of first-response and resolution seconds
-- (ResponseHistogram: "bucket:count,..."; exact below 64 s, buckets 5 % wide above: medians within 2.5 %).
CREATE TABLE regla_service_response_day (
    started_day    DATE         NOT NULL,
    agent_id       VARCHAR(64)  NOT NULL,
    first_response VARCHAR(10000),
    resolution     VARCHAR(10000),
    PRIMARY KEY (started_day, agent_id)
);

-- The same per calendar month (the sum of its days): a window reads its whole months here and its end days above.
CREATE TABLE regla_service_response_month (
    month_start    DATE         NOT NULL,
    agent_id       VARCHAR(64)  NOT NULL,
    first_response VARCHAR(10000),
    resolution     VARCHAR(10000),
    PRIMARY KEY (month_start, agent_id)
);

-- Chart 6: one row per customer and month with a conversation started in it, with the customer's last start day
-- before that month (null: none), so "seen in an earlier month since the horizon" is prev_day >= horizon.
CREATE TABLE regla_service_customer_month (
    month_start DATE        NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    prev_day    DATE,
    PRIMARY KEY (customer_id, month_start)
);
CREATE INDEX regla_service_customer_month_m ON regla_service_customer_month (month_start, prev_day);

-- ... counted per month and previous day (prev_day null: a customer's first month ever): a whole month of a
-- window is a few hundred rows whatever the number of customers.
CREATE TABLE regla_service_retention_month (
    month_start DATE   NOT NULL,
    prev_day    DATE,
    customers   BIGINT NOT NULL
);
CREATE INDEX regla_service_retention_month_m ON regla_service_retention_month (month_start, prev_day);

-- The zone whose calendar dates the service tables' days are (started_day, closed_day, weeks, months): chosen by
-- the first import (`regla service import --zone`, default the system's). Stores imported before this migration
-- used UTC dates, and say so.
CREATE TABLE regla_service_setting (
    name          VARCHAR(40)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(200) NOT NULL
);
INSERT INTO regla_service_setting (name, setting_value)
    SELECT DISTINCT 'zone', 'UTC' FROM regla_service_conversation;
