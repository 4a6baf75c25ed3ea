-- The same intent, written safely.
SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (id);

ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

ALTER TABLE users ADD COLUMN last_seen_at timestamptz DEFAULT now();
