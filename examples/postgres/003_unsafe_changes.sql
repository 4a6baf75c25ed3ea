-- A migration that would hurt on a busy production database.
CREATE INDEX orders_user_id_idx ON orders (user_id);

ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);

ALTER TABLE users ADD COLUMN api_key uuid DEFAULT gen_random_uuid();

ALTER TABLE users ALTER COLUMN email SET NOT NULL;

ALTER TABLE orders DROP COLUMN total_cents;
