-- Small pure functions shared by the views. Created on every read-write open.

-- official_table > official_text > media (1 is best)
CREATE OR REPLACE MACRO tier_rank(tier) AS
    CASE tier WHEN 'official_table' THEN 1 WHEN 'official_text' THEN 2 WHEN 'media' THEN 3 ELSE 4 END;

-- One publication in several languages (the CSC page as hkpf_csc_en / _tc / _sc) is one source
-- family; language_rank puts the English copy first (0), then the others (1).
-- (the suffix is cut by string functions, not a regex: best_observations compares the family of
-- every vintage, and a regex per row was a tenth of a load at 100k rows; issue 13)
CREATE OR REPLACE MACRO source_family(source_id) AS
    CASE WHEN right(source_id, 3) IN ('_en', '_tc', '_sc', '_zh') THEN left(source_id, length(source_id) - 3)
         ELSE source_id END;
CREATE OR REPLACE MACRO language_rank(source_id, url) AS
    CASE WHEN source_id LIKE '%\_en' ESCAPE '\' OR url LIKE '%/ppp\_en/%' ESCAPE '\' THEN 0 ELSE 1 END;

-- The day a vintage counts as published on (else fetched), in UTC: copies of one publication share
-- it. (From the instant's microseconds: a cast of a TIMESTAMPTZ to DATE goes through the session's
-- time zone calendar, ten times the cost, and was a fifth of a load's refresh at 100k rows; the
-- same day in a UTC session, which every connection of warehouse.db is. Infinities as cast.)
CREATE OR REPLACE MACRO vintage_day(published, fetched) AS
    CASE WHEN isfinite(coalesce(published, fetched))
         THEN CAST(make_timestamp(epoch_us(coalesce(published, fetched))) AS DATE)
         ELSE CAST(coalesce(published, fetched) AS DATE) END;

