-- Feature flags with structured configuration.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE new_features (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL CONSTRAINT new_features_name_length CHECK (char_length(name) BETWEEN 1 AND 255),
    description text,
    is_enabled  boolean     NOT NULL DEFAULT false,
    config      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

COMMENT ON TABLE new_features IS 'Feature flags; rows with deleted_at set are soft-deleted and hidden from reads.';

-- The two partial indexes of the original schema.
CREATE INDEX idx_new_features_name ON new_features (name) WHERE deleted_at IS NULL;
CREATE INDEX idx_new_features_enabled ON new_features (is_enabled) WHERE deleted_at IS NULL;

-- Serves case-insensitive "name contains" search (lower(name) LIKE '%term%', as jOOQ's containsIgnoreCase
-- renders it) through trigrams.
CREATE INDEX idx_new_features_name_trgm ON new_features USING gin (lower(name) gin_trgm_ops) WHERE deleted_at IS NULL;

-- Serves "newest first" listings and keyset pages over (created_at, id).
CREATE INDEX idx_new_features_created ON new_features (created_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TRIGGER new_features_set_updated_at
    BEFORE UPDATE ON new_features
    FOR EACH ROW EXECUTE FUNCTION lumen_set_updated_at();
