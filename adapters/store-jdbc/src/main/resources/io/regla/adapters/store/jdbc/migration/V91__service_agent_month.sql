-- Charts 1 to 4, the alerts (and 7, 8 per month) at a million conversations (issue 12): a two-year window summed
-- ~60,000 rows of regla_service_agent_day. The same sums per calendar month (agent_name '' for none): a window reads
-- its whole months here (~2,000 rows for two years) and only the days its ends cut from the per-day table. Rebuilt
-- with the days an import touches (JdbcServiceRepository.refreshAggregates), filled on first use for a store that
-- holds conversations and no rows here.
CREATE TABLE regla_service_agent_month (
    month_start        DATE          NOT NULL,
    agent_id           VARCHAR(64)   NOT NULL,
    channel            VARCHAR(100)  NOT NULL,
    agent_name         VARCHAR(500)  NOT NULL,
    conversations      BIGINT        NOT NULL,
    successful         BIGINT        NOT NULL,
    sales              BIGINT        NOT NULL,
    revenue            DECIMAL(19,4) NOT NULL,
    first_response_sum BIGINT        NOT NULL,
    first_response_n   BIGINT        NOT NULL,
    resolution_sum     BIGINT        NOT NULL,
    resolution_n       BIGINT        NOT NULL,
    PRIMARY KEY (month_start, agent_id, channel, agent_name)
);

-- Each agent's busiest start day of the month (the earliest of equally busy days): the load alert's peak over a
-- window is the busiest of its whole months' peaks and its cut days.
CREATE TABLE regla_service_agent_peak_month (
    month_start   DATE        NOT NULL,
    agent_id      VARCHAR(64) NOT NULL,
    peak_day      DATE        NOT NULL,
    conversations BIGINT      NOT NULL,
    PRIMARY KEY (month_start, agent_id)
);

-- The administrator's alert lists the window's conversations without an agent (~0.3 %): found through this index
-- instead of every index entry of the window's days (~800,000 for two years at a million).
CREATE INDEX regla_service_conv_unassigned ON regla_service_conversation (agent_id, started_day);
