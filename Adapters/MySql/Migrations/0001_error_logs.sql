-- The Logs table of seed 001, with 64-bit ids and time stamps. The two keys serve the 10 most recent, overall and per
-- device, as a short backward index scan instead of a sort. device_id compares byte for byte and without padding
-- (a binary NO PAD collation), so Dev and dev, or dev with a trailing space, are different devices, as in any store.
CREATE TABLE IF NOT EXISTS Logs (
    error_log_id BIGINT NOT NULL AUTO_INCREMENT,
    device_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    error_number INT NOT NULL,
    time_stamp BIGINT NOT NULL,
    PRIMARY KEY (error_log_id),
    KEY IX_Logs_Recent (time_stamp, error_log_id),
    KEY IX_Logs_Device_Recent (device_id, time_stamp, error_log_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Blocks of ids that stores take a few thousand at a time (hi/lo), so that they know every id of a multi-row INSERT
-- before it commits, whatever innodb_autoinc_lock_mode is, and can tell after a lost connection whether it committed.
CREATE TABLE IF NOT EXISTS id_sequences (
    name VARCHAR(64) NOT NULL,
    next_id BIGINT NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT IGNORE INTO id_sequences (name, next_id) SELECT 'Logs', COALESCE(MAX(error_log_id), 0) + 1 FROM Logs;
