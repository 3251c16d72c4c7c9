-- Chart 5's customer numbers (V90) were given as MAX(customer_no) + ROW_NUMBER(): two imports refreshing their
-- aggregates at the same time both read the same MAX and gave two customers one number, which merged them in the
-- chart's counts (or failed on a customer both numbered). The last number given now lives in one row that every
-- numbering updates first: the row's lock makes numberings take turns, and the second sees the first's numbers.
CREATE TABLE regla_service_customer_counter (
    id      SMALLINT NOT NULL PRIMARY KEY,
    last_no INTEGER  NOT NULL
);

INSERT INTO regla_service_customer_counter (id, last_no)
SELECT 1, COALESCE(MAX(customer_no), 0) FROM regla_service_customer_number;
