-- Which user holds which role. The primary key forbids assigning a role twice.
CREATE TABLE user_roles (
    user_id     uuid        NOT NULL CONSTRAINT user_roles_user_fk REFERENCES users (id) ON DELETE CASCADE,
    role_id     uuid        NOT NULL CONSTRAINT user_roles_role_fk REFERENCES roles (id) ON DELETE CASCADE,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, role_id)
);

COMMENT ON TABLE user_roles IS 'User <-> role assignments.';

-- The primary key serves "roles of a user"; this serves "users of a role" and the role foreign key.
CREATE INDEX idx_user_roles_role ON user_roles (role_id);
