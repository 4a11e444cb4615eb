-- Whether the warehouse holds any observation (a new home holds none: nothing to refresh yet).
SELECT EXISTS (FROM observations);
