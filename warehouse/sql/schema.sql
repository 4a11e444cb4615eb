-- Warehouse tables. Created on every read-write open (IF NOT EXISTS), so opening is enough to migrate
-- a new file. Ids are content hashes made by transform.schema; load_id is the load that first
-- brought the row in. Times are UTC instants (TIMESTAMPTZ).

CREATE TABLE IF NOT EXISTS observations (
    observation_id VARCHAR NOT NULL, -- unique by the load (insert_new.sql), not by an index
    jurisdiction   VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    source_label   VARCHAR,
    metric         VARCHAR NOT NULL,
    unit           VARCHAR NOT NULL,
    period_label   VARCHAR NOT NULL,
    period_start   DATE NOT NULL,
    period_end     DATE NOT NULL,
    period_type    VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    qualifier      VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    source_tier    VARCHAR NOT NULL,
    document_url   VARCHAR NOT NULL,
    published_at   TIMESTAMPTZ,
    fetched_at     TIMESTAMPTZ,
    raw_sha256     VARCHAR,
    quote          VARCHAR,
    derived_from   VARCHAR,
    parser_version VARCHAR NOT NULL,
    load_id        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    source_tier  VARCHAR NOT NULL,
    title        VARCHAR,
    published_at TIMESTAMPTZ,
    language     VARCHAR,
    body         VARCHAR,
    sha256       VARCHAR NOT NULL,
    relevance    VARCHAR,
    fetched_at   TIMESTAMPTZ,
    load_id      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS article_figures (
    figure_id      VARCHAR NOT NULL,
    article_id     VARCHAR NOT NULL,
    jurisdiction   VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    source_label   VARCHAR,
    metric         VARCHAR NOT NULL,
    unit           VARCHAR NOT NULL,
    period_label   VARCHAR,
    period_start   DATE,
    period_end     DATE,
    period_type    VARCHAR,
    value          DOUBLE NOT NULL,
    qualifier      VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    source_tier    VARCHAR NOT NULL,
    document_url   VARCHAR NOT NULL,
    published_at   TIMESTAMPTZ,
    fetched_at     TIMESTAMPTZ,
    raw_sha256     VARCHAR,
    quote          VARCHAR,
    derived_from   VARCHAR,
    parser_version VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    compared_with  VARCHAR,
    char_start     INTEGER,
    char_end       INTEGER,
    confidence     DOUBLE,
    evidence       VARCHAR,
    load_id        VARCHAR NOT NULL
);

-- The ledger: one row per load attempt. Rows of a load are visible to readers only once its row
-- says 'completed' (the row and the data are written in one transaction; 'failed' rows are
-- written afterwards, in their own transaction, with the error in `note`).
CREATE TABLE IF NOT EXISTS loads (
    load_id                  VARCHAR PRIMARY KEY,
    started_at               TIMESTAMPTZ NOT NULL,
    finished_at              TIMESTAMPTZ,
    status                   VARCHAR NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    observations_read        BIGINT NOT NULL DEFAULT 0,
    observations_inserted    BIGINT NOT NULL DEFAULT 0,
    articles_read            BIGINT NOT NULL DEFAULT 0,
    articles_inserted        BIGINT NOT NULL DEFAULT 0,
    article_figures_read     BIGINT NOT NULL DEFAULT 0,
    article_figures_inserted BIGINT NOT NULL DEFAULT 0,
    parquet_files            VARCHAR[],
    note                     VARCHAR
);

-- Every document whose parse was published (rows or not), so that a later run meeting the same
-- bytes again (304, or a body already archived) knows whether they still need parsing.
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR NOT NULL,
    url         VARCHAR NOT NULL,
    source_id   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    fetched_at  TIMESTAMPTZ,
    load_id     VARCHAR NOT NULL
);
ALTER TABLE loads ADD COLUMN IF NOT EXISTS documents_read BIGINT DEFAULT 0;
-- warehouses made before figures carried how sure the reader is of them
ALTER TABLE article_figures ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE article_figures ADD COLUMN IF NOT EXISTS evidence VARCHAR;
ALTER TABLE loads ADD COLUMN IF NOT EXISTS documents_inserted BIGINT DEFAULT 0;

-- For the news flow: where each feed was last read up to.
CREATE TABLE IF NOT EXISTS feed_cursors (
    feed_id                VARCHAR PRIMARY KEY,
    last_item_published_at TIMESTAMPTZ,
    last_item_url          VARCHAR,
    updated_at             TIMESTAMPTZ NOT NULL
);

-- Each series' best observation per period (issue 13), kept up to date by the loads
-- (sql/series_best_merge.sql: only the series and periods a load brought rows for) so that the
-- period_over_period refresh reads one row per key instead of every vintage. The columns of
-- best_observations (the observation's, n_vintages, conflict, conflicting_values), then what a
-- later load needs to update the row without reading the older vintages again: `winner`, the
-- order of the vintage that wins and its group of copies (vintage_order in macros.sql);
-- `key_values`, every distinct value and qualifier given for the key (the conflict check);
-- `last_day`, the latest day any vintage was published (else fetched). A key whose every vintage is undated has no row to show
-- (best_observations leaves it out): its row here has observation_id NULL and only the key.
-- Built from every vintage (sql/series_best_build.sql) by the first load of a new home, at a schema
-- set-up and by a refresh by hand. Rows derived from observations only: re-created empty at every
-- schema set-up, which then builds it (so a warehouse made before it, or with other columns, needs
-- no migration of its own).
CREATE OR REPLACE TABLE series_best (
    observation_id     VARCHAR,
    jurisdiction       VARCHAR NOT NULL,
    category           VARCHAR NOT NULL,
    source_label       VARCHAR,
    metric             VARCHAR NOT NULL,
    unit               VARCHAR NOT NULL,
    period_label       VARCHAR NOT NULL,
    period_start       DATE,
    period_end         DATE,
    period_type        VARCHAR,
    value              DOUBLE,
    qualifier          VARCHAR,
    source_id          VARCHAR,
    source_tier        VARCHAR,
    document_url       VARCHAR,
    published_at       TIMESTAMPTZ,
    fetched_at         TIMESTAMPTZ,
    raw_sha256         VARCHAR,
    quote              VARCHAR,
    derived_from       VARCHAR,
    parser_version     VARCHAR,
    load_id            VARCHAR,
    n_vintages         BIGINT NOT NULL,
    conflict           BOOLEAN NOT NULL,
    conflicting_values DOUBLE[] NOT NULL,
    winner             STRUCT(tier INTEGER, undated BOOLEAN, published BIGINT, unfetched BOOLEAN, fetched BIGINT,
                              id VARCHAR, source_id VARCHAR, source_tier VARCHAR, value DOUBLE, qualifier VARCHAR,
                              day DATE) NOT NULL,
    key_values         STRUCT(value DOUBLE, qualifier VARCHAR)[] NOT NULL,
    last_day           DATE
);