-- The two orders of best_observations, as structs whose least is the row that goes first (issue 13:
-- the stored series_best table keeps the winner's, so a load can compare a new vintage with it).
-- vintage_order picks the winner of a key: highest tier, then latest publication (a file with no
-- stated date counting as published when fetched; undated last), then latest fetch (nulls last),
-- then observation_id; the fields after the id (unique) never decide, they carry the winner's
-- group of copies: its source (whose source_family is the group's), tier, value, qualifier and day
-- (the source id rather than its family: the family, computed for every vintage, was a fifth of the
-- order's cost; it is computed for the winners only). shown_order picks, among the
-- copies in that group, the one shown: the English copy first, then latest publication, latest
-- fetch, observation_id.
CREATE OR REPLACE MACRO vintage_order(source_id, tier, value, qualifier, published, fetched, id) AS {
    'tier': tier_rank(tier),
    'undated': coalesce(published, fetched) IS NULL,
    'published': coalesce(-epoch_us(coalesce(published, fetched)), 0),
    'unfetched': fetched IS NULL,
    'fetched': coalesce(-epoch_us(fetched), 0),
    'id': id,
    'source_id': source_id,
    'source_tier': tier,
    'value': value,
    'qualifier': qualifier,
    'day': vintage_day(published, fetched)
};
CREATE OR REPLACE MACRO shown_order(source_id, url, published, fetched, id) AS {
    'language': language_rank(source_id, url),
    'published': coalesce(-epoch_us(coalesce(published, fetched)), 0),
    'unfetched': fetched IS NULL,
    'fetched': coalesce(-epoch_us(fetched), 0),
    'id': id
};

-- The canonical label of a period from its dates and type (DESIGN "Periods"): 2023, 2023-H1,
-- 2023-Q2, 2023-06, 2025-01/2025-07.
CREATE OR REPLACE MACRO period_label_of(s, e, t) AS
    CASE t
        WHEN 'year' THEN strftime(s, '%Y')
        WHEN 'half' THEN strftime(s, '%Y') || '-H' || CAST((month(s) + 5) // 6 AS VARCHAR)
        WHEN 'quarter' THEN strftime(s, '%Y') || '-Q' || CAST(quarter(s) AS VARCHAR)
        WHEN 'month' THEN strftime(s, '%Y-%m')
        ELSE strftime(s, '%Y-%m') || '/' || strftime(e, '%Y-%m')
    END;

-- The place value of the last significant digit of a published figure:
-- 2030000000 (HK$2.03 billion) -> 10000000; 15637 -> 1; 47.3 -> 0.1. An approximate figure or a
-- bound is taken to be rounded to that digit.
CREATE OR REPLACE MACRO rounding_step(v) AS
    CASE WHEN v IS NULL OR v = 0 THEN 1 ELSE
        pow(10, list_max(list_filter(range(-3, 16),
            lambda k: abs(v - round(v / pow(10, k)) * pow(10, k)) < 1e-9 * greatest(1, abs(v)))))
    END;

-- How far apart two figures for one period may be and still be the same number, rounded:
--   count   : 0.5 (published counts are whole numbers: any difference is a difference)
--   percent : 0.05 (percentages are published with one decimal)
--   money and other units: 0.5% of the larger value (HK$2.03 billion vs 2 031 456 789)
-- widened, for an approximate figure or a bound, to half its last significant digit
-- ("about HK$9 billion" matches anything from 8.5 to 9.5 billion).
CREATE OR REPLACE MACRO value_tolerance(unit, a, qa, b, qb) AS
    greatest(
        CASE unit WHEN 'count' THEN 0.5 WHEN 'percent' THEN 0.05
                  ELSE 0.005 * greatest(abs(a), abs(b)) END,
        CASE WHEN qa <> 'exact' THEN rounding_step(a) / 2 ELSE 0 END,
        CASE WHEN qb <> 'exact' THEN rounding_step(b) / 2 ELSE 0 END
    );

-- Do two published figures for one period agree, allowing for rounding and for bounds?
-- "more than X" agrees with any value >= X (minus tolerance); "less than X" with any value <= X;
-- two bounds of the same direction always agree.
-- (values_agree_within takes the tolerance as given: a query that computes value_tolerance once
-- per pair, as a column, plans far faster, since values_agree expands it, with its two rounding
-- steps, five times; series_best_rows in views.sql, issue 13.)
CREATE OR REPLACE MACRO values_agree_within(a, qa, b, qb, tolerance) AS
    CASE
        WHEN qa IN ('more_than', 'less_than') AND qa = qb THEN true
        WHEN qa = 'more_than' THEN b >= a - tolerance
        WHEN qa = 'less_than' THEN b <= a + tolerance
        WHEN qb = 'more_than' THEN a >= b - tolerance
        WHEN qb = 'less_than' THEN a <= b + tolerance
        ELSE abs(a - b) <= tolerance
    END;
CREATE OR REPLACE MACRO values_agree(unit, a, qa, b, qb) AS
    values_agree_within(a, qa, b, qb, value_tolerance(unit, a, qa, b, qb));

-- The periods a period is compared with, by date arithmetic (used by the period_calendar view):
--   year_ago: the same months one year earlier (2024-02, ending 02-29, -> 2023-02 ending 02-28;
--             2025-01/2025-07 -> 2024-01/2024-07, never the whole of 2024);
--   previous: the period of the same type ending the day before this one starts
--             (2023-Q1 -> 2022-Q4, 2023-01 -> 2022-12); none for a span of months.
CREATE OR REPLACE MACRO period_step(t) AS
    CASE t
        WHEN 'year' THEN INTERVAL 12 MONTH
        WHEN 'half' THEN INTERVAL 6 MONTH
        WHEN 'quarter' THEN INTERVAL 3 MONTH
        WHEN 'month' THEN INTERVAL 1 MONTH
    END;

CREATE OR REPLACE MACRO period_shift(s, e, t) AS
    {
        'year_ago_label': period_label_of(CAST(s - INTERVAL 1 YEAR AS DATE),
                                          last_day(CAST(e - INTERVAL 1 YEAR AS DATE)), t),
        'year_ago_start': CAST(s - INTERVAL 1 YEAR AS DATE),
        'year_ago_end': last_day(CAST(e - INTERVAL 1 YEAR AS DATE)),
        'previous_label': CASE WHEN period_step(t) IS NOT NULL
                               THEN period_label_of(CAST(s - period_step(t) AS DATE), NULL, t) END,
        'previous_start': CAST(s - period_step(t) AS DATE),
        'previous_end': CASE WHEN period_step(t) IS NOT NULL THEN CAST(s - INTERVAL 1 DAY AS DATE) END
    };

-- A document under the sample host: a page this project wrote (extract/sample.py, sql/sample.sql).
CREATE OR REPLACE MACRO is_sample_url(u) AS coalesce(starts_with(u, 'https://sample.cyberstats.invalid/'), false);
