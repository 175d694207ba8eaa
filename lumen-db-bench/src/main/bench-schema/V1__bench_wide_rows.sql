-- The benchmark's own wide table (never part of the users' schema in migrations/): array, jsonb and enum
-- columns beside the usual ones, for the wide lookup and insert scenarios. lumen-db-bench's build generates
-- jOOQ classes from this folder (package dev.lumen.db.bench.schema) and BenchFixture applies it after the seed.
CREATE TYPE bench_status AS ENUM ('draft', 'live', 'retired');

CREATE TABLE bench_wide_rows (
    id          uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text         NOT NULL,
    status      bench_status NOT NULL DEFAULT 'draft',
    tags        text[]       NOT NULL DEFAULT '{}',
    scores      integer[],
    attributes  jsonb        NOT NULL DEFAULT '{}'::jsonb,
    amount      numeric(12, 2),
    owner_email text,
    is_public   boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);
