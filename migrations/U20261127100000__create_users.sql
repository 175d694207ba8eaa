DROP TABLE users;
DROP FUNCTION lumen_set_updated_at();
