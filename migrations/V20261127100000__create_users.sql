-- Users of the Lumen backend. Emails are unique among live (not soft-deleted) rows, ignoring case.

-- Keeps updated_at honest for every table that has one: the database, not the application, stamps it.
CREATE FUNCTION lumen_set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL CONSTRAINT users_email_length CHECK (char_length(email) BETWEEN 3 AND 320),
    password_hash text        NOT NULL,
    first_name    text        NOT NULL DEFAULT '',
    last_name     text        NOT NULL DEFAULT '',
    is_verified   boolean     NOT NULL DEFAULT false,
    is_active     boolean     NOT NULL DEFAULT true,
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);

COMMENT ON TABLE users IS 'Accounts; rows with deleted_at set are soft-deleted and hidden from reads.';
COMMENT ON COLUMN users.password_hash IS 'A password hash (never a password); never logged.';

-- Case-insensitive uniqueness among live rows; also serves lookups by lower(email).
CREATE UNIQUE INDEX users_email_live_key ON users (lower(email)) WHERE deleted_at IS NULL;

-- Serves "active users ordered by last login".
CREATE INDEX idx_users_active_login ON users (is_active, last_login_at) WHERE deleted_at IS NULL;

CREATE TRIGGER users_set_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION lumen_set_updated_at();
