-- Named roles that users can hold.
CREATE TABLE roles (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL CONSTRAINT roles_name_key UNIQUE
                            CONSTRAINT roles_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE roles IS 'Named roles (admin, editor, ...) that users hold through user_roles.';

CREATE TRIGGER roles_set_updated_at
    BEFORE UPDATE ON roles
    FOR EACH ROW EXECUTE FUNCTION lumen_set_updated_at();
