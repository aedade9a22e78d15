-- The acquisition time is stored with the verdict (UTC ticks), so an operator's retry rebuilds the notification from the
-- row alone, even after the sample's workflow is purged. Rows stored before this column keep NULL: their retry is
-- refused with a 409 that says so. MySQL 8 has no ADD COLUMN IF NOT EXISTS, so a throwaway procedure makes the
-- script safe to run again.
DROP PROCEDURE IF EXISTS portable_migration_0008;
CREATE PROCEDURE portable_migration_0008()
MODIFIES SQL DATA
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.COLUMNS
                   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'quality_samples' AND COLUMN_NAME = 'acquired_at') THEN
        ALTER TABLE quality_samples ADD COLUMN acquired_at BIGINT NULL AFTER checked_at;
    END IF;
END;
CALL portable_migration_0008();
DROP PROCEDURE portable_migration_0008;
