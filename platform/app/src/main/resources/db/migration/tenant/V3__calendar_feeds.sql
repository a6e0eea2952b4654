-- A customer's private calendar feed: the URL holds a secret token, stored here only as its hash. One live feed
-- per customer; revoking or rotating it makes the old URL stop working.
CREATE TABLE calendar_feeds (
    customer_id  uuid        PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at   timestamptz NOT NULL
);
