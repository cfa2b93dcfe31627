-- A voter-file-shaped table of :n rows for the warehouse benchmark (issue 18):
--   psql -v n=10000000 -f scripts/bench/pg_voters.sql
-- Deterministic: the same n gives the same rows.
DROP TABLE IF EXISTS public.voters;
CREATE TABLE public.voters AS
SELECT
  g AS voter_id,
  (ARRAY['Barnstable', 'Berkshire', 'Bristol', 'Dukes', 'Essex', 'Franklin', 'Hampden',
         'Hampshire', 'Middlesex', 'Nantucket', 'Norfolk', 'Plymouth', 'Suffolk',
         'Worcester'])[1 + (g::bigint * 7919) % 14] AS county,
  'First' || (g % 997) AS first_name,
  'Last' || (g % 4999) AS last_name,
  1930 + (g % 75) AS birth_year,
  DATE '2000-01-01' + (g % 9000) AS registered,
  (ARRAY['D', 'R', 'U', 'G', 'L'])[1 + g % 5] AS party,
  lpad((g % 2150)::text, 4, '0') AS precinct
FROM generate_series(1, :n) AS g;
ANALYZE public.voters;
