-- Rate-limit buckets shared by every node, in the layout Bucket4j's PostgreSQL proxy manager reads and writes.
-- Ids are <limit>:<tenant slug or platform>:<sha-256 of the key>, so no row names a person.
CREATE TABLE rate_limit_buckets (
    id          text PRIMARY KEY,
    -- Bucket4j's serialized bucket; null only between its INSERT of a new id and the UPDATE that follows.
    state       bytea,
    -- Epoch milliseconds at which the bucket is full again and the row can be deleted (RateLimiter.deleteExpired).
    -- Not indexed on purpose: it changes on every request, and without an index each update can stay a cheap
    -- HOT update; the cleanup's scan of a table holding only recently active keys is cheap and infrequent.
    expires_at  bigint
);
