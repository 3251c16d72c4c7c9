-- Customer service (issue 12, seed 003): imported conversations and sales, the service rule set's verdicts, and
-- per-day aggregates so that every chart reads a few thousand rows whatever the volume.

-- One row per conversation (idempotent by id). Days are UTC dates; week_start (Monday) and month_start are stored
-- so charts group by period with an index instead of a date function. sales_count and revenue are the linked
-- sales, kept with the rules' verdict (successful, customer_status and its rank) when the conversation is classified.
CREATE TABLE regla_service_conversation (
    id                     VARCHAR(64)   NOT NULL PRIMARY KEY,
    customer_id            VARCHAR(64)   NOT NULL,
    customer_name          VARCHAR(500),
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    started_day            DATE          NOT NULL,
    week_start             DATE          NOT NULL,
    month_start            DATE          NOT NULL,
    closed_at              TIMESTAMP WITH TIME ZONE,
    closed_day             DATE,
    status                 VARCHAR(20)   NOT NULL,
    channel                VARCHAR(100)  NOT NULL,
    agent_id               VARCHAR(64),
    agent_name             VARCHAR(500),
    first_response_seconds BIGINT,
    resolution_seconds     BIGINT,
    result                 VARCHAR(30),
    customer_status_after  VARCHAR(30),
    agent_comments         VARCHAR(10000),
    classified             BOOLEAN       DEFAULT FALSE NOT NULL,
    successful             BOOLEAN       DEFAULT FALSE NOT NULL,
    customer_status        VARCHAR(20),
    status_rank            INTEGER       DEFAULT 0 NOT NULL,
    sales_count            INTEGER       DEFAULT 0 NOT NULL,
    revenue                DECIMAL(19,4) DEFAULT 0 NOT NULL
);
-- chart 5 (customers per status per period), covering
CREATE INDEX regla_service_conv_day ON regla_service_conversation (started_day, customer_id, status_rank);
CREATE INDEX regla_service_conv_week ON regla_service_conversation (week_start, started_day, customer_id, status_rank);
CREATE INDEX regla_service_conv_month ON regla_service_conversation (month_start, started_day, customer_id, status_rank);
-- chart 6 (seen in an earlier month?)
CREATE INDEX regla_service_conv_customer ON regla_service_conversation (customer_id, started_day);
-- chart 2 medians, unassigned conversations, aggregate rebuilds
CREATE INDEX regla_service_conv_agent ON regla_service_conversation (started_day, agent_id, first_response_seconds, resolution_seconds);
CREATE INDEX regla_service_conv_closed ON regla_service_conversation (closed_day);
CREATE INDEX regla_service_conv_classified ON regla_service_conversation (classified);

CREATE TABLE regla_service_sale (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    product_id      VARCHAR(64)   NOT NULL,
    product_name    VARCHAR(500),
    conversation_id VARCHAR(64)   NOT NULL,
    quantity        DECIMAL(19,4) NOT NULL,
    unit_price      DECIMAL(19,4) NOT NULL,
    amount          DECIMAL(19,4) NOT NULL
);
CREATE INDEX regla_service_sale_conversation ON regla_service_sale (conversation_id);

-- Per start day, agent ('' for none) and channel: charts 1, 2 (means), 3, 4, 7 (started), 8 and the alerts.
CREATE TABLE regla_service_agent_day (
    started_day        DATE          NOT NULL,
    agent_id           VARCHAR(64)   NOT NULL,
    channel            VARCHAR(100)  NOT NULL,
    agent_name         VARCHAR(500),
    conversations      BIGINT        NOT NULL,
    successful         BIGINT        NOT NULL,
    sales              BIGINT        NOT NULL,
    revenue            DECIMAL(19,4) NOT NULL,
    first_response_sum BIGINT        NOT NULL,
    first_response_n   BIGINT        NOT NULL,
    resolution_sum     BIGINT        NOT NULL,
    resolution_n       BIGINT        NOT NULL,
    PRIMARY KEY (started_day, agent_id, channel)
);

-- Resolved conversations per closing day and start day (the start day applies the two-year exclusion): chart 7.
CREATE TABLE regla_service_resolved_day (
    closed_day  DATE   NOT NULL,
    started_day DATE   NOT NULL,
    resolved    BIGINT NOT NULL,
    PRIMARY KEY (closed_day, started_day)
);

-- The ranks the rule set gave each status (status-ranks.csv of the version that classified): chart 5 reads a
-- customer's highest rank in a period back as a status.
CREATE TABLE regla_service_status_rank (
    status VARCHAR(20) NOT NULL PRIMARY KEY,
    status_rank INTEGER NOT NULL
);
