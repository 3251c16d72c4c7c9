-- Chart 5 at a million conversations (issue 12): a customer's highest status per period and over the whole window
-- read ~800,000 index entries for two years. Instead, per start day, the day's customers (as small numbers) with
-- their highest status rank that day: ~3 bytes a customer, ~4 KB a day at a million conversations over 2.5 years, so
-- any window and granularity is a few hundred rows whose distinct customers are counted in memory, exactly
-- (JdbcServiceRepository.refreshAggregates rebuilds the days an import touched; a store with conversations and no
-- rows here is filled on first use).

-- A number per customer, given once (never reused) in customer_id order of each rebuild's new customers.
CREATE TABLE regla_service_customer_number (
    customer_id VARCHAR(64) NOT NULL PRIMARY KEY,
    customer_no INTEGER     NOT NULL
);

-- ServiceStatusDays' encoding: per customer in ascending number, varint(number - previous number), varint(rank).
CREATE TABLE regla_service_status_day (
    started_day DATE  NOT NULL PRIMARY KEY,
    customers   BYTEA NOT NULL
);

-- Read by chart 5 alone, which no longer reads conversations.
DROP INDEX regla_service_conv_week;
