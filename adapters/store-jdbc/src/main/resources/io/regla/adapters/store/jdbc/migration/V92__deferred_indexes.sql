-- Indexes a bulk stage dropped and must build again (issue 11, scale): the CRM migration's replay appends the ledgers
-- of millions of members, and the entries' expiry index (expires_at, member_id) takes a random B-tree insert per
-- accrual; building it once after the replay costs a fraction of that (benchmarks/README.md, "Loyalty migration,
-- session 6"). A row is written before its index is dropped and deleted after the index exists again, so a run killed
-- at any point leaves here what a resumed run must still build. Without the index every query stays correct (slower).
CREATE TABLE regla_deferred_index (
    index_name VARCHAR(200)  NOT NULL PRIMARY KEY,
    table_name VARCHAR(200)  NOT NULL,
    create_sql VARCHAR(2000) NOT NULL
);
