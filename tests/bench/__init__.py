"""The benchmark (`make bench`): one module of cases per area, run and reported by runner.py.

- core.py: Case, Context, timers (ratios against a baseline in the same run, optional goals)
- data.py: bench data made only of real published figures from the fixture site
- warehouse_cases.py: load, load_again, pop, report
- parse_cases.py: csc_parse
- figure_cases.py: figures (chars/s)
"""
