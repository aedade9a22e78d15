-- A cancel the API accepted: recorded in one transaction with a check of the order's row, and read by every status
-- write of the order's workflow, which refuses to complete, fail or move on an order with a request and cancels it
-- instead. Both lock the order's row first (SELECT ... FOR UPDATE), then this one, so they serialize and never
-- deadlock; before the workflow writes the row, the cancel's lock on the missing key holds the insert back.
CREATE TABLE IF NOT EXISTS order_cancel_requests (
    order_id     VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    PRIMARY KEY (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Idempotency keys of POST requests and queue messages: stored in the transaction of the effect they guard, with a
-- fingerprint of the request first sent with them and what it produced (an order number, error-log ids). A key past
-- expires_at (UTC ticks) is forgotten when it is next used.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope       VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    idem_key    VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    fingerprint CHAR(64) CHARACTER SET ascii NOT NULL,
    result      MEDIUMTEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (scope, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
