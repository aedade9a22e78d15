-- Failed samples are listed by instrument, newest first and paged: WHERE passed = FALSE AND instrument_id = ? ORDER BY
-- checked_at DESC, sample_id DESC walks this index backwards, without a sort. Instrument ids compare byte for byte, as
-- sample ids do and as SQLite compares them, so a filter names exactly one instrument. MySQL 8 has no
-- CREATE INDEX IF NOT EXISTS, so a throwaway procedure makes the script safe to run again.
DROP PROCEDURE IF EXISTS portable_migration_0020;
CREATE PROCEDURE portable_migration_0020()
MODIFIES SQL DATA
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS
                   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'quality_samples' AND INDEX_NAME = 'ix_quality_failures_instrument') THEN
        ALTER TABLE quality_samples
            MODIFY instrument_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
            ADD INDEX ix_quality_failures_instrument (passed, instrument_id, checked_at, sample_id);
    END IF;
END;
CALL portable_migration_0020();
DROP PROCEDURE portable_migration_0020;
