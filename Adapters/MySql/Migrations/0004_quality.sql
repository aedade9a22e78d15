-- Checked samples of seed 003, as the SQLite store keeps them: findings as JSON, the notification's state in columns
-- so that failures can be listed newest first. Times are UTC ticks.
CREATE TABLE IF NOT EXISTS quality_samples (
    sample_id               VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    instrument_id           VARCHAR(255) NOT NULL,
    instance_id             VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    passed                  BOOLEAN NOT NULL,
    findings                LONGTEXT NOT NULL,
    checked_at              BIGINT NOT NULL,
    notification_status     VARCHAR(16) CHARACTER SET ascii NOT NULL,
    notification_attempts   INT NOT NULL DEFAULT 0,
    notification_error      TEXT NULL,
    notification_updated_at BIGINT NULL,
    PRIMARY KEY (sample_id),
    KEY ix_quality_failures (passed, checked_at, sample_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
