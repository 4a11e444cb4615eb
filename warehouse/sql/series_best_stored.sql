-- Does series_best hold any row? A load merges its rows into a table that does; into an empty
-- one (a new home's first load, a warehouse migrated to the table) it builds the table at once
-- (series_best_build.sql), which costs less than the merge's two statements and reads the same rows.
SELECT EXISTS (FROM series_best);
