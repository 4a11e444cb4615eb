-- The period_over_period table of a warehouse with no observations yet (a new home): the columns
-- refresh_period_over_period.sql gives it, without planning the whole chain of macros over empty
-- tables (a tenth of a first load at 100k rows; issue 13). The first load with rows refreshes it.
-- tests/warehouse/test_db.py checks these columns and types against a refreshed table.
CREATE OR REPLACE TABLE period_over_period (
    jurisdiction       VARCHAR,
    category           VARCHAR,
    metric             VARCHAR,
    unit               VARCHAR,
    comparison         VARCHAR,
    period_label       VARCHAR,
    value              DOUBLE,
    prior_period_label VARCHAR,
    prior_value        DOUBLE,
    change_abs         DOUBLE,
    change_pct         DOUBLE,
    source_tier        VARCHAR,
    reason             VARCHAR,
    is_derived         BOOLEAN,
    prior_is_derived   BOOLEAN,
    document_url       VARCHAR,
    prior_source_tier  VARCHAR,
    prior_document_url VARCHAR
);
