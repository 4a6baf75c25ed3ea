-- The same intent, written safely.
SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY orders_user_recent_idx ON orders (user_id, id DESC);

ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

ALTER TABLE users ADD COLUMN last_seen_at timestamptz DEFAULT now();
