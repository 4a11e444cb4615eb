-- The series the warehouse holds (visible published values plus derived ones), for error messages.
SELECT DISTINCT jurisdiction, category, metric FROM best_and_derived ORDER BY ALL;
