-- Orders of seed 002 and the simulated gateway's payment ledger, as the SQLite stores keep them. Times are UTC ticks
-- (exact round trips), statuses the enum names. Ids compare byte for byte.
CREATE TABLE IF NOT EXISTS orders (
    order_id      VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    item          VARCHAR(200) NOT NULL,
    amount        INT NOT NULL,
    description   VARCHAR(1000) NULL,
    ordered_by    TEXT NOT NULL,
    status        VARCHAR(16) CHARACTER SET ascii NOT NULL,
    payment_id    VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NULL,
    status_reason TEXT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (order_id),
    KEY ix_orders_status (status, updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ORD numbers: one short autocommit UPDATE each, never handed out twice (a number taken by a failed call is skipped).
INSERT IGNORE INTO id_sequences (name, next_id) VALUES ('orders', 1);

-- One capture per charge id: the unique key makes a repeated charge find the first capture.
CREATE TABLE IF NOT EXISTS payments (
    payment_id  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    charge_id   VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    order_id    VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    amount      INT NOT NULL,
    refunded    BOOLEAN NOT NULL DEFAULT FALSE,
    captured_at BIGINT NOT NULL,
    PRIMARY KEY (payment_id),
    UNIQUE KEY ux_payments_charge (charge_id),
    KEY ix_payments_order (order_id, captured_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
