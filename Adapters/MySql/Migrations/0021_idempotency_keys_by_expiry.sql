-- The hourly sweep deletes expired idempotency keys in batches, the longest expired first: DELETE ... WHERE expires_at
-- <= ? ORDER BY expires_at LIMIT n walks this index from its start and reads no live key, where without it every batch
-- would scan the table. MySQL 8 has no CREATE INDEX IF NOT EXISTS, so a throwaway procedure makes the script safe to
-- run again.
DROP PROCEDURE IF EXISTS portable_migration_0021;
CREATE PROCEDURE portable_migration_0021()
MODIFIES SQL DATA
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS
                   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'idempotency_keys' AND INDEX_NAME = 'ix_idempotency_keys_expires') THEN
        ALTER TABLE idempotency_keys ADD INDEX ix_idempotency_keys_expires (expires_at);
    END IF;
END;
CALL portable_migration_0021();
DROP PROCEDURE portable_migration_0021;
